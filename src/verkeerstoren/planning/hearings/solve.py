# SPDX-License-Identifier: EUPL-1.2
"""The entry point: :func:`solve_hearings` schedules a run of days within a time limit.

1. :mod:`.space` lists every hearing's starts, officers, interpreters and room classes, and
   drops the days a family cannot be heard on whole.
2. :mod:`.formulation` states the whole problem as one exact 0-1 model. A small model goes to
   the MIP (:mod:`.mip`) at once, which usually proves the optimum.
3. Otherwise its LP relaxation (:mod:`.lp`) gives the **upper bound** (from the LP's prices,
   valid however exactly the LP was solved) and each hearing's LP share. It runs on a thread
   of its own (HiGHS releases the GIL) while steps 4 and 5 begin.
4. :mod:`.greedy` builds a first schedule, heaviest hearings first.
5. :mod:`.lns` frees a day, two days of a few locations, one language, or (once the LP is
   there) the hearings the LP would add, and re-solves them exactly, until the schedule reaches
   the bound or the time is up.
6. :mod:`.rooms` names the room of each hearing within its room class.

Deterministic for a seed as long as the time limit is not what stops the search: HiGHS runs
on one thread with the seed, and the search draws from ``random.Random(seed)``. ``max_steps``
bounds the search by work instead of time; the LP then runs first, so that no step depends on
when the LP ended.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.hearings.formulation import Formulation, formulate
from verkeerstoren.planning.hearings.greedy import greedy, units
from verkeerstoren.planning.hearings.instance import HearingInstance
from verkeerstoren.planning.hearings.lns import Search, improve
from verkeerstoren.planning.hearings.lp import LpOutcome, dual_bound, solve_lp, whole_bound
from verkeerstoren.planning.hearings.mip import solve_mip
from verkeerstoren.planning.hearings.rooms import name_rooms
from verkeerstoren.planning.hearings.schedule import Schedule
from verkeerstoren.planning.hearings.space import Space, build_space
from verkeerstoren.planning.hearings.usage import Placement, Usage

# progress(phase, share of the time limit used, weight scheduled so far, upper bound)
Progress = Callable[[str, float, int, int], None]

# Whole models up to this many columns go to the MIP first (a few seconds at most).
WHOLE_MIP_COLUMNS = 4_000
# Share of the time the LP may take: a limit, not a reservation. On an idle machine a benchmark
# week's LP takes 8-11 s, on a loaded one 20-35 s or more, and PDLP stopped before it converges
# gives no usable prices (the bound is then the weight of all schedulable hearings).
LP_SHARE = 0.85


def solve_hearings(
    instance: HearingInstance,
    time_limit: float,
    seed: int = 0,
    progress: Progress | None = None,
    *,
    max_steps: int | None = None,
    whole_mip_columns: int = WHOLE_MIP_COLUMNS,
) -> Schedule:
    """The heaviest schedule found within ``time_limit`` seconds, with a valid upper bound.

    ``whole_mip_columns``: models up to this size go to the MIP whole first (0: never).
    """
    began = time.monotonic()
    deadline = began + max(0.1, float(time_limit))

    def report(phase: str, weight: int, bound: int) -> None:
        if progress is not None:
            used = min(1.0, (time.monotonic() - began) / max(0.1, float(time_limit)))
            progress(phase, used, weight, bound)

    space = build_space(instance)
    whole = formulate(space, range(len(instance.hearings)), Usage(space))
    # Every hearing that has a start at all: valid, if weak.
    bound = sum(instance.hearings[h].weight for h in {ch.h for ch in whole.choices})
    report("model", 0, bound)
    if whole.columns <= whole_mip_columns:
        out = solve_mip(whole, time_limit=(deadline - time.monotonic()) * 0.9, seed=seed)
        if out.x is not None:
            placed = whole.decode(out.x)
            report("mip", out.objective, out.bound)
            if out.status == "optimal" or time.monotonic() >= deadline - 0.2:
                return _schedule(space, placed, out.bound, began)
            bound = out.bound
    lp = _LpThread(whole, (deadline - time.monotonic()) * LP_SHARE, seed)
    if max_steps is None:
        lp.start()  # HiGHS releases the GIL: the search runs beside it
    else:
        lp.run()  # bounded by work: the LP first, so that no step depends on when it ended
    mass, days = _lp_shares(space, whole, lp.outcome.x if lp.outcome else None)
    order = sorted(
        units(space),
        key=lambda u: (
            -round(float(mass[list(u)].mean()), 2),
            -sum(instance.hearings[h].weight for h in u) / len(u),
            u,
        ),
    )
    first, _ = greedy(space, order, lambda h, s: s.t)
    search = Search(space, {p.h: p for p in first}, mass, days)
    report("greedy", search.weight, bound)
    if lp.is_alive():  # days, places and languages only, until the LP is there
        improve(
            search,
            deadline=deadline,
            seed=seed,
            progress=lambda w: report("search", w, bound),
            until=lambda: not lp.is_alive(),
        )
        lp.join()
    if lp.failure is not None:
        raise lp.failure
    if lp.outcome is not None:
        bound = min(bound, whole_bound(dual_bound(whole, lp.outcome.prices)))
        search.lp_mass, search.lp_days = _lp_shares(space, whole, lp.outcome.x)
    report("search", search.weight, bound)
    improve(
        search,
        deadline=deadline,
        seed=seed + 1,
        progress=lambda w: report("search", w, bound),
        max_steps=max_steps,
        target=bound,
    )
    return _schedule(space, list(search.placed.values()), bound, began)


class _LpThread(threading.Thread):
    """The LP relaxation, on a thread of its own (``start``) or in the caller's (``run``)."""

    def __init__(self, whole: Formulation, time_limit: float, seed: int) -> None:
        super().__init__(name="hearings-lp", daemon=True)
        self.whole, self.time_limit, self.seed = whole, max(0.05, time_limit), seed
        self.outcome: LpOutcome | None = None
        self.failure: BaseException | None = None

    def run(self) -> None:
        try:
            self.outcome = solve_lp(self.whole, time_limit=self.time_limit, seed=self.seed)
        except BaseException as exc:  # re-raised in the caller's thread
            self.failure = exc


def _lp_shares(
    space: Space, f: Formulation, x: NDArray[np.float64] | None
) -> tuple[NDArray[np.float64], dict[int, set[int]]]:
    """Per hearing the LP's scheduled share, and the days it uses."""
    mass = np.zeros(len(space.inst.hearings))
    days: dict[int, set[int]] = {}
    if x is None:
        return mass, days
    for ch in f.choices:
        value = float(x[ch.y])
        mass[ch.h] += value
        if value > 0.01:
            days.setdefault(ch.h, set()).add(space.day(ch.t))
    return mass, days


def _schedule(space: Space, placed: list[Placement], bound: int, began: float) -> Schedule:
    weight = sum(space.inst.hearings[p.h].weight for p in placed)
    return Schedule(
        scheduled=name_rooms(space, placed),
        scheduled_weight=weight,
        upper_bound=bound,
        seconds=time.monotonic() - began,
        status="optimal" if weight == bound else "feasible",
    )
