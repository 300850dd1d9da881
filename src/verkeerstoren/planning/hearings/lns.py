# SPDX-License-Identifier: EUPL-1.2
"""Large-neighbourhood search: free some hearings, re-schedule them exactly with a MIP.

Each step frees a neighbourhood of units (families whole): placed ones and left-out ones that
compete for the same officers, interpreters, lawyers and rooms, and re-solves their exact
formulation (:mod:`.formulation`) with HiGHS (:mod:`.mip`) in the capacity the other hearings
leave, started from their current placements. A step is kept only when it schedules more
weight, so the schedule never gets worse. Neighbourhoods, in turn:

* **day** -- every hearing placed on one day and every left-out hearing that could be heard
  that day: all rules but "at most once" are rules of one day, so this step is the day's
  optimum given the other days;
* **days** -- every hearing of one or two locations over two days, placed there or left out:
  hearings move between days;
* **lost** -- left-out hearings the LP schedules, with the placed hearings that hold the
  officers, interpreters and lawyer they could have had on the LP's days;
* **language** -- the hearings of one language (weighted by the weight left out) on one or
  two days, placed and left out.

A neighbourhood larger than the current size limit (in formulation columns) is cut down at
random, families whole; the limit grows while steps are solved to optimality and shrinks when
they are not.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.hearings.formulation import formulate
from verkeerstoren.planning.hearings.mip import solve_mip
from verkeerstoren.planning.hearings.space import Space
from verkeerstoren.planning.hearings.usage import Placement, Usage, usage_of

Progress = Callable[[int], None]

# Sub-MIP sizes in formulation columns: a benchmark day (about 300 hearings, 15,000-22,000
# columns) is solved to optimality in 2-5 s.
START_COLUMNS = 25_000
MIN_COLUMNS = 3_000
MAX_COLUMNS = 40_000
STEP_SECONDS = 8.0


@dataclass
class Search:
    """The state of the search: placements by hearing, and how each hearing is weighted."""

    space: Space
    placed: dict[int, Placement]
    lp_mass: NDArray[np.float64]  # per hearing: the LP's share of it scheduled (0 when none)
    lp_days: dict[int, set[int]]  # per hearing: days the LP schedules it on

    @property
    def weight(self) -> int:
        """Weight of the placed hearings."""
        return sum(self.space.inst.hearings[h].weight for h in self.placed)


def improve(
    search: Search,
    *,
    deadline: float,
    seed: int,
    progress: Progress | None = None,
    max_steps: int | None = None,
    target: int | None = None,
    until: Callable[[], bool] | None = None,
) -> int:
    """Run steps until ``deadline`` (``time.monotonic``), ``max_steps``, ``target`` or ``until()``.

    Without LP shares (all zero) the LP's neighbourhood gives way to two days of a few places.
    """
    rng = random.Random(seed)  # noqa: S311  # search randomness from a seed, no secret
    space = search.space
    family_of = {h: members for members in space.families for h in members}
    columns = START_COLUMNS
    steps = 0
    kinds = (_day, _days, _lost, _language)
    while time.monotonic() < deadline - 0.2 and (max_steps is None or steps < max_steps):
        if (target is not None and search.weight >= target) or (until is not None and until()):
            break
        kind = kinds[steps % len(kinds)] if steps >= space.inst.days else _day
        if kind is _lost and not search.lp_mass.any():
            kind = _days
        free = _whole(kind(search, rng, steps), family_of)
        steps += 1
        if not free:
            continue
        hearings = sorted(free)
        f = formulate(space, hearings, _usage_without(search, free))
        if f.columns > columns:
            hearings = _trim(hearings, columns / f.columns, family_of, rng)
            f = formulate(space, hearings, _usage_without(search, set(hearings)))
        current = [search.placed[h] for h in hearings if h in search.placed]
        limit = min(STEP_SECONDS, deadline - time.monotonic() - 0.1)
        if limit < 0.2:
            break
        out = solve_mip(f, time_limit=limit, seed=seed + steps, start=f.encode(space, current))
        columns = _adapt(columns, out.status == "optimal")
        old = sum(space.inst.hearings[p.h].weight for p in current)
        if out.x is not None and out.objective > old:
            for h in hearings:
                search.placed.pop(h, None)
            for p in f.decode(out.x):
                search.placed[p.h] = p
            if progress is not None:
                progress(search.weight)
    return steps


def _usage_without(search: Search, free: set[int]) -> Usage:
    return usage_of(search.space, [p for h, p in search.placed.items() if h not in free])


def _adapt(columns: int, optimal: bool) -> int:
    if optimal:
        return min(MAX_COLUMNS, int(columns * 1.1))
    return max(MIN_COLUMNS, int(columns * 0.7))


def _whole(hearings: set[int], family_of: dict[int, tuple[int, ...]]) -> set[int]:
    out = set(hearings)
    for h in hearings:
        out.update(family_of.get(h, ()))
    return out


def _trim(
    hearings: Sequence[int],
    share: float,
    family_of: dict[int, tuple[int, ...]],
    rng: random.Random,
) -> list[int]:
    """Keep about ``share`` of the neighbourhood, families whole."""
    kept: set[int] = set()
    for h in hearings:
        if h not in kept and rng.random() < share:
            kept.update(family_of.get(h, (h,)))
    return sorted(kept)


def _left_out(search: Search) -> list[int]:
    return [
        h
        for h in range(len(search.space.inst.hearings))
        if h not in search.placed and search.space.starts[h]
    ]


def _holders(search: Search, h: int, days: set[int]) -> set[int]:
    """Placed hearings on ``days`` that use a resource hearing ``h`` could use."""
    space = search.space
    officers = {o for s in space.starts[h] for o in s.officers}
    interpreters = {i for s in space.starts[h] for i in s.interpreters}
    lawyer = space.lawyer[h]
    classes = set(space.room_classes[h])
    out = set()
    for g, p in search.placed.items():
        if space.day(p.t) not in days:
            continue
        if (
            p.officer in officers
            or p.interpreter in interpreters
            or (lawyer >= 0 and space.lawyer[g] == lawyer)
            or (p.room_class in classes and len(classes) == 1)
        ):
            out.add(g)
    return out


def _lost(search: Search, rng: random.Random, step: int) -> set[int]:
    inst = search.space.inst
    lost = [h for h in _left_out(search) if search.lp_mass[h] > 0.01]
    if not lost:
        return set()
    weights = [inst.hearings[h].weight * search.lp_mass[h] for h in lost]
    picks = set(rng.choices(lost, weights=weights, k=min(len(lost), rng.randint(1, 4))))
    free = set(picks)
    for h in picks:
        days = search.lp_days.get(h) or {search.space.day(s.t) for s in search.space.starts[h]}
        free |= _holders(search, h, days)
    return free


def _language(search: Search, rng: random.Random, step: int) -> set[int]:
    inst = search.space.inst
    lost_weight: dict[str | None, float] = defaultdict(float)
    for h in _left_out(search):
        lost_weight[inst.hearings[h].language] += inst.hearings[h].weight * (
            0.1 + search.lp_mass[h]
        )
    if not lost_weight:
        return set()
    langs = sorted(lost_weight, key=str)
    lang = rng.choices(langs, weights=[lost_weight[x] for x in langs])[0]
    days = set(rng.sample(range(inst.days), min(inst.days, rng.randint(1, 2))))
    return {
        h
        for h, hearing in enumerate(inst.hearings)
        if hearing.language == lang
        and (
            (h in search.placed and search.space.day(search.placed[h].t) in days)
            or (h not in search.placed and search.space.starts[h])
        )
    }


def _day(search: Search, rng: random.Random, step: int) -> set[int]:
    """One day whole: the first steps take the days in turn, later ones one at random."""
    inst = search.space.inst
    day = step if step < inst.days else rng.randrange(inst.days)
    return _at(search, set(inst.locations), {day})


def _days(search: Search, rng: random.Random, step: int) -> set[int]:
    inst = search.space.inst
    locations = set(rng.sample(list(inst.locations), min(len(inst.locations), rng.randint(1, 2))))
    return _at(search, locations, set(rng.sample(range(inst.days), min(inst.days, 2))))


def _at(search: Search, locations: set[str], days: set[int]) -> set[int]:
    """Hearings at ``locations`` placed on ``days``, or left out and possible on one of them."""
    space = search.space
    out = set()
    for h, hearing in enumerate(space.inst.hearings):
        if hearing.location not in locations:
            continue
        p = search.placed.get(h)
        if p is not None:
            if space.day(p.t) in days:
                out.add(h)
        elif any(space.day(s.t) in days for s in space.starts[h]):
            out.add(h)
    return out
