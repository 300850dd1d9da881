# SPDX-License-Identifier: EUPL-1.2
"""Families on the large path: decided together by one officer who may take every member,
never pinned apart, left unplanned when no officer may take them whole (values by hand)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from large_helpers import exact_cost, lagrangian_value, random_instance, unit_members

import verkeerstoren.planning.solve as assign
from verkeerstoren.planning.large.arrays import build_structure
from verkeerstoren.planning.large.lp import solve_compact
from verkeerstoren.planning.large.pricing import Prices, price_units
from verkeerstoren.planning.model.checker import check_plan
from verkeerstoren.planning.model.instance import Pin, PlanningInputError, instance_from_dict
from verkeerstoren.planning.solve import solve_plan


def test_zero_price_bound_of_a_family_that_fits_no_officer() -> None:
    effort = {"oral": {"prepare": 2, "hear": 4, "draft": 3, "decide": 1}}  # 10 h
    inst = instance_from_dict(
        {
            "horizon_weeks": 1,
            "staff": [{"id": "S0", "hours": [15]}],
            "cases": [
                {
                    "id": c,
                    "family": "F",
                    "effort": effort,
                    "cost_by_week": [0],
                    "cost_beyond": 100,
                }
                for c in ("A", "B")
            ],
        }
    )
    assert exact_cost(inst) == 200.0  # 20 h do not fit 15 h: both beyond the horizon
    s = build_structure(inst)
    assert lagrangian_value(s, Prices.zero(s)) == pytest.approx(200.0)


def test_family_members_pinned_apart_are_rejected() -> None:
    inst = random_instance(0, families=1)
    members = next(u for u in unit_members(inst) if len(u) > 1)
    pins = (Pin(inst.cases[members[0]].id, "S0", 1), Pin(inst.cases[members[1]].id, "S0", 2))
    with pytest.raises(PlanningInputError):
        build_structure(replace(inst, pins=pins))


@pytest.mark.parametrize("rule", ["weekly", "carry_over"])
def test_compact_lp_keeps_a_complex_familys_members_with_the_decision_team(rule: str) -> None:
    # Family F is one complex case and one that is not; C is complex too. Only D (decision
    # team, 20 h a week) may take a complex case, so D must do all 24 h of the three cases;
    # 8 h are left for week 1. The LP may delay half of C (4 h at 50 per case): 25. Were F's
    # ordinary member free to use O's hours, everything would fit week 0 and the LP say 0.
    inst = instance_from_dict(
        {
            "horizon_weeks": 2,
            "capacity_rule": rule,
            "staff": [
                {"id": "D", "hours": [20, 20], "decision_team": True},
                {"id": "O", "hours": [40, 40]},
            ],
            "cases": [
                {"id": c, "family": family, "complex": c != "B",
                 "effort": {"oral": {"decide": 8.0}}, "cost_by_week": [0, 50],
                 "cost_beyond": 1000}
                for c, family in (("A", "F"), ("B", "F"), ("C", ""))
            ],
        }
    )  # fmt: skip
    s = build_structure(inst)
    team = [q for q, pool in enumerate(s.pools) if pool.representative.decision_team]
    assert all(ch.pools.tolist() == team for c in range(3) for ch in s.choices[c])
    lp = solve_compact(s, price_units(s, Prices.zero(s)), time_limit=5.0)
    assert lp.solved
    assert lp.value == pytest.approx(25.0, abs=1e-3)
    assert lagrangian_value(s, lp.prices) == pytest.approx(25.0, abs=1e-3)
    assert exact_cost(inst) == pytest.approx(50.0)  # F in week 0, C in week 1


@pytest.mark.parametrize("rule", ["weekly", "carry_over"])
def test_a_family_no_officer_may_take_whole_stays_unplanned(
    rule: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A needs competency lgbti (only X has it), B location TAP (only Y works there): each
    # member alone has an officer, the family has none. Its members then have no choices at
    # all, and the large path must still plan C and leave the family out.
    effort = {"oral": {"decide": 4.0}}
    inst = instance_from_dict(
        {
            "horizon_weeks": 2,
            "capacity_rule": rule,
            "staff": [
                {"id": "X", "hours": [20, 20], "competencies": {"lgbti": 3}},
                {"id": "Y", "hours": [20, 20], "location": "TAP"},
            ],
            "cases": [
                {"id": "A", "family": "F", "effort": effort, "competencies": {"lgbti": 2},
                 "cost_by_week": [0, 5], "cost_beyond": 100},
                {"id": "B", "family": "F", "effort": effort, "location": "TAP",
                 "cost_by_week": [0, 5], "cost_beyond": 100},
                {"id": "C", "effort": effort, "cost_by_week": [0, 5], "cost_beyond": 100},
            ],
        }
    )  # fmt: skip
    s = build_structure(inst)
    assert [len(chs) for chs in s.choices] == [0, 0, 1]
    monkeypatch.setattr(assign, "MAX_MIP_OPTIONS", 0)
    result = solve_plan(inst, time_limit=5.0)
    assert check_plan(inst, result.plan.assignments) == []
    weeks = {a.case: a.week for a in result.plan.assignments}
    assert weeks == {"A": None, "B": None, "C": 0}
    assert result.cost == pytest.approx(200.0)
    assert result.lower_bound == pytest.approx(200.0, abs=1e-6)
