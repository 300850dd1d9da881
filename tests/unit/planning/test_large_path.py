# SPDX-License-Identifier: EUPL-1.2
"""``solve_plan`` on both paths against the exact optimum: the exact path's "optimal" is optimal,
the large path's plans pass the checker with a valid bound, and the routing estimate."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from large_helpers import (
    TOL,
    exact_cost,
    pinned_from_baseline,
    pins_kept,
    random_instance,
    short_of_hours,
)

import verkeerstoren.planning.solve as assign
from verkeerstoren.planning.examples import random_instance_dict
from verkeerstoren.planning.large.arrays import build_structure
from verkeerstoren.planning.model.checker import check_plan
from verkeerstoren.planning.model.instance import instance_from_dict
from verkeerstoren.planning.solve import solve_plan


@pytest.mark.parametrize("seed", [243, 292])
def test_exact_path_optimal_is_optimal(seed: int) -> None:
    rng = np.random.default_rng(seed)
    inst = random_instance(seed, staff=5, cases=25, weeks=4, firms=1 + seed % 2, families=4)
    if seed % 2:
        inst = short_of_hours(inst, seed)
    fees = [float(rng.choice([0.0, 5.0, 60.0])) for _ in inst.firms]
    inst = replace(
        inst,
        firms=tuple(replace(f, cost_per_hour=r) for f, r in zip(inst.firms, fees, strict=True)),
    )
    inst = pinned_from_baseline(inst, seed, count=3)
    best = exact_cost(inst)
    res = solve_plan(inst, time_limit=30.0)
    assert res.status == "optimal"
    assert res.cost == pytest.approx(best, abs=TOL)
    assert res.lower_bound == pytest.approx(best, abs=TOL)


@pytest.mark.parametrize("seed", range(10))
def test_large_path_plan_and_bound(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    inst = random_instance(seed, staff=4, cases=14, weeks=3, firms=1 + seed % 2, families=2)
    if seed % 2:
        inst = short_of_hours(inst, seed)
    inst = pinned_from_baseline(inst, seed, count=1 + seed % 2)
    best = exact_cost(inst)  # the exact path, before forcing the large one
    monkeypatch.setattr(assign, "MAX_MIP_OPTIONS", 0)
    res = solve_plan(inst, time_limit=1.0, seed=seed)
    assert res.status == "feasible"
    assert check_plan(inst, res.plan.assignments, res.cost) == []
    assert res.lower_bound <= res.cost + TOL
    assert res.lower_bound <= best + TOL
    assert best <= res.cost + TOL
    assert res.cost <= min(res.baselines.values()) + TOL
    by_case = {a.case: a for a in res.plan.assignments}
    for pin in inst.pins:
        assert (by_case[pin.case].officer, by_case[pin.case].week) == (pin.officer, pin.week)


# Seeds on which construct and repack alone stop above the optimum (LNS_MIN_SECONDS set out of
# reach), so that here LNS closes the gap.
@pytest.mark.parametrize("seed", [2, 3, 6, 8, 9])
def test_large_path_lns_after_repack_reaches_the_optimum(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Repacking stops when no week has room it can use; the time left goes to LNS over whole
    # officers and all weeks. Here a step frees all 4 officers, so it solves the whole instance.
    inst = random_instance(seed, staff=4, cases=14, weeks=3, firms=1 + seed % 2, families=2)
    if seed % 2:
        inst = short_of_hours(inst, seed)
    inst = pinned_from_baseline(inst, seed, count=1 + seed % 2)
    best = exact_cost(inst)
    monkeypatch.setattr(assign, "MAX_MIP_OPTIONS", 0)
    # A generous limit: LNS stops at the first step that solved the whole instance, so a quiet
    # machine takes a few seconds and a loaded one still reaches the optimum.
    res = solve_plan(inst, time_limit=60.0, seed=seed)
    assert check_plan(inst, res.plan.assignments, res.cost) == []
    assert pins_kept(inst, res.plan)
    assert res.cost == pytest.approx(best, abs=TOL)


def test_pins_that_share_one_firm_are_met_on_the_large_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A fits S0 on its own; B fits S1 only with its draft at the firm. Placing A first with
    # the fewest officer hours would take the firm's drafting hours B needs.
    inst = instance_from_dict(
        {
            "horizon_weeks": 1,
            "staff": [{"id": "S0", "hours": [10]}, {"id": "S1", "hours": [3]}],
            "cases": [
                {"id": "A", "effort": {"video": {"hear": 0, "draft": 4.5, "decide": 2}},
                 "cost_by_week": [0], "cost_beyond": 100},
                {"id": "B", "effort": {"video": {"hear": 0.5, "draft": 4.5, "decide": 0.5}},
                 "cost_by_week": [0], "cost_beyond": 100},
            ],
            "firms": [{"id": "F", "draft_hours": [5]}],
            "pins": [
                {"case": "A", "officer": "S0", "week": 0},
                {"case": "B", "officer": "S1", "week": 0},
            ],
        }
    )  # fmt: skip
    monkeypatch.setattr(assign, "MAX_MIP_OPTIONS", 0)
    result = solve_plan(inst, time_limit=2.0)
    assert check_plan(inst, result.plan.assignments, result.cost) == []
    assert pins_kept(inst, result.plan) and result.cost == 0.0


@pytest.mark.parametrize("seed", range(4))
def test_option_count_estimates_the_exact_model_from_above(seed: int) -> None:
    # Routing to the large path depends on it: an estimate far off sends instances the exact
    # MIP could prove optimal to the heuristic (or the reverse).
    for staff, cases, weeks, firms in [(30, 60, 6, 1), (10, 40, 4, 2), (5, 25, 5, 0)]:
        inst = instance_from_dict(
            random_instance_dict(
                seed, staff=staff, cases=cases, weeks=weeks, firms=firms, families=3, pins=0
            )
        )
        exact = len(assign._officer_options(inst))
        estimate = assign._option_count(build_structure(inst))
        assert exact <= estimate <= 1.5 * exact
