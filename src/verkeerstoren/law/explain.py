# SPDX-License-Identifier: EUPL-1.2
"""The legal timeline of one case: what each legal event and derived date means, as codes.

:func:`timeline` lays a case's facts and the engine's results out in date order. Each
:class:`Step` says which row of the timeline it belongs to (``kind``: a legal event kind or a
derived date such as ``deadline``), what it means (``code``), the article it rests on, and its
parameters: ids, dates, months, days and amounts, never personal data. Readers render the codes
in their own language.

A row can hold several steps: a deadline that is capped and then moved to a working day, a
notice with the day it was sent, a court ruling with its penalty. The steps of one row follow one
another in reading order, so a row is a run of steps with the same day and kind.

The rules are applied by the engine's own functions (:func:`~verkeerstoren.law.assess`,
:func:`~verkeerstoren.law.terms.term_parts`, :func:`~verkeerstoren.law.terms.suspension_effects`,
...); this module only says which of their results each date is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from verkeerstoren.glossary import LegalEventKind as K
from verkeerstoren.law.config import DEFAULT_LAW, LawConfig
from verkeerstoren.law.exposure import Assessment, assess
from verkeerstoren.law.model import CaseHistory
from verkeerstoren.law.penalties import (
    court_penalty_runs,
    court_penalty_start,
    earliest_valid_notice,
    last_penalty_day,
)
from verkeerstoren.law.tariffs import MAX_PENALTY_DAYS
from verkeerstoren.law.terms import BASE_TERM_MONTHS, suspension_effects, term_parts

Param = int | float | str | date

# The article each code rests on ("" where a step states a fact without a rule of its own).
ARTICLES: dict[str, str] = {
    "term_starts": "Vw 2000 art. 42",
    "group_extension": "Vw 2000 art. 42(4)",
    "extension": "Vw 2000 art. 42(4)",
    "suspension_recorded": "Awb 4:15",
    "suspension_moves_deadline": "Awb 4:15",
    "suspension_after_deadline": "Awb 4:15",
    "suspension_open": "Awb 4:15",
    "notice_sent": "",
    "notice_received": "Awb 4:17",
    "notice_too_early": "Awb 4:17",
    "notice_valid": "Awb 4:17",
    "notice_repeated": "Awb 4:17",
    "appeal": "Awb 6:12",
    "court_ruling": "Awb 8:55d",
    "court_penalty_ordered": "Awb 8:55d",
    "no_court_penalty": "Awb 8:55d",
    "decision_sent": "Awb 4:17",
    "deadline": "Vw 2000 art. 42",
    "deadline_suspended": "Vw 2000 art. 42",
    "term_capped": "Vw 2000 art. 43",
    "deadline_moved_to_working_day": "Atw art. 1",
    "first_penalty_day": "Awb 4:17",
    "admin_penalty_excluded": "Awb 4:17",
    "fixing_decision_due": "Awb 4:18",
    "court_penalty_start": "Awb 8:55d",
    "as_of": "",
}
# Where the exclusion of the administrative penalty rests on another rule than Awb 4:17.
_EXCLUSION_ARTICLES = {"temporary_law": "Stb. 2020, 242"}

# Rows of the same day appear in the order the law takes them (a notice before the penalty it
# starts, the decision before the fixing task it triggers); the as-of marker comes last.
ROW_ORDER: tuple[str, ...] = (
    "received",
    "group_extension",
    K.EXTENSION,
    K.SUSPENSION,
    "deadline",
    K.NOTICE_OF_DEFAULT,
    K.APPEAL,
    "first_penalty_day",
    K.COURT_RULING,
    "court_penalty_start",
    K.DECISION_SENT,
    "fixing_decision_due",
    "as_of",
)
_RANK = {kind: rank for rank, kind in enumerate(ROW_ORDER)}


@dataclass(frozen=True, slots=True)
class Step:
    """One statement of a case's legal timeline: on ``day``, in row ``kind``, ``code`` holds."""

    day: date
    kind: str
    code: str
    article: str
    params: Mapping[str, Param] = field(default_factory=dict, hash=False)


def _step(
    day: date, kind: str, code: str, /, *, article: str | None = None, **params: Param
) -> Step:
    return Step(day, kind, code, ARTICLES[code] if article is None else article, params)


def timeline(
    history: CaseHistory,
    as_of: date,
    law: LawConfig = DEFAULT_LAW,
    *,
    extended_on: Sequence[date] = (),
    appeals: Sequence[date] = (),
    open_suspensions: Sequence[date] = (),
) -> tuple[Step, ...]:
    """The legal timeline of ``history`` as of ``as_of``, in date order.

    ``extended_on`` gives the day of each of ``history.extensions`` (same order; the history
    keeps only their months). ``appeals`` are the days appeals against not deciding in time were
    lodged (they change no figure, so the history does not hold them). ``open_suspensions`` are
    start days of suspensions without an end yet: the term stands still, so no deadline can be
    derived and only the recorded facts are explained, without their effect.
    """
    if len(extended_on) != len(history.extensions):
        raise ValueError("extended_on needs one day per extension of the history")
    if open_suspensions:
        steps = _facts(history, None, law, extended_on, appeals)
        steps += [_step(day, K.SUSPENSION, "suspension_open") for day in open_suspensions]
    else:
        a = assess(history, as_of, law)
        steps = _facts(history, a, law, extended_on, appeals) + _derived(history, a, law)
        steps.append(_step(as_of, "as_of", "as_of"))
    # A stable sort: the steps of one row keep their reading order.
    return tuple(sorted(steps, key=lambda s: (s.day, _RANK[s.kind])))


