# SPDX-License-Identifier: EUPL-1.2
"""Check a forecast against the Taskforce history of 2020-2021 (DOMAIN.md §1) and fit to it.

History (M): ~4,000 decided by 2020-09-01, ~6,500 by mid-November 2020, 8,200 by 2020-12-31,
and the stock finished in autumn 2021. A milestone is read at the end of the forecast week
nearest to its date.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from verkeerstoren.forecast.cohort import run
from verkeerstoren.forecast.outputs import QUANTILE_NAMES, QUANTILES, ForecastResult
from verkeerstoren.forecast.scenario import CaseType, Scenario, StaffCapacity
from verkeerstoren.weeks import end_of, week_of


@dataclass(frozen=True, slots=True)
class Milestone:
    """A known value of a metric on a date."""

    label: str
    day: date
    metric: str
    value: float


TASKFORCE_HISTORY: tuple[Milestone, ...] = (
    Milestone("decided by 2020-09-01", date(2020, 9, 1), "decisions_cumulative", 4000),
    Milestone("decided by mid-Nov 2020", date(2020, 11, 15), "decisions_cumulative", 6500),
    Milestone("decided by 2020-12-31", date(2020, 12, 31), "decisions_cumulative", 8200),
)
# "Finished in autumn 2021": the stock reached the working stock between these dates.
TASKFORCE_CLEARED = (date(2021, 9, 22), date(2021, 12, 20))


def nearest_week(result: ForecastResult, day: date) -> int:
    """The forecast week whose last day is nearest to ``day``."""
    offset = (day - end_of(result.scenario.start_date, 0)).days  # from the last day of week 0
    return int(np.clip(round(offset / 7), 0, result.horizon_weeks - 1))


def history_check(
    result: ForecastResult,
    milestones: Iterable[Milestone] = TASKFORCE_HISTORY,
    cleared: tuple[date, date] = TASKFORCE_CLEARED,
) -> dict[str, object]:
    """Forecast quantiles next to each historical milestone, and the clearance window."""
    rows: list[dict[str, object]] = []
    for m in milestones:
        week = nearest_week(result, m.day)
        values = result.paths[m.metric][:, week]
        q = np.quantile(values, QUANTILES)
        row: dict[str, object] = {
            "label": m.label,
            "history": m.value,
            "week": week,
            "date": result.week_end(week).isoformat(),
        }
        row.update({name: round(float(v), 1) for name, v in zip(QUANTILE_NAMES, q, strict=True)})
        row["inside_p5_p95"] = bool(q[0] <= m.value <= q[-1])
        row["median_error_pct"] = round(100 * (float(q[2]) - m.value) / m.value, 1)
        rows.append(row)
    weeks = result.clearance_weeks()
    first, last = (nearest_week(result, d) for d in cleared)
    in_window = (weeks >= first) & (weeks <= last)
    return {
        "milestones": rows,
        "clearance": result.clearance(),
        "cleared_window": [cleared[0].isoformat(), cleared[1].isoformat()],
        "share_cleared_in_window": float(in_window.mean()),
    }


def loss(result: ForecastResult, milestones: Iterable[Milestone] = TASKFORCE_HISTORY) -> float:
    """Sum of squared relative errors of the medians at the milestones (the fitting target)."""
    total = 0.0
    for m in milestones:
        median = float(np.median(result.paths[m.metric][:, nearest_week(result, m.day)]))
        total += ((median - m.value) / m.value) ** 2
    return total


def with_effort(scenario: Scenario, hours_scale: float, complex_hours: float | None) -> Scenario:
    """Scale hours per case of non-complex types; set the hours of complex types."""
    types: list[CaseType] = []
    for t in scenario.case_types:
        if t.complex and complex_hours is not None:
            ratio = t.hours_written / t.hours_oral
            types.append(
                dataclasses.replace(
                    t, hours_oral=complex_hours, hours_written=complex_hours * ratio
                )
            )
        elif not t.complex:
            types.append(
                dataclasses.replace(
                    t,
                    hours_oral=t.hours_oral * hours_scale,
                    hours_written=t.hours_written * hours_scale,
                )
            )
        else:
            types.append(t)
    return dataclasses.replace(scenario, case_types=tuple(types))


def with_productivity(scenario: Scenario, cohort: str, productivity: float) -> Scenario:
    """Set the relative productivity of the staff cohort named ``cohort``."""
    capacity = scenario.capacity
    if not isinstance(capacity, StaffCapacity):
        raise ValueError("productivity fitting needs capacity mode 'staff'")
    cohorts = tuple(
        dataclasses.replace(c, productivity=productivity) if c.name == cohort else c
        for c in capacity.cohorts
    )
    return dataclasses.replace(scenario, capacity=dataclasses.replace(capacity, cohorts=cohorts))


def grid_search(
    scenario: Scenario,
    make: Callable[[Scenario, float, float], Scenario],
    grid_x: Iterable[float],
    grid_y: Iterable[float],
    objective: Callable[[ForecastResult], float],
    *,
    replications: int = 200,
) -> list[tuple[float, float, float]]:
    """(objective, x, y) for every grid point, best first; same seed for all (CRN)."""
    out = []
    ys = list(grid_y)
    for x in grid_x:
        for y in ys:
            result = run(make(scenario, x, y), replications=replications)
            out.append((objective(result), x, y))
    return sorted(out)


def _frange(low: float, high: float, step: float) -> list[float]:
    count = round((high - low) / step) + 1
    return [round(low + i * step, 6) for i in range(count)]


def fit_taskforce(
    scenario: Scenario, *, cohort: str = "temps", replications: int = 200
) -> dict[str, object]:
    """Fit effort and the productivity of ``cohort`` to the 2020 milestones, then complex hours
    to the clearance window; returns the fitted values and the grid.

    Stage 1 scales the hours of non-complex cases and sets the cohort's productivity, minimising
    :func:`loss` on the three 2020 milestones (only the first 40 weeks are simulated). Stage 2
    sets the hours of complex cases so that the median clearance week falls in the middle of
    the autumn-2021 window. All runs share one seed, so the grid is smooth (common random
    numbers).
    """
    short = dataclasses.replace(scenario, horizon_weeks=min(scenario.horizon_weeks, 40))

    def stage1(s: Scenario, scale: float, productivity: float) -> Scenario:
        return with_productivity(with_effort(s, scale, None), cohort, productivity)

    grid = grid_search(
        short,
        stage1,
        _frange(0.85, 1.15, 0.025),
        _frange(0.0, 0.5, 0.05),
        loss,
        replications=replications,
    )
    best_loss, scale, productivity = grid[0]
    fitted = stage1(scenario, scale, productivity)
    first, last = (week_of(scenario.start_date, d) for d in TASKFORCE_CLEARED)
    target = (first + last) / 2
    complex_types = [t for t in fitted.case_types if t.complex]
    complex_hours: float | None = None
    if complex_types:
        # The median clearance week rises with the hours of complex cases (smoothly, thanks to
        # common random numbers): find where it crosses the target and interpolate.
        base = complex_types[0].hours_oral
        previous: tuple[float, float] | None = None
        for factor in _frange(0.6, 1.6, 0.05):
            hours = base * factor
            result = run(with_effort(fitted, 1.0, hours), replications=replications)
            weeks = result.clearance_weeks()
            median = float(np.median(np.where(weeks >= 0, weeks, result.horizon_weeks)))
            if median >= target:
                if previous is None or median == previous[1]:
                    complex_hours = hours
                else:
                    h0, m0 = previous
                    complex_hours = h0 + (hours - h0) * (target - m0) / (median - m0)
                break
            previous = (hours, median)
    return {
        "hours_scale": scale,
        f"{cohort}_productivity": productivity,
        "loss": best_loss,
        "complex_hours_oral": None if complex_hours is None else round(complex_hours * 2) / 2,
        "clearance_target_week": target,
        "grid": [
            {"loss": round(g[0], 5), "hours_scale": g[1], "productivity": g[2]} for g in grid[:10]
        ],
    }
