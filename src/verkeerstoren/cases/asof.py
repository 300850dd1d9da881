# SPDX-License-Identifier: EUPL-1.2
"""The register as known on another day: the law of that day applied to the facts up to it.

:func:`known_on` is the one rule of what was known on a day; the case page and the register-wide
figures both use it. The facts are the events in force now (a correction replaces what it
corrects, whenever it was recorded), cut off at the day by the dates the facts carry:

- a case received after the day was not in the register;
- a legal event dated after the day does not count (a notice counts from the day it was
  received; a suspension that started on or before the day counts with its recorded end);
- a decision after the day leaves the case open.

``CaseHistory.extensions`` carries no dates, so the cut is made on the register's event rows and
decision day before the history is built. The register-wide figures are computed in memory with
the vectorised engine (the LawFigures cache holds the register's day only) and cached per state
of the register and day (snapshot.cached).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import numpy as np

from verkeerstoren import glossary as g
from verkeerstoren.law.model import CaseHistory
from verkeerstoren.law.portfolio import (
    PortfolioAssessment,
    PortfolioExpectedExposure,
    assess_portfolio,
    build_portfolio,
    expected_portfolio_exposure,
)

from . import models as m
from .decided import decided_dates
from .law_figures import _day, _Event, _history, behaviour, exposure_horizon
from .queries import (
    UPCOMING_DAYS,
    UPCOMING_ROWS,
    PenaltyOverview,
    RegisterCounts,
    UpcomingPenalty,
    _grouped,
)
from .snapshot import cached


class _Dated(Protocol):
    @property
    def date(self) -> dt.date: ...


E = TypeVar("E", bound=_Dated)


def in_register_on(received: dt.date, day: dt.date) -> bool:
    """Whether a case received on ``received`` was in the register on ``day``."""
    return received <= day


def known_on(
    events: Iterable[E], decided: dt.date | None, day: dt.date
) -> tuple[list[E], dt.date | None]:
    """The legal events dated on or before ``day`` and the decision day if it was by then.

    ``events`` are LegalEvent rows (or rows with their ``date``), already the ones in force.
    """
    known = [e for e in events if e.date <= day]
    return known, decided if decided is not None and decided <= day else None


@dataclass(frozen=True)
class RegisterOn:
    """The engine's figures as of ``day`` of some cases (in the order of their histories)."""

    day: dt.date
    assessment: PortfolioAssessment | None  # None: no case in the register on that day
    exposure: PortfolioExpectedExposure | None

    def __len__(self) -> int:
        return 0 if self.assessment is None else len(self.assessment.ids)


def _assessed(day: dt.date, histories: Sequence[CaseHistory]) -> RegisterOn:
    if not histories:
        return RegisterOn(day, None, None)
    portfolio = build_portfolio(histories)
    assessment = assess_portfolio(portfolio, day)
    exposure = expected_portfolio_exposure(portfolio, day, exposure_horizon(day), behaviour())
    return RegisterOn(day, assessment, exposure)


@dataclass(frozen=True)
class _Known:
    """The cases in the register on a day: their histories then and their current columns."""

    histories: dict[int, CaseHistory]  # case pk -> history as known on the day
    columns: dict[int, tuple[str, str, str]]  # case pk -> (stream, track, current status)


def _known(day: dt.date, case_ids: Sequence[int] | None = None) -> _Known:
    events: dict[int, list[Any]] = defaultdict(list)
    fields = ("case_id", *_Event.__slots__)
    rows = m.LegalEvent.objects.in_force()
    cases = m.Case.objects.all()
    if case_ids is not None:
        rows = rows.filter(case_id__in=case_ids)
        cases = cases.filter(pk__in=case_ids)
    for row in rows.values_list(*fields).iterator(chunk_size=10000):
        events[row[0]].append(_Event(*row[1:]))
    decided = decided_dates(case_ids)
    histories: dict[int, CaseHistory] = {}
    columns: dict[int, tuple[str, str, str]] = {}
    names = ("id", "reference", "received", "manifestly_unfounded", "stream", "track", "status")
    for cid, ref, received, unfounded, *rest in cases.values_list(*names).iterator(10000):
        if not in_register_on(received, day):
            continue
        known, decided_by = known_on(events.get(cid, []), decided.get(cid), day)
        histories[cid] = _history(ref, received, unfounded, known, decided_by)
        columns[cid] = (rest[0], rest[1], rest[2])
    return _Known(histories, columns)


