# SPDX-License-Identifier: EUPL-1.2
"""Re-scheduling with as few changes as possible: keep what still fits, place the rest around it.

Pure functions on the instances of planning.hearings (no database). After a disruption the
week's instance says who is out when; a hearing of the schedule in force still fits when its
officer, interpreter and lawyer are free in its slots, its room is not out that day, and it is
still a hearing of the week; a family that loses one member is re-placed whole. The kept
hearings are then fixed and the others solved in the *residual* instance, the capacity the kept
ones leave:

* a kept hearing's slots are taken from its officer, interpreter and lawyer, and a person who
  reaches their hearings a day with the kept ones is out that whole day (with two slots a day
  and at most two hearings a day this is exactly the capacity left);
* an interpreter with a kept oral hearing on a day may do other oral hearings that day only at
  the same location: that day they are a *clone* (id ``<id>~<day>``) serving that location only,
  while the interpreter itself is out that day;
* a room that holds a kept hearing on a day is held for the whole day by a placeholder (the
  other half-day of such a room stays unused: a little capacity lost, never a clash).

Placeholders and clones are mapped back by :func:`combine`; the independent checker then checks
the kept and new hearings together against the week's instance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from verkeerstoren.planning.hearings.instance import (
    MAX_WEIGHT,
    Hearing,
    HearingInstance,
    Interpreter,
    Officer,
    Room,
    Slot,
)
from verkeerstoren.planning.hearings.schedule import Schedule, ScheduledHearing

BLOCKER = "~room-out:"  # id prefix of a placeholder hearing (never a case reference)
CLONE = "~"  # an interpreter clone is "<id>~<day>"


def blocker_id(room: str, day: int) -> str:
    """The placeholder that holds ``room`` for the whole of ``day``."""
    return f"{BLOCKER}{room}:{day}"


def blocker_day(hid: str) -> int:
    """The day a placeholder holds its room."""
    return int(hid.rsplit(":", 1)[1])


def room_blocker(
    room: Room, day: int, days: int, slots: int, weight: int
) -> tuple[Hearing, Officer]:
    """A placeholder hearing that needs a room of ``room``'s kind all ``day``, with an officer of
    its own free only then; ``weight`` must exceed every real hearing's weight together."""
    hid = blocker_id(room.id, day)
    officer = Officer(
        id=hid,
        location=room.location,
        unavailable=frozenset((j, s) for j in range(days) for s in range(slots) if j != day),
    )
    hearing = Hearing(
        id=hid,
        location=room.location,
        mode="video" if room.video else "oral",
        weight=min(weight, MAX_WEIGHT),
        length=slots,
        child=room.child,
        officer=hid,
    )
    return hearing, officer


def place_blocked_rooms(
    blocked: Mapping[str, str], scheduled: Sequence[ScheduledHearing]
) -> list[ScheduledHearing]:
    """The schedule with each placeholder moved into the room it holds (day contents swapped).

    A placeholder fills a whole day of a room of at least its room's kind, so what the solver put
    in the held room that day fits the placeholder's room. Hearings in a held room whose
    placeholder was not scheduled are dropped.
    """
    out = list(scheduled)
    for hid, room in blocked.items():
        b = next((s for s in out if s.hearing == hid), None)
        if b is None:
            day = blocker_day(hid)
            out = [s for s in out if not (s.room == room and s.day == day)]
            continue
        if b.room == room:
            continue
        out = [
            replace(s, room=b.room) if s.day == b.day and s.room == room
            else replace(s, room=room) if s.hearing == hid
            else s
            for s in out
        ]  # fmt: skip
    return out


def still_fits(
    inst: HearingInstance, blocked: Mapping[str, str], previous: Sequence[ScheduledHearing]
) -> list[ScheduledHearing]:
    """The placements of ``previous`` that fit ``inst`` as they are (families whole)."""
    hearings = {h.id: h for h in inst.hearings}
    away: dict[str, frozenset[Slot]] = {}
    for people in (inst.officers, inst.interpreters, inst.lawyers):
        for p in people:
            away[p.id] = p.unavailable
    out_rooms = {(room, blocker_day(hid)) for hid, room in blocked.items()}
    fits: dict[str, ScheduledHearing] = {}
    for s in previous:
        h = hearings.get(s.hearing)
        if h is None or s.day < h.earliest_day or (s.room, s.day) in out_rooms:
            continue
        if (h.officer is not None and s.officer != h.officer) or (
            (h.language is None) != (s.interpreter is None)
        ):
            continue  # the week's plan or the case changed under the hearing
        slots = {(s.day, u) for u in range(s.slot, s.slot + h.length)}
        who = [s.officer, s.interpreter, h.lawyer]
        if any(p is not None and (p not in away or slots & away[p]) for p in who):
            continue
        fits[s.hearing] = s
    members: dict[str, list[str]] = defaultdict(list)
    for h in inst.hearings:
        if h.family is not None:
            members[h.family].append(h.id)
    broken = {f for f, ids in members.items() if any(i not in fits for i in ids)}
    return [s for s in previous if s.hearing in fits and hearings[s.hearing].family not in broken]


