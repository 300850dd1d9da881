# SPDX-License-Identifier: EUPL-1.2
"""Large-neighbourhood search for plans: free a few officers' cases and re-solve them exactly.

Each step picks a handful of officers, frees every case they hold (whole families, and some
unplanned cases that could use the room), keeps all other cases fixed, and solves the small
sub-instance (those officers with their remaining hours, firms with their remaining hours)
with the same option model and HiGHS. A sub-plan replaces the current one only when cheaper.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from verkeerstoren.planning.exact.model import solve_model
from verkeerstoren.planning.model.instance import PlanningInstance
from verkeerstoren.planning.model.options import Option, case_options
from verkeerstoren.planning.model.plan import CaseAssignment, Plan, plan_cost

OFFICERS_PER_STEP = 5
UNPLANNED_PER_STEP = 20


def improve_plan(
    inst: PlanningInstance,
    plan: Plan,
    *,
    deadline: float,
    seed: int,
    max_steps: int = 10**9,
    step_estimate: float = 0.0,
) -> Plan:
    """Improve a feasible plan until the deadline (or ``max_steps``, or a step that solved the
    whole instance to optimality); never returns worse.

    A step starts only when one as long as the longest so far (at first ``step_estimate``
    seconds) still ends before the deadline: on a register a step takes seconds, and the time
    limit is a promise to the planner.
    """
    rng = np.random.default_rng(seed)
    eligible_staff = [k for k, s in enumerate(inst.staff) if s.can_decide]
    if not eligible_staff:
        return plan
    current = list(plan.assignments)
    best_cost = plan.cost
    steps = 0
    longest = step_estimate
    while time.monotonic() + longest < deadline and steps < max_steps:
        steps += 1
        began = time.monotonic()
        size = min(len(eligible_staff), OFFICERS_PER_STEP)
        chosen = sorted(int(k) for k in rng.choice(eligible_staff, size=size, replace=False))
        sub = _sub_instance(inst, current, chosen, rng)
        if sub is None:
            continue
        sub_inst, case_idx = sub
        options = _options(sub_inst)
        start = _start(sub_inst, options, [current[c] for c in case_idx], chosen, inst)
        sol = solve_model(
            sub_inst,
            options,
            np.array(
                [[s.hours_in_week(w) for w in range(inst.horizon_weeks)] for s in sub_inst.staff]
            ),
            pinned={
                k for k, c in enumerate(sub_inst.cases) if c.id in {p.case for p in sub_inst.pins}
            },
            integer=True,
            time_limit=min(max(0.05, deadline - time.monotonic()), 5.0),
            start=start,
        )
        longest = max(longest, time.monotonic() - began)
        if sol.chosen is None:
            continue
        trial = current[:]
        for k, c in enumerate(case_idx):
            opt = sol.chosen[k]
            trial[c] = _to_assignment(inst, sub_inst, options, opt, chosen, c)
        cost = plan_cost(inst, tuple(trial))
        if cost < best_cost - 1e-9:
            current, best_cost = trial, cost
        whole = size == len(eligible_staff) and len(case_idx) == len(inst.cases)
        if whole and sol.status == "optimal":
            # This step freed every officer and every case: its optimum is the instance's,
            # so no later step can improve it and the time left is not spent on trying.
            break
    return Plan(tuple(current), best_cost)


def _sub_instance(
    inst: PlanningInstance,
    current: list[CaseAssignment],
    chosen: list[int],
    rng: np.random.Generator,
) -> tuple[PlanningInstance, list[int]] | None:
    """Sub-instance: chosen officers (remaining hours), freed cases, firms' remaining hours."""
    ids = {inst.staff[k].id for k in chosen}
    pin_of = {p.case: p for p in inst.pins}
    family: dict[str, list[int]] = {}
    for c, case in enumerate(inst.cases):
        if case.family:
            family.setdefault(case.family, []).append(c)
    freed = {c for c, a in enumerate(current) if a.officer in ids}
    unplanned = [c for c, a in enumerate(current) if a.week is None]
    if unplanned:
        take = min(len(unplanned), UNPLANNED_PER_STEP)
        freed |= {int(c) for c in rng.choice(unplanned, size=take, replace=False)}
    # Whole families only, and never a case pinned to an officer outside the step.
    closed: set[int] = set()
    for c in sorted(freed):
        group = family.get(inst.cases[c].family, [c]) if inst.cases[c].family else [c]
        if all(
            inst.cases[g].id not in pin_of or pin_of[inst.cases[g].id].officer in ids for g in group
        ):
            closed.update(group)
    if not closed:
        return None
    case_idx = sorted(closed)
    weeks = range(inst.horizon_weeks)
    staff_hours = {
        inst.staff[k].id: [inst.staff[k].hours_in_week(w) for w in weeks] for k in chosen
    }
    firm_prep = {f.id: list(f.prepare_hours) for f in inst.firms}
    firm_draft = {f.id: list(f.draft_hours) for f in inst.firms}
    for c, a in enumerate(current):
        if c in closed or a.week is None or a.mode is None:
            continue
        e = inst.cases[c].effort[a.mode]
        own = e.own_hours(a.prepare_by is not None, a.draft_by is not None)
        if a.prepare_by is not None:
            firm_prep[a.prepare_by][a.week] -= e.prepare
        if a.draft_by is not None:
            firm_draft[a.draft_by][a.week] -= e.draft
        if a.officer in staff_hours:
            staff_hours[a.officer][a.week] -= own
    staff = tuple(
        replace(inst.staff[k], hours=tuple(max(0.0, h) for h in staff_hours[inst.staff[k].id]))
        for k in chosen
    )
    firms = tuple(
        replace(
            f,
            prepare_hours=tuple(max(0.0, h) for h in firm_prep[f.id]),
            draft_hours=tuple(max(0.0, h) for h in firm_draft[f.id]),
        )
        for f in inst.firms
    )
    cases = tuple(inst.cases[c] for c in case_idx)
    case_ids = {c.id for c in cases}
    pins = tuple(p for p in inst.pins if p.case in case_ids)
    # The chosen officers' own cases are all freed, so their hours are whole and the rule
    # (weekly or carry-over) applies to the sub-instance as to the instance.
    sub = PlanningInstance(inst.horizon_weeks, staff, cases, firms, pins, inst.capacity_rule)
    return sub, case_idx


