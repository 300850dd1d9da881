# SPDX-License-Identifier: EUPL-1.2
"""Vectorised exposure for a whole portfolio: the per-case rules of :mod:`exposure` on arrays.

Cases are columns of NumPy arrays; variable-length facts (suspensions, notices, rulings) are
flattened into row arrays that point at their case. Dates are handled as ``int64`` day numbers
(days since 1970-01-01) with a separate "present" mask, so that no NaT arithmetic can leak.
The results must equal :func:`verkeerstoren.law.exposure.assess` exactly — the tests check it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from verkeerstoren.law.config import DEFAULT_LAW, LawConfig
from verkeerstoren.law.exposure import Assessment, BehaviourParameters, ExpectedExposure
from verkeerstoren.law.model import CaseHistory
from verkeerstoren.law.penalties import FIXING_DECISION_DAYS, NOTICE_GRACE_DAYS
from verkeerstoren.law.tariffs import ADMIN_TARIFFS, MAX_PENALTY_DAYS
from verkeerstoren.law.terms import BASE_TERM_MONTHS, MAX_TERM_MONTHS

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
Bool = npt.NDArray[np.bool_]
Days = npt.NDArray[np.datetime64]

_EXCLUSIONS = (None, "manifestly_unfounded", "manifestly_inadmissible", "temporary_law")


def _day(d: date) -> int:
    """Day number of ``d`` (days since 1970-01-01)."""
    return d.toordinal() - 719163


def _days(ds: Sequence[date]) -> I64:
    """Day numbers of a sequence of dates."""
    return np.fromiter((d.toordinal() - 719163 for d in ds), np.int64, len(ds))


def _to_dates(days: I64, present: Bool | None = None) -> Days:
    """``datetime64[D]`` array of day numbers, NaT where not ``present``."""
    out = days.astype("datetime64[D]")
    if present is not None:
        out[~present] = np.datetime64("NaT")
    return out


@dataclass(frozen=True, slots=True)
class Portfolio:
    """Many case histories as arrays. Build it with :func:`build_portfolio`.

    Per case (length n): ``ids``, ``received``, ``extension_months`` (the case's own),
    ``decided`` with ``is_decided``, the exclusion flags and ``asylum``. Per suspension / notice
    / ruling row: the case index (``*_case``) and the facts, in the order of the case's lists
    (suspensions sorted by start, which is the order the rules take them in).
    """

    ids: tuple[str, ...]
    received: I64
    extension_months: I64
    decided: I64
    is_decided: Bool
    manifestly_unfounded: Bool
    manifestly_inadmissible: Bool
    asylum: Bool
    susp_case: I64
    susp_rank: I64
    susp_start: I64
    susp_end: I64
    notice_case: I64
    notice_received: I64
    notice_given: I64
    ruling_case: I64
    ruling_judgment: I64
    ruling_term_days: I64
    ruling_daily_eur: F64
    ruling_cap_eur: F64

    def __len__(self) -> int:
        return len(self.ids)


def build_portfolio(cases: Sequence[CaseHistory]) -> Portfolio:
    """Flatten per-case histories into a :class:`Portfolio`."""
    susp: list[tuple[int, int, date, date]] = []
    notices: list[tuple[int, date, date]] = []
    rulings: list[tuple[int, date, int, float, float]] = []
    for i, case in enumerate(cases):
        ordered = sorted(case.suspensions, key=lambda s: (s.start, s.end))
        susp.extend((i, rank, s.start, s.end) for rank, s in enumerate(ordered))
        notices.extend((i, n.received, n.given) for n in case.notices)
        rulings.extend(
            (i, r.judgment, r.decision_term_days, r.daily_eur, r.cap_eur) for r in case.rulings
        )
    decided = [c.decided for c in cases]
    return Portfolio(
        ids=tuple(c.id for c in cases),
        received=_days([c.received for c in cases]),
        extension_months=np.array([sum(c.extensions) for c in cases], np.int64),
        decided=np.array([0 if d is None else _day(d) for d in decided], np.int64),
        is_decided=np.array([d is not None for d in decided], np.bool_),
        manifestly_unfounded=np.array([c.manifestly_unfounded for c in cases], np.bool_),
        manifestly_inadmissible=np.array([c.manifestly_inadmissible for c in cases], np.bool_),
        asylum=np.array([c.asylum for c in cases], np.bool_),
        susp_case=np.array([s[0] for s in susp], np.int64),
        susp_rank=np.array([s[1] for s in susp], np.int64),
        susp_start=_days([s[2] for s in susp]),
        susp_end=_days([s[3] for s in susp]),
        notice_case=np.array([n[0] for n in notices], np.int64),
        notice_received=_days([n[1] for n in notices]),
        notice_given=_days([n[2] for n in notices]),
        ruling_case=np.array([r[0] for r in rulings], np.int64),
        ruling_judgment=_days([r[1] for r in rulings]),
        ruling_term_days=np.array([r[2] for r in rulings], np.int64),
        ruling_daily_eur=np.array([r[3] for r in rulings], np.float64),
        ruling_cap_eur=np.array([r[4] for r in rulings], np.float64),
    )


@dataclass(frozen=True, slots=True)
class PortfolioAssessment:
    """Column-wise :class:`Assessment` of every case; dates are ``datetime64[D]`` (NaT = none).

    ``admin_excluded`` is a code into ``(None, "manifestly_unfounded",
    "manifestly_inadmissible", "temporary_law")``; ``regime`` an index into the regime table
    sorted by ``valid_from``.
    """

    ids: tuple[str, ...]
    as_of: Days
    regime: tuple[str, ...]
    term_months: I64
    deadline: Days
    overdue_days: I64
    days_late: I64
    notice_received: Days
    first_penalty_day: Days
    admin_penalty_days: I64
    admin_penalty_eur: F64
    admin_excluded: npt.NDArray[np.int8]
    court_penalty_eur: F64
    penalty_eur: F64
    penalty_per_day_eur: F64
    fixing_decision_due: Days

    def row(self, i: int) -> Assessment:
        """Case ``i`` as a per-case :class:`Assessment` (for display and comparison)."""

        def d(x: np.datetime64) -> date | None:
            return None if np.isnat(x) else x.astype(date)

        deadline = d(self.deadline[i])
        as_of = d(self.as_of[i])
        if deadline is None or as_of is None:
            raise ValueError(f"case {self.ids[i]} has no deadline or as-of date")
        return Assessment(
            case_id=self.ids[i],
            as_of=as_of,
            regime=self.regime[i],
            term_months=int(self.term_months[i]),
            deadline=deadline,
            overdue_days=int(self.overdue_days[i]),
            days_late=int(self.days_late[i]),
            notice_received=d(self.notice_received[i]),
            first_penalty_day=d(self.first_penalty_day[i]),
            admin_penalty_days=int(self.admin_penalty_days[i]),
            admin_penalty_eur=float(self.admin_penalty_eur[i]),
            admin_excluded=_EXCLUSIONS[int(self.admin_excluded[i])],
            court_penalty_eur=float(self.court_penalty_eur[i]),
            penalty_eur=float(self.penalty_eur[i]),
            penalty_per_day_eur=float(self.penalty_per_day_eur[i]),
            fixing_decision_due=d(self.fixing_decision_due[i]),
        )


# --- building blocks ------------------------------------------------------------------------


def _add_months(days: I64, months: I64) -> I64:
    """Vectorised :func:`terms.add_months` on day numbers."""
    dt = days.astype("datetime64[D]")
    month = dt.astype("datetime64[M]")
    day_index = (dt - month.astype("datetime64[D]")).astype(np.int64)  # day of month - 1
    target = month + months
    first = target.astype("datetime64[D]")
    last_index = ((target + 1).astype("datetime64[D]") - first).astype(np.int64) - 1
    result: I64 = first.astype(np.int64) + np.minimum(day_index, last_index)
    return result


def _deadlines(p: Portfolio, law: LawConfig) -> tuple[I64, I64]:
    """(term months, deadline day numbers) of every case."""
    months = BASE_TERM_MONTHS + p.extension_months.copy()
    for policy in law.extension_policies:
        covered = p.received >= _day(policy.received_from)
        if policy.received_to is not None:
            covered &= p.received <= _day(policy.received_to)
        months += np.where(covered, policy.months, 0)
    months = np.minimum(months, MAX_TERM_MONTHS)
    deadline = _add_months(p.received, months)
    # Suspensions depend on the deadline extended so far, so take them rank by rank; each case
    # occurs at most once per rank, and there are only a few ranks.
    if len(p.susp_case):
        length = p.susp_end - p.susp_start + 1
        for rank in range(int(p.susp_rank.max()) + 1):
            sel = p.susp_rank == rank
            cases = p.susp_case[sel]
            counts = p.susp_start[sel] <= deadline[cases]
            deadline[cases] += np.where(counts, length[sel], 0)
    shifted = law.calendar.shift_array(deadline.astype("datetime64[D]"))
    return months, shifted.astype(np.int64)


def _earliest_valid_notices(p: Portfolio, deadline: I64) -> tuple[Bool, I64, I64]:
    """(has notice, received, given) of the earliest notice received after the deadline."""
    n = len(p)
    has = np.zeros(n, np.bool_)
    received = np.zeros(n, np.int64)
    given = np.zeros(n, np.int64)
    valid = np.flatnonzero(p.notice_received > deadline[p.notice_case])
    if len(valid):
        case = p.notice_case[valid]
        rec = p.notice_received[valid]
        giv = p.notice_given[valid]
        order = np.lexsort((giv, rec, case))  # per case: by received, then given
        case, rec, giv = case[order], rec[order], giv[order]
        first = np.r_[True, case[1:] != case[:-1]]
        has[case[first]] = True
        received[case[first]] = rec[first]
        given[case[first]] = giv[first]
    return has, received, given


@dataclass(frozen=True, slots=True)
class _RegimeColumns:
    """Regime table as arrays, sorted by ``valid_from`` (stable, like :func:`regime_on`)."""

    names: tuple[str, ...]
    valid_from: I64
    admin: Bool
    appeal_and_court: Bool
    has_old_law: Bool
    old_law_before: I64
    by_sent: Bool

    @classmethod
    def of(cls, law: LawConfig) -> _RegimeColumns:
        rows = sorted(law.regimes, key=lambda r: r.valid_from)
        return cls(
            names=tuple(r.name for r in rows),
            valid_from=_days([r.valid_from for r in rows]),
            admin=np.array([r.admin_penalty for r in rows], np.bool_),
            appeal_and_court=np.array([r.appeal_possible and r.court_penalty for r in rows]),
            has_old_law=np.array([r.old_law_before is not None for r in rows], np.bool_),
            old_law_before=_days([r.old_law_before or date(1970, 1, 1) for r in rows]),
            by_sent=np.array([r.notice_given_by == "sent" for r in rows], np.bool_),
        )

    def index(self, day: I64) -> I64:
        """Row in force on each day (the first row before the table starts)."""
        idx = np.searchsorted(self.valid_from, day, side="right") - 1
        return np.maximum(idx, 0).astype(np.int64)

    def keeps_old_law(
        self, ri: I64, deadline: I64, has_notice: Bool, received: I64, given: I64
    ) -> Bool:
        """Vectorised :func:`regimes.keeps_old_law`."""
        before = self.old_law_before[ri]
        notice_day = np.where(self.by_sent[ri], given, received)
        return has_notice & self.has_old_law[ri] & (deadline < before) & (notice_day < before)


def _admin_eur(received: I64, days: I64) -> F64:
    """Cumulative tariff amount for ``days`` penalty days, tariff by notice receipt date."""
    starts = _days([t.valid_from for t in ADMIN_TARIFFS])
    bands = np.array([t.band_eur for t in ADMIN_TARIFFS], np.int64)
    # admin_tariff_for takes the last row starting on or before the date, the first otherwise.
    ti = np.maximum(np.searchsorted(starts, received, side="right") - 1, 0)
    n = np.clip(days, 0, MAX_PENALTY_DAYS)
    total = np.zeros(len(days), np.int64)
    for band in range(bands.shape[1]):
        total += bands[ti, band] * np.clip(n - band * 14, 0, 14)
    return total.astype(np.float64)


def _court_eur(p: Portfolio, end: I64, judgment: I64 | None = None) -> F64:
    """Sum over each case's rulings of the court penalty accrued by ``end`` (per case)."""
    total = np.zeros(len(p), np.float64)
    if len(p.ruling_case):
        start = p.ruling_judgment + p.ruling_term_days + 1
        days = end[p.ruling_case] - start + 1
        amount = np.where(days > 0, np.minimum(days * p.ruling_daily_eur, p.ruling_cap_eur), 0.0)
        # Unbuffered, in row order: the same left-to-right sum as the per-case loop.
        np.add.at(total, p.ruling_case, amount)
    return total


# --- the assessment -------------------------------------------------------------------------


def _assess(
    p: Portfolio, as_of: I64, decided: I64, is_decided: Bool, law: LawConfig
) -> tuple[PortfolioAssessment, I64, Bool, I64, I64, Bool]:
    """Core of :func:`assess_portfolio`; also returns deadline and notice columns for reuse."""
    regimes = _RegimeColumns.of(law)
    months, deadline = _deadlines(p, law)
    has_notice, received, given = _earliest_valid_notices(p, deadline)
    first_day = np.maximum(deadline, received) + NOTICE_GRACE_DAYS

    ri = regimes.index(as_of)
    allowed_by_law = ~p.asylum | regimes.admin[ri]
    allowed_by_law |= regimes.keeps_old_law(ri, deadline, has_notice, received, given)
    exclusion = np.where(
        p.manifestly_unfounded,
        1,
        np.where(p.manifestly_inadmissible, 2, np.where(allowed_by_law, 0, 3)),
    ).astype(np.int8)
    runs = (exclusion == 0) & has_notice

    end = np.where(is_decided, np.minimum(as_of, decided), as_of)
    end_before = np.where(is_decided, np.minimum(as_of - 1, decided), as_of - 1)
    admin_days = np.where(runs, np.clip(end - first_day + 1, 0, MAX_PENALTY_DAYS), 0)
    days_before = np.where(runs, np.clip(end_before - first_day + 1, 0, MAX_PENALTY_DAYS), 0)
    admin = _admin_eur(received, admin_days)
    admin_before = _admin_eur(received, days_before)
    court = _court_eur(p, end)
    court_before = _court_eur(p, end_before)
    total = admin + court

    day42 = first_day + MAX_PENALTY_DAYS - 1
    last_day = np.where(is_decided, np.minimum(decided, day42), day42)
    has_due = runs & ~(is_decided & (decided < first_day))
    result = PortfolioAssessment(
        ids=p.ids,
        as_of=_to_dates(as_of),
        regime=tuple(regimes.names[i] for i in ri.tolist()),
        term_months=months,
        deadline=_to_dates(deadline),
        overdue_days=np.maximum(as_of - deadline, 0),
        days_late=np.maximum(end - deadline, 0),
        notice_received=_to_dates(received, has_notice),
        first_penalty_day=_to_dates(first_day, has_notice),
        admin_penalty_days=admin_days.astype(np.int64),
        admin_penalty_eur=admin,
        admin_excluded=exclusion,
        court_penalty_eur=court,
        penalty_eur=total,
        penalty_per_day_eur=total - (admin_before + court_before),
        fixing_decision_due=_to_dates(last_day + FIXING_DECISION_DAYS, has_due),
    )
    return result, deadline, has_notice, received, given, allowed_by_law


def _as_day_array(value: date | Days, n: int) -> I64:
    """One day number per case from a date or a ``datetime64[D]`` array."""
    if isinstance(value, date):
        return np.full(n, _day(value), np.int64)
    arr = np.asarray(value).astype("datetime64[D]")
    if arr.shape != (n,) or np.isnat(arr).any():
        raise ValueError(f"expected {n} dates without NaT")
    return arr.astype(np.int64)


def assess_portfolio(
    p: Portfolio, as_of: date | Days, law: LawConfig = DEFAULT_LAW
) -> PortfolioAssessment:
    """Vectorised :func:`exposure.assess` of every case (``as_of`` a date or one per case)."""
    return _assess(p, _as_day_array(as_of, len(p)), p.decided, p.is_decided, law)[0]


def assess_portfolio_if_decided(
    p: Portfolio, decide_on: date | Days, law: LawConfig = DEFAULT_LAW
) -> PortfolioAssessment:
    """Vectorised :func:`exposure.assess_if_decided` (a recorded decision wins)."""
    planned = _as_day_array(decide_on, len(p))
    decided = np.where(p.is_decided, p.decided, planned)
    all_decided = np.ones(len(p), np.bool_)
    return _assess(p, decided, decided, all_decided, law)[0]


@dataclass(frozen=True, slots=True)
class PortfolioExpectedExposure:
    """Column-wise :class:`ExpectedExposure`."""

    ids: tuple[str, ...]
    decide_on: Days
    owed_admin_eur: F64
    owed_court_eur: F64
    expected_admin_eur: F64
    expected_court_eur: F64
    expected_eur: F64
    assumed_notice_received: Days

    def row(self, i: int) -> ExpectedExposure:
        """Case ``i`` as a per-case :class:`ExpectedExposure`."""
        assumed = self.assumed_notice_received[i]
        return ExpectedExposure(
            case_id=self.ids[i],
            decide_on=self.decide_on[i].astype(date),
            owed_admin_eur=float(self.owed_admin_eur[i]),
            owed_court_eur=float(self.owed_court_eur[i]),
            expected_admin_eur=float(self.expected_admin_eur[i]),
            expected_court_eur=float(self.expected_court_eur[i]),
            expected_eur=float(self.expected_eur[i]),
            assumed_notice_received=None if np.isnat(assumed) else assumed.astype(date),
        )

    @property
    def total_expected_eur(self) -> float:
        """Expected exposure of the whole portfolio."""
        return float(self.expected_eur.sum())


def expected_portfolio_exposure(
    p: Portfolio,
    as_of: date,
    decide_on: date | Days,
    behaviour: BehaviourParameters,
    law: LawConfig = DEFAULT_LAW,
) -> PortfolioExpectedExposure:
    """Vectorised :func:`exposure.expected_exposure` (``decide_on`` a date or one per case)."""
    n = len(p)
    today = _day(as_of)
    planned = _as_day_array(decide_on, n)
    decided = np.where(p.is_decided, p.decided, planned)
    base, deadline, has_notice, received, given, _ = _assess(
        p, decided, decided, np.ones(n, np.bool_), law
    )
    regimes = _RegimeColumns.of(law)
    open_case = ~p.is_decided

    # No valid notice yet: one is assumed, weighted by its probability.
    assumed_mask = open_case & ~has_notice
    assumed = np.maximum(deadline + behaviour.notice_delay_days, today + 1)
    ri = regimes.index(decided)
    hyp_allowed = ~p.asylum | regimes.admin[ri]
    hyp_allowed |= regimes.keeps_old_law(ri, deadline, assumed_mask, assumed, assumed)
    hyp_allowed &= ~p.manifestly_unfounded & ~p.manifestly_inadmissible
    hyp_first = np.maximum(deadline, assumed) + NOTICE_GRACE_DAYS
    hyp_admin = _admin_eur(assumed, np.clip(decided - hyp_first + 1, 0, MAX_PENALTY_DAYS))
    admin = base.admin_penalty_eur + np.where(
        assumed_mask & hyp_allowed, behaviour.notice_probability * hyp_admin, 0.0
    )

    # An appeal not yet lodged: after the assumed notice, or after a real one without a ruling.
    rulings = np.bincount(p.ruling_case, minlength=n) if len(p.ruling_case) else np.zeros(n)
    real_mask = open_case & has_notice & (rulings == 0)
    appeal_mask = assumed_mask | real_mask
    note_received = np.where(assumed_mask, assumed, received)
    note_given = np.where(assumed_mask, assumed, given)
    weight = np.where(
        assumed_mask,
        behaviour.notice_probability * behaviour.appeal_probability,
        behaviour.appeal_probability,
    )
    possible = np.maximum(np.maximum(deadline, note_received) + NOTICE_GRACE_DAYS, today + 1)
    judgment = possible + behaviour.appeal_to_judgment_days
    rj = regimes.index(judgment)
    court_ok = ~p.asylum | regimes.appeal_and_court[rj]
    court_ok |= regimes.keeps_old_law(rj, deadline, appeal_mask, note_received, note_given)
    court_days = decided - (judgment + behaviour.court_decision_term_days + 1) + 1
    hyp_court = np.where(
        court_days > 0,
        np.minimum(court_days * behaviour.court_daily_eur, behaviour.court_cap_eur),
        0.0,
    )
    court = base.court_penalty_eur + np.where(appeal_mask & court_ok, weight * hyp_court, 0.0)
    return PortfolioExpectedExposure(
        ids=p.ids,
        decide_on=_to_dates(decided),
        owed_admin_eur=base.admin_penalty_eur,
        owed_court_eur=base.court_penalty_eur,
        expected_admin_eur=admin,
        expected_court_eur=court,
        expected_eur=admin + court,
        assumed_notice_received=_to_dates(assumed, assumed_mask),
    )
