# SPDX-License-Identifier: EUPL-1.2
"""GAP solver against proven optima of OR-Library instances (tests/data/gap), and on infeasible input."""

from __future__ import annotations

import numpy as np
import pytest
from gap_data import gap_dir, reference

from verkeerstoren.planning.gap.instance import GapInfeasibleError, GapInstance, parse_gap, read_gap
from verkeerstoren.planning.gap.solver import solve_gap


def check_feasible(inst: GapInstance, assignment: tuple[int, ...]) -> int:
    """Independent check (plain loops): every job on a real agent, capacities kept; cost."""
    assert len(assignment) == inst.jobs
    used = [0] * inst.agents
    cost = 0
    for j, i in enumerate(assignment):
        assert 0 <= i < inst.agents
        used[i] += int(inst.weight[i, j])
        cost += int(inst.cost[i, j])
    for i in range(inst.agents):
        assert used[i] <= inst.capacity[i], f"agent {i} over capacity"
    return cost


@pytest.mark.parametrize("name", ["gap1-0", "gap4-2", "gap8-3", "gap11-1", "gap12-4"])
def test_reaches_the_proven_optimum_on_cattrysse(name: str) -> None:
    path = f"cattrysse1994/{name}"
    _, optimum = reference(path)
    assert optimum is not None
    inst = read_gap(gap_dir() / path)
    res = solve_gap(inst, time_limit=10.0)
    assert check_feasible(inst, res.assignment) == res.cost
    assert res.cost == optimum
    assert res.lower_bound <= optimum


def test_lower_bound_below_best_known_and_plan_feasible_on_a_hard_instance() -> None:
    path = "chu1997/d05100"
    best, optimum = reference(path)
    inst = read_gap(gap_dir() / path)
    res = solve_gap(inst, time_limit=2.0)
    assert check_feasible(inst, res.assignment) == res.cost
    assert res.lower_bound <= (optimum or best) <= res.cost
    assert res.cost <= 1.05 * best  # far from a tuned threshold: catches a broken search


def test_integer_infeasible_instance_is_reported() -> None:
    # Three jobs of weight 2 on two agents of capacity 3: the LP fits (fractions), no integer plan.
    inst = parse_gap("2 3\n1 1 1\n1 1 1\n2 2 2\n2 2 2\n3 3\n")
    with pytest.raises(GapInfeasibleError):
        solve_gap(inst, time_limit=2.0)


def test_job_that_fits_nowhere_is_reported() -> None:
    inst = parse_gap("2 2\n1 1\n1 1\n1 9\n1 9\n5 5\n")
    with pytest.raises(GapInfeasibleError, match="job 1"):
        solve_gap(inst, time_limit=2.0)


def test_same_seed_and_iteration_cap_give_the_same_assignment() -> None:
    rng = np.random.default_rng(7)
    m, n = 4, 30
    weight = rng.integers(5, 25, size=(m, n))
    cost = 120 - weight + rng.integers(0, 20, size=(m, n))
    capacity = (0.8 * weight.sum(axis=1) / m).astype(np.int64)
    inst = GapInstance(cost.astype(np.int64), weight.astype(np.int64), capacity)
    runs = [solve_gap(inst, time_limit=60.0, seed=1, max_iterations=3) for _ in range(2)]
    assert runs[0].assignment == runs[1].assignment
    assert check_feasible(inst, runs[0].assignment) == runs[0].cost
