# SPDX-License-Identifier: EUPL-1.2
"""LP relaxation of the GAP with HiGHS, turned into a valid Lagrangian lower bound.

The LP duals give agent penalties ``lam >= 0``. For *any* such penalties
``L(lam) = sum_j min_i (c_ij + lam_i w_ij) - sum_i lam_i cap_i`` is a lower bound, so the bound we
report does not rely on the LP having been solved exactly. The reduced costs
``r_ij = c_ij + lam_i w_ij - u_j >= 0`` say how much a solution using (i, j) costs at least above
``L``; they steer the search and allow exact variable fixing once an incumbent is known.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.gap.highs_model import solve_assignment
from verkeerstoren.planning.gap.instance import GapInfeasibleError, GapInstance

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class GapRelaxation:
    """LP solution, agent penalties, reduced costs and the integer lower bound they prove."""

    bound: int
    value: float
    x: FloatArray
    penalty: FloatArray
    reduced_cost: FloatArray  # +inf where a job does not fit on an agent


def allowed_pairs(inst: GapInstance) -> BoolArray:
    """Agent/job pairs where the job alone fits in the agent's capacity."""
    return np.asarray(inst.weight <= inst.capacity[:, None], dtype=np.bool_)


def lagrangian(inst: GapInstance, allowed: BoolArray, penalty: FloatArray) -> GapRelaxation:
    """Lagrangian bound and reduced costs for given agent penalties (x left empty)."""
    lam = np.maximum(penalty, 0.0)
    priced = np.where(allowed, inst.cost + lam[:, None] * inst.weight, np.inf)
    u = priced.min(axis=0)
    value = float(u.sum() - lam @ inst.capacity)
    # Costs are integers, so the optimum is at least the ceiling (tolerance for float sums).
    bound = math.ceil(value - 1e-7 * max(1.0, abs(value)))
    return GapRelaxation(bound, value, np.zeros(inst.cost.shape), lam, priced - u[None, :])


def relax(inst: GapInstance, allowed: BoolArray, time_limit: float) -> GapRelaxation:
    """Solve the LP relaxation; raise :class:`GapInfeasibleError` if even the LP is infeasible."""
    for j in np.nonzero(~allowed.any(axis=0))[0]:
        raise GapInfeasibleError(f"job {int(j)} does not fit on any agent (weight > capacity)")
    out = solve_assignment(
        inst.cost, inst.weight, inst.capacity, allowed, integer=False, time_limit=time_limit
    )
    if out.status == "infeasible":
        raise GapInfeasibleError("infeasible: even the LP relaxation has no solution")
    if out.x is None or out.row_dual_agents is None:
        # LP not finished in time: fall back to the trivial bound (penalties zero).
        return lagrangian(inst, allowed, np.zeros(inst.agents))
    rel = lagrangian(inst, allowed, -out.row_dual_agents)
    return GapRelaxation(rel.bound, rel.value, out.x, rel.penalty, rel.reduced_cost)
