# SPDX-License-Identifier: EUPL-1.2
"""Where and when: the first feasible week and a location for each proposal, under capacity.

The capacity of the coming weeks is plain data: hearings each officer can still take per week
(after the published plan), interpreter hearings per language and week, child-room hearings per
location and week, and free reception places (COA) per location. Applicants are placed in the
order given (the table's order), each consuming what it uses, so the day's proposals together
stay within capacity. A family is placed at one location, in the week all its members fit.
An applicant who fits nowhere keeps the preferred location with no week, and the proposal lists
each capacity that ran out (a shortfall), so the table sees it instead of a silent overbooking.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

# Registration (3 days) and the rest and preparation period (6 days) come before the hearing.
DAYS_BEFORE_HEARING = 9
DUTCH = frozenset({"nl"})  # no interpreter needed


@dataclass
class Officer:
    id: str
    location: str
    competences: frozenset[str]
    free: list[int]  # hearings still possible per week of the horizon


@dataclass
class Capacity:
    """What is still free in each week of the horizon (week 0 starts on ``start``)."""

    start: date  # a Monday
    weeks: int
    officers: list[Officer]
    interpreters: dict[str, list[int]]  # language -> free interpreter hearings per week
    child_rooms: dict[str, list[int]]  # location -> free child-room hearings per week
    reception: dict[str, int]  # location -> free reception places
    _by_location: dict[str, list[Officer]] = field(default_factory=dict, repr=False)
    # (location, week) -> the officers there with a hearing free that week, in the same order:
    # a full week's officers are not scanned again for every later applicant.
    _open: dict[tuple[str, int], list[Officer]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for o in sorted(self.officers, key=_officer_order):
            self._by_location.setdefault(o.location, []).append(o)  # generalists first
        for loc, officers in self._by_location.items():
            for week in range(self.weeks):
                self._open[(loc, week)] = [o for o in officers if o.free[week] > 0]

    @property
    def locations(self) -> list[str]:
        return sorted(set(self._by_location) | set(self.reception))

    def week_of(self, day: date) -> int:
        return max(0, (day - self.start).days // 7)

    def first_hearing_week(self, registered: date) -> int:
        """The week of the first working day after registration and rest (Mon-Fri)."""
        day = registered + timedelta(days=DAYS_BEFORE_HEARING)
        if day.weekday() >= 5:  # a Saturday or Sunday: the hearing is on the next Monday
            day += timedelta(days=7 - day.weekday())
        return self.week_of(day)

    def week_start(self, week: int) -> date:
        return self.start + timedelta(weeks=week)


def _officer_order(o: Officer) -> tuple[int, str]:
    return len(o.competences), o.id


@dataclass(frozen=True)
class Need:
    """What one applicant's hearing needs (from the rules' proposal and the intake)."""

    id: str
    registered: date
    preferred: str  # the location of registration
    heard: bool
    competences: frozenset[str]
    language: str
    child_hearing: bool
    family: str | None = None


@dataclass(frozen=True)
class Placement:
    id: str
    location: str
    week: int | None  # None: no week in the horizon has room
    first_day: date | None  # the Monday of that week
    shortfalls: tuple[str, ...]  # coded: reception:TA, competence:lgbti@TA, interpreter:ti, ...


def _officer(cap: Capacity, loc: str, week: int, comps: frozenset[str]) -> Officer | None:
    for o in cap._open.get((loc, week), ()):
        if comps <= o.competences:
            return o
    return None


def _use_officer(cap: Capacity, o: Officer, week: int, sign: int) -> None:
    """Take (1) or give back (-1) one of ``o``'s hearings in ``week``, keeping ``_open``."""
    o.free[week] -= sign
    open_ = cap._open[(o.location, week)]
    if sign > 0 and o.free[week] == 0:  # the last one taken: off the list (by identity)
        del open_[next(i for i, x in enumerate(open_) if x is o)]
    elif sign < 0 and o.free[week] == 1:  # free again: back in its place
        bisect.insort(open_, o, key=_officer_order)


def _short(cap: Capacity, n: Need, loc: str, week: int) -> list[str]:
    """What ``n`` lacks at ``loc`` in ``week`` (empty: it fits)."""
    out = []
    if n.heard:
        if _officer(cap, loc, week, n.competences) is None:
            out.append(f"officer:{'+'.join(sorted(n.competences)) or 'any'}@{loc}")
        if n.language not in DUTCH and cap.interpreters.get(n.language, [0] * cap.weeks)[week] <= 0:
            out.append(f"interpreter:{n.language}")
        if n.child_hearing and cap.child_rooms.get(loc, [0] * cap.weeks)[week] <= 0:
            out.append(f"child_room@{loc}")
    return out


