# SPDX-License-Identifier: EUPL-1.2
"""From placements to a schedule: each hearing gets a named room of its class.

Within one room class and one day the hearings are intervals of slots. Taken in order of their
first slot, each goes to a room already free at that slot: this never runs out while no slot
holds more hearings than the class has rooms (interval graphs are coloured by their largest
clique), which the models guarantee.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from verkeerstoren.planning.hearings.schedule import ScheduledHearing
from verkeerstoren.planning.hearings.space import Space
from verkeerstoren.planning.hearings.usage import Placement


def name_rooms(space: Space, placements: Sequence[Placement]) -> tuple[ScheduledHearing, ...]:
    """The schedule of ``placements``, in the instance's hearing order."""
    inst = space.inst
    room_of: dict[int, str] = {}
    groups: dict[tuple[int, int], list[Placement]] = defaultdict(list)
    for p in placements:
        groups[p.room_class, space.day(p.t)].append(p)
    for (k, _day), members in groups.items():
        free_from = dict.fromkeys(space.classes[k].rooms, 0)  # room -> first free time index
        for p in sorted(members, key=lambda q: (q.t, q.h)):
            room = next(r for r, at in free_from.items() if at <= p.t)
            room_of[p.h] = room
            free_from[room] = p.t + inst.hearings[p.h].length
    out = []
    for p in sorted(placements, key=lambda q: q.h):
        interpreter = inst.interpreters[p.interpreter].id if p.interpreter >= 0 else None
        out.append(
            ScheduledHearing(
                hearing=inst.hearings[p.h].id,
                day=space.day(p.t),
                slot=p.t % inst.slots,
                room=room_of[p.h],
                officer=inst.officers[p.officer].id,
                interpreter=interpreter,
            )
        )
    return tuple(out)