@dataclass(frozen=True)
class Residual:
    """The instance of the hearings still to place, and what maps its answer back."""

    instance: HearingInstance
    blocked: dict[str, str]  # placeholder -> room it holds (the week's and the kept rooms')
    own: frozenset[str]  # the placeholders of rooms the kept hearings use
    clones: dict[str, str]  # interpreter clone -> interpreter

    @property
    def blocker_weight(self) -> int:
        """The weight of every placeholder of the residual instance."""
        return sum(h.weight for h in self.instance.hearings if h.id in self.blocked)


def residual(
    inst: HearingInstance, blocked: Mapping[str, str], kept: Sequence[ScheduledHearing]
) -> Residual:
    """The capacity ``kept`` leaves in ``inst``, as an instance of the other hearings."""
    hearings = {h.id: h for h in inst.hearings}
    taken: dict[str, set[Slot]] = defaultdict(set)
    per_day: dict[tuple[str, int], int] = defaultdict(int)
    oral_at: dict[tuple[str, int], str] = {}
    rooms_used: set[tuple[str, int]] = set()
    for s in kept:
        h = hearings[s.hearing]
        for p in (s.officer, s.interpreter, h.lawyer):
            if p is None:
                continue
            taken[p].update((s.day, u) for u in range(s.slot, s.slot + h.length))
            per_day[p, s.day] += 1
        if s.interpreter is not None and h.mode == "oral":
            oral_at[s.interpreter, s.day] = h.location
        rooms_used.add((s.room, s.day))

    def left(pid: str, unavailable: frozenset[Slot], limit: int) -> frozenset[Slot]:
        full = {d for (p, d), n in per_day.items() if p == pid and n >= limit}
        whole = {(d, u) for d in full for u in range(inst.slots)}
        return frozenset(unavailable | taken.get(pid, set()) | whole)

    officers = [
        replace(o, unavailable=left(o.id, o.unavailable, o.max_per_day)) for o in inst.officers
    ]
    lawyers = [
        replace(lw, unavailable=left(lw.id, lw.unavailable, lw.max_per_day)) for lw in inst.lawyers
    ]
    interpreters: list[Interpreter] = []
    clones: dict[str, str] = {}
    all_slots = {(d, u) for d in range(inst.days) for u in range(inst.slots)}
    for i in inst.interpreters:
        unavailable = left(i.id, i.unavailable, i.max_per_day)
        days = sorted(d for (p, d) in oral_at if p == i.id)
        for d in days:
            clone = f"{i.id}{CLONE}{d}"
            clones[clone] = i.id
            own_day = {(d, u) for u in range(inst.slots)}
            interpreters.append(
                replace(
                    i,
                    id=clone,
                    locations=i.locations & {oral_at[i.id, d]},
                    unavailable=frozenset((all_slots - own_day) | (unavailable & own_day)),
                    max_per_day=max(0, i.max_per_day - per_day[i.id, d]),
                )
            )
            unavailable = unavailable | own_day
        interpreters.append(replace(i, unavailable=frozenset(unavailable)))
    kept_ids = {s.hearing for s in kept}
    rest = [h for h in inst.hearings if h.id not in kept_ids]
    total = sum(h.weight for h in rest if h.id not in blocked) + 1
    held = dict(blocked)
    extra_h: list[Hearing] = []
    extra_o: list[Officer] = []
    rooms = {r.id: r for r in inst.rooms}
    for room, day in sorted(rooms_used):
        hid = blocker_id(room, day)
        if hid in held:
            continue
        hearing, officer = room_blocker(rooms[room], day, inst.days, inst.slots, total)
        extra_h.append(hearing)
        extra_o.append(officer)
        held[hid] = room
    instance = replace(
        inst,
        officers=tuple(officers) + tuple(extra_o),
        interpreters=tuple(interpreters),
        lawyers=tuple(lawyers),
        hearings=tuple(rest) + tuple(extra_h),
    )
    return Residual(instance, held, frozenset(held) - set(blocked), clones)


def combine(
    res: Residual, kept: Sequence[ScheduledHearing], schedule: Schedule
) -> list[ScheduledHearing]:
    """Kept hearings and the residual's answer, clones named back; the placeholders of the
    week's rooms out of use stay (in the rooms they hold), those of the kept rooms go."""
    placed = place_blocked_rooms(res.blocked, schedule.scheduled)
    new = [
        replace(s, interpreter=res.clones.get(s.interpreter, s.interpreter))
        if s.interpreter is not None
        else s
        for s in placed
        if s.hearing not in res.own
    ]
    return [*kept, *new]


def reschedule(
    inst: HearingInstance,
    blocked: Mapping[str, str],
    previous: Sequence[ScheduledHearing],
    solve: Callable[[HearingInstance], Schedule],
) -> tuple[list[ScheduledHearing], list[ScheduledHearing], Residual, Schedule]:
    """(all hearings placed, the kept ones, the residual instance, its schedule)."""
    kept = still_fits(inst, blocked, previous)
    res = residual(inst, blocked, kept)
    schedule = solve(res.instance)
    return combine(res, kept, schedule), kept, res, schedule
