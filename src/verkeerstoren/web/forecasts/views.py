# SPDX-License-Identifier: EUPL-1.2
"""Forecast pages: start a forecast or comparison, follow its progress, read its result.

Thin views: forms validate and call forecasts.services; the task does the work; display code
(forecast_display) turns stored results into charts and tables. GET requests write nothing: a
run whose worker stopped is shown as such and failed by the worker side.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from verkeerstoren.access import may_forecast
from verkeerstoren.forecast import ScenarioError
from verkeerstoren.forecasts import services
from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.forecasts.scenarios import load_source, source_choices

from .display import result_context
from .forms import CompareForm, ForecastForm, default_target, scenario_json_text

RECENT_RUNS = 15


def _require_forecast_role(request: HttpRequest) -> None:
    if not may_forecast(request.user):
        raise PermissionDenied


def _initial(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "scenario_json": scenario_json_text(data),
        "target_date": default_target(data),
    }


@login_required
def forecast_new(request: HttpRequest) -> HttpResponse:
    _require_forecast_role(request)
    sources = source_choices()
    source = request.GET.get("source") or (sources[0][0] if sources else "")
    if request.method == "POST":
        form = ForecastForm(request.POST)
        if form.is_valid():
            run = form.submit(request.user, compare=request.POST.get("action") == "compare")
            if run is not None:
                return redirect("forecast_run", pk=run.pk)
    else:
        from_run = request.GET.get("from_run")
        try:
            if from_run:
                data = get_object_or_404(ForecastRun, pk=int(from_run)).scenario
            else:
                data = load_source(source) if source else {}
        except (KeyError, ValueError):
            raise Http404 from None
        form = ForecastForm(initial=_initial(data))
    context = {
        "form": form,
        "sources": sources,
        "source": source,
        "recent_runs": ForecastRun.objects.select_related("created_by")[:RECENT_RUNS],
    }
    return render(request, "web/forecasts/new.html", context)


@login_required
def forecast_compare(request: HttpRequest) -> HttpResponse:
    _require_forecast_role(request)
    form = CompareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run = form.submit(request.user)
        if run is not None:
            return redirect("forecast_run", pk=run.pk)
    return render(request, "web/forecasts/compare.html", {"form": form})


@login_required
def forecast_run(request: HttpRequest, pk: int) -> HttpResponse:
    _require_forecast_role(request)
    run = get_object_or_404(ForecastRun.objects.select_related("created_by"), pk=pk)
    return render(request, "web/forecasts/run.html", {"run": run, **result_context(run)})


@login_required
@require_POST
def forecast_run_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a new run with the scenario(s) of a failed one (which stays failed)."""
    _require_forecast_role(request)
    run = get_object_or_404(ForecastRun, pk=pk)
    try:
        new = services.retry_run(run, request.user)
    except ScenarioError as exc:
        messages.error(request, f"{exc.field}: {exc.message}")
        return redirect("forecast_run", pk=run.pk)
    return redirect("forecast_run", pk=new.pk)


@login_required
@require_GET
def forecast_run_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by htmx: the progress bar while running, the results once finished."""
    _require_forecast_role(request)
    run = get_object_or_404(ForecastRun, pk=pk)
    return render(request, "web/forecasts/_status.html", {"run": run, **result_context(run)})
