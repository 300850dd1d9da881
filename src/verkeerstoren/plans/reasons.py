# SPDX-License-Identifier: EUPL-1.2
"""Why the plan puts a case where it does: reason codes per assignment, derived after solving.

An optimiser does not say why; these reasons are what a planner can check against the plan
itself: which officers were eligible, whether any of them had room in an earlier week, what
deciding a week later would cost, why this hearing mode. They are stored as codes with
parameters (``{"code": "cost_if_later", "eur": 45.0, ...}``) and rendered in the reader's
language by the web layer, which also leaves out specialisms for roles that may not see them.

"Room" follows the instance's capacity rule: under ``carry_over`` an officer's room for a case
in a week includes hours left unused from the case's ready week on (and is smaller where a
later case already counts on them), so a week with few hours of its own can still have room.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from verkeerstoren.planning.model.capacity import OfficerHours
from verkeerstoren.planning.model.instance import Case, PlanningInstance, Staff
from verkeerstoren.planning.model.options import eligible
from verkeerstoren.planning.model.plan import CaseAssignment, Plan
from verkeerstoren.weeks import week_of

from .register_instance import RegisterInstance

Reason = dict[str, Any]
FloatArray = np.ndarray[Any, np.dtype[np.float64]]
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]
EPS = 0.005  # half a cent: cost differences below it are rounding


def _signature(case: Case) -> tuple[Any, ...]:
    """Everything eligibility depends on (cases with the same signature share officers)."""
    hearing = tuple((m, case.effort[m].hear > 0) for m in case.modes())
    return (case.complex, tuple(sorted(case.competencies.items())), case.location, hearing)


def _eligible_mask(case: Case, staff: tuple[Staff, ...]) -> BoolArray:
    return np.array([any(eligible(s, case, m) for m in case.modes()) for s in staff], np.bool_)


def _own_hours(case: Case, a: CaseAssignment) -> float:
    if a.mode is None:
        return 0.0
    return case.effort[a.mode].own_hours(a.prepare_by is not None, a.draft_by is not None)


@dataclass(frozen=True)
class Room:
    """Hours left after the plan: per officer under the capacity rule, and per week over all
    firms (the most any single firm has left, for preparation and for drafting)."""

    officers: OfficerHours
    firm_prepare: FloatArray
    firm_draft: FloatArray

    def without(
        self, o: int, unit: list[tuple[Case, CaseAssignment]], ready: int, weeks: range
    ) -> FloatArray:
        """Officer o's room in ``weeks`` for a case of ``ready`` if the unit's hours (planned
        with o) were given back."""
        saved = self.officers.save(o)
        try:
            for case, a in unit:
                if a.week is None:
                    raise RuntimeError("a planned unit has its week")
                self.officers.give(o, a.week, case.ready_week, _own_hours(case, a))
            return self.officers.table(ready)[o, weeks.start : weeks.stop].copy()
        finally:
            self.officers.restore(o, saved)


def remaining_room(inst: PlanningInstance, plan: Plan) -> Room:
    """What the plan leaves free, per officer and per firm and week."""
    weeks = inst.horizon_weeks
    index = {s.id: k for k, s in enumerate(inst.staff)}
    firm_index = {f.id: k for k, f in enumerate(inst.firms)}
    hours = np.array(
        [[s.hours_in_week(w) for w in range(weeks)] for s in inst.staff], np.float64
    ).reshape(len(inst.staff), weeks)
    officers = OfficerHours(hours, (c.ready_week for c in inst.cases), inst.carry_over)
    prep = np.array([f.prepare_hours for f in inst.firms], np.float64).reshape(-1, weeks)
    draft = np.array([f.draft_hours for f in inst.firms], np.float64).reshape(-1, weeks)
    for case, a in zip(inst.cases, plan.assignments, strict=True):
        if a.officer is None or a.week is None or a.mode is None:
            continue
        officers.take(index[a.officer], a.week, case.ready_week, _own_hours(case, a))
        if a.prepare_by is not None:
            prep[firm_index[a.prepare_by], a.week] -= case.effort[a.mode].prepare
        if a.draft_by is not None:
            draft[firm_index[a.draft_by], a.week] -= case.effort[a.mode].draft
    best_prep = prep.max(axis=0) if len(inst.firms) else np.zeros(weeks)
    best_draft = draft.max(axis=0) if len(inst.firms) else np.zeros(weeks)
    return Room(officers, best_prep, best_draft)


def explain(built: RegisterInstance, plan: Plan) -> list[list[Reason]]:
    """Reasons for every assignment of ``plan`` (instance order)."""
    inst = built.instance
    horizon = inst.horizon_weeks
    staff_index = {s.id: k for k, s in enumerate(inst.staff)}
    pinned = {p.case for p in inst.pins}
    room = remaining_room(inst, plan)
    masks: dict[tuple[Any, ...], BoolArray] = {}

    def mask_of(case: Case) -> BoolArray:
        sig = _signature(case)
        if sig not in masks:
            masks[sig] = _eligible_mask(case, inst.staff)
        return masks[sig]

    families: dict[str, list[int]] = {}
    for i, case in enumerate(inst.cases):
        if case.family:
            families.setdefault(case.family, []).append(i)
    out: list[list[Reason]] = []
    for i, (case, a) in enumerate(zip(inst.cases, plan.assignments, strict=True)):
        mask = mask_of(case)
        reasons: list[Reason] = []
        if case.id in pinned:
            reasons.append({"code": "pinned"})
        if case.complex:
            reasons.append({"code": "decision_team"})
        for code, level in sorted(case.competencies.items()):
            reasons.append({"code": "competency", "competency": code, "level": level})
        if a.week is None or a.officer is None:
            if not mask.any():
                reasons.insert(0, {"code": "no_eligible_officer"})
            else:
                reasons.insert(0, {"code": "no_capacity", "eur": round(case.cost_beyond, 2)})
            out.append(reasons)
            continue
        w = a.week
        if case.id not in pinned:
            # A family is decided together: it moves as one unit, by an officer for all.
            unit = families.get(case.family, [i]) if case.family else [i]
            members = [(inst.cases[k], plan.assignments[k]) for k in unit]
            for_all = np.logical_and.reduce([mask_of(c) for c, _ in members])
            reasons.append(_timing(case, members, staff_index[a.officer], for_all, room))
        later = case.cost_by_week[w + 1] if w + 1 < horizon else case.cost_beyond
        delta = later - case.cost_by_week[w]
        if delta > EPS:
            reasons.append(
                {
                    "code": "cost_if_later",
                    "eur": round(delta, 2),
                    "deadline_week": week_of(built.as_of, built.deadline[i]),
                    "overdue": built.deadline[i] < built.as_of,
                    "deadline_in_horizon": built.deadline[i] < built.week_start(horizon),
                }
            )
        else:
            reasons.append({"code": "no_cost_if_later"})
        reasons.extend(_mode(case, a, built.hearing_left[i], inst.staff[staff_index[a.officer]]))
        out.append(reasons)
    return out


def _timing(
    case: Case,
    unit: list[tuple[Case, CaseAssignment]],
    officer: int,
    mask: BoolArray,
    room: Room,
) -> Reason:
    """Why this week: the first possible one, or no eligible officer had room earlier.

    ``unit``: the case, or its whole family (decided together, so only movable together: from
    the week its last member is ready, with room for all members' hours). ``mask``: the
    officers eligible for every member.
    """
    week = unit[0][1].week
    if week is None:
        raise RuntimeError("a planned unit has its week")
    ready = max(c.ready_week for c, _ in unit)
    if week <= ready:
        if ready > 0:
            return {"code": "dossier_ready", "week": ready}
        return {"code": "first_week"}
    span = slice(ready, week)
    # Under carry_over the members' rooms differ by ready week; the earliest one's is the
    # largest (every member's hours count in it).
    first_ready = min(c.ready_week for c, _ in unit)
    staff = room.officers.table(first_ready)[:, span]
    if room.officers.carry_over:
        # The unit's own hours count in every later week's room of its officer: without them.
        staff = staff.copy()
        staff[officer] = room.without(officer, unit, first_ready, range(ready, week))
    staff = staff[mask]
    need_all = np.zeros(week - ready)
    for member, _ in unit:
        need_member = np.full(week - ready, np.inf)
        for m in member.modes():
            e = member.effort[m]
            # With preparation and drafting outsourced, if one firm still had the hours.
            firm_ok = (room.firm_prepare[span] >= e.prepare - 1e-9) & (
                room.firm_draft[span] >= e.draft - 1e-9
            )
            fewest = np.where(firm_ok, e.own_hours(True, True), e.own_hours())
            need_member = np.minimum(need_member, fewest)
        need_all += need_member
    fits = (staff >= need_all - 1e-9).any(axis=0)
    if not fits.any():
        return {"code": "earliest_capacity"}
    earlier = ready + int(np.argmax(fits))
    gain = case.cost_by_week[week] - case.cost_by_week[earlier]
    if gain > EPS:
        return {"code": "earlier_possible", "week": earlier, "eur": round(gain, 2)}
    return {"code": "no_gain_earlier", "week": earlier}


def _mode(case: Case, a: CaseAssignment, hearing_left: bool, officer: Staff) -> list[Reason]:
    reasons: list[Reason] = []
    if not hearing_left:
        reasons.append({"code": "already_heard"})
    elif a.mode == "written":
        reasons.append({"code": "written_opt_in"})
    elif a.mode == "video" and case.location and officer.location != case.location:
        reasons.append(
            {
                "code": "video_elsewhere",
                "case_location": case.location,
                "officer_location": officer.location,
            }
        )
    firms = sorted({f for f in (a.prepare_by, a.draft_by) if f is not None})
    if firms:
        packages = [p for p, f in (("prepare", a.prepare_by), ("draft", a.draft_by)) if f]
        reasons.append({"code": "outsourced", "firm": firms[0], "packages": packages})
    return reasons
