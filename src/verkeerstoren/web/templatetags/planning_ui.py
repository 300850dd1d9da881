# SPDX-License-Identifier: EUPL-1.2
"""Template helpers of the planning pages: labels, reasons in words, the case page's plan line."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verkeerstoren.access import may_edit_planning, may_view_planning
from verkeerstoren.plans.models import PlanAssignment, PlanVersion
from verkeerstoren.web.common.labels import label
from verkeerstoren.web.planning.reasons import PACKAGES, reason_text

register = template.Library()

MODES: dict[str, Promise] = {
    "oral": gettext_lazy("Oral"),
    "video": gettext_lazy("Video"),
    "written": gettext_lazy("Written"),
}
STAGES: dict[str, Promise] = {
    "building": gettext_lazy("Building the instance from the register"),
    "baselines": gettext_lazy("Computing the FIFO and EDF baselines"),
    "solving": gettext_lazy("Optimising"),
    "checking": gettext_lazy("Checking the plan"),
    "storing": gettext_lazy("Storing the version"),
}
IGNORED: dict[str, Promise] = {
    "case_not_in_plan": gettext_lazy("the case is not open in this plan's stream"),
    "officer_not_in_plan": gettext_lazy("the officer is not among this plan's officers"),
    "week_outside_horizon": gettext_lazy("the week lies outside this plan's horizon"),
}


@register.filter
def may_plan(user: Any) -> bool:
    """{% if user|may_plan %}: the layout offers planning only to the IND roles."""
    return may_view_planning(user)


@register.filter
def may_edit_plan(user: Any) -> bool:
    return may_edit_planning(user)


@register.filter
def mode_label(code: str | None) -> str:
    return str(MODES.get(code or "", "—"))


@register.filter
def stream_label(code: str) -> str:
    if code == "all":
        return _("All streams")
    return label("stream", code)


@register.filter
def stage_label(code: str) -> str:
    return str(STAGES.get(code, code))


@register.filter
def ignored_label(code: str) -> str:
    return str(IGNORED.get(code, code))


@register.filter
def eur(value: float | None) -> str:
    """Whole euros in the reader's number format (the cents are noise at plan scale)."""
    if value is None:
        return "—"
    return "€ " + number_format(round(value), 0, use_l10n=True, force_grouping=True)


@register.filter
def reasons(assignment: PlanAssignment, show_features: bool = True) -> list[str]:
    """The assignment's reasons in words, without repeats (hidden specialisms collapse)."""
    out: list[str] = []
    for reason in assignment.reasons:
        text = reason_text(reason, bool(show_features))
        if text not in out:
            out.append(text)
    return out


@register.filter
def packages_text(assignment: PlanAssignment) -> str:
    """Who does the outsourceable packages: '—' when the officer does all work."""
    parts = []
    for package, firm in (("prepare", assignment.prepare_by), ("draft", assignment.draft_by)):
        if firm is not None:
            parts.append(f"{PACKAGES[package]}: {firm.code}")
    return "; ".join(parts) or _("all by the officer")


@register.inclusion_tag("web/planning/_case_planning.html", takes_context=True)
def case_planning(context: template.Context, case: Any) -> dict[str, Any]:
    """The case's place in the published plan (else the newest draft), for IND roles."""
    request = context.get("request")
    user = getattr(request, "user", None)
    visibility = context.get("visibility")
    if user is None or not may_view_planning(user):
        return {"show": False}
    rows = PlanAssignment.objects.filter(case=case).select_related(
        "version", "officer", "prepare_by", "draft_by"
    )
    assignment = (
        rows.filter(version__status=PlanVersion.Status.PUBLISHED)
        .order_by("-version__published_at", "-version__pk")
        .first()
        or rows.filter(version__status=PlanVersion.Status.DRAFT)
        .order_by("-version__created_at", "-version__pk")
        .first()
    )
    return {
        "show": True,
        "assignment": assignment,
        "show_features": bool(getattr(visibility, "features", False)),
    }
