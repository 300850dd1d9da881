# SPDX-License-Identifier: EUPL-1.2
"""Planning solver: feasible (checked independently), optimal on small instances, valid bound."""

from __future__ import annotations

import pytest
from plan_oracle import optimum

from verkeerstoren.planning.baselines import baseline_plans
from verkeerstoren.planning.examples import random_instance_dict
from verkeerstoren.planning.model.checker import check_plan
from verkeerstoren.planning.model.instance import instance_from_dict
from verkeerstoren.planning.solve import solve_plan


@pytest.mark.parametrize("seed", range(12))
def test_checker_accepts_solver_and_baseline_plans(seed: int) -> None:
    inst = instance_from_dict(
        random_instance_dict(seed, staff=6, cases=20, weeks=5, firms=2, families=3, pins=2)
    )
    res = solve_plan(inst, time_limit=10.0)
    assert check_plan(inst, res.plan.assignments, res.cost) == []
    for plan in baseline_plans(inst).values():
        assert check_plan(inst, plan.assignments, plan.cost) == []
    assert res.cost <= min(res.baselines.values()) + 1e-9
    assert res.lower_bound <= res.cost + 1e-9
    for pin in inst.pins:
        a = next(a for a in res.plan.assignments if a.case == pin.case)
        assert (a.officer, a.week) == (pin.officer, pin.week)


@pytest.mark.parametrize("seed", range(100, 106))
def test_reaches_the_exact_optimum_and_bound_never_exceeds_it(seed: int) -> None:
    inst = instance_from_dict(
        random_instance_dict(seed, staff=3, cases=7, weeks=3, firms=1, families=1, pins=1)
    )
    best = optimum(inst)
    res = solve_plan(inst, time_limit=10.0)
    assert res.cost == pytest.approx(best)
    assert res.lower_bound <= best + 1e-6
    assert res.status == "optimal"


def test_same_seed_gives_the_same_plan() -> None:
    inst = instance_from_dict(random_instance_dict(5, staff=5, cases=15, weeks=4))
    a = solve_plan(inst, time_limit=10.0, seed=3)
    b = solve_plan(inst, time_limit=10.0, seed=3)
    assert a.plan == b.plan


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_lns_path_keeps_plans_feasible_and_no_worse_than_baselines(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    import verkeerstoren.planning.solve as assign

    monkeypatch.setattr(assign, "MAX_MIP_OPTIONS", 0)  # force the large-instance path
    inst = instance_from_dict(
        random_instance_dict(seed, staff=8, cases=40, weeks=4, firms=2, families=4, pins=3)
    )
    res = solve_plan(inst, time_limit=2.0)
    assert check_plan(inst, res.plan.assignments, res.cost) == []
    assert res.cost <= min(res.baselines.values()) + 1e-9
    assert res.lower_bound <= res.cost
    for pin in inst.pins:
        a = next(a for a in res.plan.assignments if a.case == pin.case)
        assert (a.officer, a.week) == (pin.officer, pin.week)
