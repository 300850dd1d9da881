# SPDX-License-Identifier: EUPL-1.2
"""Template helpers of the hearing pages: slot names and the case page's hearing section."""

from __future__ import annotations

from typing import Any

from django import template

from verkeerstoren.access import may_record_facts, may_view_hearings
from verkeerstoren.hearings.queries import case_hearing as _case_hearing
from verkeerstoren.hearings.slots import slot_label

register = template.Library()


@register.filter
def slot_name(slot: int | None) -> str:
    """The slot's name (morning, afternoon) in the reader's language."""
    return slot_label(slot)


@register.inclusion_tag("web/hearings/_case_hearing.html", takes_context=True)
def case_hearing(context: Any, case: Any) -> dict[str, Any]:
    """The case's hearing (status and date) for the IND roles; held or cancelled buttons for
    those who record facts, bringing them back to the case page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "hearing": _case_hearing(case) if may_view_hearings(user) else None,
        "may_record": may_record_facts(user),
        "here": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("web/hearings/_transport_table.html", takes_context=True)
def coa_transport(context: Any) -> dict[str, Any]:
    """The transport list of the newest week in force (its case reads logged)."""
    from verkeerstoren.cases.access import record_case_reads
    from verkeerstoren.hearings.queries import transport_list, weeks_in_force

    weeks = weeks_in_force()
    week_start = weeks[0].week_start if weeks else None
    rows = transport_list(week_start) if week_start else []
    request = context.get("request")
    if rows and request is not None:
        record_case_reads(request, "list", "hearings.transport", [h.case for h in rows],
                          detail=f"dashboard week {week_start}")  # fmt: skip
    return {"rows": rows, "week_start": week_start}


@register.filter
def hearings_menu(user: Any) -> str:
    """The hearing page the user's menu links to: the schedules (IND), the planning list
    (legal aid) or the transport list (COA); empty for the others."""
    from django.urls import reverse

    from verkeerstoren.access import may_view_own_hearings, may_view_transport_list

    if may_view_hearings(user):
        return reverse("hearings_home")
    if may_view_own_hearings(user):
        return reverse("hearings_lawyer")
    if may_view_transport_list(user):
        return reverse("hearings_transport")
    return ""
