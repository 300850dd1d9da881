# SPDX-License-Identifier: EUPL-1.2
"""Independent checker of a hearing schedule, written from the rules of docs/formats.md.

It reads only the instance and the schedule, never the solver's model, so that a defect in the
model cannot hide itself. :func:`check_schedule` returns one message per broken rule; an empty
list means the schedule keeps every rule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from verkeerstoren.planning.hearings.instance import Hearing, HearingInstance
from verkeerstoren.planning.hearings.schedule import ScheduledHearing


def check_schedule(
    inst: HearingInstance,
    scheduled: Sequence[ScheduledHearing],
    scheduled_weight: int | None = None,
) -> list[str]:
    """Every rule a schedule breaks (empty: valid); ``scheduled_weight`` is checked when given."""
    hearings = {h.id: h for h in inst.hearings}
    out: list[str] = []
    placed: dict[str, ScheduledHearing] = {}
    for s in scheduled:
        h = hearings.get(s.hearing)
        if h is None:
            out.append(f"{s.hearing}: not a hearing of the instance")
        elif s.hearing in placed:
            out.append(f"{s.hearing}: scheduled twice")
        else:
            placed[s.hearing] = s
            out.extend(_own_rules(inst, h, s))
    out.extend(_busy(inst, hearings, placed))
    out.extend(_interpreter_locations(hearings, placed))
    out.extend(_families(inst, placed))
    if scheduled_weight is not None:
        total = sum(hearings[i].weight for i in placed)
        if total != scheduled_weight:
            out.append(f"scheduled_weight {scheduled_weight} but the hearings weigh {total}")
    return out


def _own_rules(inst: HearingInstance, h: Hearing, s: ScheduledHearing) -> list[str]:
    """The rules one hearing's placement must keep on its own."""
    out: list[str] = []
    if not h.earliest_day <= s.day < inst.days:
        out.append(f"{h.id}: day {s.day} outside {h.earliest_day}..{inst.days - 1}")
    if s.slot < 0 or s.slot + h.length > inst.slots:
        out.append(f"{h.id}: slots {s.slot}..{s.slot + h.length - 1} not within one day")
    rooms = {r.id: r for r in inst.rooms}
    room = rooms.get(s.room)
    if room is None:
        out.append(f"{h.id}: unknown room {s.room!r}")
    else:
        if room.location != h.location:
            out.append(f"{h.id}: room {room.id} is at {room.location}, not {h.location}")
        if h.child and not room.child:
            out.append(f"{h.id}: child hearing in room {room.id}, not a child room")
        if h.mode == "video" and not room.video:
            out.append(f"{h.id}: video hearing in room {room.id}, not a video room")
    officers = {o.id: o for o in inst.officers}
    officer = officers.get(s.officer)
    if officer is None:
        out.append(f"{h.id}: unknown officer {s.officer!r}")
    else:
        if h.officer is not None and officer.id != h.officer:
            out.append(f"{h.id}: officer {officer.id}, but the plan fixed {h.officer}")
        if h.officer is None and officer.location != h.location:
            out.append(f"{h.id}: officer {officer.id} works at {officer.location}")
        if h.officer is None and not h.competences <= officer.competences:
            missing = ", ".join(sorted(h.competences - officer.competences))
            out.append(f"{h.id}: officer {officer.id} lacks {missing}")
        if h.same_gender is not None and officer.gender != h.same_gender:
            out.append(f"{h.id}: officer {officer.id} is not of gender {h.same_gender}")
    out.extend(_interpreter_rules(inst, h, s))
    return out


def _interpreter_rules(inst: HearingInstance, h: Hearing, s: ScheduledHearing) -> list[str]:
    if h.language is None:
        return [] if s.interpreter is None else [f"{h.id}: interpreter without a language"]
    found = [i for i in inst.interpreters if i.id == s.interpreter]
    if not found:
        return [f"{h.id}: needs an interpreter for {h.language}, got {s.interpreter!r}"]
    interpreter = found[0]
    out: list[str] = []
    if h.language not in interpreter.languages:
        out.append(f"{h.id}: interpreter {interpreter.id} does not speak {h.language}")
    if h.mode == "oral" and h.location not in interpreter.locations:
        out.append(f"{h.id}: interpreter {interpreter.id} does not serve {h.location}")
    if h.same_gender is not None and interpreter.gender != h.same_gender:
        out.append(f"{h.id}: interpreter {interpreter.id} is not of gender {h.same_gender}")
    return out


def _busy(
    inst: HearingInstance, hearings: dict[str, Hearing], placed: dict[str, ScheduledHearing]
) -> list[str]:
    """Rooms, officers, interpreters and lawyers: one hearing a slot, free, within their day."""
    unavailable: dict[tuple[str, str], frozenset[tuple[int, int]]] = {}
    max_per_day: dict[tuple[str, str], int] = {}
    for kind, people in (
        ("officer", inst.officers),
        ("interpreter", inst.interpreters),
        ("lawyer", inst.lawyers),
    ):
        for p in people:
            unavailable[kind, p.id] = p.unavailable
            max_per_day[kind, p.id] = p.max_per_day
    taken: dict[tuple[str, str, int, int], list[str]] = defaultdict(list)
    per_day: dict[tuple[str, str, int], int] = defaultdict(int)
    for hid, s in placed.items():
        h = hearings[hid]
        who = [("room", s.room), ("officer", s.officer)]
        if s.interpreter is not None:
            who.append(("interpreter", s.interpreter))
        if h.lawyer is not None:
            who.append(("lawyer", h.lawyer))
        for kind, pid in who:
            per_day[kind, pid, s.day] += 1
            for slot in range(s.slot, s.slot + h.length):
                taken[kind, pid, s.day, slot].append(hid)
    out: list[str] = []
    for (kind, pid, day, slot), ids in sorted(taken.items()):
        if len(ids) > 1:
            out.append(f"{kind} {pid} day {day} slot {slot}: in {', '.join(sorted(ids))}")
        if (day, slot) in unavailable.get((kind, pid), frozenset()):
            out.append(f"{kind} {pid} day {day} slot {slot}: unavailable, in {ids[0]}")
    for (kind, pid, day), count in sorted(per_day.items()):
        limit = max_per_day.get((kind, pid))
        if limit is not None and count > limit:
            out.append(f"{kind} {pid} day {day}: {count} hearings, at most {limit}")
    return out


def _interpreter_locations(
    hearings: dict[str, Hearing], placed: dict[str, ScheduledHearing]
) -> list[str]:
    """An interpreter's oral hearings of one day are all at one location."""
    where: dict[tuple[str, int], set[str]] = defaultdict(set)
    for hid, s in placed.items():
        h = hearings[hid]
        if h.mode == "oral" and s.interpreter is not None:
            where[s.interpreter, s.day].add(h.location)
    return [
        f"interpreter {i} day {day}: oral hearings at {', '.join(sorted(locs))}"
        for (i, day), locs in sorted(where.items())
        if len(locs) > 1
    ]


def _families(inst: HearingInstance, placed: dict[str, ScheduledHearing]) -> list[str]:
    """Hearings of one family: all on one day, or none of them."""
    members: dict[str, list[str]] = defaultdict(list)
    for h in inst.hearings:
        if h.family is not None:
            members[h.family].append(h.id)
    out: list[str] = []
    for family, ids in sorted(members.items()):
        heard = [i for i in ids if i in placed]
        if heard and len(heard) < len(ids):
            out.append(f"family {family}: {len(heard)} of {len(ids)} hearings scheduled")
        if len({placed[i].day for i in heard}) > 1:
            out.append(f"family {family}: hearings on different days")
    return out
