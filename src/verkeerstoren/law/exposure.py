# SPDX-License-Identifier: EUPL-1.2
"""Per-case exposure: what a case owes as of a date, if decided on a date, and in expectation.

This is the reference implementation; :mod:`verkeerstoren.law.portfolio` computes the same numbers
for many cases at once and is tested to agree exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta

from verkeerstoren.law.config import DEFAULT_LAW, LawConfig
from verkeerstoren.law.model import CaseHistory, CourtRuling, Notice
from verkeerstoren.law.penalties import (
    accrual_end,
    admin_penalty_days,
    admin_penalty_eur,
    court_penalties_eur,
    court_penalty_eur,
    earliest_valid_notice,
    first_penalty_day,
    fixing_decision_due,
)
from verkeerstoren.law.regimes import (
    Regime,
    admin_penalty_allowed,
    court_penalty_possible,
    regime_on,
)
from verkeerstoren.law.terms import case_deadline, term_months

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Assessment:
    """What one case owes as of ``as_of`` under the law of that day. Money in euros.

    ``overdue_days`` = max(0, as_of - deadline) (also for decided cases); ``days_late`` stops at
    the decision. ``first_penalty_day`` is set whenever a valid notice exists, even when the
    administrative penalty is excluded (``admin_excluded`` gives the reason).
    ``penalty_per_day_eur`` is what the as-of day itself adds (admin + court).
    ``fixing_decision_due`` (Awb 4:18) is projected from day 42 while undecided.
    """

    case_id: str
    as_of: date
    regime: str
    term_months: int
    deadline: date
    overdue_days: int
    days_late: int
    notice_received: date | None
    first_penalty_day: date | None
    admin_penalty_days: int
    admin_penalty_eur: float
    admin_excluded: str | None
    court_penalty_eur: float
    penalty_eur: float
    penalty_per_day_eur: float
    fixing_decision_due: date | None


@dataclass(frozen=True, slots=True)
class BehaviourParameters:
    """Scenario inputs for expected exposure, calibrated on history (never constants in code).

    ``notice_probability``: chance an overdue applicant without a notice sends one;
    ``notice_delay_days``: days after the deadline on which that notice is received (if that day
    has already passed without a notice, it is assumed to arrive the day after the as-of date);
    ``appeal_probability``: chance of an appeal against not deciding, once possible;
    ``appeal_to_judgment_days``: days from the day an appeal is possible to the judgment;
    ``court_decision_term_days``, ``court_daily_eur``, ``court_cap_eur``: what the court orders.
    """

    notice_probability: float
    notice_delay_days: int
    appeal_probability: float
    appeal_to_judgment_days: int
    court_decision_term_days: int
    court_daily_eur: float
    court_cap_eur: float

    def __post_init__(self) -> None:
        for name in ("notice_probability", "appeal_probability"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, got {value}")
        if self.notice_delay_days < 1:
            raise ValueError("notice_delay_days must be at least 1 (a valid notice comes after)")
        for name in ("appeal_to_judgment_days", "court_decision_term_days"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        for name in ("court_daily_eur", "court_cap_eur"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise ValueError(f"{name} must be a finite non-negative amount")


@dataclass(frozen=True, slots=True)
class ExpectedExposure:
    """Owed and expected penalties of one case if decided on ``decide_on``. Money in euros.

    ``owed_*`` follow from the facts alone; ``expected_*`` add the probability-weighted penalties
    of a notice not yet sent and an appeal not yet lodged. ``assumed_notice_received`` is the
    hypothetical notice date used when the case has no valid notice.
    """

    case_id: str
    decide_on: date
    owed_admin_eur: float
    owed_court_eur: float
    expected_admin_eur: float
    expected_court_eur: float
    expected_eur: float
    assumed_notice_received: date | None


def _admin_exclusion(
    case: CaseHistory, regime: Regime, deadline: date, notice: Notice | None
) -> str | None:
    """Why the administrative penalty cannot run for this case, or ``None``."""
    if case.manifestly_unfounded:
        return "manifestly_unfounded"
    if case.manifestly_inadmissible:
        return "manifestly_inadmissible"
    if not admin_penalty_allowed(regime, case.asylum, deadline, notice):
        return "temporary_law"
    return None


def _owed(
    case: CaseHistory, first_day: date | None, notice: Notice | None, allowed: bool, day: date
) -> tuple[int, float]:
    """(admin, court) accrued by ``day``."""
    admin = 0
    if allowed and first_day is not None and notice is not None:
        admin = admin_penalty_eur(first_day, notice.received, day, case.decided)
    return admin, court_penalties_eur(case.rulings, day, case.decided)


def assess(case: CaseHistory, as_of: date, law: LawConfig = DEFAULT_LAW) -> Assessment:
    """Deadline, lateness and penalties of ``case`` as of ``as_of`` under the law of that day."""
    regime = regime_on(as_of, law.regimes)
    months = term_months(case.received, case.extensions, law.extension_policies)
    deadline = case_deadline(case, policies=law.extension_policies, calendar=law.calendar)
    notice = earliest_valid_notice(case.notices, deadline)
    first_day = None if notice is None else first_penalty_day(deadline, notice.received)
    excluded = _admin_exclusion(case, regime, deadline, notice)
    allowed = excluded is None

    admin, court = _owed(case, first_day, notice, allowed, as_of)
    admin_before, court_before = _owed(case, first_day, notice, allowed, as_of - _ONE_DAY)
    total = admin + court
    days = 0
    due = None
    if allowed and first_day is not None:
        days = admin_penalty_days(first_day, as_of, case.decided)
        due = fixing_decision_due(first_day, case.decided)
    return Assessment(
        case_id=case.id,
        as_of=as_of,
        regime=regime.name,
        term_months=months,
        deadline=deadline,
        overdue_days=max(0, (as_of - deadline).days),
        days_late=max(0, (accrual_end(as_of, case.decided) - deadline).days),
        notice_received=None if notice is None else notice.received,
        first_penalty_day=first_day,
        admin_penalty_days=days,
        admin_penalty_eur=float(admin),
        admin_excluded=excluded,
        court_penalty_eur=court,
        penalty_eur=total,
        penalty_per_day_eur=total - (admin_before + court_before),
        fixing_decision_due=due,
    )


def assess_if_decided(
    case: CaseHistory, decide_on: date, law: LawConfig = DEFAULT_LAW
) -> Assessment:
    """What ``case`` owes in the end if decided on ``decide_on`` (a recorded decision wins)."""
    decided = case.decided if case.decided is not None else decide_on
    return assess(replace(case, decided=decided), decided, law)


def expected_exposure(
    case: CaseHistory,
    as_of: date,
    decide_on: date,
    behaviour: BehaviourParameters,
    law: LawConfig = DEFAULT_LAW,
) -> ExpectedExposure:
    """Owed plus probability-weighted future penalties if ``case`` is decided on ``decide_on``.

    Without a valid notice, a notice is assumed received ``notice_delay_days`` after the deadline
    (not before tomorrow) with ``notice_probability``; without a ruling, an appeal follows with
    ``appeal_probability`` and a court penalty under the regime of the judgment's date.
    Existing rulings are facts; further (stacked) appeals are not modelled.
    """
    base = assess_if_decided(case, decide_on, law)
    decided = base.as_of
    admin = base.admin_penalty_eur
    court = base.court_penalty_eur
    deadline = base.deadline
    notice = earliest_valid_notice(case.notices, deadline)
    assumed: date | None = None
    appeal_notice: Notice | None = None
    weight = 0.0
    if case.decided is None and notice is None:
        assumed = max(deadline + timedelta(days=behaviour.notice_delay_days), as_of + _ONE_DAY)
        appeal_notice = Notice(received=assumed)
        weight = behaviour.notice_probability * behaviour.appeal_probability
        regime = regime_on(decided, law.regimes)
        if _admin_exclusion(case, regime, deadline, appeal_notice) is None:
            hypothetical = admin_penalty_eur(
                first_penalty_day(deadline, assumed), assumed, decided, decided
            )
            admin += behaviour.notice_probability * hypothetical
    elif case.decided is None and notice is not None and not case.rulings:
        appeal_notice = notice
        weight = behaviour.appeal_probability
    if appeal_notice is not None:
        # Appeal possible once two weeks passed after the notice (Awb 6:12), not in the past.
        possible = max(first_penalty_day(deadline, appeal_notice.received), as_of + _ONE_DAY)
        judgment = possible + timedelta(days=behaviour.appeal_to_judgment_days)
        if court_penalty_possible(
            regime_on(judgment, law.regimes), case.asylum, deadline, appeal_notice
        ):
            ruling = CourtRuling(
                judgment=judgment,
                decision_term_days=behaviour.court_decision_term_days,
                daily_eur=behaviour.court_daily_eur,
                cap_eur=behaviour.court_cap_eur,
            )
            court += weight * court_penalty_eur(ruling, decided, decided)
    return ExpectedExposure(
        case_id=case.id,
        decide_on=decided,
        owed_admin_eur=base.admin_penalty_eur,
        owed_court_eur=base.court_penalty_eur,
        expected_admin_eur=admin,
        expected_court_eur=court,
        expected_eur=admin + court,
        assumed_notice_received=assumed,
    )