def histories_on(day: dt.date, case_ids: Sequence[int] | None = None) -> dict[int, CaseHistory]:
    """Case pk -> its history as known on ``day``, for the cases in the register on that day.

    ``case_ids`` limits it to those cases (a page of the case list); None: the whole register.
    """
    return _known(day, case_ids).histories


@dataclass(frozen=True)
class PageFigures:
    """One case's law figures as of a day, as the case list shows them."""

    deadline: dt.date | None
    overdue_days: int | None
    exposure_eur: float | None


def page_figures_on(day: dt.date, case_ids: Sequence[int]) -> dict[int, PageFigures]:
    """Deadline, days overdue and expected exposure as of ``day`` of these cases (one page).

    A case not yet in the register on that day is left out (the list shows a dash).
    """
    histories = histories_on(day, list(case_ids))
    ids = list(histories)
    figures = _assessed(day, [histories[cid] for cid in ids])
    if figures.assessment is None or figures.exposure is None:
        return {}
    a, e = figures.assessment, figures.exposure
    return {
        cid: PageFigures(_date(a.deadline[i]), int(a.overdue_days[i]), float(e.expected_eur[i]))
        for i, cid in enumerate(ids)
    }


def show_figures_on(rows: Iterable[m.Case], day: dt.date) -> None:
    """Put the figures as of ``day`` on a page of list rows (their ``law_*`` columns)."""
    cases = list(rows)  # the page's own objects: the rows the template shows
    figures = page_figures_on(day, [c.pk for c in cases])
    for case in cases:
        shown = figures.get(case.pk, PageFigures(None, None, None))
        case.law_deadline = shown.deadline  # type: ignore[attr-defined]
        case.law_overdue_days = shown.overdue_days  # type: ignore[attr-defined]
        case.law_exposure_eur = shown.exposure_eur  # type: ignore[attr-defined]


def case_figures_on(case: m.Case, day: dt.date) -> m.LawFigures | None:
    """The case's LawFigures as of ``day``, computed now and never saved (the case page).

    None when the case was not in the register on that day.
    """
    history = histories_on(day, [case.pk]).get(case.pk)
    if history is None:
        return None
    figures = _assessed(day, [history])
    a, e = figures.assessment, figures.exposure
    if a is None or e is None:
        return None
    return m.LawFigures(
        case=case,
        as_of=day,
        regime=a.regime[0],
        deadline=_day(a.deadline[0]),
        overdue_days=int(a.overdue_days[0]),
        notice_received=_date(a.notice_received[0]),
        first_penalty_day=_date(a.first_penalty_day[0]),
        admin_penalty_eur=float(a.admin_penalty_eur[0]),
        court_penalty_eur=float(a.court_penalty_eur[0]),
        penalty_eur=float(a.penalty_eur[0]),
        penalty_per_day_eur=float(a.penalty_per_day_eur[0]),
        fixing_decision_due=_date(a.fixing_decision_due[0]),
        exposure_eur=float(e.expected_eur[0]),
    )


def _date(x: np.datetime64) -> dt.date | None:
    return None if np.isnat(x) else x.astype(dt.date)


def _penalty_overview(day: dt.date, histories: dict[int, CaseHistory]) -> PenaltyOverview:
    figures = _assessed(day, sorted(histories.values(), key=lambda h: h.id))
    start = day + dt.timedelta(days=1)
    end = day + dt.timedelta(days=UPCOMING_DAYS)
    a = figures.assessment
    if a is None:
        return PenaltyOverview(day, day, 0, 0, 0.0, 0.0, 0.0, start, end, [], 0)
    first = a.first_penalty_day
    # As penalty_overview: only penalties that will actually run (fixing_decision_due is set).
    soon = (
        (first >= np.datetime64(start)) & (first <= np.datetime64(end)) & ~np.isnat(first)
    ) & ~np.isnat(a.fixing_decision_due)
    rows = sorted(
        (first[i].astype(dt.date), a.ids[i], a.deadline[i].astype(dt.date))
        for i in np.flatnonzero(soon)
    )
    return PenaltyOverview(
        as_of=day,
        figures_as_of=day,
        figures_count=len(figures),
        cases_without_figures=0,
        per_day_eur=float(a.penalty_per_day_eur.sum()),
        owed_admin_eur=float(a.admin_penalty_eur.sum()),
        owed_court_eur=float(a.court_penalty_eur.sum()),
        upcoming_from=start,
        upcoming_to=end,
        upcoming=[UpcomingPenalty(ref, deadline, d) for d, ref, deadline in rows[:UPCOMING_ROWS]],
        upcoming_total=len(rows),
    )


