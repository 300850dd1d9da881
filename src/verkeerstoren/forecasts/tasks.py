# SPDX-License-Identifier: EUPL-1.2
"""The background task: run the pure engine for a stored ForecastRun and save the summary.

Status changes go through runs.services (queued → running → done/failed, with history). Progress
goes straight to the run row (outside any transaction: the worker runs tasks in
autocommit mode), so the polling run page sees it while the engine is still working; a heartbeat
thread (runs.services.keep_alive) tells the watchdog the worker is alive.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any

import structlog
from django_tasks import task

from verkeerstoren.forecast import compare, run, scenario_from_dict
from verkeerstoren.runs import services as runs
from verkeerstoren.runs.models import WORKER_LOST

from .models import ForecastRun
from .summary import summarise_comparison, summarise_forecast

logger = structlog.get_logger(__name__)

# Progress writes are throttled: one small UPDATE at most this often keeps the database (and
# SQLite's single writer) free for the web while a long run reports progress.
_PROGRESS_INTERVAL_S = 0.25


class ProgressWriter:
    """Engine progress callback that stores whole percents on the run."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.percent = 0
        self.written_at = 0.0

    def __call__(self, done: int, total: int) -> None:
        # 100 % is written with the result, so "100" always means "results are there".
        percent = min(99, int(100 * done / max(total, 1)))
        now = time.monotonic()
        if percent > self.percent and now - self.written_at >= _PROGRESS_INTERVAL_S:
            # Progress within "running", not a transition: no history row.
            # Not after the end: a run failed meanwhile keeps the progress it had.
            finished = (ForecastRun.Status.DONE, ForecastRun.Status.FAILED)
            ForecastRun.objects.filter(pk=self.run_id).exclude(status__in=finished).update(
                progress=percent
            )
            self.percent, self.written_at = percent, now


def execute_run(run_id: int) -> None:
    """Run a queued forecast or comparison and store its result (or its error)."""
    # The worker side of the lifecycle: runs whose worker stopped are failed here, not by pages.
    runs.fail_stalled(ForecastRun)
    try:
        forecast = runs.mark_running(ForecastRun.objects.get(pk=run_id), progress=0)
    except runs.RunTransitionError:
        return  # a re-delivered task must not redo (or overwrite) a finished run
    progress = ProgressWriter(run_id)
    try:
        with runs.keep_alive(forecast):
            result = _compute(forecast, progress)
    except Exception as exc:
        logger.exception("forecast_run_failed", run_id=run_id)
        _end(runs.fail, forecast, str(exc))
        raise
    except BaseException:
        # The worker is being stopped mid-run (a second Ctrl+C or SIGTERM): the run is lost.
        _end(runs.fail, forecast, "The worker was stopped during the run.", code=WORKER_LOST)
        raise
    # The result is stored with the "done" transition: never visible before it is complete.
    _end(runs.finish, forecast, progress=100, result=result)


def _end(
    transition: Callable[..., ForecastRun], forecast: ForecastRun, *args: Any, **kw: Any
) -> None:
    try:
        transition(forecast, *args, **kw)
    except runs.RunTransitionError:
        # Failed as stalled while it worked (far past any run's time): it stays failed, and a
        # late result is dropped.
        logger.warning("forecast_run_no_longer_running", run_id=forecast.pk)


def _compute(forecast: ForecastRun, progress: ProgressWriter) -> dict[str, Any]:
    target: date | None = forecast.target_date
    a = scenario_from_dict(forecast.scenario)
    if forecast.is_comparison:
        b = scenario_from_dict(forecast.scenario_b)
        comparison = compare(a, b, replications=forecast.replications, progress=progress)
        return summarise_comparison(comparison, target)
    return summarise_forecast(run(a, replications=forecast.replications, progress=progress), target)


@task()
def run_forecast(run_id: int) -> None:
    """Background entry point (Django Tasks): see :func:`execute_run`."""
    execute_run(run_id)
