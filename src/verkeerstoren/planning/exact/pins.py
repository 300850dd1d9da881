# SPDX-License-Identifier: EUPL-1.2
"""All pinned cases at once: a small exact model, so pins that fit together are all met.

The greedy planners place pins one by one; a pin can then take firm hours or a mode that a
later pin needed, and a set of pins that fits together is refused. When that happens they call
:func:`place_pins`, which chooses every pinned case's mode and outsourcing jointly with HiGHS
(each case only at its pinned officer and week) at the lowest cost.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from verkeerstoren.planning.exact.model import solve_model
from verkeerstoren.planning.model.instance import PlanningInputError, PlanningInstance, unit_pin
from verkeerstoren.planning.model.options import Option, case_options
from verkeerstoren.planning.model.plan import CaseAssignment

SECONDS = 10.0  # pins are few; a model this small solves in well under a second


def place_pins(inst: PlanningInstance) -> dict[int, CaseAssignment]:
    """Case index -> assignment for every pinned case (and its family); raises when impossible."""
    pin_of = {p.case: p for p in inst.pins}
    staff_index = {s.id: k for k, s in enumerate(inst.staff)}
    families: dict[str, list[int]] = {}
    for c, case in enumerate(inst.cases):
        if case.family:
            families.setdefault(case.family, []).append(c)
    where: dict[int, tuple[int, int]] = {}  # case -> (officer, week)
    for c, case in enumerate(inst.cases):
        members = families.get(case.family, [c]) if case.family else [c]
        pin = unit_pin(inst, members, pin_of)
        if pin is not None:
            where[c] = (staff_index[pin[0]], pin[1])
    if not where:
        return {}
    cases = sorted(where)
    sub = replace(inst, cases=tuple(inst.cases[c] for c in cases), pins=())
    options: list[Option] = []
    for i, c in enumerate(cases):
        o, w = where[c]
        if w >= inst.cases[c].ready_week:
            options.extend(case_options(sub, i, [inst.staff[o]], range(w, w + 1), [o]))
    hours = np.array(
        [[s.hours_in_week(w) for w in range(inst.horizon_weeks)] for s in inst.staff]
    ).reshape(len(inst.staff), inst.horizon_weeks)
    sol = solve_model(
        sub, options, hours, pinned=set(range(len(cases))), integer=True, time_limit=SECONDS
    )
    if sol.chosen is None or any(k < 0 for k in sol.chosen):
        ids = [inst.cases[c].id for c in cases]
        shown = ", ".join(ids[:10]) + (" …" if len(ids) > 10 else "")
        raise PlanningInputError(
            f"the pins of cases {shown} cannot all be met together "
            "(eligibility, readiness or hours)",
            code="pins_not_met",
            params={"cases": shown},
        )
    out = {}
    for i, c in enumerate(cases):
        opt = options[sol.chosen[i]]
        firm = inst.firms[opt.firm].id if opt.firm >= 0 else None
        out[c] = CaseAssignment(
            inst.cases[c].id,
            inst.staff[opt.holder].id,
            opt.week,
            opt.mode,
            firm if opt.prepare_out else None,
            firm if opt.draft_out else None,
        )
    return out
