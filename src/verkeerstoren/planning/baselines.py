"""Greedy baseline planners: FIFO (oldest case first) and EDF (earliest deadline first).

Both give each case (a family as one unit) the earliest week in which some eligible officer has
the hours, trying the hearing mode that costs the officer least and outsourcing only when the
officer alone cannot fit it. They stand for "how planning was done by hand" and give the solver
a feasible warm start.
"""

from __future__ import annotations

from collections.abc import Callable

from verkeerstoren.planning.instance import Case, PlanningInputError, PlanningInstance
from verkeerstoren.planning.options import eligible
from verkeerstoren.planning.plan import CaseAssignment, Plan


def deadline_week(case: Case, horizon: int) -> int:
    """Explicit deadline, else the first week whose cost exceeds the week-0 cost."""
    if case.deadline_week is not None:
        return case.deadline_week
    base = case.cost_by_week[0]
    return next((w for w, c in enumerate(case.cost_by_week) if c > base), horizon)


def fifo_order(inst: PlanningInstance) -> list[int]:
    """Cases oldest first (``received``, then position)."""
    return sorted(range(len(inst.cases)), key=lambda c: (inst.cases[c].received, c))


def edf_order(inst: PlanningInstance) -> list[int]:
    """Cases by earliest deadline, then oldest first."""
    h = inst.horizon_weeks
    return sorted(
        range(len(inst.cases)),
        key=lambda c: (deadline_week(inst.cases[c], h), inst.cases[c].received, c),
    )


class _Capacity:
    """Remaining officer and firm hours while the greedy fills the plan."""

    def __init__(self, inst: PlanningInstance) -> None:
        weeks = range(inst.horizon_weeks)
        self.staff = [[s.hours_in_week(w) for w in weeks] for s in inst.staff]
        self.prep = [list(f.prepare_hours) for f in inst.firms]
        self.draft = [list(f.draft_hours) for f in inst.firms]


def _fit_case(
    inst: PlanningInstance, c: int, o: int, week: int, cap: _Capacity
) -> CaseAssignment | None:
    """Place case c with officer o in week (consuming hours) or return None."""
    case, staff = inst.cases[c], inst.staff[o]
    eps = 1e-9
    modes = sorted(
        (m for m in case.modes() if eligible(staff, case, m)),
        key=lambda m: sum(case.effort[m].values()),
    )
    for mode in modes:
        e = case.effort[mode]
        total = e["prepare"] + e["hear"] + e["draft"] + e["decide"]
        if total <= cap.staff[o][week] + eps:
            cap.staff[o][week] -= total
            return CaseAssignment(case.id, staff.id, week, mode)
        for f, firm in enumerate(inst.firms):
            for prep, draft in ((True, False), (False, True), (True, True)):
                fp = e["prepare"] if prep else 0.0
                fd = e["draft"] if draft else 0.0
                if (prep and fp <= 0) or (draft and fd <= 0):
                    continue
                own = total - fp - fd
                if (
                    own <= cap.staff[o][week] + eps
                    and fp <= cap.prep[f][week] + eps
                    and fd <= cap.draft[f][week] + eps
                ):
                    cap.staff[o][week] -= own
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


def _units(inst: PlanningInstance, order: list[int]) -> list[list[int]]:
    """Families become one unit, placed where their first member appears in ``order``."""
    seen: set[str] = set()
    families: dict[str, list[int]] = {}
    for c, case in enumerate(inst.cases):
        if case.family:
            families.setdefault(case.family, []).append(c)
    units = []
    for c in order:
        fam = inst.cases[c].family
        if fam:
            if fam in seen:
                continue
            seen.add(fam)
            units.append(families[fam])
        else:
            units.append([c])
    return units


