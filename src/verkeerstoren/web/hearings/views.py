# SPDX-License-Identifier: EUPL-1.2
"""Hearing pages (thin views: access check, form, one service or query, render).

Every list that names cases records one access-log row per case shown. The transport list
(COA) shows where and when only: no officer, interpreter, lawyer, feature or motive.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from verkeerstoren.access import (
    may_record_facts,
    may_schedule_hearings,
    may_view_hearings,
    may_view_own_hearings,
    may_view_transport_list,
)
from verkeerstoren.cases.access import record_case_reads, record_reads_of_references
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.hearings import exports, queries
from verkeerstoren.hearings.export import HearingExportError, published_version
from verkeerstoren.hearings.models import Hearing, HearingScheduleRun
from verkeerstoren.hearings.services import current_run
from verkeerstoren.web.common.redirects import back_to

from .forms import DisruptionForm, OutcomeForm, ScheduleForm

FILTERS = {"officer": "officer__code", "location": "location__code",
           "interpreter": "interpreter__code"}  # fmt: skip


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _version() -> Any:
    try:
        return published_version()
    except HearingExportError:
        return None


def _file(
    request: HttpRequest, rows: list[Any], name: str, columns: tuple[str, ...]
) -> HttpResponse | None:
    fmt = request.GET.get("format", "")
    if fmt == "csv":
        response = HttpResponse(
            exports.to_csv(rows, columns), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "ics":
        response = HttpResponse(exports.to_ics(rows, name, columns), content_type="text/calendar")
    else:
        return None
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def hearings_home(request: HttpRequest) -> HttpResponse:
    _require(may_view_hearings(request.user))
    version = _version()
    form = ScheduleForm(request.POST or None)
    if request.method == "POST":
        _require(may_schedule_hearings(request.user))
        if version is not None and form.is_valid():
            run = form.submit(request.user, version)
            if run is not None:
                return redirect("hearings_run", pk=run.pk)
    context = {
        "form": form, "version": version, "may_schedule": may_schedule_hearings(request.user),
        "weeks": queries.weeks_in_force(),
        "runs": HearingScheduleRun.objects.select_related("created_by")[:15],
    }  # fmt: skip
    return render(request, "web/hearings/home.html", context)


@login_required
def hearings_run(request: HttpRequest, pk: int) -> HttpResponse:
    _require(may_view_hearings(request.user))
    run = get_object_or_404(HearingScheduleRun, pk=pk)
    _log_changes(request, run)
    return render(request, "web/hearings/run.html", {"run": run})


@login_required
@require_GET
def hearings_run_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by htmx while the run is queued or running."""
    _require(may_view_hearings(request.user))
    run = get_object_or_404(HearingScheduleRun, pk=pk)
    _log_changes(request, run)
    return render(request, "web/hearings/_run_status.html", {"run": run})


def _log_changes(request: HttpRequest, run: HearingScheduleRun) -> None:
    """A re-schedule's "who must be told" names cases: one access-log row per case shown."""
    references = [c["case"] for c in run.changes or [] if c.get("case")]
    record_reads_of_references(
        request, "list", "hearings.schedule", references, detail=f"run {run.pk}"
    )


def _week(day: str) -> date:
    try:
        return date.fromisoformat(day)
    except ValueError:
        raise Http404 from None


