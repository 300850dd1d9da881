# SPDX-License-Identifier: EUPL-1.2
"""Use cases: validate a scenario (or a pair) and start a forecast run in the background.

Validation happens here, before anything is stored, so a bad field never becomes a failed run:
the caller gets a :class:`ScenarioError` naming the field and no run is created.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from verkeerstoren.forecast import Scenario, ScenarioError, scenario_from_dict
from verkeerstoren.runs import services as runs

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


def retry_run(run: ForecastRun, user: Any) -> ForecastRun:
    """A new run with the scenario(s) of a failed ``run`` (which stays failed in the history).

    The scenarios are validated again, so a run that may not be started now is not retried.
    """
    if run.status != ForecastRun.Status.FAILED:
        raise ScenarioError("run", "only a failed run can be tried again")
    reps, target = run.replications, run.target_date
    if run.is_comparison:
        b = run.scenario_b or {}
        return start_comparison(
            run.scenario, b, user, run.name, replications=reps, target_date=target
        )
    return start_forecast(run.scenario, user, run.name, replications=reps, target_date=target)


def _replications(value: int) -> int:
    if not 1 <= value <= MAX_REPLICATIONS:
        raise ScenarioError("replications", f"must be between 1 and {MAX_REPLICATIONS}")
    return value


def _create_and_enqueue(*, user: Any, **fields: Any) -> ForecastRun:
    return runs.start(ForecastRun, user, run_forecast.enqueue, **fields)
