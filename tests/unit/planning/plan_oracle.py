# SPDX-License-Identifier: EUPL-1.2
"""Exact optimum of a planning instance by a CP-SAT model written straight from the spec.

Independent of the solver: its own enumeration of choices per case (officer, week, mode, which
packages go to which firm), its own eligibility and hour rules. Only for small instances.

Officer hours under ``capacity_rule`` "weekly": the own hours of the cases decided in a week fit
that week. Under "carry_over": for every officer and weeks r <= w, the own hours of the cases
ready in week r or later and decided in r..w fit the hours of r..w.
"""

from __future__ import annotations

from itertools import product

from ortools.sat.python import cp_model

from verkeerstoren.planning.model.instance import PlanningInstance

SCALE = 100  # CP-SAT needs integer coefficients; test instances use whole or half hours


def _hours(staff: object, week: int) -> float:
    s = staff
    if s.hours is not None:  # type: ignore[attr-defined]
        return float(s.hours[week])  # type: ignore[attr-defined]
    if week < s.start_week:  # type: ignore[attr-defined]
        return 0.0
    k = week - s.start_week  # type: ignore[attr-defined]
    ramp = s.ramp[k] if k < len(s.ramp) else 1.0  # type: ignore[attr-defined]
    return float(s.contract_hours * s.availability * s.productive_share * ramp)  # type: ignore[attr-defined]


def optimum(inst: PlanningInstance, seconds: float = 30.0) -> float:
    """Minimum total cost (raises if CP-SAT does not prove optimality in time)."""
    model = cp_model.CpModel()
    pin = {p.case: p for p in inst.pins}
    # (officer, decision week) -> (chosen?, own hours scaled, ready week of the case)
    officer_load: dict[tuple[str, int], list[tuple[cp_model.IntVar, int, int]]] = {}
    firm_load: dict[tuple[str, int, str], list[tuple[cp_model.IntVar, int]]] = {}
    place: dict[tuple[str, str, int], list[cp_model.IntVar]] = {}
    objective = []
    firm_choices: list[tuple[str | None, bool, bool]] = [(None, False, False)]
    for f in inst.firms:
        firm_choices += [(f.id, True, False), (f.id, False, True), (f.id, True, True)]
    for case in inst.cases:
        choices = []
        modes = [m for m in case.effort if m != "written" or case.written_opt_in]
        for s, w, mode, (fid, prep, draft) in product(
            inst.staff, range(inst.horizon_weeks), modes, firm_choices
        ):
            e = case.effort[mode]
            if w < case.ready_week or not s.can_decide:
                continue
            if case.id in pin and (pin[case.id].officer != s.id or pin[case.id].week != w):
                continue
            if e["hear"] > 0 and not s.can_hear:
                continue
            if case.complex and not s.decision_team:
                continue
            if mode == "oral" and case.location and s.location != case.location:
                continue
            if any(s.competencies.get(k, 0) < v for k, v in case.competencies.items()):
                continue
            if (prep and e["prepare"] == 0) or (draft and e["draft"] == 0):
                continue
            if inst.capacity_rule == "carry_over" and _hours(s, w) <= 0:
                continue  # the officer must be at work in the decision week
            x = model.new_bool_var("")
            choices.append(x)
            own = e["prepare"] * (not prep) + e["hear"] + e["draft"] * (not draft) + e["decide"]
            officer_load.setdefault((s.id, w), []).append((x, round(own * SCALE), case.ready_week))
            cost = case.cost_by_week[w]
            if fid is not None:
                firm = next(f for f in inst.firms if f.id == fid)
                cost += firm.cost_per_hour * (e["prepare"] * prep + e["draft"] * draft)
                if prep:
                    firm_load.setdefault((fid, w, "p"), []).append((x, round(e["prepare"] * SCALE)))
                if draft:
                    firm_load.setdefault((fid, w, "d"), []).append((x, round(e["draft"] * SCALE)))
            objective.append((x, round(cost * SCALE)))
            place.setdefault((case.id, s.id, w), []).append(x)
        if case.id not in pin:
            beyond = model.new_bool_var("")
            choices.append(beyond)
            objective.append((beyond, round(case.cost_beyond * SCALE)))
        model.add_exactly_one(choices)
    if inst.capacity_rule == "carry_over":
        # Every pair r <= w, straight from the spec (not only the starts the solver uses).
        for s in inst.staff:
            for r in range(inst.horizon_weeks):
                for w in range(r, inst.horizon_weeks):
                    load = [
                        c * x
                        for t in range(r, w + 1)
                        for x, c, ready in officer_load.get((s.id, t), [])
                        if ready >= r
                    ]
                    cap = sum(_hours(s, t) for t in range(r, w + 1))
                    if load:
                        model.add(sum(load) <= round(cap * SCALE))
    else:
        for (sid, w), items in officer_load.items():
            staff = next(s for s in inst.staff if s.id == sid)
            model.add(sum(c * x for x, c, _ in items) <= round(_hours(staff, w) * SCALE))
    for (fid, w, kind), items in firm_load.items():
        firm = next(f for f in inst.firms if f.id == fid)
        cap = (firm.prepare_hours if kind == "p" else firm.draft_hours)[w]
        model.add(sum(c * x for x, c in items) <= round(cap * SCALE))
    families: dict[str, list[str]] = {}
    for case in inst.cases:
        if case.family:
            families.setdefault(case.family, []).append(case.id)
    for members in families.values():
        for other in members[1:]:
            for s, w in product(inst.staff, range(inst.horizon_weeks)):
                a = place.get((members[0], s.id, w), [])
                b = place.get((other, s.id, w), [])
                model.add(sum(a) == sum(b))
    model.minimize(sum(c * x for x, c in objective))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = seconds
    status = solver.solve(model)
    assert status == cp_model.OPTIMAL, solver.status_name(status)
    return solver.objective_value / SCALE
