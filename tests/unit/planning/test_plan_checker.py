# SPDX-License-Identifier: EUPL-1.2
"""Independent checker: accepts a valid handmade plan, rejects each kind of broken plan."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from verkeerstoren.planning.model.checker import check_plan
from verkeerstoren.planning.model.instance import PlanningInputError, instance_from_dict
from verkeerstoren.planning.model.plan import CaseAssignment as A

EFFORT = {"oral": {"prepare": 2, "hear": 3, "draft": 2, "decide": 1}}  # 8 h in total


def instance() -> Any:
    return instance_from_dict(
        {
            "horizon_weeks": 2,
            "staff": [
                {
                    "id": "senior",
                    "location": "ZEV",
                    "decision_team": True,
                    "competencies": {"lgbti": 3},
                    "hours": [16, 16],
                },
                {"id": "junior", "location": "ZEV", "competencies": {"lgbti": 1}, "hours": [8, 8]},
                {"id": "hearer", "location": "ZEV", "can_decide": False, "hours": [40, 40]},
            ],
            "cases": [
                {
                    "id": "c1",
                    "effort": EFFORT,
                    "cost_by_week": [0, 10],
                    "cost_beyond": 50,
                    "competencies": {"lgbti": 2},
                    "location": "ZEV",
                },
                {
                    "id": "c2",
                    "effort": EFFORT,
                    "cost_by_week": [0, 10],
                    "cost_beyond": 50,
                    "complex": True,
                },
                {
                    "id": "c3",
                    "effort": EFFORT,
                    "cost_by_week": [0, 10],
                    "cost_beyond": 50,
                    "family": "F",
                },
                {
                    "id": "c4",
                    "effort": EFFORT,
                    "cost_by_week": [0, 10],
                    "cost_beyond": 50,
                    "family": "F",
                },
            ],
            "firms": [{"id": "firm", "prepare_hours": 2, "draft_hours": 0}],
            "pins": [{"case": "c2", "officer": "senior", "week": 1}],
        }
    )


def test_valid_plan_is_accepted_with_its_cost() -> None:
    inst = instance()
    # senior week 1: c1 8 h + c2 8 h = 16 h; week 0: c3 6 h (prepare outsourced) + c4 8 h.
    assert check_plan(inst, base_plan(), reported_cost=10.0 + 10.0) == []


def base_plan() -> list[A]:
    return [
        A("c1", "senior", 1, "oral"),
        A("c2", "senior", 1, "oral"),
        A("c3", "senior", 0, "oral", prepare_by="firm"),
        A("c4", "senior", 0, "oral"),
    ]


@pytest.mark.parametrize(
    ("index", "change", "fragment"),
    [
        (3, {"officer": "senior", "week": 0, "prepare_by": None}, None),  # still valid: 8+8
        (0, {"week": 0}, "officer senior week 0"),  # 8 + 6 + 8 = 22 h > 16 h
        (0, {"officer": "junior"}, "lacks lgbti"),  # competency level 1 < 2
        (3, {"officer": "junior", "week": 0}, "family F"),  # family split over officers
        (3, {"week": 1, "officer": "senior"}, "family F"),  # family split over weeks
        (2, {"officer": "hearer", "prepare_by": None}, "may not decide"),
        (1, {"officer": "junior"}, "complex case"),
        (1, {"week": 0}, "pin c2"),  # pin moved
        (2, {"prepare_by": "nobody"}, "unknown firm"),
    ],
)
def test_broken_plans_are_rejected(
    index: int, change: dict[str, Any], fragment: str | None
) -> None:
    inst = instance()
    plan = base_plan()
    plan[index] = replace(plan[index], **change)
    errors = check_plan(inst, plan)
    if fragment is None:
        assert errors == []
    else:
        assert any(fragment in e for e in errors), errors


def test_firm_capacity_and_missing_case_and_wrong_cost_are_rejected() -> None:
    inst = instance()
    plan = base_plan()
    plan[3] = replace(plan[3], prepare_by="firm")  # firm week 0: 2 + 2 h > 2 h
    errors = check_plan(inst, [*plan[:3], plan[3]], reported_cost=0.0)
    assert any("firm firm week 0 prepare" in e for e in errors)
    assert any("reported cost" in e for e in errors)
    assert any("c4: missing" in e for e in check_plan(inst, base_plan()[:3]))


def test_unplanned_case_costs_its_beyond_cost() -> None:
    inst = instance()
    plan = base_plan()
    plan[0] = A("c1")
    assert check_plan(inst, plan, reported_cost=10.0 + 50.0) == []


@pytest.mark.parametrize(
    ("patch", "fragment"),
    [
        ({"horizon_weeks": 0}, "horizon_weeks"),
        ({"pins": [{"case": "zz", "officer": "senior", "week": 0}]}, "unknown case"),
        ({"pins": [{"case": "c1", "officer": "senior", "week": 9}]}, "outside"),
    ],
)
def test_bad_instances_are_rejected_with_the_field(patch: dict[str, Any], fragment: str) -> None:
    data = {
        "horizon_weeks": 2,
        "staff": [{"id": "senior", "hours": [16, 16]}],
        "cases": [{"id": "c1", "effort": EFFORT, "cost_by_week": [0, 1], "cost_beyond": 5}],
    }
    data.update(patch)
    with pytest.raises(PlanningInputError, match=fragment):
        instance_from_dict(data)
