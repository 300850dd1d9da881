# SPDX-License-Identifier: EUPL-1.2
"""The compact LP of the large path: shares of each unit add up to one over weeks it can take,
prices are nonnegative, and when everything fits its value is the zero-price bound."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from large_helpers import TOL, exact_cost, lagrangian_value, random_instance

from verkeerstoren.planning.large.arrays import Structure, build_structure
from verkeerstoren.planning.large.lp import solve_compact
from verkeerstoren.planning.large.pricing import Prices, price_units
from verkeerstoren.planning.model.instance import PlanningInstance


def _with_hours(inst: PlanningInstance, hours: tuple[float, ...]) -> PlanningInstance:
    """Every officer with these hours per week; firms with room for several packages."""
    weeks = inst.horizon_weeks
    return replace(
        inst,
        staff=tuple(replace(st, hours=hours) for st in inst.staff),
        firms=tuple(
            replace(f, prepare_hours=(40.0,) * weeks, draft_hours=(40.0,) * weeks)
            for f in inst.firms
        ),
    )


def _assert_shares(s: Structure, free_value: np.ndarray, share: np.ndarray) -> None:
    np.testing.assert_allclose(share.sum(axis=1), 1.0, atol=1e-2)
    assert (share >= -1e-2).all()
    assert (share[~np.isfinite(free_value)] == 0).all()  # never a week the unit cannot take


@pytest.mark.parametrize("seed", range(8))
def test_compact_lp_when_everything_fits(seed: int) -> None:
    inst = _with_hours(
        random_instance(seed, staff=4, cases=14, weeks=4, firms=1, families=3), (40.0,) * 4
    )
    s = build_structure(inst)
    free = price_units(s, Prices.zero(s))
    cheapest = lagrangian_value(s, Prices.zero(s))
    # Everything fits: every unit in its cheapest week is a plan (so the optimum is the bound).
    assert exact_cost(inst) == pytest.approx(cheapest, abs=TOL)
    lp = solve_compact(s, free, time_limit=5.0, seed=seed)
    assert lp.solved
    _assert_shares(s, free.value, lp.share)
    for p in (lp.prices.officer, lp.prices.firm_prepare, lp.prices.firm_draft):
        assert (p >= 0).all() and np.isfinite(p).all()
    # The LP's optimum is then the zero-price bound too (PDLP: approximately).
    assert lp.value == pytest.approx(cheapest, rel=1e-2)
    assert lagrangian_value(s, lp.prices) <= cheapest + TOL


@pytest.mark.parametrize(
    "hours", [(200.0,) * 4, (10.0, 10.0, 10.0, 400.0)], ids=["ample", "tight-then-ample"]
)
def test_compact_lp_shares_with_large_capacities(hours: tuple[float, ...]) -> None:
    inst = _with_hours(random_instance(0, staff=4, cases=14, weeks=4, firms=1, families=3), hours)
    s = build_structure(inst)
    free = price_units(s, Prices.zero(s))
    lp = solve_compact(s, free, time_limit=5.0, seed=0)
    assert lp.solved
    _assert_shares(s, free.value, lp.share)
