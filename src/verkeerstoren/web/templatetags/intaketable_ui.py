# SPDX-License-Identifier: EUPL-1.2
"""Template helpers of the intake table: the menu entry, and the case page's section with the
intake table's decisions (IND's route for the IND roles, COA's reception for them and COA)."""

from __future__ import annotations

from typing import Any

from django import template

from verkeerstoren.access import (
    may_see_intake_decision,
    may_see_intake_table,
    may_see_reception_decision,
    visibility_for,
)
from verkeerstoren.intaketable.models import IntakeDecision, ReceptionDecision
from verkeerstoren.web.intaketable.display import decided_route, stored_route

register = template.Library()


@register.filter
def may_see_intake(user: Any) -> bool:
    """{% if user|may_see_intake %}: the menu offers the intake table."""
    return may_see_intake_table(user)


@register.inclusion_tag("web/intaketable/_case_section.html", takes_context=True)
def intake_decisions(context: template.Context, case: Any) -> dict[str, Any]:
    """IND's route (proposal against decision, who, when, why) and COA's reception of ``case``."""
    request = context.get("request")
    user = getattr(request, "user", None)
    out: dict[str, Any] = {"decision": None, "reception": None}
    if may_see_intake_decision(user):
        decision = (
            IntakeDecision.objects.filter(case=case)
            .select_related("location", "decided_by")
            .first()
        )
        if decision is not None:
            out["decision"] = decision
            out["route"] = decided_route(decision)
            out["proposal"] = stored_route(decision.proposal)
            # Competences and the override's reason can tell the motive: IND management and
            # other roles without feature visibility get the route without them.
            out["motives"] = visibility_for(user).features
    if may_see_reception_decision(user):
        out["reception"] = (
            ReceptionDecision.objects.filter(case=case)
            .select_related("location", "confirmed_by")
            .first()
        )
    out["shown"] = out["decision"] is not None or out["reception"] is not None
    return out
