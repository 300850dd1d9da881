# SPDX-License-Identifier: EUPL-1.2
"""The large-instance path under the carry-over rule (officers work ahead; docs/formats.md).

Room bookkeeping against a brute-force Horn check, the Lagrangian bound against the exact
optimum of the same rule, and the large path's plans against the independent checker.
"""

from __future__ import annotations

from dataclasses import replace

import highspy
import numpy as np
import pytest
from large_helpers import (
    TOL,
    exact_cost,
    lagrangian_value,
    pinned_from_baseline,
    random_instance,
    random_prices,
    short_of_hours,
)

import verkeerstoren.planning.solve as assign
from verkeerstoren.planning.examples import random_instance_dict
from verkeerstoren.planning.large import lp as compact_lp
from verkeerstoren.planning.large.arrays import build_structure
from verkeerstoren.planning.large.construct import construct, to_plan, week_order
from verkeerstoren.planning.large.lp import solve_compact
from verkeerstoren.planning.large.pricing import Prices, lagrangian_bound, price_units
from verkeerstoren.planning.model.capacity import OfficerHours
from verkeerstoren.planning.model.checker import check_plan
from verkeerstoren.planning.model.instance import (
    CARRY_OVER,
    PlanningInputError,
    PlanningInstance,
    instance_from_dict,
)
from verkeerstoren.planning.model.serialize import instance_to_dict
from verkeerstoren.planning.solve import solve_plan


def _carry(inst: PlanningInstance) -> PlanningInstance:
    return replace(inst, capacity_rule=CARRY_OVER)


# --- room bookkeeping --------------------------------------------------------------------------


def _fits(hours: np.ndarray, loads: list[tuple[int, int, float]]) -> bool:
    """Horn's condition for one officer, over every interval [r, w] (no shortcut), and no
    case decided in a week without hours."""
    weeks = len(hours)
    if any(hours[t] <= 0 for _, t, _ in loads):
        return False
    for r in range(weeks):
        for w in range(r, weeks):
            used = sum(h for q, t, h in loads if q >= r and t <= w)
            if used > hours[r : w + 1].sum() + 1e-9:
                return False
    return True


@pytest.mark.parametrize("seed", range(40))
def test_room_is_the_most_a_case_can_add(seed: int) -> None:
    """room(o, w, q) = the largest case (ready q, decided w) that keeps the officer feasible."""
    rng = np.random.default_rng(seed)
    weeks = int(rng.integers(2, 6))
    hours = rng.choice([0.0, 4.0, 10.0, 25.0], size=(1, weeks))
    ready = sorted({0, *rng.integers(0, weeks, 3).tolist()})
    oh = OfficerHours(hours, ready, carry_over=True)
    loads: list[tuple[int, int, float]] = []
    for _ in range(int(rng.integers(0, 6))):
        q = int(rng.choice(ready))
        w = int(rng.integers(q, weeks))
        room = float(oh.room(0, w, q))
        h = float(rng.uniform(0.0, max(room, 0.0)))
        if room > 0:
            oh.take(0, w, q, h)
            loads.append((q, w, h))
    assert _fits(hours[0], loads)
    for q in ready:
        for w in range(q, weeks):
            room = float(oh.room(0, w, q))
            if hours[0, w] <= 0:  # not at work to decide that week
                assert room <= 1e-9 and oh.matrix()[0, w] <= 1e-9
                continue
            assert _fits(hours[0], [*loads, (q, w, max(room, 0.0))])
            assert not _fits(hours[0], [*loads, (q, w, max(room, 0.0) + 0.01)])
            # The matrix (for ranking) never promises more than any case of that week gets.
            assert oh.matrix()[0, w] <= room + 1e-9
    for q, w, h in loads:  # giving everything back restores the empty officer
        oh.give(0, w, q, h)
    np.testing.assert_allclose(oh.unused()[0], hours[0].sum())


