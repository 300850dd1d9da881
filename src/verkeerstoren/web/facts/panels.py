# SPDX-License-Identifier: EUPL-1.2
"""The fact forms of one case page, fresh or as the user submitted them.

A refused POST renders the case page again (through the register's own view); the refused form
rides along on the request, keyed like the form it replaces, so that its section shows the
user's input and the messages at their fields while the other forms start afresh.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest

from verkeerstoren.cases.models import Case, DossierItem, LegalEvent

from .forms import (
    EVENT_FIELDS,
    CorrectionForm,
    DossierItemForm,
    EventForm,
    HearingModeForm,
    StatusForm,
)

_ATTR = "_verkeerstoren_refused_fact_form"


def keep_refused(request: HttpRequest, key: str, form: forms.Form) -> None:
    """Have the next rendering of the case page show ``form`` in place of its fresh copy."""
    setattr(request, _ATTR, (key, form))


def _refused(request: Any, key: str) -> forms.Form | None:
    kept = getattr(request, _ATTR, None)
    return kept[1] if kept is not None and kept[0] == key else None


def _initial(case: Case) -> dict[str, Any]:
    return {"version": case.version}


def event_forms(request: Any, case: Case) -> list[EventForm]:
    """One form per kind of legal event."""
    out = []
    for kind in EVENT_FIELDS:
        form = _refused(request, f"event:{kind}")
        out.append(
            form if isinstance(form, EventForm) else EventForm(kind=kind, initial=_initial(case))
        )
    return out


def correction_forms(request: Any, case: Case, events: list[LegalEvent]) -> list[CorrectionForm]:
    """One form per event in force (a superseded event or a retraction is not corrected again)."""
    out = []
    for event in LegalEvent.in_force_of(events):
        form = _refused(request, f"correct:{event.pk}")
        if not isinstance(form, CorrectionForm):
            form = CorrectionForm(event=event, initial=_initial(case))
        out.append(form)
    return out


def status_form(request: Any, case: Case) -> StatusForm:
    form = _refused(request, "status")
    return form if isinstance(form, StatusForm) else StatusForm(case=case, initial=_initial(case))


def dossier_form(request: Any, case: Case, item: DossierItem) -> DossierItemForm:
    form = _refused(request, f"dossier:{item.kind}")
    if isinstance(form, DossierItemForm):
        return form
    return DossierItemForm(item_kind=item.kind, initial=_initial(case))


def hearing_form(request: Any, case: Case) -> HearingModeForm:
    form = _refused(request, "hearing")
    if isinstance(form, HearingModeForm):
        return form
    return HearingModeForm(case=case, initial=_initial(case))
