# SPDX-License-Identifier: EUPL-1.2
"""The exact 0-1 model of scheduling a set of hearings in the capacity others leave.

Columns (all 0-1):

* ``y[h, t]`` -- hearing h starts at t (at most one start per hearing);
* ``a[h, o, t]``, ``b[h, i, t]``, ``r[h, k, t]`` -- its officer, interpreter and room class at
  that start, summing to ``y[h, t]``; where a start has one choice only, that choice *is*
  ``y[h, t]`` and no column is made;
* ``v[i, L, d]`` -- interpreter i does oral hearings at location L on day d (at most one L a
  day), only for interpreters who could be at two places that day;
* ``z[f, d]`` -- family f is heard on day d (every member on that day, or the family not at all).

Rows: one hearing in a slot per officer, interpreter and lawyer, their hearings a day, the rooms
of a class per slot, and the rows above. Nothing is relaxed except integrality, so the LP of the
whole instance is a valid upper bound and a 0-1 solution is a schedule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.hearings.space import Space
from verkeerstoren.planning.hearings.usage import Placement, Usage

INF = float("inf")


@dataclass(frozen=True)
class Choice:
    """One start of one hearing in the model: its column and its resource columns."""

    h: int
    t: int
    y: int
    officers: tuple[tuple[int, int], ...]  # (officer, column)
    interpreters: tuple[tuple[int, int], ...]  # (interpreter, column); empty: none needed
    classes: tuple[tuple[int, int], ...]  # (room class, column)


@dataclass(frozen=True)
class Formulation:
    """A 0-1 model ``max c x`` s.t. ``row_lo <= A x <= row_hi``, with its choices to decode."""

    c: NDArray[np.float64]
    # The matrix A in coordinate form: A[rows[e], cols[e]] = vals[e].
    rows: NDArray[np.int64]
    cols: NDArray[np.int64]
    vals: NDArray[np.float64]
    row_lo: NDArray[np.float64]
    row_hi: NDArray[np.float64]
    choices: tuple[Choice, ...]
    at_location: Mapping[tuple[int, int, str], int]  # (interpreter, day, location) -> v column
    family_day: Mapping[tuple[int, int], int]  # (member hearing, day) -> z column of its family

    @property
    def columns(self) -> int:
        """Number of columns."""
        return int(self.c.size)

    @property
    def row_count(self) -> int:
        """Number of rows."""
        return int(self.row_lo.size)

    def decode(self, x: NDArray[np.float64]) -> list[Placement]:
        """The placements of a 0-1 solution."""
        out: list[Placement] = []
        for ch in self.choices:
            if x[ch.y] > 0.5:
                o = next(o for o, col in ch.officers if x[col] > 0.5)
                i = next((i for i, col in ch.interpreters if x[col] > 0.5), -1)
                k = next(k for k, col in ch.classes if x[col] > 0.5)
                out.append(Placement(ch.h, ch.t, o, i, k))
        return out

    def encode(self, space: Space, placements: Sequence[Placement]) -> NDArray[np.float64]:
        """The 0-1 point of placements of this model's hearings (a start for the MIP)."""
        x = np.zeros(self.columns)
        by = {(p.h, p.t): p for p in placements}
        for ch in self.choices:
            p = by.get((ch.h, ch.t))
            if p is None:
                continue
            x[ch.y] = 1.0
            for res, pairs in ((p.officer, ch.officers), (p.interpreter, ch.interpreters),
                               (p.room_class, ch.classes)):  # fmt: skip
                for r, col in pairs:
                    if r == res:
                        x[col] = 1.0
            day, hearing = space.day(p.t), space.inst.hearings[p.h]
            if hearing.mode == "oral" and p.interpreter >= 0:
                v = self.at_location.get((p.interpreter, day, hearing.location))
                if v is not None:
                    x[v] = 1.0
            z = self.family_day.get((p.h, day))
            if z is not None:
                x[z] = 1.0
        return x


class _Builder:
    def __init__(self) -> None:
        self.c: list[float] = []
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.lo: list[float] = []
        self.hi: list[float] = []

    def column(self, obj: float = 0.0) -> int:
        self.c.append(obj)
        return len(self.c) - 1

    def row(self, entries: Sequence[tuple[int, float]], lo: float, hi: float) -> None:
        r = len(self.lo)
        for col, val in entries:
            self.rows.append(r)
            self.cols.append(col)
            self.vals.append(val)
        self.lo.append(lo)
        self.hi.append(hi)