def test_weekly_room_is_the_week_left() -> None:
    oh = OfficerHours(np.array([[10.0, 10.0, 10.0]]), [0, 2], carry_over=False)
    oh.take(0, 1, 0, 8.0)
    np.testing.assert_allclose(oh.matrix(), [[10.0, 2.0, 10.0]])
    assert float(oh.room(0, 1, 0)) == pytest.approx(2.0)


# --- the bound ---------------------------------------------------------------------------------


def _case(seed: int) -> tuple[PlanningInstance, float]:
    inst = random_instance(seed, staff=3, cases=13, weeks=3, firms=seed % 3, families=2)
    if seed % 2:
        inst = short_of_hours(inst, seed)
    inst = _carry(pinned_from_baseline(inst, seed, count=seed % 3))
    return inst, exact_cost(inst)


def _falling(prices: Prices) -> Prices:
    """The same prices made not to rise from week to week (what carry-over needs)."""
    officer = np.maximum.accumulate(prices.officer[:, ::-1], axis=1)[:, ::-1]
    return Prices(officer, prices.firm_prepare, prices.firm_draft)


@pytest.mark.parametrize("seed", range(24))
def test_bound_never_exceeds_the_carry_over_optimum(seed: int) -> None:
    inst, best = _case(seed)
    s = build_structure(inst)
    free = price_units(s, Prices.zero(s))
    lp = solve_compact(s, free, time_limit=5.0, seed=seed)
    assert lp.solved
    assert np.all(np.diff(lp.prices.officer, axis=1) <= 1e-9)  # the LP's prices fall
    assert lagrangian_value(s, Prices.zero(s)) <= best + TOL
    assert lagrangian_value(s, lp.prices) <= best + TOL
    rng = np.random.default_rng(seed)
    for k in range(20):
        prices = _falling(random_prices(s, rng, lp.prices if k % 2 else None))
        assert lagrangian_value(s, prices) <= best + TOL


def test_rising_prices_are_refused_under_carry_over() -> None:
    inst, _ = _case(0)
    s = build_structure(inst)
    rising = Prices(
        np.tile(np.arange(s.weeks, dtype=float), (s.cap.shape[0], 1)),
        np.zeros_like(s.firm_prepare),
        np.zeros_like(s.firm_draft),
    )
    with pytest.raises(ValueError, match="do not rise"):
        lagrangian_bound(s, rising, price_units(s, rising))


# --- plans -------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(12))
def test_construct_gives_checked_plans_under_carry_over(seed: int) -> None:
    inst = random_instance(seed, staff=4, cases=16, weeks=4, firms=1 + seed % 2, families=3)
    inst = _carry(pinned_from_baseline(short_of_hours(inst, seed), seed, count=2))
    s = build_structure(inst)
    free = price_units(s, Prices.zero(s))
    lp = solve_compact(s, free, time_limit=5.0, seed=seed)
    rng = np.random.default_rng(seed)
    for prices in (Prices.zero(s), lp.prices):
        for target in (free.value.argmin(axis=1), rng.integers(-1, s.weeks, len(s.units))):
            placer = construct(s, prices, np.where(target >= s.weeks, -1, target), lp)
            plan = to_plan(s, placer.plan)
            assert check_plan(inst, plan.assignments, plan.cost) == []