@login_required
def hearings_week(request: HttpRequest, day: str) -> HttpResponse:
    """The week's schedule, or one officer's agenda, location's room board, interpreter's
    schedule (``?officer=``, ``?location=``, ``?interpreter=``); ``?format=csv|ics``."""
    _require(may_view_hearings(request.user))
    week_start = _week(day)
    run = current_run(week_start)
    filters = {FILTERS[k]: v for k, v in request.GET.items() if k in FILTERS and v}
    rows = queries.week_hearings(week_start, **filters)
    record_case_reads(request, "list", "hearings.schedule", [h.case for h in rows],
                      detail=f"week {week_start.isoformat()} {filters}")  # fmt: skip
    response = _file(request, rows, f"hearings-{week_start.isoformat()}", exports.COLUMNS)
    if response is not None:
        return response
    form = DisruptionForm(request.POST or None)
    if request.method == "POST":
        _require(may_schedule_hearings(request.user))
        if form.is_valid():
            done = form.submit(request.user)
            if done is not None and done[1] is not None:
                return redirect("hearings_run", pk=done[1].pk)
            if done is not None:
                return redirect("hearings_week", day=day)
    context = {
        "week_start": week_start, "run": run, "rows": rows, "filters": filters,
        "filter_keys": list(FILTERS), "query": request.GET.urlencode(),
        "form": form, "may_schedule": may_schedule_hearings(request.user),
        "may_record": may_record_facts(request.user), "here": request.get_full_path(),
    }  # fmt: skip
    return render(request, "web/hearings/week.html", context, status=400 if form.errors else 200)


@login_required
def hearings_lawyer(request: HttpRequest) -> HttpResponse:
    """A lawyer's planning list: legal aid sees its own clients only; IND names a lawyer."""
    from verkeerstoren.cases.models import Lawyer

    if may_view_hearings(request.user):
        code = request.GET.get("lawyer", "")
        lawyer = Lawyer.objects.filter(code=code).first() if code else None
        lawyers = list(Lawyer.objects.values_list("code", "name"))
    elif may_view_own_hearings(request.user):
        lawyer = queries.lawyer_of(request.user)
        lawyers = []
    else:
        raise PermissionDenied
    rows = queries.lawyer_hearings(lawyer, register_as_of()) if lawyer else []
    record_case_reads(request, "list", "hearings.lawyer", [h.case for h in rows],
                      detail=f"lawyer {getattr(lawyer, 'code', '')}")  # fmt: skip
    columns = ("case", "status", "mode", "day", "slot", "due_date", "location")
    response = _file(request, rows, "planning-list", columns)
    if response is not None:
        return response
    context = {"lawyer": lawyer, "lawyers": lawyers, "rows": rows, "query": request.GET.urlencode()}
    return render(request, "web/hearings/lawyer.html", context)


@login_required
def hearings_transport(request: HttpRequest) -> HttpResponse:
    """COA's transport list of a week (``?week=YYYY-MM-DD``, default the newest in force)."""
    _require(may_view_transport_list(request.user) or may_view_hearings(request.user))
    weeks = queries.weeks_in_force()
    chosen = request.GET.get("week", "")
    week_start = _week(chosen) if chosen else (weeks[0].week_start if weeks else None)
    rows = queries.transport_list(week_start) if week_start else []
    record_case_reads(request, "list", "hearings.transport", [h.case for h in rows],
                      detail=f"week {week_start}")  # fmt: skip
    response = _file(request, rows, "transport", exports.TRANSPORT)
    if response is not None:
        return response
    context = {"rows": rows, "week_start": week_start, "weeks": weeks,
               "query": request.GET.urlencode()}  # fmt: skip
    return render(request, "web/hearings/transport.html", context)


@login_required
@require_POST
def hearing_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a hearing of the week's page as held or cancelled; back to the page it was on."""
    _require(may_record_facts(request.user))
    hearing = get_object_or_404(Hearing.objects.select_related("case", "run"), pk=pk)
    form = OutcomeForm(request.POST)
    done = form.submit(request.user, hearing) if form.is_valid() else None
    reference = hearing.case.reference
    if done is None:
        messages.error(request, f"{reference}: {form.problems()}")
    else:
        messages.success(
            request,
            _("Hearing of %(case)s recorded as %(status)s.")
            % {"case": reference, "status": done.get_status_display()},
        )
    week = reverse("hearings_week", args=[hearing.run.week_start.isoformat()])
    return redirect(back_to(request, week))