def formulate(space: Space, hearings: Sequence[int], usage: Usage) -> Formulation:
    """The exact model of placing ``hearings`` (whole families) in what ``usage`` leaves."""
    inst = space.inst
    b = _Builder()
    choices: list[Choice] = []
    # Entries of the capacity rows: key -> list of (column, hearing).
    slot_rows: dict[tuple[str, int, int], list[tuple[int, int]]] = defaultdict(list)
    day_rows: dict[tuple[str, int, int], list[tuple[int, int]]] = defaultdict(list)
    oral: dict[tuple[int, int], dict[str, list[tuple[int, int, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )  # (interpreter, day) -> location -> (column, hearing, t)
    for h in hearings:
        hearing = inst.hearings[h]
        lawyer = space.lawyer[h]
        for start in space.starts[h]:
            t, day = start.t, space.day(start.t)
            span = space.covered(h, t)
            if lawyer >= 0 and not usage.free("lawyer", lawyer, day, span):
                continue
            officers = [o for o in start.officers if usage.free("officer", o, day, span)]
            interpreters = [
                i
                for i in start.interpreters
                if usage.free("interpreter", i, day, span) and usage.interpreter_may(i, h, day)
            ]
            classes = [k for k in space.room_classes[h] if usage.class_free(k, span)]
            if not officers or not classes or (hearing.language is not None and not interpreters):
                continue
            y = b.column(float(hearing.weight))
            picks = [_choose(b, y, officers), _choose(b, y, interpreters), _choose(b, y, classes)]
            choices.append(Choice(h, t, y, *picks))
            if lawyer >= 0:
                for u in span:
                    slot_rows["lawyer", lawyer, u].append((y, h))
                day_rows["lawyer", lawyer, day].append((y, h))
            for kind, pairs in (("officer", picks[0]), ("interpreter", picks[1])):
                for person, col in pairs:
                    for u in span:
                        slot_rows[kind, person, u].append((col, h))
                    day_rows[kind, person, day].append((col, h))
            for k, col in picks[2]:
                for u in span:
                    slot_rows["class", k, u].append((col, h))
            if hearing.mode == "oral":
                for i, col in picks[1]:
                    oral[i, day][hearing.location].append((col, h, t))
    _hearing_rows(b, choices)
    for (kind, k, u), entries in slot_rows.items():
        cap = len(space.classes[k].rooms) - usage.class_used[k, u] if kind == "class" else 1
        if len({h for _, h in entries}) > cap:
            b.row([(col, 1.0) for col, _ in entries], -INF, float(cap))
    for (kind, k, day), entries in day_rows.items():
        cap = usage.limit(kind, k) - usage.per_day[kind, k, day]
        if len({h for _, h in entries}) > cap:
            b.row([(col, 1.0) for col, _ in entries], -INF, float(cap))
    at_location = _location_rows(b, space, oral)
    family_day = _family_rows(b, space, hearings, choices)
    return Formulation(
        np.array(b.c),
        np.array(b.rows, dtype=np.int64),
        np.array(b.cols, dtype=np.int64),
        np.array(b.vals),
        np.array(b.lo),
        np.array(b.hi),
        tuple(choices),
        at_location,
        family_day,
    )


def _choose(b: _Builder, y: int, options: list[int]) -> tuple[tuple[int, int], ...]:
    """Columns for picking one of ``options`` when ``y`` is on (``y`` itself if only one)."""
    if len(options) <= 1:
        return tuple((o, y) for o in options)
    cols = [(o, b.column()) for o in options]
    b.row([(col, 1.0) for _, col in cols] + [(y, -1.0)], 0.0, 0.0)
    return tuple(cols)


def _hearing_rows(b: _Builder, choices: list[Choice]) -> None:
    by_hearing: dict[int, list[int]] = defaultdict(list)
    for ch in choices:
        by_hearing[ch.h].append(ch.y)
    for ys in by_hearing.values():
        if len(ys) > 1:
            b.row([(y, 1.0) for y in ys], -INF, 1.0)


def _location_rows(
    b: _Builder, space: Space, oral: dict[tuple[int, int], dict[str, list[tuple[int, int, int]]]]
) -> dict[tuple[int, int, str], int]:
    """An interpreter's oral hearings of a day at one location: v[i, L, d] per location."""
    columns: dict[tuple[int, int, str], int] = {}
    for (i, day), by_location in oral.items():
        if len(by_location) < 2:
            continue
        vs = []
        for location, entries in by_location.items():
            v = b.column()
            columns[i, day, location] = v
            vs.append((v, 1.0))
            by_slot: dict[int, list[int]] = defaultdict(list)
            for col, h, t in entries:
                for u in space.covered(h, t):
                    by_slot[u].append(col)
            for cols in by_slot.values():
                b.row([(col, 1.0) for col in cols] + [(v, -1.0)], -INF, 0.0)
        b.row(vs, -INF, 1.0)
    return columns


def _family_rows(
    b: _Builder, space: Space, hearings: Sequence[int], choices: list[Choice]
) -> dict[tuple[int, int], int]:
    columns: dict[tuple[int, int], int] = {}
    chosen = set(hearings)
    by_hearing_day: dict[tuple[int, int], list[int]] = defaultdict(list)
    for ch in choices:
        by_hearing_day[ch.h, space.day(ch.t)].append(ch.y)
    for members in space.families:
        if not chosen.intersection(members):
            continue
        zs = []
        for day in range(space.inst.days):
            z = b.column()
            zs.append((z, 1.0))
            for h in members:
                columns[h, day] = z
                ys = by_hearing_day.get((h, day), [])
                b.row([(y, 1.0) for y in ys] + [(z, -1.0)], 0.0, 0.0)
        b.row(zs, -INF, 1.0)
    return columns
