# SPDX-License-Identifier: EUPL-1.2
"""Thin views of the intake table: access check, form, one service of intaketable, render.

GET draws the day's table in the columns of the user's role (display.py) and logs the cases
shown. A decision (IND's confirm or override, COA's reception) is posted with its CSRF token to
one service; htmx gets back only that applicant's rows, with the settled counter out of band, a
plain browser a redirect to the table (POST/redirect/GET). A refused decision shows its messages
at the fields (FactError) or on the row (the case or the proposal changed meanwhile); htmx swaps
only 2xx responses, so its refusals come with 200, plain ones with 400 or 409. Decisions are
taken on the register's day: the table of another day is read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from verkeerstoren.access import (
    may_chair_intake,
    may_confirm_reception,
    may_edit_intake_rules,
    may_see_intake_table,
    may_view_departures,
)
from verkeerstoren.cases import queries
from verkeerstoren.cases.access import record_case_reads
from verkeerstoren.cases.facts import FactError, StaleError
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.intake.rules import DEFAULT_FILE
from verkeerstoren.intaketable import services
from verkeerstoren.intaketable.models import ReceptionCapacity, RuleFile
from verkeerstoren.intaketable.proposals import Row, active_rules, day_rows
from verkeerstoren.web.facts.fields import show_refusal

from . import display
from .forms import ConfirmForm, DayForm, OverrideForm, PlacesForm, ReceptionForm, RulesForm

ACTIVITY = "intake.table"


def view_of(user: Any) -> str:
    """Which columns the user gets: the chair's, COA's, DT&V's or the police's."""
    for name, may in (
        ("chair", may_chair_intake),
        ("coa", may_confirm_reception),
        ("dtv", may_view_departures),
        ("police", may_see_intake_table),
    ):
        if may(user):
            return name
    raise PermissionDenied


def _stale() -> str:
    return _(
        "This applicant's case changed since you opened the table: the row now shows its "
        "current state. Decide again if it is still needed."
    )


def _proposal_moved() -> str:
    return _(
        "The proposal changed since you opened the table (another decision took its capacity): "
        "the row now shows the current proposal. Decide again if it is still right."
    )


@dataclass
class Kept:
    """A refused or answered form of one row, for the next rendering of that row."""

    form: forms.Form | None = None
    message: str = ""
    ok: str = ""


@dataclass
class Table:
    day: date
    view: str
    editable: bool
    rows: list[Any]
    shown: list[Row]
    version: str
    settled: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def _location_names() -> dict[str, str]:
    return dict(queries.location_choices())


def _chair_forms(row: display.ChairRow, locations: list[tuple[str, str]], day: date) -> None:
    route = row.decided.route if row.decided is not None else row.proposal
    row.form = OverrideForm(
        reference=row.reference,
        locations=locations,
        start=day,
        route=route,
        initial={"version": row.version, "proposal": row.proposal_key},
    )


def _build(view: str, day: date, kept: dict[str, Kept] | None = None) -> Table:
    """The table of ``day`` in ``view``'s columns, with ``kept`` forms in place of fresh ones."""
    kept = kept or {}
    rows, version = day_rows(day)
    editable = day == register_as_of()
    names = _location_names()
    table = Table(day, view, editable, [], rows, version)
    if view == "chair":
        rules, _version = active_rules()
        locations = queries.location_choices()
        table.rows = display.chair_rows(rows, version, rules, names)
        for row in table.rows:
            _chair_forms(row, locations, day)
            k = kept.get(row.reference)
            if k is not None:
                row.form = k.form if isinstance(k.form, OverrideForm) else row.form
                row.message, row.message_ok = k.message, k.ok
        table.settled = sum(1 for r in table.rows if r.settled)
    elif view == "coa":
        table.rows = display.coa_rows(rows, names)
        for coa in table.rows:
            k = kept.get(coa.reference)
            initial = {"location": coa.location}
            if coa.reception is not None:
                initial["transport"] = coa.reception.transport
            coa.form = ReceptionForm(reference=coa.reference, initial=initial)
            if k is not None:
                coa.form = k.form if isinstance(k.form, ReceptionForm) else coa.form
                coa.message_ok = k.ok
        table.settled = sum(1 for r in table.rows if r.reception is not None)
    elif view == "dtv":
        table.rows, table.shown = display.dtv_rows(rows, names, day)
    else:
        table.rows, table.shown = display.police_rows(rows)
    table.extra["names"] = names
    return table


