# SPDX-License-Identifier: EUPL-1.2
"""The outcome model the dashboards use: the forecast scenario's grant share per case type.

The forecast decides each case type's decisions into grants and refusals with the scenario's
``grant_share`` (forecast/scenario.py ``CaseType``); register cases map to the case types as the
register forecast maps them (forecasts/register_scenario.py ``case_type_of``). The scenario has no
grant share per nationality, so none is used. Tracks 1 and 2 are decided without a grant (a
Dublin transfer on track 1, a refusal on track 2: DOMAIN.md §2.2), as the demo clock decides them
(synth/daily.py ``outcome_for``). Withdrawals are not forecast and not counted here.

A refusal is *likely* when its probability is above :data:`LIKELY_REFUSAL` (more likely than
not): every case on track 1 or 2, and a track-4 case whose case type's grant share is below one
half. The partners' views (COA, DT&V, the intake table's DT&V rows) take the case type from the
kind of application alone (``partner_grant_probability``): complexity follows motives.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from verkeerstoren import glossary as g
from verkeerstoren import process
from verkeerstoren.forecast import ScenarioError, scenario_from_dict
from verkeerstoren.forecast.scenario import CaseType
from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.forecasts.register_scenario import case_type_of
from verkeerstoren.forecasts.scenarios import REGISTER_TEMPLATE, load_example

LIKELY_REFUSAL = 0.5  # a refusal probability above this is a likely refusal (more likely than not)
REGISTER_CASE_TYPES = ("regular", "complex", "court_reentry")  # register_scenario.case_type_of
NO_GRANT = process.NO_GRANT  # track -> the outcome its decisions have instead of a grant


@dataclass(frozen=True)
class GrantRates:
    """The grant share per case type of one scenario, and where it came from."""

    scenario: str  # the scenario's name
    run_pk: int | None  # the forecast run whose scenario it is; None: the register's template
    shares: dict[str, float] = field(default_factory=dict)  # case type -> grant share
    default: float = 0.5  # a case type the scenario lacks: the scenario format's default

    def share_of(self, case_type: str) -> float:
        return self.shares.get(case_type, self.default)

    def grant_probability(self, track: str, kind: str, complexity: str) -> float:
        """The chance a decision on this case is a grant."""
        if track in NO_GRANT:
            return 0.0
        return self.share_of(case_type_of(kind, complexity))

    def partner_grant_probability(self, track: str, kind: str) -> float:
        """The chance of a grant as the chain partners (COA, DT&V) are shown it: from the kind of
        application alone. A case's complexity follows the applicant's motives (LGBTI,
        conversion, 1F), which partners may not see, and a per-case chance that used it would
        show them which cases are complex."""
        return self.grant_probability(track, kind, g.Complexity.NORMAL.value)

    def expected_outcome(self, track: str) -> str:
        """The outcome code a decision without a grant has on this track."""
        return NO_GRANT.get(track, g.Outcome.REFUSAL.value)

    def rows(self) -> list[tuple[str, float, bool]]:
        """(case type, grant share, from the scenario) for the register's case types."""
        return [(t, self.share_of(t), t in self.shares) for t in REGISTER_CASE_TYPES]


def _default_share() -> float:
    found = next(f for f in fields(CaseType) if f.name == "grant_share")
    return float(found.default)  # type: ignore[arg-type]


def rates_of(data: Any, run_pk: int | None) -> GrantRates:
    """The grant rates of a scenario dict (as stored on a run or read from a file)."""
    default = _default_share()
    try:
        scenario = scenario_from_dict(data)
    except ScenarioError:
        return GrantRates("", run_pk, {}, default)
    shares = {t.name: float(t.grant_share) for t in scenario.case_types}
    return GrantRates(scenario.name, run_pk, shares, default)


def grant_rates(run: ForecastRun | None) -> GrantRates:
    """The rates of ``run``'s scenario, or of the register forecast's template without a run."""
    if run is not None:
        return rates_of(run.scenario, run.pk)
    try:
        template = load_example(REGISTER_TEMPLATE)
    except KeyError:
        return GrantRates("", None, {}, _default_share())
    return rates_of(template, None)
