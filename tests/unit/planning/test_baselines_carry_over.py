# SPDX-License-Identifier: EUPL-1.2
"""The FIFO and EDF baselines under the ``carry_over`` capacity rule.

Hours an officer does not use in a week go to cases decided later, never to a case before its
ready week (docs/formats.md). The baselines must give plans the independent checker accepts
under that rule, use carried-over hours (hand-made cases below), take the same first fit as a
plain full scan (``_full_scan_greedy``: the deliberately plain ``reference_greedy`` of
greedy_reference.py, every officer in every week, no pre-filter, no merging of equal officers)
and, as ``baseline_plans``, never cost more than under ``weekly``.

The full scan books hours with the code's own ``OfficerHours`` (the room a case may use under
carry-over), so that comparison checks the scan, not the room; the room is checked against a
brute-force interval check in test_large_carry_over.py, and every plan here by the checker.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from baseline_instances import crowded, mixed_instances
from greedy_reference import reference_greedy

from verkeerstoren.planning.baselines import (
    baseline_plans,
    edf_order,
    fifo_order,
    greedy_plan,
)
from verkeerstoren.planning.model.capacity import OfficerHours
from verkeerstoren.planning.model.checker import check_plan
from verkeerstoren.planning.model.instance import (
    PlanningInputError,
    PlanningInstance,
    instance_from_dict,
)
from verkeerstoren.planning.model.plan import CaseAssignment

# --- reference: the plain greedy, booking hours with OfficerHours ------------------------------


class _CarryOverHours:
    """The reference's officer hours under the carry-over rule: an ``OfficerHours``."""

    def __init__(self, inst: PlanningInstance) -> None:
        weeks = range(inst.horizon_weeks)
        hours = [[s.hours_in_week(w) for w in weeks] for s in inst.staff]
        ready = [c.ready_week for c in inst.cases]
        self.hours = OfficerHours(hours, ready, inst.carry_over)  # type: ignore[arg-type]

    def room(self, o: int, week: int, ready: int) -> float:
        return float(self.hours.room(o, week, ready))

    def take(self, o: int, week: int, ready: int, hours: float) -> None:
        self.hours.take(o, week, ready, hours)

    def save(self, o: int, week: int) -> object:
        return self.hours.copy()

    def restore(self, o: int, week: int, saved: object) -> None:
        self.hours = saved  # type: ignore[assignment]


def _full_scan_greedy(inst: PlanningInstance, order: list[int]) -> tuple[CaseAssignment, ...]:
    """Pins first one by one, then every officer in every week (no pre-filter, no merging)."""
    return reference_greedy(inst, order, _CarryOverHours, full_scan=True)


# --- instances -----------------------------------------------------------------------------


def _carry_over(data: dict[str, Any]) -> PlanningInstance:
    return instance_from_dict({**data, "capacity_rule": "carry_over"})


def _spread_ready_weeks(data: dict[str, Any], seed: int) -> dict[str, Any]:
    """Ready weeks all over the horizon (families then have members of different ready weeks)."""
    weeks = data["horizon_weeks"]
    pinned = {p["case"] for p in data["pins"]}
    for k, case in enumerate(data["cases"]):
        if case["id"] not in pinned:
            case["ready_week"] = (seed + 3 * k) % weeks
    return data


_INSTANCES = [
    *mixed_instances(range(100, 110)),
    *(("spread", s, _spread_ready_weeks(crowded(s), s)) for s in range(300, 315)),
]


@pytest.mark.parametrize(("kind", "seed", "data"), _INSTANCES, ids=lambda v: str(v)[:12])
def test_carry_over_baselines_are_valid_and_never_dearer_than_weekly(
    kind: str, seed: int, data: dict[str, Any]
) -> None:
    weekly = instance_from_dict(data)
    inst = _carry_over(data)
    try:
        plans = baseline_plans(inst)
    except PlanningInputError:
        # Only pins can make a baseline fail; then they fail under the stricter rule too.
        with pytest.raises(PlanningInputError):
            baseline_plans(weekly)
        return
    for name, plan in plans.items():
        assert check_plan(inst, plan.assignments, plan.cost) == [], name
    try:
        weekly_plans = baseline_plans(weekly)
    except PlanningInputError:
        return  # pins that fit only when hours carry over
    for name, plan in plans.items():
        assert plan.cost <= weekly_plans[name].cost + 1e-9, name
    for order in (fifo_order(inst), edf_order(inst)):
        plan = greedy_plan(inst, order)  # the carry-over greedy alone, before the comparison
        assert check_plan(inst, plan.assignments, plan.cost) == []


@pytest.mark.parametrize(("kind", "seed", "data"), _INSTANCES, ids=lambda v: str(v)[:12])
def test_carry_over_greedy_matches_a_full_scan(kind: str, seed: int, data: dict[str, Any]) -> None:
    inst = _carry_over(data)
    for order in (fifo_order(inst), edf_order(inst)):
        try:
            expected = _full_scan_greedy(inst, order)
        except PlanningInputError:
            continue  # the fast greedy then chooses the pins together (planning.pins)
        assert greedy_plan(inst, order).assignments == expected


def test_carry_over_plans_more_on_these_instances() -> None:
    """The rule is not a no-op: over all instances it plans more cases and costs less."""
    planned = {"weekly": 0, "carry_over": 0}
    cost = {"weekly": 0.0, "carry_over": 0.0}
    for _, _, data in _INSTANCES:
        for rule in planned:
            try:
                plans = baseline_plans(instance_from_dict({**data, "capacity_rule": rule}))
            except PlanningInputError:
                continue
            for plan in plans.values():
                planned[rule] += sum(a.week is not None for a in plan.assignments)
                cost[rule] += plan.cost
    assert planned["carry_over"] > planned["weekly"]
    assert cost["carry_over"] < cost["weekly"]


