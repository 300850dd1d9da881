"""Why the plan puts a case where it does: reason codes per assignment, derived after solving.

An optimiser does not say why; these reasons are what a planner can check against the plan
itself: which officers were eligible, whether any of them had room in an earlier week, what
deciding a week later would cost, why this hearing mode. They are stored as codes with
parameters (``{"code": "cost_if_later", "eur": 45.0, ...}``) and rendered in the reader's
language by the web layer, which also leaves out specialisms for roles that may not see them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from verkeerstoren.planning.instance import Case, PlanningInstance, Staff
from verkeerstoren.planning.options import eligible
from verkeerstoren.planning.plan import CaseAssignment, Plan

from .register_instance import RegisterInstance

Reason = dict[str, Any]
FloatArray = np.ndarray[Any, np.dtype[np.float64]]
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]
EPS = 0.005  # half a cent: cost differences below it are rounding


def _signature(case: Case) -> tuple[Any, ...]:
    """Everything eligibility depends on (cases with the same signature share officers)."""
    hearing = tuple((m, case.effort[m]["hear"] > 0) for m in case.modes())
    return (case.complex, tuple(sorted(case.competencies.items())), case.location, hearing)


def _eligible_mask(case: Case, staff: tuple[Staff, ...]) -> BoolArray:
    return np.array([any(eligible(s, case, m) for m in case.modes()) for s in staff], np.bool_)


def _own_hours(case: Case, a: CaseAssignment) -> float:
    if a.mode is None:
        return 0.0
    e = case.effort[a.mode]
    own = sum(e.values())
    if a.prepare_by is not None:
        own -= e["prepare"]
    if a.draft_by is not None:
        own -= e["draft"]
    return float(own)


@dataclass(frozen=True)
class Room:
    """Hours left after the plan: per (officer, week), and per week over all firms (the most
    any single firm has left, for preparation and for drafting)."""

    staff: FloatArray
    firm_prepare: FloatArray
    firm_draft: FloatArray


def remaining_room(inst: PlanningInstance, plan: Plan) -> Room:
    """What the plan leaves free, per officer and week and per firm and week."""
    weeks = inst.horizon_weeks
    index = {s.id: k for k, s in enumerate(inst.staff)}
    firm_index = {f.id: k for k, f in enumerate(inst.firms)}
    left = np.array(
        [[s.hours_in_week(w) for w in range(weeks)] for s in inst.staff], np.float64
    ).reshape(len(inst.staff), weeks)
    prep = np.array([f.prepare_hours for f in inst.firms], np.float64).reshape(-1, weeks)
    draft = np.array([f.draft_hours for f in inst.firms], np.float64).reshape(-1, weeks)
    for case, a in zip(inst.cases, plan.assignments, strict=True):
        if a.officer is None or a.week is None or a.mode is None:
            continue
        left[index[a.officer], a.week] -= _own_hours(case, a)
        if a.prepare_by is not None:
            prep[firm_index[a.prepare_by], a.week] -= case.effort[a.mode]["prepare"]
        if a.draft_by is not None:
            draft[firm_index[a.draft_by], a.week] -= case.effort[a.mode]["draft"]
    best_prep = prep.max(axis=0) if len(inst.firms) else np.zeros(weeks)
    best_draft = draft.max(axis=0) if len(inst.firms) else np.zeros(weeks)
    return Room(left, best_prep, best_draft)


def explain(built: RegisterInstance, plan: Plan) -> list[list[Reason]]:
    """Reasons for every assignment of ``plan`` (instance order)."""
    inst = built.instance
    horizon = inst.horizon_weeks
    staff_index = {s.id: k for k, s in enumerate(inst.staff)}
    pinned = {p.case for p in inst.pins}
    room = remaining_room(inst, plan)
    masks: dict[tuple[Any, ...], BoolArray] = {}
    out: list[list[Reason]] = []
    for i, (case, a) in enumerate(zip(inst.cases, plan.assignments, strict=True)):
        sig = _signature(case)
        if sig not in masks:
            masks[sig] = _eligible_mask(case, inst.staff)
        mask = masks[sig]
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
            reasons.append(_timing(case, w, mask, room))
        later = case.cost_by_week[w + 1] if w + 1 < horizon else case.cost_beyond
        delta = later - case.cost_by_week[w]
        if delta > EPS:
            reasons.append(
                {
                    "code": "cost_if_later",
                    "eur": round(delta, 2),
                    "deadline_week": (built.deadline[i] - built.as_of).days // 7,
                    "overdue": built.deadline[i] < built.as_of,
                    "deadline_in_horizon": built.deadline[i] < built.week_start(horizon),
                }
            )
        else:
            reasons.append({"code": "no_cost_if_later"})
        reasons.extend(_mode(case, a, built.hearing_left[i], inst.staff[staff_index[a.officer]]))
        out.append(reasons)
    return out


def _timing(case: Case, week: int, mask: BoolArray, room: Room) -> Reason:
    """Why this week: the first possible one, or no eligible officer had room earlier."""
    if week == case.ready_week:
        if case.ready_week > 0:
            return {"code": "dossier_ready", "week": case.ready_week}
        return {"code": "first_week"}
    span = slice(case.ready_week, week)
    fits = np.zeros(week - case.ready_week, np.bool_)
    for m in case.modes():
        e = case.effort[m]
        alone = sum(e.values())
        # With preparation and drafting outsourced, if one firm still had the hours.
        firm_ok = (room.firm_prepare[span] >= e["prepare"] - 1e-9) & (
            room.firm_draft[span] >= e["draft"] - 1e-9
        )
        need = np.where(firm_ok, e["hear"] + e["decide"], alone)
        fits |= (room.staff[mask, span] >= need - 1e-9).any(axis=0)
    if not fits.any():
        return {"code": "earliest_capacity"}
    earlier = case.ready_week + int(np.argmax(fits))
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