def _places_forms(kept: PlacesForm | None = None) -> list[tuple[str, str, int | None, Any]]:
    """(code, name, places, form) of every location, for COA's reception places."""
    places = dict(ReceptionCapacity.objects.values_list("location__code", "places"))
    out = []
    for code, name in queries.location_choices():
        form: Any = PlacesForm(location=code, initial={"places": places.get(code)})
        if kept is not None and kept.prefix == f"places-{code}":
            form = kept
        out.append((code, name, places.get(code), form))
    return out


def _log(request: HttpRequest, table: Table, rows: list[Row], action: str = "list") -> None:
    record_case_reads(
        request,
        action,
        ACTIVITY,
        [r.case for r in rows],
        detail=f"day={table.day.isoformat()} view={table.view} rows={len(rows)}",
    )


def _page(
    request: HttpRequest,
    day: date,
    *,
    day_form: DayForm | None = None,
    kept: dict[str, Kept] | None = None,
    places: PlacesForm | None = None,
    status: int = 200,
) -> HttpResponse:
    view = view_of(request.user)
    table = _build(view, day, kept)
    _log(request, table, table.shown)
    context: dict[str, Any] = {
        "table": table,
        "day_form": day_form or DayForm(initial={"day": day}, register_day=register_as_of()),
        "register_day": register_as_of(),
        "may_edit_rules": may_edit_intake_rules(request.user),
    }
    if view == "coa":
        context["places"] = _places_forms(places)
    return render(request, "web/intaketable/table.html", context, status=status)


@login_required
def intake_table(request: HttpRequest) -> HttpResponse:
    view_of(request.user)  # 403 before any work
    register_day = register_as_of()
    day_form = DayForm(
        request.GET or None, initial={"day": register_day}, register_day=register_day
    )
    day = day_form.day_or(register_day)
    return _page(request, day, day_form=day_form)


def _today_row(reference: str) -> tuple[Row, str]:
    """The row of ``reference`` in the register day's table (404 when it is not there)."""
    rows, version = day_rows(register_as_of())
    for row in rows:
        if row.case.reference == reference:
            return row, version
    raise Http404


def _answer(
    request: HttpRequest, reference: str, kept: Kept, status: int, *, done: bool
) -> HttpResponse:
    """htmx: the row again (200); plain: a redirect after success, else the page (``status``)."""
    day = register_as_of()
    if not request.headers.get("HX-Request"):
        if done:
            messages.success(request, kept.ok)
            return redirect(f"{reverse('intake_table')}#case-{reference}")
        return _page(request, day, kept={reference: kept}, status=status)
    view = view_of(request.user)
    table = _build(view, day, {reference: kept})
    one = [r for r in table.rows if r.reference == reference]
    _log(request, table, [r for r in table.shown if r.case.reference == reference], "read")
    template = f"web/intaketable/_{view}_answer.html"
    return render(request, template, {"table": table, "row": one[0] if one else None})


