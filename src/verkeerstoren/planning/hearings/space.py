# SPDX-License-Identifier: EUPL-1.2
"""The choices each hearing has: start slots, and per start the officers and interpreters free.

Time is one index ``t = day * slots + slot``; a hearing started at ``t`` covers ``t .. t+length-1``
(all in one day). Rooms of one location with the same (child, video) are one **room class**:
they are interchangeable, so the models choose a class and count its rooms per slot, and
:mod:`.rooms` names the rooms afterwards (within a class and a day the hearings are intervals,
and intervals never overlapping more than the class has rooms always fit its rooms).
"""

from __future__ import annotations

from dataclasses import dataclass

from verkeerstoren.planning.hearings.instance import Hearing, HearingInstance


@dataclass(frozen=True)
class RoomClass:
    """Interchangeable rooms: one location, the same child and video flags."""

    location: str
    child: bool
    video: bool
    rooms: tuple[str, ...]


@dataclass(frozen=True)
class Start:
    """One start of a hearing with the people free for all of it (indices into the instance)."""

    t: int
    officers: tuple[int, ...]
    interpreters: tuple[int, ...]  # empty when the hearing needs no interpreter


@dataclass(frozen=True)
class Space:
    """Per hearing its starts and room classes; per family its members."""

    inst: HearingInstance
    starts: tuple[tuple[Start, ...], ...]
    classes: tuple[RoomClass, ...]
    room_classes: tuple[tuple[int, ...], ...]  # per hearing: the classes it may use
    families: tuple[tuple[int, ...], ...]
    lawyer: tuple[int, ...]  # per hearing: index of its lawyer, -1 = none

    @property
    def slots(self) -> int:
        """Slots per day."""
        return self.inst.slots

    def day(self, t: int) -> int:
        """The day of time index ``t``."""
        return t // self.inst.slots

    def covered(self, h: int, t: int) -> range:
        """Time indices hearing ``h`` occupies when it starts at ``t``."""
        return range(t, t + self.inst.hearings[h].length)


def build_space(inst: HearingInstance) -> Space:
    """Every hearing's allowed starts, officers, interpreters and room classes."""
    classes = _room_classes(inst)
    officer_index = {o.id: k for k, o in enumerate(inst.officers)}
    lawyer_index = {lw.id: k for k, lw in enumerate(inst.lawyers)}
    off_free = [_free(inst, o.unavailable) for o in inst.officers]
    int_free = [_free(inst, i.unavailable) for i in inst.interpreters]
    law_free = [_free(inst, lw.unavailable) for lw in inst.lawyers]
    starts: list[tuple[Start, ...]] = []
    room_classes: list[tuple[int, ...]] = []
    lawyers: list[int] = []
    for h in inst.hearings:
        ks = tuple(
            k
            for k, c in enumerate(classes)
            if c.location == h.location and (c.child or not h.child)
            and (c.video or h.mode != "video")
        )  # fmt: skip
        officers = _officers(inst, h, officer_index)
        interpreters = _interpreters(inst, h)
        lawyer = -1 if h.lawyer is None else lawyer_index[h.lawyer]
        lawyers.append(lawyer)
        room_classes.append(ks)
        options: list[Start] = []
        if ks and (h.language is None or interpreters):
            for t in _times(inst, h):
                span = range(t, t + h.length)
                if lawyer >= 0 and not all(law_free[lawyer][u] for u in span):
                    continue
                os = tuple(o for o in officers if all(off_free[o][u] for u in span))
                ts = tuple(i for i in interpreters if all(int_free[i][u] for u in span))
                if os and (ts or h.language is None):
                    options.append(Start(t, os, ts))
        starts.append(tuple(options))
    families = _families(inst)
    for members in families:
        _family_days(inst, starts, members, {"lawyer": law_free, "officer": off_free})
    return Space(inst, tuple(starts), classes, tuple(room_classes), families, tuple(lawyers))


def _room_classes(inst: HearingInstance) -> tuple[RoomClass, ...]:
    groups: dict[tuple[str, bool, bool], list[str]] = {}
    for r in inst.rooms:
        groups.setdefault((r.location, r.child, r.video), []).append(r.id)
    return tuple(RoomClass(loc, c, v, tuple(ids)) for (loc, c, v), ids in groups.items())


def _free(inst: HearingInstance, unavailable: frozenset[tuple[int, int]]) -> list[bool]:
    return [
        (d, s) not in unavailable for d in range(inst.days) for s in range(inst.slots)
    ]  # fmt: skip


def _times(inst: HearingInstance, h: Hearing) -> list[int]:
    return [
        d * inst.slots + s
        for d in range(h.earliest_day, inst.days)
        for s in range(inst.slots - h.length + 1)
    ]


def _officers(inst: HearingInstance, h: Hearing, index: dict[str, int]) -> list[int]:
    if h.officer is not None:
        candidates = [index[h.officer]]
    else:
        candidates = [
            k
            for k, o in enumerate(inst.officers)
            if o.location == h.location and h.competences <= o.competences
        ]
    return [
        k
        for k in candidates
        if inst.officers[k].max_per_day > 0
        and (h.same_gender is None or inst.officers[k].gender == h.same_gender)
    ]


def _interpreters(inst: HearingInstance, h: Hearing) -> list[int]:
    if h.language is None:
        return []
    return [
        k
        for k, i in enumerate(inst.interpreters)
        if h.language in i.languages
        and i.max_per_day > 0
        and (h.mode != "oral" or h.location in i.locations)
        and (h.same_gender is None or i.gender == h.same_gender)
    ]


def _family_days(
    inst: HearingInstance,
    starts: list[tuple[Start, ...]],
    members: tuple[int, ...],
    free: dict[str, list[list[bool]]],
) -> None:
    """Drop the days a family cannot be heard on whole.

    A family is heard on one day or not at all: a day is out when a member has no start on
    it, or when members who share their lawyer (or their fixed officer) need more hearings or
    more slots that day than that person has. Without this the LP could schedule a family in
    parts over several days, each part within the person's day.
    """
    needs: dict[tuple[str, str], list[int]] = {}
    for h in members:
        hearing = inst.hearings[h]
        if hearing.lawyer is not None:
            needs.setdefault(("lawyer", hearing.lawyer), []).append(h)
        if hearing.officer is not None:
            needs.setdefault(("officer", hearing.officer), []).append(h)
    people = {
        "lawyer": {lw.id: (k, lw.max_per_day) for k, lw in enumerate(inst.lawyers)},
        "officer": {o.id: (k, o.max_per_day) for k, o in enumerate(inst.officers)},
    }
    for day in range(inst.days):
        ok = all(any(s.t // inst.slots == day for s in starts[h]) for h in members)
        for (kind, pid), hs in needs.items():
            k, limit = people[kind][pid]
            open_slots = sum(free[kind][k][day * inst.slots + s] for s in range(inst.slots))
            if len(hs) > limit or sum(inst.hearings[h].length for h in hs) > open_slots:
                ok = False
        if not ok:
            for h in members:
                starts[h] = tuple(s for s in starts[h] if s.t // inst.slots != day)


def _families(inst: HearingInstance) -> tuple[tuple[int, ...], ...]:
    members: dict[str, list[int]] = {}
    for k, h in enumerate(inst.hearings):
        if h.family is not None:
            members.setdefault(h.family, []).append(k)
    return tuple(tuple(m) for m in members.values())
