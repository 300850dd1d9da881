"""Use cases: validate a scenario (or a pair) and start a forecast run in the background.

Validation happens here, before anything is stored, so a bad field never becomes a failed run:
the caller gets a :class:`ScenarioError` naming the field and no run is created.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from verkeerstoren.forecast import Scenario, ScenarioError, scenario_from_dict

from .models import ForecastRun
from .tasks import run_forecast

# Upper bound for runs started from the web: 5,000 replications of a two-year horizon take a
# worker about ten seconds; more belongs to the CLI.
MAX_REPLICATIONS = 5000


class ComparisonError(ScenarioError):
    """A field error in one scenario of a comparison; ``side`` is 'a' or 'b' (None: both)."""

    def __init__(self, side: str | None, field: str, message: str) -> None:
        super().__init__(field, message)
        self.side = side


def validate(data: object) -> Scenario:
    """The scenario of ``data``, or ScenarioError naming the first wrong field."""
    return scenario_from_dict(data)


def start_forecast(
    scenario: dict[str, Any],
    user: Any,
    name: str = "",
    *,
    replications: int = 200,
    target_date: date | None = None,
) -> ForecastRun:
    """Validate ``scenario`` and queue its forecast; ScenarioError if a field is wrong."""
    parsed = validate(scenario)
    return _create_and_enqueue(
        name=name or parsed.name,
        kind=ForecastRun.Kind.FORECAST,
        scenario=scenario,
        scenario_b=None,
        user=user,
        replications=_replications(replications),
        target_date=target_date,
    )


def start_comparison(
    a: dict[str, Any],
    b: dict[str, Any],
    user: Any,
    name: str = "",
    *,
    replications: int = 200,
    target_date: date | None = None,
) -> ForecastRun:
    """Validate both scenarios and queue their paired comparison; ComparisonError if not valid."""
    parsed: dict[str, Scenario] = {}
    for side, data in (("a", a), ("b", b)):
        try:
            parsed[side] = validate(data)
        except ScenarioError as exc:
            raise ComparisonError(side, exc.field, exc.message) from None
    # Paired differences compare week with week: same start and horizon (docs/formats.md).
    if parsed["a"].start_date != parsed["b"].start_date:
        raise ComparisonError(None, "start_date", "both scenarios need the same start date")
    if parsed["a"].horizon_weeks != parsed["b"].horizon_weeks:
        raise ComparisonError(None, "horizon_weeks", "both scenarios need the same horizon")
    return _create_and_enqueue(
        name=name or f"{parsed['a'].name} ↔ {parsed['b'].name}",
        kind=ForecastRun.Kind.COMPARISON,
        scenario=a,
        scenario_b=b,
        user=user,
        replications=_replications(replications),
        target_date=target_date,
    )


def _replications(value: int) -> int:
    if not 1 <= value <= MAX_REPLICATIONS:
        raise ScenarioError("replications", f"must be between 1 and {MAX_REPLICATIONS}")
    return value


def _create_and_enqueue(*, user: Any, **fields: Any) -> ForecastRun:
    # One transaction: with the database backend the run and its queued task commit together,
    # so a worker never picks up a task whose run is not yet visible (and neither exists alone).
    with transaction.atomic():
        run = ForecastRun.objects.create(
            created_by=user if getattr(user, "is_authenticated", False) else None, **fields
        )
        result = run_forecast.enqueue(run.pk)
        ForecastRun.objects.filter(pk=run.pk).update(task_id=str(result.id))
    run.refresh_from_db()
    return run


# The largest forecast the web allows takes a worker seconds; a run "running" this long has lost
# its worker (crash, restart).
STALL_AFTER = timedelta(minutes=30)
# Stored as the msgid; pages translate it when they show it.
STALLED = gettext_noop(
    "The run stopped without a result (its background worker stopped). Start it again."
)


def fail_stalled_runs(now: Any = None) -> int:
    """Mark runs whose worker stopped mid-run as failed (they would show "running" forever)."""
    now = now or timezone.now()
    return ForecastRun.objects.filter(
        status=ForecastRun.Status.RUNNING, started_at__lt=now - STALL_AFTER
    ).update(status=ForecastRun.Status.FAILED, finished_at=now, error=STALLED)
