# SPDX-License-Identifier: EUPL-1.2
"""An exact reference model of the hearing rules, written from docs/formats.md for the tests.

Independent of the solver: one CP-SAT boolean per complete placement (hearing, day, slot,
room, officer, interpreter), every rule a constraint over those, solved to optimality. Only for
small instances (the number of placements grows with rooms x officers x interpreters).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product

from ortools.sat.python import cp_model

from verkeerstoren.planning.hearings.instance import HearingInstance


def optimum(inst: HearingInstance) -> int:
    """The largest total weight of a schedule that keeps every rule."""
    m = cp_model.CpModel()
    use: dict[tuple[str, str, int, int], list[cp_model.IntVar]] = defaultdict(list)
    per_day: dict[tuple[str, str, int], list[cp_model.IntVar]] = defaultdict(list)
    oral: dict[tuple[str, int, str], list[cp_model.IntVar]] = defaultdict(list)
    on_day: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    objective = []
    for h in inst.hearings:
        mine = []
        interpreters = [None] if h.language is None else list(inst.interpreters)
        for day, slot, room, officer, interpreter in product(
            range(inst.days), range(inst.slots), inst.rooms, inst.officers, interpreters
        ):
            span = [(day, s) for s in range(slot, slot + h.length)]
            if day < h.earliest_day or slot + h.length > inst.slots:
                continue
            if room.location != h.location or (h.child and not room.child):
                continue
            if h.mode == "video" and not room.video:
                continue
            if h.officer is not None and officer.id != h.officer:
                continue
            if h.officer is None and (
                officer.location != h.location or not h.competences <= officer.competences
            ):
                continue
            if h.same_gender is not None and officer.gender != h.same_gender:
                continue
            if any(p in officer.unavailable for p in span):
                continue
            if interpreter is not None:
                if h.language not in interpreter.languages:
                    continue
                if h.mode == "oral" and h.location not in interpreter.locations:
                    continue
                if h.same_gender is not None and interpreter.gender != h.same_gender:
                    continue
                if any(p in interpreter.unavailable for p in span):
                    continue
            lawyer = next((lw for lw in inst.lawyers if lw.id == h.lawyer), None)
            if lawyer is not None and any(p in lawyer.unavailable for p in span):
                continue
            x = m.new_bool_var("")
            mine.append(x)
            objective.append(h.weight * x)
            on_day[h.id, day].append(x)
            people = [("room", room.id), ("officer", officer.id)]
            if interpreter is not None:
                people.append(("interpreter", interpreter.id))
                if h.mode == "oral":
                    oral[interpreter.id, day, h.location].append(x)
            if lawyer is not None:
                people.append(("lawyer", lawyer.id))
            for kind, pid in people:
                per_day[kind, pid, day].append(x)
                for d, s in span:
                    use[kind, pid, d, s].append(x)
        m.add(sum(mine) <= 1)
    for xs in use.values():
        m.add(sum(xs) <= 1)
    limits = {("officer", o.id): o.max_per_day for o in inst.officers}
    limits |= {("interpreter", i.id): i.max_per_day for i in inst.interpreters}
    limits |= {("lawyer", lw.id): lw.max_per_day for lw in inst.lawyers}
    for (kind, pid, _day), xs in per_day.items():
        if kind != "room":
            m.add(sum(xs) <= limits[kind, pid])
    at: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    for (interpreter_id, day, _location), xs in oral.items():
        here = m.new_bool_var("")
        for x in xs:
            m.add_implication(x, here)
        at[interpreter_id, day].append(here)
    for heres in at.values():
        m.add(sum(heres) <= 1)
    families: dict[str, list[str]] = defaultdict(list)
    for h in inst.hearings:
        if h.family is not None:
            families[h.family].append(h.id)
    for members in families.values():
        days = [m.new_bool_var("") for _ in range(inst.days)]
        m.add(sum(days) <= 1)
        for hid in members:
            for day in range(inst.days):
                m.add(sum(on_day[hid, day]) == days[day])
    m.maximize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 60.0
    assert solver.solve(m) == cp_model.OPTIMAL
    return round(solver.objective_value)