def _status_on(day: dt.date) -> dict[int, str]:
    """Case pk -> the status its history had reached by ``day`` (cases with a history by then)."""
    latest: dict[int, tuple[dt.date, int, str]] = {}
    rows = m.StatusChange.objects.filter(date__lte=day).order_by()
    for cid, on, pk, status in rows.values_list("case_id", "date", "pk", "status").iterator(10000):
        if cid not in latest or (on, pk) > latest[cid][:2]:
            latest[cid] = (on, pk, status)
    return {cid: status for cid, (_, _, status) in latest.items()}


def _counts(day: dt.date, known: _Known) -> RegisterCounts:
    status = _status_on(day)
    with_history = set(
        m.StatusChange.objects.filter(date__gt=day).values_list("case_id", flat=True).distinct()
    )
    first = g.STATUS_ORDER[0].value
    cases = []
    for cid, (stream, track, current) in known.columns.items():
        if cid in status:
            reached = status[cid]
        elif cid in with_history:
            reached = first  # a history that starts after the day: just registered
        else:
            reached = current  # no status history at all: nothing tells when it changed
        cases.append((stream, track, reached, known.histories[cid].decided is None))
    open_ = [c for c in cases if c[3]]
    staff = m.Staff.objects.filter(start_date__lte=day)
    return RegisterCounts(
        total=len(cases),
        open=len(open_),
        taskforce_stock=sum(c[0] == g.Stream.TASKFORCE.value for c in open_),
        by_stream=[
            (code, n)
            for code, n in _tally((c[0] for c in cases), tuple(s.value for s in g.Stream))
            if n or code
        ],
        by_status=_tally((c[2] for c in cases), tuple(s.value for s in g.Status)),
        by_track=_tally((c[1] for c in cases), tuple(t.value for t in g.Track)),
        staff_total=staff.count(),
        staff_by_employment_type=_grouped(
            staff, "employment_type", tuple(e.value for e in g.EmploymentType)
        ),
    )


def _tally(values: Iterable[str], order: tuple[str, ...]) -> list[tuple[str, int]]:
    """Counts per value in glossary order, zero-filled; unknown values go last (as _grouped)."""
    found: dict[str, int] = defaultdict(int)
    for v in values:
        found[v] += 1
    result = [(code, found.pop(code, 0)) for code in order]
    result.extend(sorted(found.items()))
    return result


def _overview(day: dt.date) -> tuple[RegisterCounts, PenaltyOverview]:
    known = _known(day)  # one load of the register for both
    return _counts(day, known), _penalty_overview(day, known.histories)


def overview_on(
    day: dt.date, *, stamp: str | None = None
) -> tuple[RegisterCounts, PenaltyOverview]:
    """The home page's counts and penalty position as of ``day``, once per register state and day.

    Counts: the cases received by then, open unless decided by then, by the status their history
    had reached; streams and tracks are the cases' current ones (they carry no date); staff are
    those who had started by the day. Penalties: as queries.penalty_overview, from the engine.
    """
    return cached("overview_on", lambda: _overview(day), day, stamp=stamp)


def register_counts_on(day: dt.date, *, stamp: str | None = None) -> RegisterCounts:
    """The home page's counts as of ``day`` (:func:`overview_on`)."""
    return overview_on(day, stamp=stamp)[0]


def penalty_overview_on(day: dt.date, *, stamp: str | None = None) -> PenaltyOverview:
    """The home page's penalty position as of ``day`` (:func:`overview_on`)."""
    return overview_on(day, stamp=stamp)[1]
