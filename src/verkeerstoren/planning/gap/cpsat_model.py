# SPDX-License-Identifier: EUPL-1.2
"""Solve small assignment sub-problems (GAP-shaped MIPs) with OR-Tools CP-SAT.

Used for LNS sub-problems: on tight, cost/weight-correlated instances (type D) CP-SAT closes
small sub-problems several times faster than HiGHS. Work is bounded by CP-SAT's *deterministic*
time, so a sub-solve returns the same answer on every run regardless of machine load; the wall
clock limit is only a safety net.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from ortools.sat.python import cp_model

from verkeerstoren.planning.gap.highs_model import ModelOutcome

BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]


def solve_assignment_cpsat(
    cost: IntArray,
    weight: IntArray,
    capacity: IntArray,
    allowed: BoolArray,
    *,
    time_limit: float,
    deterministic_limit: float,
    start: IntArray | None = None,
) -> ModelOutcome:
    """Exact GAP over allowed pairs with CP-SAT (one worker), hinted with ``start``."""
    m, n = cost.shape
    if np.any(~allowed.any(axis=0)):
        return ModelOutcome("infeasible", np.inf, np.inf, None, None, None, None)
    model = cp_model.CpModel()
    ii, jj = np.nonzero(allowed)
    xs = [model.new_bool_var(f"x{t}") for t in range(ii.size)]
    by_job: list[list[cp_model.IntVar]] = [[] for _ in range(n)]
    by_agent: list[list[tuple[cp_model.IntVar, int]]] = [[] for _ in range(m)]
    for t, (i, j) in enumerate(zip(ii.tolist(), jj.tolist(), strict=True)):
        by_job[j].append(xs[t])
        by_agent[i].append((xs[t], int(weight[i, j])))
        if start is not None:
            model.add_hint(xs[t], int(start[j]) == i)
    for j in range(n):
        model.add_exactly_one(by_job[j])
    for i in range(m):
        if by_agent[i]:
            model.add(sum(w * x for x, w in by_agent[i]) <= int(capacity[i]))
    costs = cost[ii, jj].tolist()
    model.minimize(sum(c * x for c, x in zip(costs, xs, strict=True)))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = max(0.01, float(time_limit))
    solver.parameters.max_deterministic_time = max(0.01, float(deterministic_limit))
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        return ModelOutcome("infeasible", np.inf, np.inf, None, None, None, None)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return ModelOutcome("unknown", np.inf, -np.inf, None, None, None, None)
    on = np.array([solver.boolean_value(x) for x in xs], dtype=np.bool_)
    assignment = np.full(n, -1, dtype=np.int64)
    assignment[jj[on]] = ii[on]
    label = "optimal" if status == cp_model.OPTIMAL else "feasible"
    return ModelOutcome(
        label,
        float(solver.objective_value),
        float(solver.best_objective_bound),
        assignment,
        None,
        None,
        None,
    )
