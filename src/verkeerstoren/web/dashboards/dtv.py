# SPDX-License-Identifier: EUPL-1.2
"""DT&V's figures: tracks 1 and 2, and the cases nearing a likely refusal (DOMAIN.md §4).

- Tracks 1 (Dublin) and 2 (safe country): the cases open on the day, counted per location and
  week of registration (the Monday of the week the application was received).
- Likely refusals: the cases still open on the day whose decision the published plans put in
  the coming weeks and whose refusal probability under the forecast's outcome model is above
  :data:`outcomes.LIKELY_REFUSAL`, with the planned week and the case reference. These name
  cases: the page logs each one it shows (record_case_reads). No feature, motive or dossier item
  is read.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from verkeerstoren import glossary as g
from verkeerstoren.plans.models import PlanVersion

from .outcomes import LIKELY_REFUSAL, GrantRates, grant_rates
from .sources import case_rows, latest_forecast, location_names, planned_weeks, published_versions

PLANNED_WEEKS = 8  # the coming weeks whose planned decisions the list covers
DEPARTURE_TRACKS = (g.Track.DUBLIN.value, g.Track.SAFE_COUNTRY.value)


def registration_week(received: dt.date) -> dt.date:
    """The Monday of the week the application was received."""
    return received - dt.timedelta(days=received.weekday())


@dataclass(frozen=True)
class TrackCount:
    """Open cases of one track at one location registered in one week (its Monday)."""

    track: str
    location: str
    week: dt.date
    cases: int


@dataclass(frozen=True)
class LikelyRefusal:
    """A case whose decision is planned soon and is more likely than not a refusal."""

    reference: str
    person: str  # for the access log only; never shown
    track: str
    location: str
    week_start: dt.date
    outcome: str  # the expected outcome code (refusal, Dublin transfer)
    refusal_probability: float


@dataclass(frozen=True)
class DtvFigures:
    day: dt.date
    tracks: list[TrackCount]
    plans: list[PlanVersion]
    rates: GrantRates
    likely: list[LikelyRefusal]

    def track_total(self, track: str) -> int:
        return sum(t.cases for t in self.tracks if t.track == track)

    @property
    def totals(self) -> list[tuple[str, int]]:
        return [(track, self.track_total(track)) for track in DEPARTURE_TRACKS]


def dtv_figures(day: dt.date) -> DtvFigures:
    """DT&V's dashboard as of ``day``."""
    cases = case_rows(day)
    names = location_names()
    counts: Counter[tuple[str, str, dt.date]] = Counter()
    for c in cases:
        if c.track in DEPARTURE_TRACKS and c.open_on(day):
            counts[(c.track, names[c.location_id][1], registration_week(c.received))] += 1
    tracks = [TrackCount(t, loc, week, n) for (t, loc, week), n in sorted(counts.items())]
    rates = grant_rates(latest_forecast(day))
    plans = published_versions(day)
    by_pk = {c.pk: c for c in cases}
    likely = []
    for planned in planned_weeks(plans, day, PLANNED_WEEKS):
        case = by_pk.get(planned.case_id)
        if case is None or not case.open_on(day):
            continue
        refusal = 1.0 - rates.partner_grant_probability(case.track, case.kind)
        if refusal > LIKELY_REFUSAL:
            likely.append(
                LikelyRefusal(
                    case.reference,
                    case.person,
                    case.track,
                    names[case.location_id][1],
                    planned.week_start,
                    rates.expected_outcome(case.track),
                    refusal,
                )
            )
    likely.sort(key=lambda r: (r.week_start, r.reference))
    return DtvFigures(day, tracks, plans, rates, likely)
