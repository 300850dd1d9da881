# SPDX-License-Identifier: EUPL-1.2
"""Penalty payments: the administrative penalty (Awb 4:17-4:18) and court penalties (Awb 8:55d).

Administrative penalty: owed after a valid notice of default (received after the deadline; the
earliest valid one counts) from the first penalty day = max(deadline, notice received) + 14 days,
for at most 42 days, stopping at the decision (inclusive); the tariff follows the date the notice
was received (:mod:`verkeerstoren.law.tariffs`). The amount must be fixed by decision within two
weeks after the last penalty day (Awb 4:18). Court penalties run per ruling and add to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from verkeerstoren.law.model import CourtRuling, Notice
from verkeerstoren.law.tariffs import MAX_PENALTY_DAYS, admin_tariff_for

# Awb 4:17 lid 3: the penalty is owed from the day two weeks have passed after the later of the
# term's expiry and receipt of the notice. The Atw does not stretch this (fixed period, no end).
NOTICE_GRACE_DAYS = 14
# Awb 4:18: the amount is fixed by decision within two weeks after the last penalty day.
FIXING_DECISION_DAYS = 14


def earliest_valid_notice(notices: Iterable[Notice], deadline: date) -> Notice | None:
    """The notice that counts: the earliest received strictly after the deadline, if any."""
    # A notice received on or before the deadline is premature and has no effect (M).
    valid = [n for n in notices if n.received > deadline]
    if not valid:
        return None
    # Ties on the date received are broken by the date given, so the choice is deterministic.
    return min(valid, key=lambda n: (n.received, n.given))


def first_penalty_day(deadline: date, notice_received: date) -> date:
    """First day a penalty accrues: two weeks after the later of deadline and notice receipt."""
    return max(deadline, notice_received) + timedelta(days=NOTICE_GRACE_DAYS)


def accrual_end(as_of: date, decided: date | None) -> date:
    """Last day that can accrue: the as-of date, or the decision date if earlier (inclusive)."""
    return as_of if decided is None else min(as_of, decided)


def admin_penalty_days(first_day: date, as_of: date, decided: date | None) -> int:
    """Number of penalty days accrued by ``as_of`` (0..42)."""
    span = (accrual_end(as_of, decided) - first_day).days + 1
    return max(0, min(span, MAX_PENALTY_DAYS))


def admin_penalty_eur(
    first_day: date, notice_received: date, as_of: date, decided: date | None
) -> int:
    """Administrative penalty accrued by ``as_of``, at the tariff of the notice's receipt date."""
    days = admin_penalty_days(first_day, as_of, decided)
    return admin_tariff_for(notice_received).cumulative_eur(days)


def last_penalty_day(first_day: date, decided: date | None) -> date | None:
    """Day the penalty stops: the decision, or day 42 (projected while undecided).

    ``None`` when the decision came before the first penalty day (nothing accrues).
    """
    day42 = first_day + timedelta(days=MAX_PENALTY_DAYS - 1)
    if decided is None:
        return day42
    if decided < first_day:
        return None
    return min(decided, day42)


def fixing_decision_due(first_day: date, decided: date | None) -> date | None:
    """Due date of the decision fixing the penalty (Awb 4:18): last penalty day + two weeks."""
    last = last_penalty_day(first_day, decided)
    return None if last is None else last + timedelta(days=FIXING_DECISION_DAYS)


def court_penalty_start(ruling: CourtRuling) -> date:
    """First day the court penalty runs: the day after the court's decision term ends."""
    return ruling.judgment + timedelta(days=ruling.decision_term_days + 1)


def court_penalty_runs(ruling: CourtRuling, decided: date | None) -> bool:
    """Whether the ruling's penalty ever runs: it has one and no decision came before its start."""
    return ruling.has_penalty and (decided is None or decided >= court_penalty_start(ruling))


def court_penalty_eur(ruling: CourtRuling, as_of: date, decided: date | None) -> float:
    """Court penalty of one ruling accrued by ``as_of`` (stops at the decision), capped."""
    days = (accrual_end(as_of, decided) - court_penalty_start(ruling)).days + 1
    if days <= 0:
        return 0.0
    return min(days * ruling.daily_eur, ruling.cap_eur)


def court_penalties_eur(rulings: Iterable[CourtRuling], as_of: date, decided: date | None) -> float:
    """Sum of the court penalties of all rulings (they are cumulative, and add to Awb 4:17)."""
    total = 0.0
    for ruling in rulings:
        total += court_penalty_eur(ruling, as_of, decided)
    return total
