# SPDX-License-Identifier: EUPL-1.2
"""A plain greedy to compare the fast FIFO/EDF baselines with (test_baselines*.py).

Kept deliberately plain, which makes it a legitimate reference: none of the fast version's
pre-filters, merged officers or cached case facts. Per unit an eligibility scan, every officer
tried in every week, the week-major order from the unit's first ready week, officers in
instance order, modes by total effort, then each firm with prepare, draft or both. The fast
greedy must give exactly these assignments.

Shared with the code under test: the grouping of cases into units (``baselines._units``: a
family where its first member comes in the order) and the eligibility rule
(``options.eligible``). The checker judges both independently in the solver tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from verkeerstoren.planning.baselines import _units
from verkeerstoren.planning.model.instance import PlanningInputError, PlanningInstance
from verkeerstoren.planning.model.options import eligible
from verkeerstoren.planning.model.plan import CaseAssignment


class RefHours(Protocol):
    """An officer's hours in the reference: room for a case, booking, and undoing a unit."""

    def room(self, o: int, week: int, ready: int) -> float: ...
    def take(self, o: int, week: int, ready: int, hours: float) -> None: ...
    def save(self, o: int, week: int) -> object: ...
    def restore(self, o: int, week: int, saved: object) -> None: ...


class WeeklyHours:
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
    def __init__(self, inst: PlanningInstance, staff: RefHours) -> None:
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


def reference_greedy(
    inst: PlanningInstance,
    order: list[int],
    hours: Callable[[PlanningInstance], RefHours] = WeeklyHours,
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
    units = _units(inst, order)  # shared with the code under test (module docstring)
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


def reference_cost(inst: PlanningInstance, assignments: tuple[CaseAssignment, ...]) -> float:
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
