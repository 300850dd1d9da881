# SPDX-License-Identifier: EUPL-1.2
"""The ``carry_over`` capacity rule: the checker, the planning model and the exact oracle.

Under ``carry_over`` hours an officer does not use in a week go to cases decided later, never to
a case before its ready week (docs/formats.md). The checker is tested on hand-built plans; the
per-officer MIP of ``solve_model`` is compared with the CP-SAT oracle (both written separately
from the spec) on random small instances whose officers have few hours per week, so that
carrying hours over matters.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from large_helpers import exact_plan
from plan_oracle import optimum

import verkeerstoren.planning.exact.model as planning_model
from verkeerstoren.planning.examples import random_instance_dict
from verkeerstoren.planning.model.checker import check_plan
from verkeerstoren.planning.model.instance import PlanningInstance, instance_from_dict
from verkeerstoren.planning.model.plan import CaseAssignment as A

TOL = 1e-6


def _effort(hours: float) -> dict[str, dict[str, float]]:
    """One oral mode of ``hours`` own hours (prepare 2, draft 3, decide 1, the rest hearing)."""
    return {"oral": {"prepare": 2, "hear": hours - 6, "draft": 3, "decide": 1}}


def _tiny(cases: list[dict[str, Any]], rule: str) -> PlanningInstance:
    """One officer with 10 h in each of 3 weeks, one firm with prepare hours in week 0 only."""
    return instance_from_dict(
        {
            "horizon_weeks": 3,
            "capacity_rule": rule,
            "staff": [{"id": "S1", "hours": [10, 10, 10]}],
            "cases": [{"cost_by_week": [0, 0, 0], "cost_beyond": 100, **case} for case in cases],
            "firms": [{"id": "F1", "prepare_hours": [2, 0, 0], "draft_hours": 0}],
        }
    )


# --- checker -----------------------------------------------------------------------------------


def test_hours_before_a_ready_week_cannot_go_to_that_case() -> None:
    # 8 h (ready 0) + 12 h (ready 2), both decided in week 2: 20 h of the 30 h in weeks 0-2,
    # but the 12 h case may only use week 2's 10 h.
    cases = [
        {"id": "A", "effort": _effort(8), "ready_week": 0},
        {"id": "B", "effort": _effort(12), "ready_week": 2},
    ]
    plan = [A("A", "S1", 2, "oral"), A("B", "S1", 2, "oral")]
    assert check_plan(_tiny(cases, "carry_over"), plan, 0.0) == [
        "officer S1 weeks 2-2: 12 h planned for cases ready from week 2, 10 h available"
    ]
    # Ready one week earlier, B can use week 1's hours: the same plan is fine.
    cases[1]["ready_week"] = 1
    assert check_plan(_tiny(cases, "carry_over"), plan, 0.0) == []
    assert check_plan(_tiny(cases, "weekly"), plan, 0.0) == [
        "officer S1 week 2: 20 h planned, 10 h available"
    ]


def test_a_case_bigger_than_any_week_fits_once_enough_weeks_have_passed() -> None:
    cases = [{"id": "A", "effort": _effort(25), "ready_week": 0}]
    late = [A("A", "S1", 2, "oral")]
    assert check_plan(_tiny(cases, "carry_over"), late, 0.0) == []
    assert check_plan(_tiny(cases, "weekly"), late, 0.0) == [
        "officer S1 week 2: 25 h planned, 10 h available"
    ]
    early = [A("A", "S1", 1, "oral")]
    assert check_plan(_tiny(cases, "carry_over"), early, 0.0) == [
        "officer S1 weeks 0-1: 25 h planned for cases ready from week 0, 20 h available"
    ]


def test_firm_hours_stay_weekly_under_carry_over() -> None:
    cases = [{"id": "A", "effort": _effort(8), "ready_week": 0}]
    # The firm has 2 prepare hours in week 0 only; none carry to week 1.
    assert check_plan(_tiny(cases, "carry_over"), [A("A", "S1", 0, "oral", "F1")], 0.0) == []
    assert check_plan(_tiny(cases, "carry_over"), [A("A", "S1", 1, "oral", "F1")], 0.0) == [
        "firm F1 week 1 prepare: 2 h planned, 0 h"
    ]


# --- planning model against the oracle ---------------------------------------------------------


def _short_of_hours(seed: int) -> PlanningInstance:
    """A small random instance whose officers have few hours per week (cases need 7-13 h)."""
    inst = instance_from_dict(
        random_instance_dict(seed, staff=3, cases=7, weeks=4, firms=1, families=1, pins=0)
    )
    rng = np.random.default_rng(seed)
    levels = [0.0, 3.0, 5.0, 7.0, 9.0, 12.0]
    staff = tuple(
        replace(st, hours=tuple(float(h) for h in rng.choice(levels, inst.horizon_weeks)))
        for st in inst.staff
    )
    return replace(inst, staff=staff)


SEEDS = range(16)


@pytest.mark.parametrize("seed", SEEDS)
def test_exact_model_meets_the_oracle_under_carry_over(seed: int) -> None:
    weekly = _short_of_hours(seed)
    carry = replace(weekly, capacity_rule="carry_over")
    plan = exact_plan(carry)
    assert check_plan(carry, plan.assignments, plan.cost) == []
    assert plan.cost == pytest.approx(optimum(carry), abs=TOL)
    weekly_cost = exact_plan(weekly).cost
    assert plan.cost <= weekly_cost + TOL
    if plan.cost < weekly_cost - TOL:
        # Cheaper than the weekly optimum: the plan must carry hours over.
        assert check_plan(weekly, plan.assignments, plan.cost) != []


def test_the_instances_exercise_carry_over_and_ready_weeks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guards the test above against instances where the rules make no difference: carrying
    hours over lowers the optimum on some, and on some the rows that start at a ready week
    (not at week 0) bind, i.e. dropping them would allow a cheaper (infeasible) plan."""
    cheaper = binding = 0
    for seed in SEEDS:
        weekly = _short_of_hours(seed)
        carry = replace(weekly, capacity_rule="carry_over")
        cost = exact_plan(carry).cost
        cheaper += cost < exact_plan(weekly).cost - TOL
        with monkeypatch.context() as m:
            m.setattr(
                planning_model, "_holder_starts", lambda inst, options: defaultdict(lambda: [0])
            )
            binding += exact_plan(carry, checked=False).cost < cost - TOL
    assert cheaper >= 4 and binding >= 4
