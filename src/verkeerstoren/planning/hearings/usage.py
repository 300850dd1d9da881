# SPDX-License-Identifier: EUPL-1.2
"""Placements and what they use: the capacity left for the hearings still to place.

A :class:`Placement` is one hearing at a start with an officer, an interpreter (-1 = none) and a
room class, all as indices. :class:`Usage` counts what a set of placements takes of every
resource, so that a model over the other hearings sees only what is left, and so that the greedy
construction can test a placement before it takes it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from verkeerstoren.planning.hearings.space import Space


@dataclass(frozen=True)
class Placement:
    """Hearing ``h`` starting at time index ``t`` with officer, interpreter and room class."""

    h: int
    t: int
    officer: int
    interpreter: int
    room_class: int


@dataclass
class Usage:
    """Resources taken by placements: busy slots, hearings per day, interpreters' locations."""

    space: Space
    busy: set[tuple[str, int, int]] = field(default_factory=set)  # (kind, index, t)
    per_day: Counter[tuple[str, int, int]] = field(default_factory=Counter)  # (kind, index, day)
    class_used: Counter[tuple[int, int]] = field(default_factory=Counter)  # (class, t)
    oral_at: dict[tuple[int, int], str] = field(default_factory=dict)  # (interpreter, day)
    oral_count: Counter[tuple[int, int]] = field(default_factory=Counter)

    def _people(self, p: Placement) -> list[tuple[str, int]]:
        who = [("officer", p.officer)]
        if p.interpreter >= 0:
            who.append(("interpreter", p.interpreter))
        lawyer = self.space.lawyer[p.h]
        if lawyer >= 0:
            who.append(("lawyer", lawyer))
        return who

    def limit(self, kind: str, index: int) -> int:
        """Hearings a day the person may have."""
        inst = self.space.inst
        if kind == "officer":
            return inst.officers[index].max_per_day
        if kind == "interpreter":
            return inst.interpreters[index].max_per_day
        return inst.lawyers[index].max_per_day

    def free(self, kind: str, k: int, day: int, span: range) -> bool:
        """Is person ``k`` free in ``span`` and below its hearings a day?"""
        if self.per_day[kind, k, day] >= self.limit(kind, k):
            return False
        return not any((kind, k, u) in self.busy for u in span)

    def class_free(self, k: int, span: range) -> bool:
        """Has room class ``k`` a room left in every slot of ``span``?"""
        rooms = len(self.space.classes[k].rooms)
        return all(self.class_used[k, u] < rooms for u in span)

    def interpreter_may(self, i: int, h: int, day: int) -> bool:
        """May interpreter ``i`` do hearing ``h`` on ``day`` (oral: one location a day)?"""
        hearing = self.space.inst.hearings[h]
        if hearing.mode != "oral":
            return True
        return self.oral_at.get((i, day), hearing.location) == hearing.location

    def fits(self, p: Placement) -> bool:
        """Can ``p`` be added without breaking a rule (its family aside)?"""
        space = self.space
        day = space.day(p.t)
        span = space.covered(p.h, p.t)
        if not all(self.free(kind, k, day, span) for kind, k in self._people(p)):
            return False
        if not self.class_free(p.room_class, span):
            return False
        return p.interpreter < 0 or self.interpreter_may(p.interpreter, p.h, day)

    def add(self, p: Placement) -> None:
        """Take the resources of ``p`` (assumes :meth:`fits`)."""
        space = self.space
        day = space.day(p.t)
        for kind, k in self._people(p):
            self.per_day[kind, k, day] += 1
            for u in space.covered(p.h, p.t):
                self.busy.add((kind, k, u))
        for u in space.covered(p.h, p.t):
            self.class_used[p.room_class, u] += 1
        h = space.inst.hearings[p.h]
        if p.interpreter >= 0 and h.mode == "oral":
            self.oral_at[p.interpreter, day] = h.location
            self.oral_count[p.interpreter, day] += 1

    def remove(self, p: Placement) -> None:
        """Give back the resources of ``p`` (one that was added)."""
        space = self.space
        day = space.day(p.t)
        for kind, k in self._people(p):
            self.per_day[kind, k, day] -= 1
            for u in space.covered(p.h, p.t):
                self.busy.discard((kind, k, u))
        for u in space.covered(p.h, p.t):
            self.class_used[p.room_class, u] -= 1
        h = space.inst.hearings[p.h]
        if p.interpreter >= 0 and h.mode == "oral":
            self.oral_count[p.interpreter, day] -= 1
            if self.oral_count[p.interpreter, day] == 0:
                del self.oral_at[p.interpreter, day]


def usage_of(space: Space, placements: list[Placement]) -> Usage:
    """The usage of a set of placements."""
    usage = Usage(space)
    for p in placements:
        usage.add(p)
    return usage
