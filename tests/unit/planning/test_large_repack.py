# SPDX-License-Identifier: EUPL-1.2
"""Repacking a placement week by week: never worse, improving steps improve, float rounding."""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pytest
from large_helpers import (
    TOL,
    assert_valid_placement,
    pinned_from_baseline,
    random_instance,
    random_prices,
    random_targets,
    short_of_hours,
)

import verkeerstoren.planning.solve as assign
from verkeerstoren.planning.large.arrays import build_structure
from verkeerstoren.planning.large.construct import construct
from verkeerstoren.planning.large.pricing import Prices
from verkeerstoren.planning.large.repack import repack
from verkeerstoren.planning.model.checker import check_plan
from verkeerstoren.planning.model.instance import PlanningInstance, instance_from_dict
from verkeerstoren.planning.solve import solve_plan


def _repack_instance(seed: int) -> PlanningInstance:
    inst = random_instance(seed, staff=4, cases=18, weeks=3, firms=1 + seed % 2, families=3)
    if seed % 2:
        inst = short_of_hours(inst, seed)
    # Firm fees from free to dearer than a week's delay (100): a move must pay for its fees.
    rate = (0.0, 5.0, 60.0)[seed % 3]
    inst = replace(inst, firms=tuple(replace(f, cost_per_hour=rate) for f in inst.firms))
    return pinned_from_baseline(inst, seed, count=2)


def _repack_runs(seed: int) -> list[tuple[float, float, int]]:
    """Construct (zero and random prices, random targets) then repack: (before, after, steps)."""
    inst = _repack_instance(seed)
    s = build_structure(inst)
    rng = np.random.default_rng(seed)
    runs = []
    for prices in (Prices.zero(s), random_prices(s, rng, None)):
        placer = construct(s, prices, random_targets(s, rng))
        before = assert_valid_placement(inst, s, placer).cost
        improved = repack(placer, deadline=time.monotonic() + 5.0, seed=seed, max_steps=25)
        after = assert_valid_placement(inst, s, placer).cost
        runs.append((before, after, improved))
    return runs


@pytest.mark.parametrize("seed", range(16))
def test_repack_never_makes_a_placement_worse(seed: int) -> None:
    for before, after, improved in _repack_runs(seed):
        assert after <= before + TOL
        if improved:  # an improving step saves at least what its MIP counted
            assert after < before - TOL


def test_repack_steps_that_count_as_improving_do_improve() -> None:
    for before, after, improved in _repack_runs(26):
        assert not improved or after < before - TOL


def test_repack_survives_a_week_filled_to_float_rounding(monkeypatch: pytest.MonkeyPatch) -> None:
    inst = instance_from_dict(
        {
            "horizon_weeks": 2,
            "staff": [{"id": "S0", "hours": [0.3, 40]}],
            "cases": [{"id": "A", "effort": {"video": {"prepare": 0.1, "hear": 0.2}},
                       "cost_by_week": [0, 100], "cost_beyond": 500}],
        }
    )  # fmt: skip
    monkeypatch.setattr(assign, "MAX_MIP_OPTIONS", 0)
    result = solve_plan(inst, time_limit=1.0)
    assert check_plan(inst, result.plan.assignments, result.cost) == []
    assert result.cost == 0.0  # 0.1 + 0.2 h fit the 0.3 h of week 0
