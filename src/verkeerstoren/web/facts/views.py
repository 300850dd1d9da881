# SPDX-License-Identifier: EUPL-1.2
"""Thin views of the fact forms: access check, form, one service of cases.facts, redirect.

A recorded fact redirects to the case page (POST/redirect/GET; htmx follows the redirect and
swaps the page's main content in). A refused one renders the case page again with the form as
submitted: 400 with the messages at their fields (FactError), 409 when the case changed since
the user opened it (StaleError). htmx swaps only 2xx responses, so its requests get the same
page with 200.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from verkeerstoren.access import may_record_facts, may_register_applications, may_view_register
from verkeerstoren.cases import facts
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.cases.models import Case, LegalEvent
from verkeerstoren.hearings.services import check_status_change
from verkeerstoren.web.common.labels import label
from verkeerstoren.web.register import views as register_views

from .fields import STALE, show_refusal
from .forms import (
    EVENT_FIELDS,
    CorrectionForm,
    DossierItemForm,
    EventForm,
    HearingModeForm,
    StatusForm,
)
from .intake import FIELD_NAMES, ApplicationForm
from .panels import keep_refused

# The case page's section of each kind of fact (its heading's id).
SECTIONS = {
    "legal": "legal-heading",
    "status": "history-heading",
    "dossier": "dossier-heading",
    "hearing": "hearing-heading",
}


def _case(request: HttpRequest, reference: str) -> Case:
    if not may_record_facts(request.user):
        raise PermissionDenied
    return get_object_or_404(Case, reference=reference)


def _status(request: HttpRequest, code: int) -> int:
    return 200 if request.headers.get("HX-Request") else code


def _submit(
    request: HttpRequest,
    case: Case,
    key: str,
    form: forms.Form,
    record: Callable[[dict[str, Any]], object],
    done: str,
    section: str,
    still_shown: Callable[[], bool] = lambda: True,
) -> HttpResponse:
    """Validate ``form``, call ``record`` with its cleaned data, and answer the browser."""
    status = 400
    if form.is_valid():
        try:
            record(form.cleaned_data)
        except facts.FactError as exc:
            show_refusal(form, exc)
        except facts.StaleError as exc:
            # The page drawn below shows the case as it is now; the form keeps the user's
            # entry with the version they now see, so a resubmission is a decision on it.
            data = request.POST.copy()
            data[form.add_prefix("version")] = str(exc.current)
            form.data = data
            form.add_error(None, str(STALE))
            status = 409
        else:
            messages.success(request, done)
            # ?done= tells the page which section to put the focus in (facts_ui).
            url = reverse("case_detail", args=[case.reference])
            return redirect(f"{url}?done={section}#{SECTIONS[section]}")
    if not still_shown():
        # The form's row is gone from the page (an item done, an event corrected meanwhile).
        for error in form.non_field_errors():
            messages.error(request, str(error))
    keep_refused(request, key, form)
    response = register_views.case_detail(request, case.reference)
    response.status_code = _status(request, status)
    return response


@login_required
@require_POST
def record_event(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    case = _case(request, reference)
    if kind not in EVENT_FIELDS:
        raise Http404
    form = EventForm(request.POST, kind=kind)

    def record(data: dict[str, Any]) -> object:
        return facts.record_legal_event(
            case, kind, user=request.user, expected_version=data["version"], **form.values()
        )

    done = _("Recorded: %(event)s.") % {"event": label("legal_event", kind)}
    return _submit(request, case, f"event:{kind}", form, record, done, "legal")


@login_required
@require_POST
def correct_event(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = _case(request, reference)
    event = get_object_or_404(LegalEvent, pk=pk, case=case)
    form = CorrectionForm(request.POST, event=event)

    def record(data: dict[str, Any]) -> object:
        return facts.correct_legal_event(
            case,
            event,
            data["reason"],
            user=request.user,
            expected_version=data["version"],
            retract=data["retract"],
            **form.values(),
        )

    def in_force() -> bool:
        return LegalEvent.objects.in_force().filter(pk=event.pk).exists()

    done = _("Correction recorded; the corrected event stays in the history.")
    return _submit(request, case, f"correct:{pk}", form, record, done, "legal", in_force)


@login_required
@require_POST
def change_status(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = StatusForm(request.POST, case=case)

    def record(data: dict[str, Any]) -> object:
        check_status_change(case, data["status"])
        return facts.change_status(
            case,
            data["status"],
            data["date"],
            user=request.user,
            outcome=data["outcome"],
            expected_version=data["version"],
        )

    done = _("Status changed.")
    return _submit(request, case, "status", form, record, done, "status")


@login_required
@require_POST
def complete_item(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    case = _case(request, reference)
    item = get_object_or_404(case.dossier_items, kind=kind)
    form = DossierItemForm(request.POST, item_kind=kind)

    def record(data: dict[str, Any]) -> object:
        return facts.complete_dossier_item(
            case,
            kind,
            register_as_of(),
            user=request.user,
            expected_version=data["version"],
        )

    def still_open() -> bool:
        return not case.dossier_items.filter(pk=item.pk, done=True).exists()

    done = _("Dossier item complete: %(item)s.") % {"item": label("dossier_item", kind)}
    return _submit(request, case, f"dossier:{kind}", form, record, done, "dossier", still_open)


@login_required
@require_POST
def hearing_mode(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = HearingModeForm(request.POST, case=case)

    def record(data: dict[str, Any]) -> object:
        return facts.set_hearing_mode(
            case,
            data["mode"],
            consent=data["consent"],
            user=request.user,
            expected_version=data["version"],
        )

    return _submit(request, case, "hearing", form, record, _("Hearing mode recorded."), "hearing")


@sensitive_post_parameters("v_number")
@login_required
def new_application(request: HttpRequest) -> HttpResponse:
    """Register an application; the message and the redirect name the new case's reference only."""
    if not may_register_applications(request.user):
        raise PermissionDenied
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = facts.register_application(form.application(), user=request.user)
        except facts.FactError as exc:
            show_refusal(form, exc, FIELD_NAMES)
        else:
            messages.success(
                request,
                _("Application registered as case %(reference)s.") % {"reference": case.reference},
            )
            if may_view_register(request.user):
                return redirect("case_detail", reference=case.reference)
            return redirect("facts_new_application")  # the police register, but do not read
    status = 400 if form.is_bound else 200
    return render(request, "web/facts/new_application.html", {"form": form}, status=status)