def _fits(cap: Capacity, n: Need, loc: str, week: int) -> bool:
    """Whether :func:`_short` would find nothing lacking (without naming what lacks)."""
    if not n.heard:
        return True
    if n.language not in DUTCH:
        interpreters = cap.interpreters.get(n.language)
        if interpreters is None or interpreters[week] <= 0:
            return False
    if n.child_hearing:
        rooms = cap.child_rooms.get(loc)
        if rooms is None or rooms[week] <= 0:
            return False
    return _officer(cap, loc, week, n.competences) is not None


def _take(cap: Capacity, n: Need, loc: str, week: int, sign: int = 1) -> Officer | None:
    """Use (``sign`` 1) what ``n`` needs at ``loc`` in ``week``; returns the officer used."""
    cap.reception[loc] = cap.reception.get(loc, 0) - sign
    if not n.heard:
        return None
    officer = _officer(cap, loc, week, n.competences)
    assert officer is not None  # noqa: S101 - _fits() found one
    _use_officer(cap, officer, week, sign)
    if n.language not in DUTCH:
        cap.interpreters[n.language][week] -= sign
    if n.child_hearing:
        cap.child_rooms[loc][week] -= sign
    return officer


def _give_back(cap: Capacity, n: Need, loc: str, week: int, officer: Officer | None) -> None:
    cap.reception[loc] += 1
    if officer is None:
        return
    _use_officer(cap, officer, week, -1)
    if n.language not in DUTCH:
        cap.interpreters[n.language][week] += 1
    if n.child_hearing:
        cap.child_rooms[loc][week] += 1


def _first_week(
    cap: Capacity, group: Sequence[Need], loc: str, before: int | None = None
) -> int | None:
    """The first week (before week ``before``, if given) in which every member of ``group``
    fits at ``loc`` (nothing is kept)."""
    if cap.reception.get(loc, 0) < len(group):
        return None
    earliest = max(cap.first_hearing_week(n.registered) for n in group)
    for week in range(earliest, cap.weeks if before is None else min(before, cap.weeks)):
        if len(group) == 1:
            if _fits(cap, group[0], loc, week):
                return week
            continue
        # Members of one family compete for the same week's capacity: take in turn, then undo.
        taken: list[tuple[Need, Officer | None]] = []
        for n in group:
            if not _fits(cap, n, loc, week):
                break
            taken.append((n, _take(cap, n, loc, week)))
        for n, officer in taken:
            _give_back(cap, n, loc, week, officer)
        if len(taken) == len(group):
            return week
    return None


def place(cap: Capacity, needs: Sequence[Need]) -> list[Placement]:
    """A location and first feasible week for each need, in input order, consuming capacity."""
    groups: dict[str, list[Need]] = {}
    order: list[list[Need]] = []
    for n in needs:
        if n.family is None:
            order.append([n])
        elif n.family not in groups:
            groups[n.family] = [n]
            order.append(groups[n.family])
        else:
            groups[n.family].append(n)
    result: dict[str, Placement] = {}
    for group in order:
        preferred = group[0].preferred
        candidates = [preferred, *(loc for loc in cap.locations if loc != preferred)]
        best: tuple[int, int, str] | None = None
        for rank, loc in enumerate(candidates):
            # A later candidate wins only with an earlier week: look no further than the best.
            week = _first_week(cap, group, loc, None if best is None else best[0])
            if week is not None and (best is None or (week, rank) < best[:2]):
                best = (week, rank, loc)
        if best is None:
            earliest = cap.first_hearing_week(group[0].registered)
            week_seen = min(earliest, cap.weeks - 1)
            for n in group:
                shortfalls = _short(cap, n, preferred, week_seen)
                if cap.reception.get(preferred, 0) < len(group):
                    shortfalls.insert(0, f"reception@{preferred}")
                result[n.id] = Placement(n.id, preferred, None, None, tuple(shortfalls))
            continue
        week, _, loc = best
        for n in group:
            _take(cap, n, loc, week)
            result[n.id] = Placement(n.id, loc, week, cap.week_start(week), ())
    return [result[n.id] for n in needs]
