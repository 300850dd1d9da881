# SPDX-License-Identifier: EUPL-1.2
"""Planning pages: start plan runs, follow them, read versions, publish, pin and re-plan.

Thin views: forms validate and call plans.services; the task does the work; plans.targets and
planning_display shape stored versions for the templates. GET requests write nothing (but the
access log of the worklists and pinned cases they show): a run whose worker stopped is shown as such and failed by
the worker side (runs.services.fail_stalled).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from verkeerstoren.access import may_edit_planning, may_view_planning, visibility_for
from verkeerstoren.cases.access import record_case_reads
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.plans import services
from verkeerstoren.plans.models import Pin, PlanAssignment, PlanRun, PlanVersion
from verkeerstoren.plans.targets import team_targets
from verkeerstoren.plans.worklist import week_hours
from verkeerstoren.web.common.asof import as_of_switch, without_switch
from verkeerstoren.web.common.redirects import back_to

from .forms import PinForm, PlanRunForm

RECENT = 15


def _require_view(request: HttpRequest) -> None:
    if not may_view_planning(request.user):
        raise PermissionDenied


def _require_edit(request: HttpRequest) -> None:
    if not may_edit_planning(request.user):
        raise PermissionDenied


@login_required
def planning_home(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    form = PlanRunForm(request.POST or None)
    if request.method == "POST":
        _require_edit(request)
        if form.is_valid():
            run = form.submit(request.user)
            if run is not None:
                return redirect("planning_run", pk=run.pk)
    context = {
        "form": form,
        "may_edit": may_edit_planning(request.user),
        "versions": PlanVersion.objects.select_related("created_by")[:RECENT],
        "runs": PlanRun.objects.select_related("created_by", "version")[:RECENT],
    }
    return render(request, "web/planning/home.html", context)


@login_required
def planning_run(request: HttpRequest, pk: int) -> HttpResponse:
    _require_view(request)
    run = get_object_or_404(PlanRun.objects.select_related("created_by"), pk=pk)
    context = {"run": run, "may_edit": may_edit_planning(request.user)}
    return render(request, "web/planning/run.html", context)


@login_required
@require_POST
def planning_run_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a new run with the inputs of a failed one (which stays failed)."""
    _require_edit(request)
    run = get_object_or_404(PlanRun, pk=pk)
    try:
        new = services.retry_run(run, request.user)
    except services.PlanningError as exc:
        messages.error(request, exc.message)
        return redirect("planning_run", pk=run.pk)
    return redirect("planning_run", pk=new.pk)


@login_required
@require_GET
def planning_run_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by htmx while the run is queued or running."""
    _require_view(request)
    run = get_object_or_404(PlanRun, pk=pk)
    context = {"run": run, "may_edit": may_edit_planning(request.user)}
    return render(request, "web/planning/_run_status.html", context)


@login_required
def planning_version(request: HttpRequest, pk: int) -> HttpResponse:
    _require_view(request)
    version = get_object_or_404(PlanVersion.objects.select_related("run", "created_by"), pk=pk)
    return render(
        request,
        "web/planning/version.html",
        _version_context(request, version, PinForm(version=version)),
    )


@login_required
@require_POST
def planning_pin(request: HttpRequest, pk: int) -> HttpResponse:
    _require_edit(request)
    version = get_object_or_404(PlanVersion.objects.select_related("run"), pk=pk)
    form = PinForm(request.POST, version=version)
    if form.is_valid() and form.submit(request.user) is not None:
        messages.success(request, _("Pin recorded. Re-plan to get a plan that keeps it."))
        return redirect(f"{version_url(version)}#pins")
    context = _version_context(request, version, form)
    # 409 when the case was pinned by someone else meanwhile: the form says so at the field.
    status = 409 if form.conflict else 200
    return render(request, "web/planning/version.html", context, status=status)


@login_required
@require_POST
def planning_pin_remove(request: HttpRequest, pk: int, pin_pk: int) -> HttpResponse:
    _require_edit(request)
    version = get_object_or_404(PlanVersion, pk=pk)
    services.remove_pin(
        request.user, get_object_or_404(Pin.objects.select_related("case"), pk=pin_pk)
    )
    messages.success(request, _("Pin removed."))
    return redirect(f"{version_url(version)}#pins")


@login_required
@require_POST
def planning_replan(request: HttpRequest, pk: int) -> HttpResponse:
    _require_edit(request)
    version = get_object_or_404(PlanVersion.objects.select_related("run"), pk=pk)
    run = services.replan(version, request.user)
    return redirect("planning_run", pk=run.pk)


@login_required
@require_POST
def planning_publish(request: HttpRequest, pk: int) -> HttpResponse:
    _require_edit(request)
    version = get_object_or_404(PlanVersion.objects.select_related("run", "created_by"), pk=pk)
    try:
        services.publish(version, request.user)
        messages.success(request, _("Plan published; the team targets now follow this plan."))
    except services.PublishConflict as exc:
        # Another version was published at the same moment: say so here, with 409.
        messages.error(request, exc.message)
        version.refresh_from_db()
        context = _version_context(request, version, PinForm(version=version))
        return render(request, "web/planning/version.html", context, status=409)
    except services.PlanningError as exc:
        messages.error(request, exc.message)
    return redirect(back_to(request, version_url(version)))


def version_url(version: PlanVersion) -> str:
    return reverse("planning_version", args=[version.pk])


def _version_context(
    request: HttpRequest, version: PlanVersion, pin_form: PinForm
) -> dict[str, Any]:
    assignments = PlanAssignment.objects.filter(version=version)
    officers = list(
        assignments.filter(officer__isnull=False)
        .order_by("officer__code")
        .values_list("officer__code", flat=True)
        .distinct()
    )
    officer = request.GET.get("officer", "")
    worklist: list[PlanAssignment] = []
    if officer in officers:
        worklist = list(
            assignments.filter(officer__code=officer)
            .select_related("case", "prepare_by", "draft_by", "version")
            .order_by("week", "case__reference")
        )
        # The list names cases: log who looked at whose work (access log, DOMAIN.md §4).
        record_case_reads(
            request,
            "list",
            "planning.worklist",
            [a.case for a in worklist],
            detail=f"version {version.pk} officer {officer} rows={len(worklist)}",
        )
    pins = list(
        Pin.objects.filter(removed_at__isnull=True).select_related("case", "officer", "created_by")
    )
    # The pinned cases are a list of cases too: one access-log row per case shown.
    record_case_reads(
        request, "list", "planning.pins", [p.case for p in pins], detail=f"version {version.pk}"
    )
    # Team-target progress as known on the register's day, or on the day of the as-of switch.
    switch = as_of_switch(request, register_as_of())
    return {
        "version": version,
        "may_edit": may_edit_planning(request.user),
        "show_features": visibility_for(request.user).features,
        "targets": team_targets(version, switch.shown_day),
        "as_of": switch,
        "as_of_keep": without_switch(request.GET),
        "as_of_action": version_url(version),
        "officers": officers,
        "officer": officer if officer in officers else "",
        "worklist": worklist,
        "week_hours": week_hours(version, officer, worklist) if worklist else [],
        "pins": [(p, version.week_of(p.week_start)) for p in pins],
        "pin_form": pin_form,
        "unplanned": version.case_count - version.planned_count,
    }
