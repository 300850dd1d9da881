# SPDX-License-Identifier: EUPL-1.2
"""Independent feasibility checker for plans, written from the format spec (docs/formats.md).

It deliberately re-implements every rule (officer hours under either capacity rule,
eligibility, families, pins, firm capacity, cost) instead of importing the solver's helpers, so
that a defect in the solver's model cannot hide itself. Returns a list of violations; empty
means the plan is valid.

Officer hours: under ``weekly`` a case's own hours (packages not outsourced) all count in its
decision week. Under ``carry_over`` unused hours go to cases decided later, never to a case
before its ready week: for every officer and weeks r <= w, the own hours of its cases ready in
week r or later and decided in r..w are at most its hours of r..w. Only r = 0 and the cases'
ready weeks need checking (any other r holds the same cases as the next ready week, with at
least as many hours). The officer must also have hours in the decision week itself (is at work
to decide), however much was done ahead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from verkeerstoren.planning.model.instance import CARRY_OVER, PlanningInstance, Staff
from verkeerstoren.planning.model.plan import CaseAssignment

TOLERANCE = 1e-6


def _weekly_hours(staff: Staff, week: int) -> float:
    """Hours of an officer in a week, from the spec: explicit list, else the product rule."""
    if staff.hours is not None:
        return staff.hours[week]
    if week < staff.start_week:
        return 0.0
    k = week - staff.start_week
    factor = staff.ramp[k] if k < len(staff.ramp) else 1.0
    return staff.contract_hours * staff.availability * staff.productive_share * factor


def _carry_over_violations(
    inst: PlanningInstance, officer: Staff, items: Sequence[tuple[int, int, float]]
) -> list[str]:
    """Intervals [r, w] where an officer's cases ready from r on need more than its hours.

    ``items``: (ready week, decision week, own hours) of the officer's cases. One message per
    start r: the first week w where the interval is over.
    """
    out: list[str] = []
    starts = sorted({0} | {ready for ready, _, _ in items if 0 <= ready < inst.horizon_weeks})
    for r in starts:
        planned = 0.0
        available = 0.0
        for w in range(r, inst.horizon_weeks):
            available += _weekly_hours(officer, w)
            planned += sum(h for ready, week, h in items if ready >= r and week == w)
            if planned > available + TOLERANCE:
                out.append(
                    f"officer {officer.id} weeks {r}-{w}: {planned:g} h planned for cases ready"
                    f" from week {r}, {available:g} h available"
                )
                break
    return out


def check_plan(
    inst: PlanningInstance,
    assignments: Sequence[CaseAssignment],
    reported_cost: float | None = None,
) -> list[str]:
    """All rule violations of a plan (empty list = feasible and, if given, cost matches)."""
    errors: list[str] = []
    staff = {s.id: s for s in inst.staff}
    firms = {f.id: f for f in inst.firms}
    cases = {c.id: c for c in inst.cases}
    by_case: dict[str, CaseAssignment] = {}
    for a in assignments:
        if a.case not in cases:
            errors.append(f"{a.case}: unknown case")
        elif a.case in by_case:
            errors.append(f"{a.case}: planned twice")
        by_case[a.case] = a
    for cid in cases:
        if cid not in by_case:
            errors.append(f"{cid}: missing from the plan")
    used: dict[tuple[str, int], float] = defaultdict(float)  # (officer, week) -> hours
    # officer -> (ready week, decision week, own hours) per case, for the carry-over rule
    own_by_officer: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    firm_used: dict[tuple[str, int, str], float] = defaultdict(float)  # (firm, week, pkg)
    total = 0.0
    for cid, a in by_case.items():
        case = cases.get(cid)
        if case is None:
            continue
        if a.officer is None and a.week is None:
            if a.mode is not None or a.prepare_by is not None or a.draft_by is not None:
                errors.append(f"{cid}: unplanned case carries a mode or firm")
            total += case.cost_beyond
            continue
        if a.officer is None or a.week is None or a.mode is None:
            errors.append(f"{cid}: officer, week and mode must all be set")
            continue
        officer = staff.get(a.officer)
        if officer is None:
            errors.append(f"{cid}: unknown officer {a.officer}")
            continue
        if not 0 <= a.week < inst.horizon_weeks:
            errors.append(f"{cid}: week {a.week} outside the horizon")
            continue
        if a.week < case.ready_week:
            errors.append(f"{cid}: planned in week {a.week} before ready week {case.ready_week}")
        if a.mode not in case.effort:
            errors.append(f"{cid}: no effort given for mode {a.mode}")
            continue
        if a.mode == "written" and not case.written_opt_in:
            errors.append(f"{cid}: written hearing without the applicant's opt-in")
        hours = case.effort[a.mode]
        if not officer.can_decide:
            errors.append(f"{cid}: officer {officer.id} may not decide")
        if hours.get("hear", 0.0) > 0 and not officer.can_hear:
            errors.append(f"{cid}: officer {officer.id} may not hear")
        if case.complex and not officer.decision_team:
            errors.append(f"{cid}: complex case outside the decision team ({officer.id})")
        if a.mode == "oral" and case.location and officer.location != case.location:
            errors.append(
                f"{cid}: oral hearing at {case.location} by officer at {officer.location}"
            )
        for code, level in case.competencies.items():
            if officer.competencies.get(code, 0) < level:
                errors.append(f"{cid}: officer {officer.id} lacks {code} level {level}")
        own = sum(hours.get(p, 0.0) for p in ("prepare", "hear", "draft", "decide"))
        cost = case.cost_by_week[a.week]
        for package, firm_id in (("prepare", a.prepare_by), ("draft", a.draft_by)):
            if firm_id is None:
                continue
            firm = firms.get(firm_id)
            if firm is None:
                errors.append(f"{cid}: unknown firm {firm_id}")
                continue
            h = hours.get(package, 0.0)
            own -= h
            firm_used[(firm_id, a.week, package)] += h
            cost += h * firm.cost_per_hour
        if a.prepare_by and a.draft_by and a.prepare_by != a.draft_by:
            errors.append(f"{cid}: prepare and draft outsourced to different firms")
        if inst.capacity_rule == CARRY_OVER and _weekly_hours(officer, a.week) <= 0:
            errors.append(f"{cid}: officer {officer.id} has no hours in decision week {a.week}")
        used[(officer.id, a.week)] += own
        own_by_officer[officer.id].append((case.ready_week, a.week, own))
        total += cost
    if inst.capacity_rule == CARRY_OVER:
        for oid, items in sorted(own_by_officer.items()):
            errors += _carry_over_violations(inst, staff[oid], items)
    else:
        for (oid, week), h in sorted(used.items()):
            cap = _weekly_hours(staff[oid], week)
            if h > cap + TOLERANCE:
                errors.append(f"officer {oid} week {week}: {h:g} h planned, {cap:g} h available")
    for (fid, week, package), h in sorted(firm_used.items()):
        f = firms[fid]
        cap = (f.prepare_hours if package == "prepare" else f.draft_hours)[week]
        if h > cap + TOLERANCE:
            errors.append(f"firm {fid} week {week} {package}: {h:g} h planned, {cap:g} h")
    families: dict[str, set[tuple[str | None, int | None]]] = defaultdict(set)
    for c in inst.cases:
        if c.family and c.id in by_case:
            families[c.family].add((by_case[c.id].officer, by_case[c.id].week))
    for fam, places in sorted(families.items()):
        if len(places) > 1:
            errors.append(f"family {fam}: not decided by one officer in one week")
    for p in inst.pins:
        kept = by_case.get(p.case)
        if kept is None or kept.officer != p.officer or kept.week != p.week:
            errors.append(f"pin {p.case} -> {p.officer} week {p.week} not kept")
    if reported_cost is not None and abs(reported_cost - total) > 1e-6 * max(1.0, abs(total)):
        errors.append(f"reported cost {reported_cost:g} differs from recomputed {total:g}")
    return errors
