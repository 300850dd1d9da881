"""The background task: run the pure engine for a stored ForecastRun and save the summary.

Progress goes straight to the run row (outside any transaction: the worker runs tasks in
autocommit mode), so the polling run page sees it while the engine is still working.
"""

from __future__ import annotations

import logging
import time
from datetime import date
from typing import Any

from django.utils import timezone
from django_tasks import task

from verkeerstoren.forecast import compare, run, scenario_from_dict

from .models import ForecastRun
from .summary import summarise_comparison, summarise_forecast

logger = logging.getLogger(__name__)

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
            ForecastRun.objects.filter(pk=self.run_id).update(progress=percent)
            self.percent, self.written_at = percent, now


def execute_run(run_id: int) -> None:
    """Run a queued forecast or comparison and store its result (or its error)."""
    forecast = ForecastRun.objects.get(pk=run_id)
    if forecast.is_finished:
        return  # a re-delivered task must not redo (or overwrite) a finished run
    ForecastRun.objects.filter(pk=run_id).update(
        status=ForecastRun.Status.RUNNING, started_at=timezone.now(), progress=0
    )
    progress = ProgressWriter(run_id)
    try:
        result = _compute(forecast, progress)
    except Exception as exc:
        ForecastRun.objects.filter(pk=run_id).update(
            status=ForecastRun.Status.FAILED, finished_at=timezone.now(), error=str(exc)[:2000]
        )
        logger.exception("forecast run %s failed", run_id)
        raise
    ForecastRun.objects.filter(pk=run_id).update(
        status=ForecastRun.Status.DONE, finished_at=timezone.now(), progress=100, result=result
    )


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