def _facts(
    h: CaseHistory,
    a: Assessment | None,
    law: LawConfig,
    extended_on: Sequence[date],
    appeals: Sequence[date],
) -> list[Step]:
    """Steps for the recorded facts: receipt, extensions, suspensions, notices, appeals, …"""
    steps = [_step(h.received, "received", "term_starts", months=BASE_TERM_MONTHS)]
    for policy in law.extension_policies:
        if policy.applies_to(h.received):
            steps.append(
                _step(
                    h.received,
                    "group_extension",
                    "group_extension",
                    months=policy.months,
                    policy=policy.name,
                )
            )
    for day, months in zip(extended_on, h.extensions, strict=True):
        steps.append(_step(day, K.EXTENSION, "extension", months=months))
    steps += _suspensions(h, a, law)
    steps += _notices(h, a)
    steps += [_step(day, K.APPEAL, "appeal") for day in appeals]
    for r in h.rulings:
        steps.append(_step(r.judgment, K.COURT_RULING, "court_ruling", days=r.decision_term_days))
        if r.has_penalty:
            steps.append(
                _step(
                    r.judgment,
                    K.COURT_RULING,
                    "court_penalty_ordered",
                    daily_eur=r.daily_eur,
                    cap_eur=r.cap_eur,
                )
            )
        else:
            steps.append(_step(r.judgment, K.COURT_RULING, "no_court_penalty"))
    if h.decided is not None:
        steps.append(_step(h.decided, K.DECISION_SENT, "decision_sent"))
    return steps


def _suspensions(h: CaseHistory, a: Assessment | None, law: LawConfig) -> list[Step]:
    """What each suspension did to the deadline (as moved by the suspensions before it)."""
    if a is None:
        return [
            _step(s.start, K.SUSPENSION, "suspension_recorded", end=s.end, days=s.days)
            for s in h.suspensions
        ]
    parts = term_parts(h.received, h.extensions, policies=law.extension_policies)
    steps = []
    before = parts.term_end
    for s, after in suspension_effects(before, h.suspensions):
        code = "suspension_after_deadline" if after == before else "suspension_moves_deadline"
        steps.append(_step(s.start, K.SUSPENSION, code, end=s.end, days=s.days))
        before = after
    return steps


def _notices(h: CaseHistory, a: Assessment | None) -> list[Step]:
    """Each notice of default, with whether it is the one that counts (the earliest valid)."""
    counts = None if a is None else earliest_valid_notice(h.notices, a.deadline)
    steps = []
    for n in h.notices:
        if n.sent is not None:
            steps.append(_step(n.received, K.NOTICE_OF_DEFAULT, "notice_sent", sent=n.sent))
        if a is None:
            code = "notice_received"
        elif n is counts:
            code = "notice_valid"
        elif earliest_valid_notice((n,), a.deadline) is None:
            code = "notice_too_early"
        else:
            code = "notice_repeated"
        steps.append(_step(n.received, K.NOTICE_OF_DEFAULT, code))
    return steps


def _derived(h: CaseHistory, a: Assessment, law: LawConfig) -> list[Step]:
    """Steps for the dates the engine derives: deadline, penalty days, court penalty start."""
    parts = term_parts(h.received, h.extensions, h.suspensions, policies=law.extension_policies)
    suspended = (parts.suspended_end - parts.term_end).days
    if suspended:
        first = _step(
            a.deadline, "deadline", "deadline_suspended", months=a.term_months, days=suspended
        )
    else:
        first = _step(a.deadline, "deadline", "deadline", months=a.term_months)
    steps = [first]
    if parts.wanted_months > parts.months:
        steps.append(
            _step(
                a.deadline,
                "deadline",
                "term_capped",
                months=parts.months,
                wanted_months=parts.wanted_months,
            )
        )
    if a.deadline != parts.suspended_end:
        steps.append(
            _step(a.deadline, "deadline", "deadline_moved_to_working_day", day=parts.suspended_end)
        )
    if a.first_penalty_day is not None:
        day = a.first_penalty_day
        if a.admin_excluded is None:
            step = _step(day, "first_penalty_day", "first_penalty_day", max_days=MAX_PENALTY_DAYS)
        else:
            article = _EXCLUSION_ARTICLES.get(a.admin_excluded)
            step = _step(
                day,
                "first_penalty_day",
                "admin_penalty_excluded",
                article=article,
                reason=a.admin_excluded,
            )
        steps.append(step)
    # A fixing decision is due only after a last penalty day.
    last = None if a.first_penalty_day is None else last_penalty_day(a.first_penalty_day, h.decided)
    if a.fixing_decision_due is not None and last is not None:
        steps.append(
            _step(a.fixing_decision_due, "fixing_decision_due", "fixing_decision_due", last=last)
        )
    # One row per start day: rulings whose penalties start together say the same.
    starts = sorted({court_penalty_start(r) for r in h.rulings if court_penalty_runs(r, h.decided)})
    steps += [_step(day, "court_penalty_start", "court_penalty_start") for day in starts]
    return steps
