"""The fast greedy baselines give exactly the plans of the straightforward greedy.

``_reference_greedy`` is the greedy as it was before it was sped up (per-unit eligibility scan,
every officer tried in every week): same units, week-major scan from the unit's first ready week,
officers in instance order, same mode and outsourcing order. The fast version must agree on
every assignment (officer, week, mode, firms) and on the cost.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, Protocol

import pytest

from verkeerstoren.planning.baselines import (
    _units,
    baseline_plans,
    edf_order,
    fifo_order,
    greedy_plan,
    plan_cost,
)
from verkeerstoren.planning.examples import random_instance_dict
from verkeerstoren.planning.model.instance import (
    PlanningInputError,
    PlanningInstance,
    instance_from_dict,
)
from verkeerstoren.planning.model.options import eligible
from verkeerstoren.planning.model.plan import CaseAssignment

# --- reference: the greedy before the speed-up, kept deliberately plain ------------------------


class _RefHours(Protocol):
    """An officer's hours in the reference: room for a case, booking, and undoing a unit."""

    def room(self, o: int, week: int, ready: int) -> float: ...
    def take(self, o: int, week: int, ready: int, hours: float) -> None: ...
    def save(self, o: int, week: int) -> object: ...
    def restore(self, o: int, week: int, saved: object) -> None: ...


class _WeeklyHours:
    """The weekly rule as plain lists: hours left per officer and week (no ``OfficerHours``)."""

    def __init__(self, inst: PlanningInstance) -> None:
        weeks = range(inst.horizon_weeks)
        self.left = [[s.hours_in_week(w) for w in weeks] for s in inst.staff]

    def room(self, o: int, week: int, ready: int) -> float:
        return self.left[o][week]

    def take(self, o: int, week: int, ready: int, hours: float) -> None:
        self.left[o][week] -= hours

    def save(self, o: int, week: int) -> object:
        return self.left[o][week]

    def restore(self, o: int, week: int, saved: object) -> None:
        self.left[o][week] = saved  # type: ignore[assignment]


class _RefCapacity:
    def __init__(self, inst: PlanningInstance, staff: _RefHours) -> None:
        self.staff = staff
        self.prep = [list(f.prepare_hours) for f in inst.firms]
        self.draft = [list(f.draft_hours) for f in inst.firms]


def _ref_fit_case(
    inst: PlanningInstance, c: int, o: int, week: int, cap: _RefCapacity
) -> CaseAssignment | None:
    case, staff = inst.cases[c], inst.staff[o]
    eps = 1e-9
    room = float(cap.staff.room(o, week, case.ready_week))
    modes = sorted(
        (m for m in case.modes() if eligible(staff, case, m)),
        key=lambda m: sum(case.effort[m].values()),
    )
    for mode in modes:
        e = case.effort[mode]
        total = e["prepare"] + e["hear"] + e["draft"] + e["decide"]
        if total <= room + eps:
            cap.staff.take(o, week, case.ready_week, total)
            return CaseAssignment(case.id, staff.id, week, mode)
        for f, firm in enumerate(inst.firms):
            for prep, draft in ((True, False), (False, True), (True, True)):
                fp = e["prepare"] if prep else 0.0
                fd = e["draft"] if draft else 0.0
                if (prep and fp <= 0) or (draft and fd <= 0):
                    continue
                own = total - fp - fd
                if (
                    own <= room + eps
                    and fp <= cap.prep[f][week] + eps
                    and fd <= cap.draft[f][week] + eps
                ):
                    cap.staff.take(o, week, case.ready_week, own)
                    cap.prep[f][week] -= fp
                    cap.draft[f][week] -= fd
                    return CaseAssignment(
                        case.id,
                        staff.id,
                        week,
                        mode,
                        firm.id if prep else None,
                        firm.id if draft else None,
                    )
    return None


def _ref_place_unit(
    inst: PlanningInstance, unit: list[int], o: int, week: int, cap: _RefCapacity
) -> dict[int, CaseAssignment] | None:
    if any(inst.cases[c].ready_week > week for c in unit):
        return None
    saved_staff = cap.staff.save(o, week)
    saved_prep = [r[week] for r in cap.prep]
    saved_draft = [r[week] for r in cap.draft]
    placed: dict[int, CaseAssignment] = {}
    for c in unit:
        a = _ref_fit_case(inst, c, o, week, cap)
        if a is None:
            cap.staff.restore(o, week, saved_staff)
            for f, row in enumerate(cap.prep):
                row[week] = saved_prep[f]
            for f, row in enumerate(cap.draft):
                row[week] = saved_draft[f]
            return None
        placed[c] = a
    return placed