@pytest.mark.parametrize("seed", range(8))
def test_large_path_under_carry_over(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    inst, best = _case(seed)
    monkeypatch.setattr(assign, "MAX_MIP_OPTIONS", 0)
    res = solve_plan(inst, time_limit=1.5, seed=seed)
    assert check_plan(inst, res.plan.assignments, res.cost) == []
    assert res.lower_bound <= best + TOL <= res.cost + 2 * TOL
    assert res.cost <= min(res.baselines.values()) + TOL
    by_case = {a.case: a for a in res.plan.assignments}
    for pin in inst.pins:
        assert (by_case[pin.case].officer, by_case[pin.case].week) == (pin.officer, pin.week)


# --- the format --------------------------------------------------------------------------------


def test_capacity_rule_in_the_format() -> None:
    data = random_instance_dict(0, staff=2, cases=3, weeks=2, firms=0, families=0, pins=0)
    assert instance_from_dict(data).capacity_rule == "weekly"  # files from before keep meaning
    carry = instance_from_dict({**data, "capacity_rule": "carry_over"})
    assert carry.carry_over
    assert instance_from_dict(instance_to_dict(carry)).capacity_rule == "carry_over"
    with pytest.raises(PlanningInputError, match=r"instance\.capacity_rule: 'monthly'"):
        instance_from_dict({**data, "capacity_rule": "monthly"})


# --- the order of a week's due units ----------------------------------------------------------


def test_week_order_puts_complex_units_first_by_delay_per_hour() -> None:
    """Complex units first, most delay per hour first among them; then the rest by delay."""
    delay = np.array([100.0, 900.0, 300.0, 50.0, 400.0])
    complex_unit = np.array([True, False, True, False, True])
    least = np.array([2.0, 10.0, 12.0, 1.0, 8.0])  # per hour: 50, -, 25, -, 50
    order = week_order(delay, complex_unit, least).tolist()
    assert order[:3] in ([0, 4, 2], [4, 0, 2])  # two complex units at 50 per hour, then 25
    assert order[3:] == [1, 3]


def _firm_contest(rule: str) -> PlanningInstance:
    """One firm with draft hours for one case; a decision-team officer with room for two complex
    cases only if one of them has its draft done by the firm; an urgent ordinary case whose own
    officer has room with or without the firm."""
    effort = {"oral": {"prepare": 2, "hear": 3, "draft": 6, "decide": 1}}

    def case(cid: str, complex_: bool, beyond: float) -> dict[str, object]:
        return {
            "id": cid,
            "effort": effort,
            "complex": complex_,
            "location": "ZEV",
            "cost_by_week": [0],
            "cost_beyond": beyond,
        }

    return instance_from_dict(
        {
            "horizon_weeks": 1,
            "capacity_rule": rule,
            "staff": [
                {
                    "id": "DT",
                    "team": "T",
                    "location": "ZEV",
                    "competencies": {},
                    "decision_team": True,
                    "hours": 20,
                },
                {"id": "OO", "team": "T", "location": "ZEV", "competencies": {}, "hours": 20},
            ],
            "cases": [case("N1", False, 1000), case("C1", True, 500), case("C2", True, 500)],
            "firms": [{"id": "F", "prepare_hours": 0, "draft_hours": 6, "cost_per_hour": 1}],
            "pins": [],
        }
    )


@pytest.mark.parametrize("rule", ["weekly", CARRY_OVER])
def test_complex_cases_get_the_firm_hours_the_decision_team_needs(rule: str) -> None:
    """The ordinary case is more urgent, and at these prices every case prefers the firm. Placed
    first, it would take the firm's draft hours and leave room for one complex case only."""
    inst = _firm_contest(rule)
    s = build_structure(inst)
    prices = Prices(
        np.full_like(s.cap, 50.0), np.zeros_like(s.firm_prepare), np.zeros_like(s.firm_draft)
    )
    placer = construct(s, prices, np.zeros(len(s.units), np.int64))
    plan = to_plan(s, placer.plan)
    assert check_plan(inst, plan.assignments, plan.cost) == []
    by_case = {a.case: a for a in plan.assignments}
    assert all(by_case[c].week == 0 for c in ("N1", "C1", "C2"))
    assert {by_case["C1"].draft_by, by_case["C2"].draft_by} == {"F", None}


def test_fill_ranks_moves_by_saving_net_of_the_hours_price() -> None:
    """Ten hours, priced at 5 an hour: A saves 100 with all ten (net 50); B saves 90 with two
    (net 80) and C 60 with eight (net 20). By saving alone A goes first and fills the week;
    net of the hours' price, B and C go, and save 150."""

    def case(cid: str, hours: float, beyond: float) -> dict[str, object]:
        return {
            "id": cid,
            "effort": {"oral": {"prepare": 0, "hear": hours, "draft": 0, "decide": 0}},
            "location": "ZEV",
            "cost_by_week": [0],
            "cost_beyond": beyond,
        }

    inst = instance_from_dict(
        {
            "horizon_weeks": 1,
            "capacity_rule": CARRY_OVER,
            "staff": [{"id": "S", "team": "T", "location": "ZEV", "competencies": {}, "hours": 10}],
            "cases": [case("A", 10, 100), case("B", 2, 90), case("C", 8, 60)],
            "firms": [],
            "pins": [],
        }
    )
    s = build_structure(inst)
    prices = Prices(
        np.full_like(s.cap, 5.0), np.zeros_like(s.firm_prepare), np.zeros_like(s.firm_draft)
    )
    placer = construct(s, prices, np.full(len(s.units), -1))  # nothing due: all by the fill
    plan = to_plan(s, placer.plan)
    assert check_plan(inst, plan.assignments, plan.cost) == []
    assert {a.case for a in plan.assignments if a.week is not None} == {"B", "C"}
    assert plan.cost == pytest.approx(100.0)


# --- the compact LP's interior-point refinement ----------------------------------------------


def test_lp_of_a_column_subset_is_the_lp_with_the_other_columns_at_zero() -> None:
    """``_highs_lp(b, keep)`` slices the matrix: solved, it equals the whole LP with every
    column outside ``keep`` fixed to 0."""
    rng = np.random.default_rng(3)
    b = compact_lp._Builder()
    rows = [b.row(-highspy.kHighsInf, float(rng.uniform(5, 10))) for _ in range(6)]
    need = b.row(4.0, 4.0)
    for _ in range(25):
        entries = [(int(r), float(rng.uniform(0.5, 3.0))) for r in rng.choice(rows, 2, False)]
        b.col(float(rng.uniform(1, 9)), [*entries, (need, 1.0)])
    keep = np.array(sorted(rng.choice(25, 12, replace=False)))
    sub = compact_lp._run(compact_lp._highs_lp(b, keep), "simplex", 5.0, 0)
    whole = compact_lp._highs_lp(b, None)
    upper = np.zeros(25)
    upper[keep] = highspy.kHighsInf
    whole.col_upper_ = upper
    fixed = compact_lp._run(whole, "simplex", 5.0, 0)
    assert sub[0] is not None and fixed[0] is not None
    assert sub[3] == pytest.approx(fixed[3], rel=1e-9)
    np.testing.assert_allclose(sub[0], np.asarray(fixed[0])[keep], atol=1e-7)


@pytest.mark.parametrize("seed", range(6))
def test_refined_lp_is_a_restriction_and_its_prices_keep_the_bound_valid(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forced onto the large path (PDLP, then the interior point on the columns PDLP prices
    near zero): the refined LP is never below the exact LP (it has fewer columns), its shares
    add up, its prices fall from week to week, and the bound at either price table stays at or
    below the exact optimum."""
    inst = _carry(random_instance(seed, staff=3, cases=13, weeks=3, firms=seed % 2, families=2))
    best = exact_cost(inst)
    s = build_structure(inst)
    free = price_units(s, Prices.zero(s))
    exact = solve_compact(s, free, time_limit=5.0, seed=seed)  # small: simplex
    monkeypatch.setattr(compact_lp, "SIMPLEX_MAX_COLUMNS", 0)
    lp = solve_compact(s, free, time_limit=10.0, seed=seed)
    assert exact.solved and lp.solved
    assert lp.value >= exact.value - 1e-6 * max(1.0, abs(exact.value))
    np.testing.assert_allclose(lp.share.sum(axis=1), 1.0, atol=1e-4)
    assert len(lp.more_prices) == 1
    for prices in (lp.prices, *lp.more_prices):
        assert (np.diff(prices.officer, axis=1) <= 1e-9).all()
        assert lagrangian_value(s, prices) <= best + TOL