def greedy_plan(inst: PlanningInstance, order: list[int]) -> Plan:
    """Greedy plan in the given case order; pinned units go first, exactly as pinned."""
    cap = _Capacity(inst)
    staff_index = {s.id: k for k, s in enumerate(inst.staff)}
    pin_of = {p.case: p for p in inst.pins}
    result: dict[int, CaseAssignment] = {}
    units = _units(inst, order)
    pinned_units = [u for u in units if any(inst.cases[c].id in pin_of for c in u)]
    for unit in pinned_units:
        pins = {
            (pin_of[inst.cases[c].id].officer, pin_of[inst.cases[c].id].week)
            for c in unit
            if inst.cases[c].id in pin_of
        }
        if len(pins) > 1:
            raise PlanningInputError(
                f"family {inst.cases[unit[0]].family!r}: members pinned to different "
                "officers or weeks"
            )
        officer, week = pins.pop()
        placed = _place_unit(inst, unit, staff_index[officer], week, cap)
        if placed is None:
            raise PlanningInputError(
                f"pin of case(s) {[inst.cases[c].id for c in unit]} to {officer} in week "
                f"{week} cannot be met (eligibility, readiness or hours)"
            )
        result.update(placed)
    for unit in units:
        if unit in pinned_units:
            continue
        first = max(inst.cases[c].ready_week for c in unit)
        # Same officers in the same order as a full scan, minus those who can never take the
        # unit (eligibility does not change while filling) or have no hours left that week
        # (fewer than the unit's least own hours).
        officers = [
            o
            for o, staff in enumerate(inst.staff)
            if all(
                any(eligible(staff, inst.cases[c], m) for m in inst.cases[c].modes()) for c in unit
            )
        ]
        # Officer hours any placement of this unit needs at least: hear + decide of its
        # cheapest case and mode (prepare and draft can go to a firm).
        min_own = min(
            inst.cases[c].effort[m]["hear"] + inst.cases[c].effort[m]["decide"]
            for c in unit
            for m in inst.cases[c].modes()
        )
        placed = None
        for week in range(first, inst.horizon_weeks):
            for o in officers:
                if cap.staff[o][week] + 1e-9 < min_own:
                    continue
                placed = _place_unit(inst, unit, o, week, cap)
                if placed is not None:
                    break
            if placed is not None:
                break
        result.update(placed or {c: CaseAssignment(inst.cases[c].id) for c in unit})
    assignments = tuple(result[c] for c in range(len(inst.cases)))
    return Plan(assignments, plan_cost(inst, assignments))


def _place_unit(
    inst: PlanningInstance, unit: list[int], o: int, week: int, cap: _Capacity
) -> dict[int, CaseAssignment] | None:
    """Place all cases of a unit with one officer in one week, or nothing (hours restored)."""
    if any(inst.cases[c].ready_week > week for c in unit):
        return None
    # _fit_case only touches officer o's and the firms' hours of this week, so only those are
    # saved: copying the whole table per attempt made the greedy quadratic on a real register.
    saved_staff = cap.staff[o][week]
    saved_prep = [r[week] for r in cap.prep]
    saved_draft = [r[week] for r in cap.draft]
    placed: dict[int, CaseAssignment] = {}
    for c in unit:
        a = _fit_case(inst, c, o, week, cap)
        if a is None:
            cap.staff[o][week] = saved_staff
            for f, row in enumerate(cap.prep):
                row[week] = saved_prep[f]
            for f, row in enumerate(cap.draft):
                row[week] = saved_draft[f]
            return None
        placed[c] = a
    return placed


def plan_cost(inst: PlanningInstance, assignments: tuple[CaseAssignment, ...]) -> float:
    """Total cost of a plan (completion-week costs plus paid firm hours)."""
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


BASELINES: dict[str, Callable[[PlanningInstance], list[int]]] = {
    "fifo": fifo_order,
    "edf": edf_order,
}


def baseline_plans(inst: PlanningInstance) -> dict[str, Plan]:
    """The FIFO and EDF greedy plans."""
    return {name: greedy_plan(inst, order(inst)) for name, order in BASELINES.items()}
