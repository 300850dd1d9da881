# SPDX-License-Identifier: EUPL-1.2
"""Re-scheduling that keeps what still fits (hearings/keep.py), on random instances: after an
interpreter falls ill or a room is out, every kept hearing is exactly as it was, the disrupted
one is not kept, and the kept and new hearings together pass the independent checker."""

from __future__ import annotations

from dataclasses import replace

import pytest

from verkeerstoren.hearings import keep
from verkeerstoren.planning.hearings.checker import check_schedule
from verkeerstoren.planning.hearings.examples import random_instance
from verkeerstoren.planning.hearings.instance import HearingInstance
from verkeerstoren.planning.hearings.schedule import Schedule
from verkeerstoren.planning.hearings.solve import solve_hearings


def _solve(inst: HearingInstance) -> Schedule:
    return solve_hearings(inst, 2.0, 0)


def _family_of(inst: HearingInstance, hid: str) -> set[str]:
    family = next(h.family for h in inst.hearings if h.id == hid)
    if family is None:
        return {hid}
    return {h.id for h in inst.hearings if h.family == family}


@pytest.mark.parametrize("seed", range(4))
def test_an_ill_interpreter_moves_only_their_hearing(seed: int) -> None:
    inst = random_instance(seed, locations=2, hearings_per_location=8, days=3, slots=2)
    first = _solve(inst)
    victim = next((s for s in first.scheduled if s.interpreter is not None), None)
    assert victim is not None
    ill = {(victim.day, victim.slot)}
    interpreters = tuple(
        replace(i, unavailable=i.unavailable | ill) if i.id == victim.interpreter else i
        for i in inst.interpreters
    )
    after = replace(inst, interpreters=interpreters)
    placed, kept, _res, _schedule = keep.reschedule(after, {}, first.scheduled, _solve)
    assert check_schedule(after, placed) == []
    assert set(kept) <= set(first.scheduled)
    lengths = {h.id: h.length for h in inst.hearings}
    hit = {
        s.hearing
        for s in first.scheduled
        if s.interpreter == victim.interpreter
        and s.day == victim.day
        and s.slot <= victim.slot < s.slot + lengths[s.hearing]
    }
    lost = set().union(*(_family_of(inst, h) for h in hit))
    assert victim.hearing not in {s.hearing for s in kept}
    # Everything else stays exactly where it was.
    assert {s.hearing for s in kept} == {s.hearing for s in first.scheduled} - lost


@pytest.mark.parametrize("seed", range(3))
def test_a_room_out_for_a_day_is_left_empty_that_day(seed: int) -> None:
    inst = random_instance(seed, locations=1, hearings_per_location=10, days=2, slots=2)
    first = _solve(inst)
    used = first.scheduled[0]
    room = next(r for r in inst.rooms if r.id == used.room)
    total = sum(h.weight for h in inst.hearings) + 1
    hearing, officer = keep.room_blocker(room, used.day, inst.days, inst.slots, total)
    after = replace(inst, hearings=(*inst.hearings, hearing), officers=(*inst.officers, officer))
    blocked = {hearing.id: room.id}
    placed, kept, _res, _schedule = keep.reschedule(after, blocked, first.scheduled, _solve)
    assert check_schedule(after, placed) == []
    real = [s for s in placed if s.hearing not in blocked]
    assert not [s for s in real if s.room == room.id and s.day == used.day]
    assert used.hearing not in {s.hearing for s in kept}
    assert {s.hearing for s in kept} == {
        s.hearing for s in first.scheduled if not (s.room == room.id and s.day == used.day)
    } - set().union(*(_family_of(inst, s.hearing) for s in first.scheduled
                      if s.room == room.id and s.day == used.day))  # fmt: skip
