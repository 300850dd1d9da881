# SPDX-License-Identifier: EUPL-1.2
"""Knapsack bound: never above the exact optimum; it sees that cases do not split, counts firm
hours once, respects pins and its deadline (optima by the exact MIP or by hand)."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from large_helpers import TOL, exact_cost, lagrangian_value, never_above_optimum, random_instance

from verkeerstoren.planning.large.arrays import Structure, build_structure
from verkeerstoren.planning.large.knapsack_bound import knapsack_bound
from verkeerstoren.planning.large.lp import solve_compact
from verkeerstoren.planning.large.pricing import Prices, price_units
from verkeerstoren.planning.model.instance import Pin, PlanningInstance, instance_from_dict


def _knapsack(s: Structure, prices: Prices) -> float:
    value = knapsack_bound(s, prices, price_units(s, prices), deadline=time.monotonic() + 60)
    assert value is not None
    return value


@pytest.mark.parametrize("seed", range(30))
def test_knapsack_bound_never_exceeds_the_exact_optimum(seed: int) -> None:
    never_above_optimum(_knapsack, seed, families=3, tries=12)


def _lumpy(hours: float, sizes: list[float], firm_draft: float = 0.0) -> PlanningInstance:
    """One officer, one week; cases of these officer hours (decide only: nothing to outsource
    unless ``firm_draft``), each costing 100 if not decided this week."""
    return instance_from_dict(
        {
            "horizon_weeks": 1,
            "staff": [{"id": "S0", "hours": [hours]}],
            "firms": [{"id": "F", "prepare_hours": [0], "draft_hours": [firm_draft]}],
            "cases": [
                {"id": f"C{k}", "effort": {"oral": {"decide": 2.0, "draft": h - 2.0}},
                 "cost_by_week": [0], "cost_beyond": 100}
                for k, h in enumerate(sizes)
            ],
        }
    )  # fmt: skip


@pytest.mark.parametrize(
    ("hours", "sizes"),
    [(25.0, [18.0, 18.0, 18.0]), (28.8, [18.0, 12.5, 12.5]), (10.0, [6.0, 6.0, 6.0, 6.0])],
)
def test_knapsack_bound_sees_that_cases_do_not_split(hours: float, sizes: list[float]) -> None:
    # The LP puts 25/18 of a case into 25 h; the knapsack bound knows one case fits, which is
    # the optimum here (checked by the exact model), while the hour-priced bound stays below.
    inst = _lumpy(hours, sizes)
    best = exact_cost(inst)
    s = build_structure(inst)
    lp = solve_compact(s, price_units(s, Prices.zero(s)), time_limit=5.0)
    assert lp.solved
    assert lagrangian_value(s, lp.prices) < best - 1.0
    assert _knapsack(s, lp.prices) == pytest.approx(best, abs=TOL)


def test_knapsack_bound_counts_firm_hours_once() -> None:
    # Two 18 h cases, 25 h, and a firm that can draft 16 h for one of them: with that, both fit
    # (2 + 16 draft out, 18 in) and the optimum is 0. Without the firm's hours one case stays.
    for firm_draft, optimum in ((16.0, 0.0), (0.0, 100.0)):
        inst = _lumpy(25.0, [18.0, 18.0], firm_draft=firm_draft)
        assert exact_cost(inst) == pytest.approx(optimum)
        s = build_structure(inst)
        lp = solve_compact(s, price_units(s, Prices.zero(s)), time_limit=5.0)
        assert lp.solved
        assert _knapsack(s, lp.prices) == pytest.approx(optimum, abs=TOL)


def test_knapsack_bound_gives_up_at_its_deadline() -> None:
    inst = random_instance(1, staff=3, cases=13, weeks=3, firms=1, families=2)
    s = build_structure(inst)
    prices = Prices.zero(s)
    assert knapsack_bound(s, prices, price_units(s, prices), deadline=time.monotonic() - 1) is None


def test_knapsack_bound_on_a_pinned_officer_week() -> None:
    # A pin fills 18 of the officer's 25 h; the other 18 h case cannot join it: optimum 100.
    inst = replace(_lumpy(25.0, [18.0, 18.0]), pins=(Pin("C0", "S0", 0),))
    best = exact_cost(inst)
    assert best == pytest.approx(100.0)
    s = build_structure(inst)
    lp = solve_compact(s, price_units(s, Prices.zero(s)), time_limit=5.0)
    assert lp.solved
    assert lagrangian_value(s, lp.prices) < best - 1.0  # the LP puts 7/18 of C1 beside the pin
    assert _knapsack(s, lp.prices) == pytest.approx(best, abs=TOL)


def _tiny(
    hours: dict[str, float], case_hours: float, cases: int, skill: str = ""
) -> PlanningInstance:
    needs = {"competencies": {skill: 1}} if skill else {}
    return instance_from_dict(
        {
            "horizon_weeks": 1,
            "staff": [
                {"id": k, "hours": [h], **({"competencies": {skill: 1}} if skill and h < 1 else {})}
                for k, h in hours.items()
            ],
            "cases": [
                {"id": f"C{k}", "effort": {"oral": {"decide": case_hours}},
                 "cost_by_week": [0], "cost_beyond": 100, **needs}
                for k in range(cases)
            ],
        }
    )  # fmt: skip


@pytest.mark.parametrize(
    "inst",
    [
        # Weeks and cases below one grid cell (0.25 h): the week still holds two cases.
        _tiny({"S0": 0.2}, 0.1, 3),
        # A 72 h week makes the grid 0.3 h; the only officer for these cases has 0.25 h.
        _tiny({"A": 72.0, "B": 0.25}, 0.25, 2, skill="amv"),
    ],
    ids=["below-one-cell", "coarse-grid"],
)
def test_knapsack_bound_counts_weeks_smaller_than_a_cell(inst: PlanningInstance) -> None:
    # Found in review: such weeks were left out, so the bound rose above the optimum (300 > 100).
    best = exact_cost(inst)
    s = build_structure(inst)
    lp = solve_compact(s, price_units(s, Prices.zero(s)), time_limit=5.0)
    assert lp.solved
    assert _knapsack(s, lp.prices) <= best + TOL
