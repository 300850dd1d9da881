# SPDX-License-Identifier: EUPL-1.2
"""The fast greedy baselines give exactly the plans of a deliberately plain greedy.

``reference_greedy`` (greedy_reference.py) is kept plain on purpose: a per-unit eligibility
scan, every officer tried in every week, the same units, a week-major scan from the unit's first
ready week, officers in instance order, the same mode and outsourcing order. The fast version
must agree on every assignment (officer, week, mode, firms) and on the cost, which
``reference_cost`` adds up from the instance.
"""

from __future__ import annotations

from typing import Any

import pytest
from baseline_instances import mixed_instances
from greedy_reference import reference_cost, reference_greedy

from verkeerstoren.planning.baselines import (
    baseline_plans,
    edf_order,
    fifo_order,
    greedy_plan,
    plan_cost,
)
from verkeerstoren.planning.examples import random_instance_dict
from verkeerstoren.planning.model.instance import PlanningInputError, instance_from_dict

_INSTANCES = mixed_instances(range(100, 106))


@pytest.mark.parametrize(("kind", "seed", "data"), _INSTANCES, ids=lambda v: str(v)[:12])
def test_fast_greedy_matches_reference(kind: str, seed: int, data: dict[str, Any]) -> None:
    inst = instance_from_dict(data)
    for order in (fifo_order(inst), edf_order(inst)):
        try:
            expected = reference_greedy(inst, order)
        except PlanningInputError:
            with pytest.raises(PlanningInputError):
                greedy_plan(inst, order)
            continue
        plan = greedy_plan(inst, order)
        assert plan.assignments == expected
        assert plan.cost == reference_cost(inst, expected)
        assert plan_cost(inst, expected) == reference_cost(inst, expected)


def test_crowded_instances_exercise_families_firms_and_unplanned_cases() -> None:
    """The comparison above is only worth something if the hard paths are taken."""
    outsourced = unplanned = family_cases = pinned = 0
    for _, _, data in _INSTANCES:
        inst = instance_from_dict(data)
        try:
            plans = baseline_plans(inst)
        except PlanningInputError:
            continue
        pinned += len(inst.pins)
        for plan in plans.values():
            for case, a in zip(inst.cases, plan.assignments, strict=True):
                outsourced += a.prepare_by is not None or a.draft_by is not None
                unplanned += a.week is None
                family_cases += bool(case.family) and a.week is not None
    assert min(outsourced, unplanned, family_cases, pinned) > 20


def _edge_cases() -> list[dict[str, Any]]:
    """A pin that cannot be met, a pinned family, no staff, no cases."""
    unmet = random_instance_dict(7, staff=3, cases=8, weeks=3, firms=1, families=0, pins=0)
    unmet["pins"] = [{"case": "C0", "officer": "S1", "week": 0}]
    unmet["staff"][1]["hours"] = [0, 0, 0]
    unmet["cases"][0]["ready_week"] = 0
    family = random_instance_dict(8, staff=3, cases=8, weeks=3, firms=1, families=0, pins=0)
    for c in (0, 1):
        family["cases"][c].update(family="F", ready_week=0, competencies={}, complex=False)
    family["pins"] = [{"case": "C0", "officer": "S0", "week": 2}]
    no_staff = random_instance_dict(9, staff=1, cases=5, weeks=3, firms=1, families=1, pins=0)
    no_staff["staff"] = []
    no_cases = random_instance_dict(10, staff=2, cases=0, weeks=3, firms=1, families=0, pins=0)
    return [unmet, family, no_staff, no_cases]


@pytest.mark.parametrize(
    "data", _edge_cases(), ids=["unmet-pin", "pinned-family", "no-staff", "none"]
)
def test_edge_cases_match_reference(data: dict[str, Any]) -> None:
    inst = instance_from_dict(data)
    order = fifo_order(inst)
    try:
        expected = reference_greedy(inst, order)
    except PlanningInputError:
        with pytest.raises(PlanningInputError):
            greedy_plan(inst, order)
        return
    assert greedy_plan(inst, order).assignments == expected
