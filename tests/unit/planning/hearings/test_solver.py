# SPDX-License-Identifier: EUPL-1.2
"""The solver against the independent checker and an exact reference model."""

from __future__ import annotations

import pytest
from exact_reference import optimum

from verkeerstoren.planning.hearings.checker import check_schedule
from verkeerstoren.planning.hearings.examples import random_instance
from verkeerstoren.planning.hearings.formulation import formulate
from verkeerstoren.planning.hearings.lp import dual_bound, solve_lp
from verkeerstoren.planning.hearings.mip import solve_mip
from verkeerstoren.planning.hearings.solve import solve_hearings
from verkeerstoren.planning.hearings.space import build_space
from verkeerstoren.planning.hearings.usage import Usage

# (locations, hearings per location, days, slots): two slots a day as in the benchmark, and
# three, where a two-slot hearing and one-slot hearings share rooms in more ways.
SHAPES = [(2, 6, 2, 2), (3, 4, 2, 2), (1, 8, 2, 3), (2, 5, 3, 3)]
CASES = [(seed, shape) for seed in range(5) for shape in SHAPES]


@pytest.mark.parametrize(("seed", "shape"), CASES)
def test_reaches_the_exact_optimum_with_a_valid_bound(
    seed: int, shape: tuple[int, int, int, int]
) -> None:
    locations, per_location, days, slots = shape
    inst = random_instance(
        seed, locations=locations, hearings_per_location=per_location, days=days, slots=slots
    )
    best = optimum(inst)
    result = solve_hearings(inst, time_limit=20, seed=seed)
    assert check_schedule(inst, result.scheduled, result.scheduled_weight) == []
    assert result.scheduled_weight == best
    assert result.upper_bound >= best
    # The LP bound alone (the path of large instances) is valid too.
    space = build_space(inst)
    whole = formulate(space, range(len(inst.hearings)), Usage(space))
    assert dual_bound(whole, solve_lp(whole, time_limit=10).prices) >= best - 1e-6


@pytest.mark.parametrize("seed", range(6))
def test_families_reach_the_exact_optimum(seed: int) -> None:
    inst = random_instance(
        seed, locations=2, hearings_per_location=6, days=3, slots=2, family_share=0.4
    )
    assert any(h.family is not None for h in inst.hearings)
    best = optimum(inst)
    for whole_mip_columns in (4000, 0):  # the whole MIP, and the search path
        result = solve_hearings(
            inst, time_limit=60, seed=seed, max_steps=40, whole_mip_columns=whole_mip_columns
        )
        assert check_schedule(inst, result.scheduled, result.scheduled_weight) == []
        assert result.scheduled_weight == best
        assert result.upper_bound >= best


@pytest.mark.parametrize("seed", range(6))
def test_search_path_reaches_the_optimum_and_keeps_the_rules(seed: int) -> None:
    """Without the whole MIP: LP bound, greedy start and neighbourhood search only."""
    inst = random_instance(seed, locations=2, hearings_per_location=6, days=2, slots=2)
    best = optimum(inst)
    result = solve_hearings(inst, time_limit=60, seed=seed, max_steps=40, whole_mip_columns=0)
    assert check_schedule(inst, result.scheduled, result.scheduled_weight) == []
    assert result.scheduled_weight == best
    assert result.upper_bound >= best


@pytest.mark.parametrize("seed", range(3))
def test_larger_instances_keep_every_rule(seed: int) -> None:
    inst = random_instance(seed, locations=4, hearings_per_location=20, days=3, slots=2)
    result = solve_hearings(inst, time_limit=60, seed=seed, max_steps=8, whole_mip_columns=0)
    assert check_schedule(inst, result.scheduled, result.scheduled_weight) == []
    assert 0 < result.scheduled_weight <= result.upper_bound
    assert result.gap_pct == pytest.approx(
        100 * (result.upper_bound - result.scheduled_weight) / result.upper_bound
    )


def test_same_seed_same_schedule() -> None:
    inst = random_instance(7, locations=3, hearings_per_location=12, days=3, slots=2)
    runs = [
        solve_hearings(inst, time_limit=60, seed=3, max_steps=10, whole_mip_columns=0)
        for _ in range(2)
    ]
    assert runs[0].scheduled == runs[1].scheduled
    assert runs[0].upper_bound == runs[1].upper_bound


def test_an_instance_without_hearings() -> None:
    inst = random_instance(0, locations=1, hearings_per_location=1, days=1, slots=1)
    empty = type(inst)(1, 1, inst.locations, inst.rooms, inst.officers, (), (), ())
    result = solve_hearings(empty, time_limit=5)
    assert result.scheduled == () and result.scheduled_weight == 0 and result.gap_pct == 0.0


def test_a_mip_stopped_at_once_still_answers_validly() -> None:
    inst = random_instance(1, locations=3, hearings_per_location=10, days=3, slots=2)
    space = build_space(inst)
    whole = formulate(space, range(len(inst.hearings)), Usage(space))
    out = solve_mip(whole, time_limit=0.01, seed=0)
    best = solve_mip(whole, time_limit=60, seed=0)
    assert best.status == "optimal"
    assert out.bound >= best.objective
    if out.x is not None:
        assert out.objective <= best.objective


def test_the_lp_beside_the_search_keeps_every_rule() -> None:
    """Bounded by time only, the LP runs on its own thread while the search begins."""
    inst = random_instance(5, locations=4, hearings_per_location=20, days=3, slots=2)
    result = solve_hearings(inst, time_limit=3, seed=0, whole_mip_columns=0)
    assert check_schedule(inst, result.scheduled, result.scheduled_weight) == []
    assert 0 < result.scheduled_weight <= result.upper_bound