def _options(sub: PlanningInstance) -> list[Option]:
    pin_of = {p.case: p for p in sub.pins}
    staff_index = {s.id: k for k, s in enumerate(sub.staff)}
    out: list[Option] = []
    for c, case in enumerate(sub.cases):
        pin = pin_of.get(case.id)
        if pin is None:
            out.extend(case_options(sub, c, list(sub.staff)))
        elif pin.week >= case.ready_week:
            o = staff_index[pin.officer]
            out.extend(case_options(sub, c, [sub.staff[o]], range(pin.week, pin.week + 1), [o]))
    return out


def _start(
    sub: PlanningInstance,
    options: list[Option],
    assignments: list[CaseAssignment],
    chosen: list[int],
    inst: PlanningInstance,
) -> list[int]:
    """Current plan of the freed cases as option indices (-1 = not planned)."""
    local = {inst.staff[k].id: t for t, k in enumerate(chosen)}
    firm_index = {f.id: k for k, f in enumerate(sub.firms)}
    index = {
        (o.case, o.holder, o.week, o.mode, o.firm, o.prepare_out, o.draft_out): k
        for k, o in enumerate(options)
    }
    out = []
    for c, a in enumerate(assignments):
        if a.officer is None or a.week is None or a.mode is None:
            out.append(-1)
            continue
        fid = a.prepare_by or a.draft_by
        key = (
            c,
            local.get(a.officer, -2),
            a.week,
            a.mode,
            firm_index[fid] if fid is not None else -1,
            a.prepare_by is not None,
            a.draft_by is not None,
        )
        out.append(index.get(key, -1))
    return out


def _to_assignment(
    inst: PlanningInstance,
    sub: PlanningInstance,
    options: list[Option],
    k: int,
    chosen: list[int],
    c: int,
) -> CaseAssignment:
    case_id = inst.cases[c].id
    if k < 0:
        return CaseAssignment(case_id)
    o = options[k]
    firm = sub.firms[o.firm].id if o.firm >= 0 else None
    return CaseAssignment(
        case_id,
        inst.staff[chosen[o.holder]].id,
        o.week,
        o.mode,
        firm if o.prepare_out else None,
        firm if o.draft_out else None,
    )