def _decide(request: HttpRequest, reference: str, form: ConfirmForm, route: bool) -> HttpResponse:
    if not may_chair_intake(request.user):
        raise PermissionDenied
    row, version = _today_row(reference)
    # A correction of a decided row keeps the proposal the first decision was taken on.
    proposal = row.decision.proposal if row.decision is not None else row.proposal_json(version)
    kept = Kept(form=form if route else None)
    status = 400
    if form.is_valid():
        if form.cleaned_data["proposal"] != display.proposal_key(proposal):
            kept = Kept(form=None, message=_proposal_moved())
            status = 409
        else:
            try:
                services.decide_route(
                    row.case,
                    proposal,
                    route=form.route() if isinstance(form, OverrideForm) else None,
                    reason=form.cleaned_data.get("reason", ""),
                    user=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except FactError as exc:
                show_refusal(form, exc)
                # The override form shows its own summary; a confirm has no visible field.
                hidden = "" if route else " ".join(str(e) for e in form.non_field_errors())
                kept = Kept(form=form if route else None, message=hidden)
            except StaleError:
                kept, status = Kept(form=None, message=_stale()), 409
            else:
                ok = _("Route overridden.") if route else _("Route confirmed.")
                return _answer(request, reference, Kept(ok=ok), 200, done=True)
    elif not route:
        kept.message = " ".join(str(e) for e in form.non_field_errors()) or _(
            "Nothing was recorded."
        )
    return _answer(request, reference, kept, status, done=False)


@login_required
@require_POST
def confirm_route(request: HttpRequest, reference: str) -> HttpResponse:
    form = ConfirmForm(request.POST, prefix=f"confirm-{reference}")
    return _decide(request, reference, form, route=False)


@login_required
@require_POST
def override_route(request: HttpRequest, reference: str) -> HttpResponse:
    if not may_chair_intake(request.user):
        raise PermissionDenied
    form = OverrideForm(
        request.POST,
        reference=reference,
        locations=queries.location_choices(),
        start=register_as_of(),
    )
    return _decide(request, reference, form, route=True)


@login_required
@require_POST
def confirm_reception(request: HttpRequest, reference: str) -> HttpResponse:
    if not may_confirm_reception(request.user):
        raise PermissionDenied
    row, _version = _today_row(reference)
    form = ReceptionForm(request.POST, reference=reference)
    status = 400
    if form.is_valid():
        try:
            services.confirm_reception(
                row.case,
                location=form.cleaned_data["location"],
                transport=form.cleaned_data["transport"],
                user=request.user,
            )
        except FactError as exc:
            show_refusal(form, exc)
        else:
            ok = _("Reception confirmed.")
            return _answer(request, reference, Kept(ok=ok), 200, done=True)
    return _answer(request, reference, Kept(form=form), status, done=False)


@login_required
@require_POST
def reception_places(request: HttpRequest, location: str) -> HttpResponse:
    if not may_confirm_reception(request.user):
        raise PermissionDenied
    form = PlacesForm(request.POST, location=location)
    if form.is_valid():
        try:
            services.set_reception_places(location, form.cleaned_data["places"], user=request.user)
        except FactError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Reception places saved."))
            return redirect(f"{reverse('intake_table')}#places-heading")
    return _page(request, register_as_of(), places=form, status=400)


@login_required
def intake_rules(request: HttpRequest) -> HttpResponse:
    """The rules in use (read-only), a form for a new version, and every version so far."""
    if not may_edit_intake_rules(request.user):
        raise PermissionDenied
    rules, version = active_rules()
    current = RuleFile.objects.first()
    text = current.text if current is not None else DEFAULT_FILE.read_text(encoding="utf-8")
    form = RulesForm(request.POST or None, initial={"text": text})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                made = services.upload_rules(
                    form.cleaned_data["text"], form.cleaned_data["note"], user=request.user
                )
            except FactError as exc:
                show_refusal(form, exc)
            else:
                messages.success(
                    request, _("Rules version %(version)s is in use.") % {"version": made.version}
                )
                return redirect("intake_rules")
    context = {
        "form": form,
        "rules": rules,
        "version": version,
        "text": text,
        "versions": RuleFile.objects.select_related("created_by"),
    }
    return render(request, "web/intaketable/rules.html", context, status=status)