def _reference_greedy(
    inst: PlanningInstance,
    order: list[int],
    hours: Callable[[PlanningInstance], _RefHours] = _WeeklyHours,
    *,
    full_scan: bool = False,
) -> tuple[CaseAssignment, ...]:
    """Pins first one by one (PlanningInputError when one does not fit), then a week-major scan.

    ``hours`` builds the officers' hours (weekly lists by default; the carry-over tests pass
    theirs). ``full_scan`` tries every officer in every week; otherwise, as before the speed-up,
    only the officers eligible for every case of the unit with room for its least own effort.
    """
    cap = _RefCapacity(inst, hours(inst))
    staff_index = {s.id: k for k, s in enumerate(inst.staff)}
    pin_of = {p.case: p for p in inst.pins}
    result: dict[int, CaseAssignment] = {}
    units = _units(inst, order)  # unchanged by the rewrite
    pinned_units = [u for u in units if any(inst.cases[c].id in pin_of for c in u)]
    for unit in pinned_units:
        pins = {
            (pin_of[inst.cases[c].id].officer, pin_of[inst.cases[c].id].week)
            for c in unit
            if inst.cases[c].id in pin_of
        }
        if len(pins) > 1:
            raise PlanningInputError("family pinned to different officers or weeks")
        officer, week = pins.pop()
        placed = _ref_place_unit(inst, unit, staff_index[officer], week, cap)
        if placed is None:
            raise PlanningInputError("pin cannot be met")
        result.update(placed)
    for unit in units:
        if unit in pinned_units:
            continue
        first = max(inst.cases[c].ready_week for c in unit)
        officers = [
            o
            for o, staff in enumerate(inst.staff)
            if full_scan
            or all(
                any(eligible(staff, inst.cases[c], m) for m in inst.cases[c].modes()) for c in unit
            )
        ]
        min_own = min(
            inst.cases[c].effort[m]["hear"] + inst.cases[c].effort[m]["decide"]
            for c in unit
            for m in inst.cases[c].modes()
        )
        placed = None
        for week in range(first, inst.horizon_weeks):
            for o in officers:
                if not full_scan and cap.staff.room(o, week, first) + 1e-9 < min_own:
                    continue
                placed = _ref_place_unit(inst, unit, o, week, cap)
                if placed is not None:
                    break
            if placed is not None:
                break
        result.update(placed or {c: CaseAssignment(inst.cases[c].id) for c in unit})
    return tuple(result[c] for c in range(len(inst.cases)))


def _reference_cost(inst: PlanningInstance, assignments: tuple[CaseAssignment, ...]) -> float:
    firms = {f.id: f for f in inst.firms}
    total = 0.0
    for case, a in zip(inst.cases, assignments, strict=True):
        if a.week is None or a.mode is None:
            total += case.cost_beyond
            continue
        total += case.cost_by_week[a.week]
        e = case.effort[a.mode]
        if a.prepare_by is not None:
            total += e["prepare"] * firms[a.prepare_by].cost_per_hour
        if a.draft_by is not None:
            total += e["draft"] * firms[a.draft_by].cost_per_hour
    return total


# --- instances -----------------------------------------------------------------------------


def _crowded(seed: int) -> dict[str, Any]:
    """More work than hours, families of up to four, scarce firm hours, odd effort values."""
    rng = random.Random(seed)
    data = random_instance_dict(seed, staff=7, cases=60, weeks=6, firms=3, families=10, pins=3)
    for case in data["cases"]:
        for mode, e in case["effort"].items():
            e["hear"] = rng.choice([0, 0.5, 1.3, 2, 4.7, 6]) if mode == "written" else e["hear"]
            e["prepare"] = rng.choice([0, 1.5, 2, 3.1])
            e["draft"] = rng.choice([0, 2.2, 3, 4])
    for k in range(6):  # larger families (some members may already be in a family)
        for c in rng.sample(range(len(data["cases"])), 4):
            case = data["cases"][c]
            if not any(p["case"] == case["id"] for p in data["pins"]):
                case["family"] = f"G{k}"
    for firm in data["firms"]:
        firm["prepare_hours"] = [rng.choice([0, 1.5, 3, 6]) for _ in range(6)]
        firm["draft_hours"] = [rng.choice([0, 2.2, 4, 8]) for _ in range(6)]
    return data


def _instances(no_firms_seeds: range) -> list[tuple[str, int, dict[str, Any]]]:
    """Small examples, examples without firms (seeds as asked) and crowded instances."""
    return [
        *(
            ("example", s, random_instance_dict(s, staff=6, cases=20, weeks=5, firms=2, families=3))
            for s in range(15)
        ),
        *(
            (
                "no-firms",
                s,
                random_instance_dict(s, staff=5, cases=30, weeks=4, firms=0, families=4),
            )
            for s in no_firms_seeds
        ),
        *(("crowded", s, _crowded(s)) for s in range(200, 225)),
    ]


_INSTANCES = _instances(range(100, 106))


@pytest.mark.parametrize(("kind", "seed", "data"), _INSTANCES, ids=lambda v: str(v)[:12])
def test_fast_greedy_matches_reference(kind: str, seed: int, data: dict[str, Any]) -> None:
    inst = instance_from_dict(data)
    for order in (fifo_order(inst), edf_order(inst)):
        try:
            expected = _reference_greedy(inst, order)
        except PlanningInputError:
            with pytest.raises(PlanningInputError):
                greedy_plan(inst, order)
            continue
        plan = greedy_plan(inst, order)
        assert plan.assignments == expected
        assert plan.cost == _reference_cost(inst, expected)
        assert plan_cost(inst, expected) == _reference_cost(inst, expected)


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
        expected = _reference_greedy(inst, order)
    except PlanningInputError:
        with pytest.raises(PlanningInputError):
            greedy_plan(inst, order)
        return
    assert greedy_plan(inst, order).assignments == expected
