# SPDX-License-Identifier: EUPL-1.2
"""Management's control tower at a glance: stock burn-down, penalties per week, team targets.

Aggregates only. As of a day:

- Burn-down per published plan: the open cases of the plan's stream at the end of each week
  (cases/decided.py: a case decided on a day no longer counts at its end), for the
  :data:`HISTORY_WEEKS` weeks before the plan and the plan's weeks up to the day; against the
  plan's expected stock: the open cases on its as-of day minus the decisions it plans up to the
  end of each week (new inflow is not in a plan). Without a published plan: the open cases at
  the end of the last weeks up to the day. The latest finished forecast's stock band is drawn
  with it (the forecast's own scope: its scenario is named).
- Penalties per week: administrative plus court penalties accrued in each of the last
  :data:`PENALTY_WEEKS` weeks up to the day: the law engine's accrued amount at the end of the
  week minus that at the end of the week before, both under the law of their day, from the
  facts as known on the shown day (cases.asof.histories_on).
- Team targets: per team of each published plan, the weeks ended by the day in which it made
  its target (decisions at least the planned number, plans/targets.py) and the totals so far.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from verkeerstoren.cases import models as cm
from verkeerstoren.cases.asof import histories_on
from verkeerstoren.cases.snapshot import cached
from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.law.portfolio import assess_portfolio, build_portfolio
from verkeerstoren.plans.models import PlanVersion
from verkeerstoren.plans.targets import team_targets
from verkeerstoren.weeks import end_of

from .sources import CaseRow, case_rows, latest_forecast, published_versions

HISTORY_WEEKS = 12  # weeks of actual stock shown before a plan's first week
PENALTY_WEEKS = 12  # weeks of accrued penalties up to the day
FORECAST_WEEKS = 26  # without a plan: weeks of the forecast band after the day
STOCK_METRIC = "stock"
ALL = "all"


@dataclass(frozen=True)
class BurnPoint:
    """One week: its number (plan weeks from 0; before the plan negative) and last day."""

    week: int
    end: dt.date
    actual: int | None  # open cases at the end of the week; None: after the shown day
    planned: int | None  # the plan's expected stock; None: before the plan's first week


@dataclass(frozen=True)
class BurnDown:
    stream: str  # the plan's stream, or "all" without a plan
    version: PlanVersion | None
    start_stock: int | None  # open cases in scope on the plan's as-of day
    points: list[BurnPoint]


@dataclass(frozen=True)
class PenaltyWeek:
    start: dt.date
    end: dt.date
    accrued_eur: float  # accrued during the week
    total_eur: float  # accrued up to the week's end, in all


@dataclass(frozen=True)
class TeamResult:
    stream: str  # the team's stream
    code: str
    name: str
    decision_team: bool
    weeks_over: int
    weeks_met: int
    target_to_date: int
    actual_to_date: int

    @property
    def difference(self) -> int:
        return self.actual_to_date - self.target_to_date


@dataclass(frozen=True)
class ManagementFigures:
    day: dt.date
    open_cases: int
    burn_downs: list[BurnDown]
    forecast: ForecastRun | None
    stock_rows: list[list[dict[str, Any]]]  # per burn-down: the forecast rows in its window
    penalties: list[PenaltyWeek]
    teams: list[TeamResult]

    @property
    def penalties_total_eur(self) -> float:
        return self.penalties[-1].total_eur if self.penalties else 0.0

    @property
    def penalties_in_weeks_eur(self) -> float:
        return sum(w.accrued_eur for w in self.penalties)

    @property
    def teams_on_target(self) -> int:
        """Teams that made their target in every week that has ended."""
        return sum(1 for t in self.teams if t.weeks_over and t.weeks_met == t.weeks_over)


class _Stock:
    """Open cases of a scope at the end of any day, counted from received and decision days."""

    def __init__(self, cases: list[CaseRow], stream: str) -> None:
        chosen = [c for c in cases if stream == ALL or c.stream == stream]
        never = dt.date.max.toordinal()
        self.received = np.array([c.received.toordinal() for c in chosen], np.int64)
        self.decided = np.array(
            [c.decided.toordinal() if c.decided else never for c in chosen], np.int64
        )

    def open_at(self, day: dt.date) -> int:
        t = day.toordinal()
        return int(((self.received <= t) & (self.decided > t)).sum())


def _burn_down(version: PlanVersion, cases: list[CaseRow], day: dt.date) -> BurnDown:
    stock = _Stock(cases, version.stream)
    start = stock.open_at(version.as_of)
    planned = [0] * version.horizon_weeks
    for week in version.assignments.filter(week__isnull=False, team__isnull=False).values_list(
        "week", flat=True
    ):
        if week is not None:  # filtered above; the column itself may be empty
            planned[week] += 1
    points = []
    for week in range(-HISTORY_WEEKS, version.horizon_weeks):
        end = end_of(version.as_of, week)
        expected = start - sum(planned[: week + 1]) if week >= 0 else None
        points.append(BurnPoint(week, end, stock.open_at(end) if end <= day else None, expected))
    return BurnDown(version.stream, version, start, points)


def _actual_only(cases: list[CaseRow], day: dt.date) -> BurnDown:
    stock = _Stock(cases, ALL)
    points = []
    for k in range(HISTORY_WEEKS, -1, -1):
        end = day - dt.timedelta(weeks=k)
        points.append(BurnPoint(-k, end, stock.open_at(end), None))
    return BurnDown(ALL, None, None, points)


def _forecast_rows(run: ForecastRun | None, first: dt.date, last: dt.date) -> list[dict[str, Any]]:
    if run is None or not run.result:
        return []
    rows = (r for r in run.result.get("rows", []) if r.get("metric") == STOCK_METRIC)
    return [r for r in rows if first <= dt.date.fromisoformat(r["date"]) <= last]


def _penalty_weeks(day: dt.date) -> list[PenaltyWeek]:
    histories = histories_on(day)
    if not histories:
        return []
    portfolio = build_portfolio(sorted(histories.values(), key=lambda h: h.id))
    ends = [day - dt.timedelta(weeks=k) for k in range(PENALTY_WEEKS, -1, -1)]
    totals = [float(assess_portfolio(portfolio, end).penalty_eur.sum()) for end in ends]
    return [
        PenaltyWeek(ends[i] - dt.timedelta(days=6), ends[i], totals[i] - totals[i - 1], totals[i])
        for i in range(1, len(ends))
    ]


def penalty_weeks(day: dt.date) -> list[PenaltyWeek]:
    """Penalties accrued per week up to ``day``, once per register state and day."""
    return cached("dashboard_penalty_weeks", lambda: _penalty_weeks(day), day)


def _teams(versions: list[PlanVersion], day: dt.date) -> list[TeamResult]:
    out = []
    streams = dict(cm.Team.objects.values_list("code", "stream"))
    for version in versions:
        for row in team_targets(version, day).rows:
            ended = [(t, a) for t, a in zip(row.targets, row.actual, strict=True) if a is not None]
            out.append(
                TeamResult(
                    streams.get(row.code, version.stream),
                    row.code,
                    row.name,
                    row.decision_team,
                    len(ended),
                    sum(1 for t, a in ended if a >= t),
                    row.target_to_date,
                    row.actual_to_date,
                )
            )
    return out


def management_figures(day: dt.date) -> ManagementFigures:
    """Management's dashboard as of ``day``."""
    cases = case_rows(day)
    versions = published_versions(day)
    burn_downs = [_burn_down(v, cases, day) for v in versions] or [_actual_only(cases, day)]
    run = latest_forecast(day)
    stock_rows = []
    for burn in burn_downs:
        last = burn.points[-1].end
        if burn.version is None:
            last = day + dt.timedelta(weeks=FORECAST_WEEKS)
        stock_rows.append(_forecast_rows(run, burn.points[0].end, last))
    return ManagementFigures(
        day=day,
        open_cases=sum(1 for c in cases if c.open_on(day)),
        burn_downs=burn_downs,
        forecast=run,
        stock_rows=stock_rows,
        penalties=penalty_weeks(day),
        teams=_teams(versions, day),
    )
