# SPDX-License-Identifier: EUPL-1.2
"""Enumerate the ways a case can be planned (officer or pool, week, mode, outsourcing).

An *option* fixes everything that changes hours or cost, so both the pooled LP (bound) and the
per-officer MIP (plan) are set-partitioning models over options with linear capacity rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from verkeerstoren.planning.model.instance import Case, PlanningInstance, Staff

NO_FIRM = -1
# Outsourcing choices: which of (prepare, draft) go to the option's firm.
OUTSOURCE = ((False, False), (True, False), (False, True), (True, True))


@dataclass(frozen=True)
class Option:
    """One way to plan case ``case`` (index) with officer/pool ``holder`` (index) in ``week``."""

    case: int
    holder: int
    week: int
    mode: str
    firm: int
    prepare_out: bool
    draft_out: bool
    officer_hours: float
    firm_prepare_hours: float
    firm_draft_hours: float
    cost: float


def eligible(staff: Staff, case: Case, mode: str) -> bool:
    """Can this officer take this case in this hearing mode (all IND work incl. the decision)?"""
    if not staff.can_decide:
        return False
    if case.complex and not staff.decision_team:
        return False
    if case.effort[mode].hear > 0 and not staff.can_hear:
        return False
    # An oral hearing is in person: the officer must work at the case's location.
    if mode == "oral" and case.location and staff.location != case.location:
        return False
    return all(staff.competencies.get(code, 0) >= lvl for code, lvl in case.competencies.items())


def _undominated(case: Case, modes: list[str]) -> list[str]:
    """Drop a mode when another needs no more hours in every package (same cost, less work)."""
    keep = []
    for m in modes:
        e = case.effort[m]
        dominated = any(
            all(case.effort[o][p] <= e[p] for p in e)
            and (any(case.effort[o][p] < e[p] for p in e) or modes.index(o) < modes.index(m))
            for o in modes
            if o != m
        )
        if not dominated:
            keep.append(m)
    return keep


def case_options(
    inst: PlanningInstance,
    c: int,
    holders: list[Staff],
    weeks: range | None = None,
    holder_ids: list[int] | None = None,
) -> list[Option]:
    """All options for case ``c`` over ``holders`` (officers or pool representatives)."""
    case = inst.cases[c]
    out: list[Option] = []
    weeks = weeks if weeks is not None else range(case.ready_week, inst.horizon_weeks)
    for h, staff in enumerate(holders):
        hid = holder_ids[h] if holder_ids is not None else h
        for mode in _undominated(case, [m for m in case.modes() if eligible(staff, case, m)]):
            e = case.effort[mode]
            base = e.total
            for week in weeks:
                out.append(
                    Option(
                        c,
                        hid,
                        week,
                        mode,
                        NO_FIRM,
                        False,
                        False,
                        base,
                        0.0,
                        0.0,
                        case.cost_by_week[week],
                    )
                )
                for f, firm in enumerate(inst.firms):
                    for prep, draft in OUTSOURCE[1:]:
                        fp = e.prepare if prep else 0.0
                        fd = e.draft if draft else 0.0
                        if (prep and fp <= 0) or (draft and fd <= 0):
                            continue  # outsourcing nothing is the same as not outsourcing
                        if fp > firm.prepare_hours[week] or fd > firm.draft_hours[week]:
                            continue
                        out.append(
                            Option(
                                c,
                                hid,
                                week,
                                mode,
                                f,
                                prep,
                                draft,
                                e.own_hours(prep, draft),
                                fp,
                                fd,
                                case.cost_by_week[week] + firm.cost_per_hour * (fp + fd),
                            )
                        )
    return out
