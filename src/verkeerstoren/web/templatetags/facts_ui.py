# SPDX-License-Identifier: EUPL-1.2
"""Template tags that draw the fact forms into the case page's sections (web/facts).

Each tag renders nothing for a user who may not record facts. The page's context holds the
case and the rows the register's view loaded; the tags add no query per row.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth import get_user_model
from django.template.defaultfilters import date as date_filter
from django.utils.translation import gettext as _

from verkeerstoren.access import may_record_facts, may_register_applications
from verkeerstoren.cases.models import DossierItem, LegalEvent
from verkeerstoren.web.facts import panels

register = template.Library()


def _base(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    # A page shown as of another day (the as-of switch) shows the law of that day: facts are
    # recorded on the register's own page.
    other_day = getattr(context.get("as_of"), "day", None) is not None
    return {
        "show": user is not None and may_record_facts(user) and not other_day,
        "case": context.get("case"),
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }


@register.filter
def may_register(user: Any) -> bool:
    """{% if user|may_register %}: the menu offers the new-application page."""
    return may_register_applications(user)


@register.filter
def may_record(user: Any) -> bool:
    return may_record_facts(user)


@register.filter
def has_field_errors(form: Any) -> bool:
    """Whether a visible field of ``form`` carries a message (the summary points to them)."""
    return any(field.errors for field in form.visible_fields())


@register.inclusion_tag("web/facts/_legal.html", takes_context=True)
def legal_event_forms(context: template.Context, events: list[LegalEvent]) -> dict[str, Any]:
    """Forms to record each kind of legal event and to correct each event in force."""
    out = _base(context)
    if out["show"]:
        out["record_forms"] = panels.event_forms(out["request"], out["case"])
        out["correction_forms"] = panels.correction_forms(out["request"], out["case"], events)
    return out


@register.inclusion_tag("web/facts/_status.html", takes_context=True)
def status_form(context: template.Context) -> dict[str, Any]:
    out = _base(context)
    if out["show"]:
        out["form"] = panels.status_form(out["request"], out["case"])
    return out


@register.inclusion_tag("web/facts/_hearing.html", takes_context=True)
def hearing_mode(context: template.Context) -> dict[str, Any]:
    """The hearing mode, for every reader of the case; its form for those who record facts."""
    out = _base(context)
    if out["show"]:
        out["form"] = panels.hearing_form(out["request"], out["case"])
    return out


@register.inclusion_tag("web/facts/_dossier_action.html", takes_context=True)
def dossier_action(context: template.Context, item: DossierItem) -> dict[str, Any]:
    """A "complete" button for an open item."""
    out = _base(context)
    out["item"] = item
    if out["show"] and not item.done:
        out["form"] = panels.dossier_form(out["request"], out["case"], item)
        # After an item is completed the focus moves to the next open one.
        request = out["request"]
        items = getattr(context.get("detail"), "dossier_items", None) or []
        first_open = next((i for i in items if not i.done), None)
        out["focus"] = request.GET.get("done") == "dossier" and first_open is item
    return out


@register.simple_tag(takes_context=True)
def dossier_done_by(context: template.Context, item: DossierItem) -> str:
    """Who completed the item; the users of all the page's items are read in one query."""
    if item.done_by_id is None:
        return "—"
    names: dict[int, str] | None = context.render_context.get("dossier_done_by")
    if names is None:
        items = context.get("detail").dossier_items or []  # type: ignore[union-attr]
        ids = {i.done_by_id for i in items if i.done_by_id is not None}
        users = get_user_model().objects.filter(pk__in=ids)
        names = {u.pk: u.get_username() for u in users}
        context.render_context["dossier_done_by"] = names
    return names.get(item.done_by_id, "—")


@register.simple_tag
def event_note(event: LegalEvent, events: list[LegalEvent]) -> str:
    """Whether ``event`` was corrected or retracted, or corrects another one; with the reason."""
    later = next((e for e in events if e.supersedes_id == event.pk), None)
    if later is not None and later.retraction:
        return _("Retracted: %(reason)s.") % {"reason": later.reason}
    if later is not None:
        day = date_filter(later.date, "SHORT_DATE_FORMAT")
        return _("Corrected by the event of %(day)s: %(reason)s.") % {
            "day": day,
            "reason": later.reason,
        }
    earlier = next((e for e in events if e.pk == event.supersedes_id), None)
    if earlier is not None:
        day = date_filter(earlier.date, "SHORT_DATE_FORMAT")
        if event.retraction:
            return _("Retraction of the event of %(day)s.") % {"day": day}
        return _("Correction of the event of %(day)s.") % {"day": day}
    if event.reason:
        return _("Reason: %(reason)s.") % {"reason": event.reason}
    return ""
