# SPDX-License-Identifier: EUPL-1.2
"""Which rows of the intake table DT&V follows: the departure-relevant cases.

A row is departure-relevant when a refusal (or a Dublin transfer) is more likely than a grant
under the outcome model the forecast uses, as the DT&V dashboard reads it
(``web.dashboards.outcomes``: the grant share of the case type in the newest finished forecast
on or before the day, else in the register forecast's template ``scenarios/tf2020.json``; tracks
1 and 2 are decided without a grant). The track is IND's decision, else the table's proposal;
the threshold is the dashboards' ``LIKELY_REFUSAL`` (a refusal probability above one half).

The case type is taken from the kind of application alone (a court re-entry or a regular case):
the complexity follows the applicant's motives (LGBTI, conversion), which DT&V may not see, so
it is left out here. The model has no grant shares by nationality, so nationality plays no part.
"""

from __future__ import annotations

from datetime import date

from verkeerstoren import glossary as g
from verkeerstoren.web.dashboards.outcomes import LIKELY_REFUSAL, GrantRates, grant_rates
from verkeerstoren.web.dashboards.sources import latest_forecast

DEPARTURE_TRACKS = frozenset({g.Track.DUBLIN.value, g.Track.SAFE_COUNTRY.value})


def rates_on(day: date) -> GrantRates:
    """The outcome model as of ``day`` (the DT&V dashboard's)."""
    return grant_rates(latest_forecast(day))


def why_listed(track: str, kind: str, rates: GrantRates) -> str | None:
    """'track' (1 or 2) or 'likely_refusal' when DT&V follows the case, else None."""
    if track in DEPARTURE_TRACKS:
        return "track"
    # Complexity left out on purpose: it would tell DT&V which cases have motives like LGBTI.
    refusal = 1.0 - rates.partner_grant_probability(track, kind)
    return "likely_refusal" if refusal > LIKELY_REFUSAL else None
