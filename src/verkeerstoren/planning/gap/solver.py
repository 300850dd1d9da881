# SPDX-License-Identifier: EUPL-1.2
"""GAP solver: LP bound, round + repair, shift/swap descent, LNS with exact sub-MIPs.

Determinism: all random choices come from ``numpy.random.default_rng(seed)`` and HiGHS runs on
one thread with a fixed seed, so the search path is fixed for a seed. What the wall clock can
change is *where the path is cut off*: with ``max_iterations`` (and a time limit generous enough
that no sub-MIP hits its time slice) the result is identical on every run; with only a time limit
it is identical as long as the machine is equally fast (same machine, idle). With
``max_iterations`` the MIP phases also get node caps, so every phase is bounded by work.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.gap.cpsat_model import solve_assignment_cpsat
from verkeerstoren.planning.gap.highs_model import ModelOutcome, solve_assignment
from verkeerstoren.planning.gap.instance import GapInfeasibleError, GapInstance, GapResult
from verkeerstoren.planning.gap.lns import improve, new_state
from verkeerstoren.planning.gap.localsearch import descend
from verkeerstoren.planning.gap.lp import GapRelaxation, allowed_pairs, relax
from verkeerstoren.planning.gap.repair import repair, round_lp

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

# Below this many candidate (agent, job) pairs the exact MIP is tried (first, or once reduced-cost
# fixing has shrunk the model that far).
EXACT_PAIRS = 1500
# LNS runs in chunks of this many iterations, checking for an exact finish in between
# (counted in iterations, not seconds, so the search path does not depend on machine speed).
CHUNK_ITERATIONS = 25
# Work caps (CP-SAT deterministic time units) used when the caller asks for a reproducible run:
# HiGHS node limits do not bound its root heuristics, so the clock could still cut them.
EXACT_WORK = 0.5
CORE_WORK = 0.5
# Core MIP: this many cheapest-reduced-cost pairs per job, this share of the remaining time.
CORE_PAIRS_PER_JOB = 2.0
CORE_SHARE = 0.4


def solve_gap(
    inst: GapInstance,
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    max_iterations: int | None = None,
    on_progress: Callable[[float, int], None] | None = None,
) -> GapResult:
    """Solve a GAP instance within ``time_limit`` seconds; raise GapInfeasibleError if none."""
    started = time.monotonic()
    deadline = started + time_limit
    # With an iteration cap every phase is bounded by work, not only by the clock.
    reproducible = max_iterations is not None
    exact_work = EXACT_WORK if reproducible else None
    core_work = CORE_WORK if reproducible else None
    allowed = allowed_pairs(inst)
    rel = relax(inst, allowed, time_limit=max(1.0, 0.3 * time_limit))
    bound = rel.bound
    best: IntArray | None = None
    if int(allowed.sum()) <= EXACT_PAIRS:
        out = _mip(inst, allowed, None, 0.5 * (deadline - time.monotonic()), exact_work)
        if out.status == "infeasible":
            raise GapInfeasibleError("infeasible: no assignment respects every capacity")
        if out.assignment is not None:
            best = out.assignment
            bound = max(bound, _ceil(out.dual_bound))
    if best is None:
        best = repair(inst, round_lp(inst, rel.x, rel.reduced_cost), allowed)
    if best is None:
        best = _feasibility_fallback(inst, allowed, deadline)
    best = descend(inst, best, allowed, deadline)
    st = new_state(inst, best)
    if st.cost > bound:
        # Core problem: the pairs the LP likes best. For weakly degenerate instances (type E)
        # the optimum lives almost entirely in it and HiGHS solves it far faster than the whole.
        core = _core_pairs(rel, st.assignment, round(CORE_PAIRS_PER_JOB * inst.jobs))
        remaining = deadline - time.monotonic()
        out = _mip(inst, core, st.assignment, CORE_SHARE * remaining, core_work)
        if out.assignment is not None and inst.total_cost(out.assignment) < st.cost:
            st = new_state(inst, descend(inst, out.assignment, allowed, deadline))
    rng = np.random.default_rng(seed)
    exact_tried_at: int | None = None
    while st.cost > bound and time.monotonic() < deadline:
        if max_iterations is not None and st.iterations >= max_iterations:
            break
        pairs = _fixed_pairs(rel, st.assignment, st.cost)
        if int(pairs.sum()) <= EXACT_PAIRS and exact_tried_at != st.cost:
            exact_tried_at = st.cost
            remaining = deadline - time.monotonic()
            out = _mip(inst, pairs, st.assignment, 0.5 * remaining, exact_work)
            if out.assignment is not None and inst.total_cost(out.assignment) < st.cost:
                st = new_state(inst, out.assignment)
            if out.status == "optimal":
                bound = max(bound, min(st.cost, _ceil(out.objective)))
                break
            bound = max(bound, min(st.cost, _ceil(out.dual_bound)))
            continue
        cap = st.iterations + CHUNK_ITERATIONS
        improve(
            inst,
            allowed,
            rel,
            st,
            rng,
            deadline=deadline,
            max_iterations=cap if max_iterations is None else min(cap, max_iterations),
            on_progress=on_progress,
            started=started,
            total=time_limit,
            reproducible=reproducible,
        )
    best = st.assignment
    cost = inst.total_cost(best)
    if not inst.is_feasible(best):  # defensive: never report an infeasible plan
        raise AssertionError("internal error: solver produced an infeasible assignment")
    return GapResult(
        cost=cost,
        lower_bound=min(bound, cost),
        seconds=time.monotonic() - started,
        assignment=tuple(int(v) for v in best),
        iterations=st.iterations,
        proven_optimal=cost <= bound,
    )


def _ceil(value: float) -> int:
    """Integer bound from a float bound (costs are integers), with a small tolerance."""
    if not np.isfinite(value):
        return -(2**62)
    return int(np.ceil(value - 1e-6 * max(1.0, abs(value))))


def _mip(
    inst: GapInstance,
    allowed: BoolArray,
    start: IntArray | None,
    seconds: float,
    work: float | None = None,
) -> ModelOutcome:
    """Exact MIP over the allowed pairs (HiGHS; CP-SAT when a work cap is given)."""
    if work is not None:
        return solve_assignment_cpsat(
            inst.cost,
            inst.weight,
            inst.capacity,
            allowed,
            time_limit=max(0.1, seconds),
            deterministic_limit=work,
            start=start,
        )
    return solve_assignment(
        inst.cost,
        inst.weight,
        inst.capacity,
        allowed,
        integer=True,
        time_limit=max(0.1, seconds),
        start=start,
    )


def _core_pairs(rel: GapRelaxation, assignment: IntArray, count: int) -> BoolArray:
    """The ``count`` pairs with the smallest reduced costs, plus the incumbent's pairs."""
    flat = rel.reduced_cost.ravel()
    count = min(count, flat.size)
    pairs = np.zeros(flat.size, dtype=np.bool_)
    pairs[np.argsort(flat, kind="stable")[:count]] = True
    pairs &= np.isfinite(flat)
    core = pairs.reshape(rel.reduced_cost.shape)
    core[assignment, np.arange(assignment.size)] = True
    return core


