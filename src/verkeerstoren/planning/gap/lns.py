# SPDX-License-Identifier: EUPL-1.2
"""Large-neighbourhood search for the GAP: free a few agents (or jobs) and re-solve exactly.

Two neighbourhoods, alternated:

* **agents** - pick a seed agent and agents "related" to it (they share jobs that are cheap on
  both, measured by LP reduced costs), free all their jobs and solve that small GAP with HiGHS;
* **jobs** - free jobs whose current agent has a positive reduced cost plus random ones, keep
  every agent with its residual capacity, and allow each freed job only its few best agents.

Each sub-problem starts from the incumbent (so it never gets worse) and is solved by CP-SAT
(one worker) under a deterministic work cap (``work / 4000`` deterministic seconds) and a time
slice; ``SUB_SOLVER = "highs"`` switches to HiGHS with ``work`` as node limit. The neighbourhood
size adapts: it grows when sub-problems are solved to optimality (quickly, unless the run is
reproducible, where only work caps count) and shrinks when they hit a limit.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.gap.cpsat_model import solve_assignment_cpsat
from verkeerstoren.planning.gap.highs_model import ModelOutcome, solve_assignment
from verkeerstoren.planning.gap.instance import GapInstance
from verkeerstoren.planning.gap.lp import GapRelaxation

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]

Progress = Callable[[float, int], None]


@dataclass
class LnsState:
    """Mutable search state: incumbent, its loads and cost, adaptive sizes."""

    assignment: IntArray
    load: IntArray
    cost: int
    agent_size: float
    job_size: float
    iterations: int = 0


def new_state(inst: GapInstance, start: IntArray) -> LnsState:
    """Initial LNS state for a feasible assignment, with neighbourhood sizes of ~100 jobs."""
    per_agent = inst.jobs / inst.agents
    return LnsState(
        assignment=start.copy(),
        load=inst.loads(start),
        cost=inst.total_cost(start),
        agent_size=max(2.0, min(float(inst.agents), 50.0 / per_agent)),
        job_size=float(min(inst.jobs, 40)),
    )


def _relatedness(relax: GapRelaxation, allowed: BoolArray) -> FloatArray:
    """How often two agents are among the three cheapest (by reduced cost) for the same job."""
    m = relax.reduced_cost.shape[0]
    top = min(3, m)
    best = np.argsort(relax.reduced_cost, axis=0, kind="stable")[:top, :]
    rel = np.zeros((m, m))
    for p in range(top):
        for q in range(top):
            if p != q:
                np.add.at(rel, (best[p], best[q]), 1.0)
    return rel


def _pick_agents(rng: np.random.Generator, rel: FloatArray, size: int) -> IntArray:
    """A seed agent plus agents drawn with probability growing with their relatedness."""
    m = rel.shape[0]
    chosen = [int(rng.integers(m))]
    score = rel[chosen[0]].copy()
    while len(chosen) < min(size, m):
        p = score + 0.05 * (score.max() + 1.0)
        p[chosen] = 0.0
        k = int(rng.choice(m, p=p / p.sum()))
        chosen.append(k)
        score += rel[k]
    return np.array(sorted(chosen), dtype=np.int64)


def _agents_move(
    inst: GapInstance,
    allowed: BoolArray,
    st: LnsState,
    agents: IntArray,
    time_slice: float,
    work: int,
) -> bool:
    """Re-solve all jobs of ``agents`` among those agents; True when solved to optimality."""
    jobs = np.nonzero(np.isin(st.assignment, agents))[0]
    if jobs.size == 0:
        return True
    pos = np.full(inst.agents, -1, dtype=np.int64)
    pos[agents] = np.arange(agents.size)
    sub = np.ix_(agents, jobs)
    out = _sub_solve(
        inst.cost[sub],
        inst.weight[sub],
        inst.capacity[agents],
        allowed[sub],
        time_slice,
        work,
        pos[st.assignment[jobs]],
    )
    _accept(inst, st, jobs, agents, out.assignment)
    return out.status == "optimal"


def _jobs_move(
    inst: GapInstance,
    allowed: BoolArray,
    relax: GapRelaxation,
    st: LnsState,
    rng: np.random.Generator,
    size: int,
    time_slice: float,
    work: int,
) -> bool:
    """Free ``size`` jobs over all agents (residual capacities); True when solved optimally."""
    n = inst.jobs
    cols = np.arange(n)
    current_rc = relax.reduced_cost[st.assignment, cols]
    # Bias toward jobs that sit on an agent the LP finds expensive for them.
    weight = current_rc + 0.1 * (current_rc.mean() + 1.0)
    jobs = np.sort(rng.choice(n, size=min(size, n), replace=False, p=weight / weight.sum()))
    residual = inst.capacity - st.load
    np.add.at(residual, st.assignment[jobs], inst.weight[st.assignment[jobs], jobs])
    # Each freed job may go to its few best agents (by reduced cost) or stay where it is.
    keep = min(inst.agents, 6)
    rc = relax.reduced_cost[:, jobs]
    order = np.argsort(rc, axis=0, kind="stable")[:keep, :]
    mask = np.zeros((inst.agents, jobs.size), dtype=np.bool_)
    np.put_along_axis(mask, order, True, axis=0)
    mask[st.assignment[jobs], np.arange(jobs.size)] = True
    mask &= allowed[:, jobs]
    agents = np.nonzero(mask.any(axis=1))[0]
    sub = np.ix_(agents, jobs)
    pos = np.full(inst.agents, -1, dtype=np.int64)
    pos[agents] = np.arange(agents.size)
    out = _sub_solve(
        inst.cost[sub],
        inst.weight[sub],
        residual[agents],
        mask[agents, :],
        time_slice,
        work,
        pos[st.assignment[jobs]],
    )
    _accept(inst, st, jobs, agents, out.assignment)
    return out.status == "optimal"


SUB_SOLVER = "cpsat"


def _sub_solve(
    cost: IntArray,
    weight: IntArray,
    capacity: IntArray,
    allowed: BoolArray,
    time_slice: float,
    work: int,
    start: IntArray,
) -> ModelOutcome:
    """One LNS sub-problem, by CP-SAT (deterministic work cap) or HiGHS (node cap)."""
    if SUB_SOLVER == "cpsat":
        return solve_assignment_cpsat(
            cost,
            weight,
            capacity,
            allowed,
            time_limit=time_slice,
            deterministic_limit=work / 4000.0,
            start=start,
        )
    return solve_assignment(
        cost,
        weight,
        capacity,
        allowed,
        integer=True,
        time_limit=time_slice,
        node_limit=work,
        start=start,
    )


def _accept(
    inst: GapInstance,
    st: LnsState,
    jobs: IntArray,
    agents: IntArray,
    sub_assignment: IntArray | None,
) -> None:
    """Take a sub-solution if it is strictly cheaper and feasible."""
    if sub_assignment is None:
        return
    candidate = st.assignment.copy()
    candidate[jobs] = agents[sub_assignment]
    cost = inst.total_cost(candidate)
    if cost < st.cost:
        load = inst.loads(candidate)
        if np.all(load <= inst.capacity):
            st.assignment, st.load, st.cost = candidate, load, cost


def improve(
    inst: GapInstance,
    allowed: BoolArray,
    relax: GapRelaxation,
    st: LnsState,
    rng: np.random.Generator,
    *,
    deadline: float,
    max_iterations: int | None,
    on_progress: Progress | None = None,
    started: float = 0.0,
    total: float = 1.0,
    reproducible: bool = False,
) -> LnsState:
    """Run LNS on ``st`` until the deadline, iteration cap or proven optimum (in place)."""
    m, n = inst.agents, inst.jobs
    rel = _relatedness(relax, allowed)
    work = 2000
    while st.cost > relax.bound:
        now = time.monotonic()
        if now >= deadline or (max_iterations is not None and st.iterations >= max_iterations):
            break
        # A reproducible run (iteration cap) lets work caps, not the clock, end sub-solves.
        slice_ = deadline - now if reproducible else min(deadline - now, max(0.5, 0.02 * total))
        t0 = time.monotonic()
        if st.iterations % 3 != 2 and m > 1:
            agents = _pick_agents(rng, rel, round(st.agent_size))
            solved = _agents_move(inst, allowed, st, agents, slice_, work)
            fast = solved and (reproducible or time.monotonic() - t0 < 0.25 * slice_)
            st.agent_size = min(float(m), st.agent_size + 0.5) if fast else st.agent_size
            if not solved:
                st.agent_size = max(2.0, st.agent_size - 1.0)
        else:
            solved = _jobs_move(inst, allowed, relax, st, rng, round(st.job_size), slice_, work)
            fast = solved and (reproducible or time.monotonic() - t0 < 0.25 * slice_)
            st.job_size = min(float(n), st.job_size * 1.1) if fast else st.job_size
            if not solved:
                st.job_size = max(10.0, st.job_size * 0.8)
        st.iterations += 1
        if on_progress is not None:
            on_progress(min(1.0, (time.monotonic() - started) / total), st.cost)
    return st
