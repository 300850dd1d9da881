# SPDX-License-Identifier: EUPL-1.2
"""A first schedule: hearings one by one (families whole), heaviest or best-priced first.

Each hearing takes the first start, in the order given (the LP's own starts first when there
is an LP), where an officer, an interpreter and a room class are free; among those it takes the
least sought-after: the officer and interpreter that fewest other hearings could use, and the
plainest room class (child and video rooms stay free for hearings that need them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from verkeerstoren.planning.hearings.space import Space, Start
from verkeerstoren.planning.hearings.usage import Placement, Usage

# Order of a hearing's starts: lower first.
StartKey = Callable[[int, Start], float]


def demand(space: Space) -> tuple[Counter[int], Counter[int]]:
    """How many hearings could use each officer and each interpreter (at some start)."""
    officers: Counter[int] = Counter()
    interpreters: Counter[int] = Counter()
    for starts in space.starts:
        officers.update({o for s in starts for o in s.officers})
        interpreters.update({i for s in starts for i in s.interpreters})
    return officers, interpreters


def units(space: Space) -> list[tuple[int, ...]]:
    """Hearings to place together: each family whole, every other hearing alone."""
    in_family = {h for members in space.families for h in members}
    singles = [(h,) for h in range(len(space.inst.hearings)) if h not in in_family]
    return singles + [tuple(m) for m in space.families]


def place_one(
    space: Space,
    usage: Usage,
    h: int,
    starts: Sequence[Start],
    want: tuple[Counter[int], Counter[int]],
) -> Placement | None:
    """The first placement of ``h`` over ``starts`` that fits ``usage`` (not taken yet)."""
    officers, interpreters = want
    classes = sorted(
        space.room_classes[h],
        key=lambda k: (space.classes[k].child, space.classes[k].video),
    )
    lawyer = space.lawyer[h]
    needs_interpreter = space.inst.hearings[h].language is not None
    for start in starts:
        day, span = space.day(start.t), space.covered(h, start.t)
        if lawyer >= 0 and not usage.free("lawyer", lawyer, day, span):
            continue
        k = next((k for k in classes if usage.class_free(k, span)), None)
        os = [o for o in start.officers if usage.free("officer", o, day, span)]
        ts = [
            i
            for i in start.interpreters
            if usage.free("interpreter", i, day, span) and usage.interpreter_may(i, h, day)
        ]
        if k is None or not os or (needs_interpreter and not ts):
            continue
        o = min(os, key=lambda o: officers[o])
        i = min(ts, key=lambda i: interpreters[i]) if ts else -1
        return Placement(h, start.t, o, i, k)
    return None


def place_unit(
    space: Space,
    usage: Usage,
    unit: tuple[int, ...],
    start_key: StartKey,
    want: tuple[Counter[int], Counter[int]],
) -> list[Placement]:
    """Place a unit (taking its resources) on one day, or nothing."""
    if len(unit) == 1:
        h = unit[0]
        p = place_one(space, usage, h, sorted(space.starts[h], key=lambda s: start_key(h, s)), want)
        if p is not None:
            usage.add(p)
            return [p]
        return []
    days = sorted(
        {space.day(s.t) for s in space.starts[unit[0]]},
        key=lambda d: min(
            (start_key(unit[0], s) for s in space.starts[unit[0]] if space.day(s.t) == d),
            default=0.0,
        ),
    )
    for day in days:
        taken: list[Placement] = []
        for h in unit:
            on_day = [s for s in space.starts[h] if space.day(s.t) == day]
            p = place_one(space, usage, h, sorted(on_day, key=lambda s: start_key(h, s)), want)
            if p is None:
                break
            usage.add(p)
            taken.append(p)
        if len(taken) == len(unit):
            return taken
        for p in reversed(taken):
            usage.remove(p)
    return []


def greedy(
    space: Space,
    order: Sequence[tuple[int, ...]],
    start_key: StartKey,
    usage: Usage | None = None,
) -> tuple[list[Placement], Usage]:
    """Place the units in ``order``, each where it first fits; returns placements and usage."""
    usage = usage if usage is not None else Usage(space)
    want = demand(space)
    placed: list[Placement] = []
    for unit in order:
        placed.extend(place_unit(space, usage, unit, start_key, want))
    return placed, usage