# --- hand-made cases -----------------------------------------------------------------------


def _tiny(hours: list[float], cases: list[dict[str, Any]], rule: str) -> PlanningInstance:
    """One officer who may take anything; cases with oral effort only (prepare 0, decide 1)."""
    weeks = len(hours)
    return instance_from_dict(
        {
            "horizon_weeks": weeks,
            "capacity_rule": rule,
            "staff": [{"id": "S", "hours": hours, "decision_team": True}],
            "cases": [
                {
                    "id": c["id"],
                    "ready_week": c.get("ready", 0),
                    "effort": {"oral": {"prepare": 0, "hear": c["hours"] - 1, "decide": 1}},
                    "cost_by_week": [0] * weeks,
                    "cost_beyond": c.get("beyond", 100),
                    "received": k,
                    **({"family": c["family"]} if "family" in c else {}),
                }
                for k, c in enumerate(cases)
            ],
        }
    )


def _weeks(assignments: tuple[CaseAssignment, ...]) -> list[int | None]:
    return [a.week for a in assignments]


def test_a_case_bigger_than_a_week_uses_hours_left_in_earlier_weeks() -> None:
    cases = [{"id": "BIG", "hours": 12}]
    weekly = _tiny([10, 10, 10], cases, "weekly")
    assert _weeks(greedy_plan(weekly, [0]).assignments) == [None]
    inst = _tiny([10, 10, 10], cases, "carry_over")
    plan = greedy_plan(inst, [0])
    assert _weeks(plan.assignments) == [1]  # 10 h of week 0 and 2 h of week 1
    assert check_plan(inst, plan.assignments, plan.cost) == []


def test_hours_never_go_back_before_the_ready_week() -> None:
    # Ready in week 1: week 0's hours are of no use; weeks 1 and 2 hold 12 h.
    inst = _tiny([10, 10, 2, 10], [{"id": "LATE", "hours": 12, "ready": 1}], "carry_over")
    assert _weeks(greedy_plan(inst, [0]).assignments) == [2]
    inst = _tiny([10, 5, 5], [{"id": "LATE", "hours": 12, "ready": 1}], "carry_over")
    assert _weeks(greedy_plan(inst, [0]).assignments) == [None]


def test_hours_carried_to_a_later_case_are_gone_for_earlier_weeks() -> None:
    # BIG (decided in week 1) takes week 0's hours, so SMALL no longer fits in week 0.
    cases = [{"id": "BIG", "hours": 15}, {"id": "SMALL", "hours": 6}]
    inst = _tiny([10, 10, 10], cases, "carry_over")
    plan = greedy_plan(inst, [0, 1])
    assert _weeks(plan.assignments) == [1, 2]
    assert check_plan(inst, plan.assignments, plan.cost) == []


def test_family_members_are_booked_each_with_its_own_ready_week() -> None:
    # Decided together in week 1: the member ready in week 0 may use week 0's hours, the one
    # ready in week 1 only week 1's (at most 10 h).
    fits = [
        {"id": "A", "hours": 8, "ready": 0, "family": "F"},
        {"id": "B", "hours": 8, "ready": 1, "family": "F"},
    ]
    inst = _tiny([10, 10], fits, "carry_over")
    plan = greedy_plan(inst, [0, 1])
    assert _weeks(plan.assignments) == [1, 1]
    assert check_plan(inst, plan.assignments, plan.cost) == []
    weekly = _tiny([10, 10], fits, "weekly")
    assert _weeks(greedy_plan(weekly, [0, 1]).assignments) == [None, None]
    # 19 h fit in the 20 h of weeks 0-1, but B alone needs 11 of week 1's 10.
    too_big = [fits[0], {**fits[1], "hours": 11}]
    for order in ([0, 1], [1, 0]):
        inst = _tiny([10, 10], too_big, "carry_over")
        assert _weeks(greedy_plan(inst, order).assignments) == [None, None]


def test_the_greedy_alone_can_be_dearer_under_carry_over_but_the_baseline_is_not() -> None:
    # FIFO takes BIG first. Weekly: BIG fits in no week (left unplanned, 50), SMALL goes to
    # week 0. Carry-over: BIG fits in week 1 on week 0's hours, which SMALL then lacks in both
    # weeks (unplanned, 100). The baseline keeps the cheaper weekly plan.
    cases = [{"id": "BIG", "hours": 12, "beyond": 50}, {"id": "SMALL", "hours": 10}]
    inst = _tiny([10, 10], cases, "carry_over")
    greedy = greedy_plan(inst, fifo_order(inst))
    assert _weeks(greedy.assignments) == [1, None] and greedy.cost == 100
    weekly = _tiny([10, 10], cases, "weekly")
    assert greedy_plan(weekly, fifo_order(weekly)).cost == 50
    fifo = baseline_plans(inst)["fifo"]
    assert _weeks(fifo.assignments) == [None, 0] and fifo.cost == 50
    assert check_plan(inst, fifo.assignments, fifo.cost) == []


def test_weekly_rule_is_unchanged_by_the_carry_over_field() -> None:
    """An instance without the field plans as one that says ``weekly``."""
    data = crowded(201)
    plain = instance_from_dict(data)
    weekly = instance_from_dict({**data, "capacity_rule": "weekly"})
    assert replace(plain) == weekly
    assert baseline_plans(plain) == baseline_plans(weekly)
