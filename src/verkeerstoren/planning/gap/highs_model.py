# SPDX-License-Identifier: EUPL-1.2
"""Build and solve assignment models (GAP-shaped LP/MIP) with HiGHS, one thread, quietly.

One helper serves the LP relaxation, repair fallback and every LNS sub-problem so that model
construction (the slow part in Python) is done once, vectorised, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import NDArray

BoolArray = NDArray[np.bool_]
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class ModelOutcome:
    """Result of one HiGHS solve of an assignment model."""

    status: str  # "optimal", "feasible", "infeasible" or "unknown"
    objective: float
    dual_bound: float
    assignment: IntArray | None  # agent per job (MIP) or None
    x: FloatArray | None  # (m, n) values (LP), zero where not allowed
    row_dual_jobs: FloatArray | None
    row_dual_agents: FloatArray | None


def _new_highs(time_limit: float) -> highspy._core._Highs:
    # The raw core class: the Python wrapper prints a banner on stdout, which would corrupt
    # JSON output, and sets up callbacks we do not use.
    h = highspy._core._Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    h.setOptionValue("time_limit", max(0.01, float(time_limit)))
    return h


def solve_assignment(
    cost: IntArray,
    weight: IntArray,
    capacity: IntArray,
    allowed: BoolArray,
    *,
    integer: bool,
    time_limit: float,
    node_limit: int | None = None,
    start: IntArray | None = None,
    objective_cutoff: float | None = None,
) -> ModelOutcome:
    """Solve min sum c x s.t. each job once, agent loads <= capacity, x only where allowed."""
    m, n = cost.shape
    ii, jj = np.nonzero(allowed)
    k = ii.size
    if k == 0 or np.any(~allowed.any(axis=0)):
        return ModelOutcome("infeasible", np.inf, np.inf, None, None, None, None)
    lp = highspy.HighsLp()
    lp.num_col_ = k
    lp.num_row_ = n + m
    lp.col_cost_ = cost[ii, jj].astype(np.float64)
    lp.col_lower_ = np.zeros(k)
    lp.col_upper_ = np.ones(k)
    lp.row_lower_ = np.concatenate([np.ones(n), np.full(m, -highspy.kHighsInf)])
    lp.row_upper_ = np.concatenate([np.ones(n), capacity.astype(np.float64)])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.arange(0, 2 * k + 1, 2, dtype=np.int32)
    idx = np.empty(2 * k, dtype=np.int32)
    idx[0::2] = jj
    idx[1::2] = n + ii
    val = np.empty(2 * k)
    val[0::2] = 1.0
    val[1::2] = weight[ii, jj]
    lp.a_matrix_.index_ = idx
    lp.a_matrix_.value_ = val
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * k
    h = _new_highs(time_limit)
    if integer:
        h.setOptionValue("mip_rel_gap", 0.0)
        # Costs are integers: a gap below one unit proves optimality.
        h.setOptionValue("mip_abs_gap", 0.999)
        if node_limit is not None:
            h.setOptionValue("mip_max_nodes", int(node_limit))
        if objective_cutoff is not None:
            h.setOptionValue("objective_bound", float(objective_cutoff))
    if not integer and k > 20_000:
        # Interior point + crossover is several times faster than simplex on large GAP LPs
        # (e801600: ~5 s vs ~15 s here) and still yields a basic solution with duals.
        h.setOptionValue("solver", "ipm")
    h.passModel(lp)
    if integer and start is not None:
        pos = np.full((m, n), -1, dtype=np.int64)
        pos[ii, jj] = np.arange(k)
        cols = pos[start, np.arange(n)]
        if np.all(cols >= 0):
            values = np.zeros(k)
            values[cols] = 1.0
            sol = highspy.HighsSolution()
            sol.col_value = values.tolist()
            h.setSolution(sol)
    h.run()
    ms = h.getModelStatus()
    info = h.getInfo()
    if ms == highspy.HighsModelStatus.kInfeasible:
        return ModelOutcome("infeasible", np.inf, np.inf, None, None, None, None)
    sol = h.getSolution()
    if not sol.value_valid:
        return ModelOutcome("unknown", np.inf, -np.inf, None, None, None, None)
    values = np.asarray(sol.col_value)
    status = "optimal" if ms == highspy.HighsModelStatus.kOptimal else "feasible"
    if integer:
        assignment = np.full(n, -1, dtype=np.int64)
        on = values > 0.5
        assignment[jj[on]] = ii[on]
        if np.any(assignment < 0):
            return ModelOutcome("unknown", np.inf, -np.inf, None, None, None, None)
        bound = (
            float(info.mip_dual_bound)
            if status != "optimal"
            else float(info.objective_function_value)
        )
        return ModelOutcome(
            status, float(info.objective_function_value), bound, assignment, None, None, None
        )
    x = np.zeros((m, n))
    x[ii, jj] = values
    duals = np.asarray(sol.row_dual) if sol.dual_valid else np.zeros(n + m)
    return ModelOutcome(
        status,
        float(info.objective_function_value),
        float(info.objective_function_value),
        None,
        x,
        duals[:n].copy(),
        duals[n:].copy(),
    )
