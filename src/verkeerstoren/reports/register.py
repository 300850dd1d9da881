# SPDX-License-Identifier: EUPL-1.2
"""The register's facts up to a report's day, loaded once, and the law engine's figures on them.

A report reads the register as known on its day (cases/asof.py ``known_on``, the one rule of
what was known on a day): the cases received by then, the legal events in force dated by then and
the decisions taken by then. Everything a report shows is computed from these facts, so a report
of a past day gives the same figures whenever it is made again.

Figures as of an earlier day (the day before a period, a decision day) come from the same
histories: the engine runs vectorised on every case as known on the report's day, and only the
cases with a fact dated after the earlier day (an event, or their decision) are assessed again
with their history cut at that day. For every other case the history on the earlier day is the
same, so its figures are too.

Cases are keyed by their primary key and the engine's case ids are left empty, so no case
reference is ever loaded for a report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from verkeerstoren import glossary as g
from verkeerstoren.cases import models as m
from verkeerstoren.cases.asof import known_on
from verkeerstoren.cases.decided import decided_dates

# The engine's view of one case and the event columns it reads have one home (law_figures.py);
# asof.py builds its histories from the same two.
from verkeerstoren.cases.law_figures import _Event, _history
from verkeerstoren.law.model import CaseHistory
from verkeerstoren.law.portfolio import (
    Portfolio,
    PortfolioAssessment,
    assess_portfolio,
    build_portfolio,
)

ALL = "all"  # the column or row of every stream / category together
STREAMS: tuple[str, ...] = (g.Stream.TASKFORCE.value, g.Stream.REGULAR.value, ALL)
CATEGORIES: tuple[str, ...] = (*(k.value for k in g.CaseKind), ALL)

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Flags = npt.NDArray[np.bool_]


class CaseRow(NamedTuple):
    """What a report reads of one case (no reference, person or features)."""

    received: date
    unfounded: bool
    kind: str
    stream: str
    nationality: str
    status: str  # current status (a case without a status history stays in it)
    outcome: str


def _day_number(d: date) -> int:
    return d.toordinal()


@dataclass(frozen=True)
class Assessed:
    """The engine's figures as of ``day`` of the cases in the register then (``ids``, in order)."""

    day: date
    ids: list[int]
    overdue_days: Ints
    noticed: Flags  # a valid notice of default was received by the day
    owed_eur: Floats  # administrative plus court penalties accrued by the day
    per_day_eur: Floats  # what the day itself adds
    deadline: Ints  # day numbers (date.toordinal)

    def owed(self) -> dict[int, float]:
        """Case pk -> penalties accrued by the day."""
        return dict(zip(self.ids, self.owed_eur.tolist(), strict=True))


@dataclass
class RegisterFacts:
    """The register's facts dated on or before ``day``."""

    day: date
    cases: dict[int, CaseRow]
    # case pk -> its legal events in force but the decisions sent (law_figures._Event)
    events: dict[int, list[Any]]
    decided: dict[int, date]  # case pk -> decision day (cases/decided.py), by ``day``
    sent: dict[int, tuple[date, str]]  # case pk -> first decision sent by ``day``: day, outcome
    _full: dict[Any, Any] = field(default_factory=dict, repr=False)
    _plain: dict[tuple[date, bool, date | None], CaseHistory] = field(
        default_factory=dict, repr=False
    )

    def is_open(self, cid: int, on: date) -> bool:
        """Whether the case was in the register and not decided on ``on``."""
        decided = self.decided.get(cid)
        return self.cases[cid].received <= on and (decided is None or decided > on)

    def history(self, cid: int, on: date) -> CaseHistory:
        """The case's history as known on ``on`` (its ``id`` is empty: reports key by pk)."""
        row = self.cases[cid]
        known, decided = known_on(self.events.get(cid, []), self.decided.get(cid), on)
        if known:
            return _history("", row.received, row.unfounded, known, decided)
        # Without events a history is its receipt, exclusion and decision only: cases that
        # share those share one history object (most cases of a register have no event).
        key = (row.received, row.unfounded, decided)
        plain = self._plain.get(key)
        if plain is None:
            plain = self._plain[key] = _history("", row.received, row.unfounded, [], decided)
        return plain

    # -- every case as known on the report's day, built once -------------------------------

    def _order(self) -> list[int]:
        return list(self.cases)

    def _portfolio(self) -> Portfolio:
        if "portfolio" not in self._full:
            self._full["portfolio"] = build_portfolio(
                [self.history(cid, self.day) for cid in self._order()]
            )
            self._full["received"] = np.fromiter(
                (_day_number(r.received) for r in self.cases.values()), np.int64, len(self.cases)
            )
            last_event = np.zeros(len(self.cases), np.int64)
            last_fact = np.zeros(len(self.cases), np.int64)
            for i, cid in enumerate(self._order()):
                days = [_day_number(e.date) for e in self.events.get(cid, [])]
                last_event[i] = max(days, default=0)
                decided = self.decided.get(cid)
                last_fact[i] = max(last_event[i], _day_number(decided) if decided else 0)
            self._full["last_event"] = last_event
            self._full["last_fact"] = last_fact
        portfolio: Portfolio = self._full["portfolio"]
        return portfolio

    def assess(self, on: date) -> Assessed:
        """The engine's figures as of ``on`` under the law of that day, for every case then."""
        key = ("assessed", on)
        if key not in self._full:
            self._full[key] = self._assess(on)
        assessed: Assessed = self._full[key]
        return assessed

    def _assess(self, on: date) -> Assessed:
        order = self._order()
        if not order:
            empty_i = np.zeros(0, np.int64)
            empty_f = np.zeros(0, np.float64)
            return Assessed(on, [], empty_i, np.zeros(0, np.bool_), empty_f, empty_f, empty_i)
        full = assess_portfolio(self._portfolio(), on)
        cols = _columns(full)
        n = _day_number(on)
        later = np.flatnonzero((self._full["last_fact"] > n) & (self._full["received"] <= n))
        if later.size:
            again = assess_portfolio(
                build_portfolio([self.history(order[i], on) for i in later.tolist()]), on
            )
            for name, values in _columns(again).items():
                cols[name][later] = values
        keep = self._full["received"] <= n
        ids = [cid for cid, k in zip(order, keep.tolist(), strict=True) if k]
        return Assessed(on, ids, **{name: values[keep] for name, values in cols.items()})

    def deadlines_as_of(self, days: Mapping[int, date]) -> dict[int, date]:
        """Case pk -> its deadline as the facts stood on its own day in ``days``.

        The deadline follows from the facts alone (received, extensions, suspensions, the Atw
        calendar), not from the day it is read on; only a case with an event dated after its day
        is derived again from its history cut at that day.
        """
        if not days:
            return {}
        order = self._order()
        index = {cid: i for i, cid in enumerate(order)}
        deadlines = _columns(assess_portfolio(self._portfolio(), self.day))["deadline"]
        out = {cid: date.fromordinal(int(deadlines[index[cid]])) for cid in days}
        last_event = self._full["last_event"]
        later = [cid for cid, on in days.items() if last_event[index[cid]] > _day_number(on)]
        if later:
            cut = build_portfolio([self.history(cid, days[cid]) for cid in later])
            again = _columns(assess_portfolio(cut, self.day))["deadline"]
            for cid, value in zip(later, again.tolist(), strict=True):
                out[cid] = date.fromordinal(int(value))
        return out


