# SPDX-License-Identifier: EUPL-1.2
"""Solve a formulation exactly with the HiGHS MIP solver (one thread, fixed seed).

Weights are whole numbers, so a gap below one unit proves optimality. A start (a feasible 0-1
point, such as the current placements of the hearings) is passed on, so a step never returns
less than it was given. The dual bound HiGHS reports is a valid upper bound of the formulation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.hearings.formulation import Formulation
from verkeerstoren.planning.hearings.lp import highs, highs_model


@dataclass(frozen=True)
class MipOutcome:
    """The best 0-1 point (None: none found), its weight and the proven upper bound."""

    status: str  # "optimal", "feasible" or "unknown"
    x: NDArray[np.float64] | None
    objective: int
    bound: int


def solve_mip(
    f: Formulation,
    *,
    time_limit: float,
    seed: int,
    start: NDArray[np.float64] | None = None,
) -> MipOutcome:
    """Maximise the formulation's weight over 0-1 points."""
    total = math.floor(float(f.c.sum()) + 1e-6)
    if f.columns == 0:
        return MipOutcome("optimal", np.zeros(0), 0, 0)
    lp = highs_model(f)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * f.columns
    h = highs(time_limit, seed)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.999)
    h.passModel(lp)
    if start is not None:
        sol = highspy.HighsSolution()
        sol.col_value = start.tolist()
        h.setSolution(sol)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    sol = h.getSolution()
    if status == highspy.HighsModelStatus.kInfeasible or not sol.value_valid:
        return MipOutcome("unknown", None, 0, total)
    x = np.round(np.asarray(sol.col_value))
    objective = round(float(f.c @ x))
    optimal = status == highspy.HighsModelStatus.kOptimal
    # HiGHS minimises -c x: its dual bound, negated, bounds the weight from above (infinite
    # when stopped before its first LP).
    dual = -float(info.mip_dual_bound)
    bound = objective if optimal else math.floor(dual + 1e-6) if math.isfinite(dual) else total
    return MipOutcome("optimal" if optimal else "feasible", x, objective, max(bound, objective))
