# SPDX-License-Identifier: EUPL-1.2
"""COA's figures: who is where, the reception forecast and the expected outflow (DOMAIN.md §4).

Aggregates only: no case reference, feature, motive or dossier item leaves this module.

- Occupancy per location: the cases open on the day at the location (one applicant per case),
  against COA's reception places there (intaketable.ReceptionCapacity) where COA has set them.
- The reception forecast: the ``reception_persons`` band of the latest finished forecast, from
  the week that contains the day on. The forecast stores one national series (forecasts/summary.py
  STORED_METRICS), so the band is the whole country's; the page says so.
- Expected outflow: the published plans' decisions in the coming weeks of the cases still open
  on the day, split into expected grants (to a municipality) and refusals (to departure) with the
  grant rates of that forecast's scenario (outcomes.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.intaketable.models import ReceptionCapacity
from verkeerstoren.plans.models import PlanVersion

from .outcomes import GrantRates, grant_rates
from .sources import case_rows, latest_forecast, location_names, planned_weeks, published_versions

OUTFLOW_WEEKS = 8  # the coming weeks the outflow covers
FORECAST_WEEKS = 26  # the weeks of the reception forecast shown
RECEPTION_METRIC = "reception_persons"


@dataclass(frozen=True)
class Occupancy:
    """Open cases at one location on the day, and COA's places there (None: not set)."""

    code: str
    name: str
    open_cases: int
    places: int | None

    @property
    def free(self) -> int | None:
        return None if self.places is None else self.places - self.open_cases

    @property
    def share(self) -> float | None:
        """Occupied share of the places (None without places)."""
        return None if not self.places else self.open_cases / self.places


@dataclass(frozen=True)
class OutflowWeek:
    """Planned decisions in one plan week (its first day) and their expected outcomes."""

    start: dt.date
    decisions: int
    grants: float
    refusals: float


@dataclass(frozen=True)
class CoaFigures:
    day: dt.date
    occupancy: list[Occupancy]
    forecast: ForecastRun | None
    reception_rows: list[dict[str, Any]]  # forecast quantile rows from the day's week on
    plans: list[PlanVersion]
    rates: GrantRates
    outflow: list[OutflowWeek]

    @property
    def open_cases(self) -> int:
        return sum(o.open_cases for o in self.occupancy)

    @property
    def places(self) -> int:
        return sum(o.places or 0 for o in self.occupancy)

    @property
    def outflow_totals(self) -> OutflowWeek | None:
        if not self.outflow:
            return None
        return OutflowWeek(
            self.outflow[0].start,
            sum(w.decisions for w in self.outflow),
            sum(w.grants for w in self.outflow),
            sum(w.refusals for w in self.outflow),
        )


def reception_rows(run: ForecastRun | None, day: dt.date) -> list[dict[str, Any]]:
    """The forecast's reception rows whose week ends on or after ``day``, at most 26 weeks."""
    if run is None or not run.result:
        return []
    rows = [r for r in run.result.get("rows", []) if r.get("metric") == RECEPTION_METRIC]
    coming = [r for r in rows if dt.date.fromisoformat(r["date"]) >= day]
    return coming[:FORECAST_WEEKS]


def coa_figures(day: dt.date) -> CoaFigures:
    """COA's dashboard as of ``day``."""
    cases = case_rows(day)
    open_at: dict[int, int] = defaultdict(int)
    for c in cases:
        if c.open_on(day):
            open_at[c.location_id] += 1
    places = dict(ReceptionCapacity.objects.values_list("location_id", "places"))
    names = location_names()
    occupancy = [
        Occupancy(code, name, open_at.get(pk, 0), places.get(pk))
        for pk, (code, name) in sorted(names.items(), key=lambda kv: kv[1][0])
        if open_at.get(pk) or pk in places
    ]
    run = latest_forecast(day)
    rates = grant_rates(run)
    plans = published_versions(day)
    by_pk = {c.pk: c for c in cases}
    weeks: dict[dt.date, list[float]] = defaultdict(lambda: [0, 0.0])
    for planned in planned_weeks(plans, day, OUTFLOW_WEEKS):
        case = by_pk.get(planned.case_id)
        if case is None or not case.open_on(day):
            continue  # decided already: no longer outflow to come
        week = weeks[planned.week_start]
        week[0] += 1
        week[1] += rates.partner_grant_probability(case.track, case.kind)
    outflow = [
        OutflowWeek(start, int(n), grants, n - grants)
        for start, (n, grants) in sorted(weeks.items())
    ]
    return CoaFigures(day, occupancy, run, reception_rows(run, day), plans, rates, outflow)