_EPOCH = date(1970, 1, 1).toordinal()


def _columns(a: PortfolioAssessment) -> dict[str, Any]:
    """The columns a report reads, as plain arrays (dates as day numbers)."""
    return {
        "overdue_days": a.overdue_days.copy(),
        "noticed": ~np.isnat(a.notice_received),
        "owed_eur": a.admin_penalty_eur + a.court_penalty_eur,
        "per_day_eur": a.penalty_per_day_eur.copy(),
        "deadline": a.deadline.astype(np.int64) + _EPOCH,
    }


def load(day: date) -> RegisterFacts:
    """The register's facts dated on or before ``day``: four queries, whatever its size.

    Rows are fetched in one go (a few hundred thousand small tuples) rather than through a
    server-side cursor, whose round trips cost more than the memory.
    """
    names = ("id", "received", "manifestly_unfounded", "kind", "stream", "nationality", "status")
    rows = m.Case.objects.filter(received__lte=day).order_by("pk").values_list(*names, "outcome")
    cases: dict[int, CaseRow] = {cid: CaseRow(*values) for cid, *values in rows}
    events: dict[int, list[Any]] = defaultdict(list)
    first_sent: dict[int, tuple[date, int, str]] = {}
    decision = g.LegalEventKind.DECISION_SENT.value
    in_force = m.LegalEvent.objects.in_force().filter(date__lte=day).order_by()
    fields = ("case_id", "pk", "outcome", *_Event.__slots__)
    for cid, pk, outcome, kind, on, *values in in_force.values_list(*fields):
        if cid not in cases:
            continue  # the case was received after the day
        if kind == decision:
            # The engine reads the decision day (decided.py), not the event: kept apart.
            known = first_sent.get(cid)
            if known is None or (on, pk) < known[:2]:
                first_sent[cid] = (on, pk, outcome)
        else:
            events[cid].append(_Event(kind, on, *values))
    decided = {cid: d for cid, d in decided_dates().items() if d <= day and cid in cases}
    # The first decision sent and its outcome; one recorded without one reads the case's.
    sent = {
        cid: (on, outcome or cases[cid].outcome) for cid, (on, _, outcome) in first_sent.items()
    }
    return RegisterFacts(day, cases, dict(events), decided, sent)


def zero_cells(rows: Iterable[str], columns: Iterable[str] = STREAMS) -> dict[str, dict[str, Any]]:
    """A table of zeros: row -> column -> 0."""
    cols = tuple(columns)
    return {row: dict.fromkeys(cols, 0) for row in rows}


def add_to(cells: dict[str, dict[str, Any]], row: str, stream: str, value: Any = 1) -> None:
    """Add ``value`` to the cell of ``row`` in the case's stream and in ``all``."""
    count(cells[row], stream, value)


def count(counts: dict[str, Any], stream: str, value: Any = 1) -> None:
    """Add ``value`` to the case's stream (when it has one) and to ``all``."""
    if stream in counts and stream != ALL:
        counts[stream] += value
    counts[ALL] += value


def per_stream(values: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Sum of values per stream and over all of them (``(stream, value)`` pairs)."""
    out = dict.fromkeys(STREAMS, 0.0)
    for stream, value in values:
        count(out, stream, value)
    return out