def _fixed_pairs(rel: GapRelaxation, assignment: IntArray, upper: int) -> BoolArray:
    """Pairs that can be in a solution cheaper than ``upper`` (reduced-cost fixing) + incumbent.

    A solution using pair (i, j) costs at least ``rel.value + r_ij``, so a pair with
    ``r_ij > upper - 1 - rel.value`` cannot appear in any strictly better solution.
    """
    slack = upper - 1 - rel.value + 1e-6 * max(1.0, abs(rel.value))
    pairs = np.asarray(rel.reduced_cost <= slack, dtype=np.bool_)
    pairs[assignment, np.arange(assignment.size)] = True
    return pairs


def _feasibility_fallback(inst: GapInstance, allowed: BoolArray, deadline: float) -> IntArray:
    """Last resort when repair is stuck: ask the MIP for any feasible assignment."""
    zero = GapInstance(np.zeros_like(inst.cost), inst.weight, inst.capacity)
    remaining = max(1.0, deadline - time.monotonic())
    out = _mip(zero, allowed, None, remaining)
    if out.status == "infeasible":
        raise GapInfeasibleError("infeasible: no assignment respects every capacity")
    if out.assignment is None:
        raise GapInfeasibleError(
            f"no feasible assignment found within {remaining:.0f} s (feasibility not decided)"
        )
    return out.assignment
