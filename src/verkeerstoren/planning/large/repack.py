# SPDX-License-Identifier: EUPL-1.2
"""Repack one week of a few officers exactly: a small MIP that lets more cases in.

Greedy placement leaves hours in slivers: 3 hours here, 5 there. One step takes a week and a
handful of officers (those with most hours left, plus a few others to swap with), frees every
case they hold that week, adds the cases that would save most by moving into that week (planned
later or not at all), and solves the assignment of all of them with HiGHS: the freed cases must
be placed again, a newcomer only when it fits. The objective is what the newcomers save.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np

from verkeerstoren.planning.exact.model import solve_model
from verkeerstoren.planning.large.construct import unit_cost
from verkeerstoren.planning.large.placer import Placer
from verkeerstoren.planning.large.pricing import EPS
from verkeerstoren.planning.model.instance import PlanningInstance
from verkeerstoren.planning.model.options import Option

OFFICERS_WITH_ROOM = 6
OTHER_OFFICERS = 4
NEWCOMERS = 40
STEP_SECONDS = 0.5  # HiGHS time per step; the warm start keeps a stopped step valid


def repack(placer: Placer, *, deadline: float, seed: int = 0, max_steps: int = 10**9) -> int:
    """Improve the placement until the deadline; returns the number of improving steps."""
    s = placer.s
    rng = np.random.default_rng(seed)
    cost = unit_cost(s)
    improved = 0
    steps = 0
    stale = np.zeros(s.weeks, np.int64)
    deciders = np.nonzero(s.pool_of >= 0)[0]
    if not len(deciders):
        return 0
    while time.monotonic() < deadline and steps < max_steps:
        steps += 1
        # Weeks with most hours left are tried first; a week that gave nothing waits a while.
        # (Remaining hours can be a hair below zero after float rounding: clip them.)
        room = np.maximum(placer.hours[deciders], 0.0).sum(axis=0) / (1 + stale)
        if room.max() < 1.0:
            break
        w = int(rng.choice(s.weeks, p=room / room.sum()))
        if _step(placer, w, cost, rng, deadline):
            improved += 1
            stale[w] = 0
        else:
            stale[w] += 1
    return improved


def _step(
    placer: Placer, w: int, cost: np.ndarray, rng: np.random.Generator, deadline: float
) -> bool:
    s = placer.s
    deciders = np.nonzero(s.pool_of >= 0)[0]
    by_room = deciders[np.argsort(-placer.hours[deciders, w], kind="stable")]
    officers = set(by_room[:OFFICERS_WITH_ROOM].tolist())
    others = [o for o in deciders.tolist() if o not in officers]
    if others:
        pick = rng.choice(len(others), size=min(OTHER_OFFICERS, len(others)), replace=False)
        officers |= {others[i] for i in pick.tolist()}
    group = sorted(officers)
    plan = placer.plan
    in_group = np.isin(plan.officer, group) & (plan.week == w)
    freed = sorted({int(s.unit_of[c]) for c in np.nonzero(in_group)[0].tolist()})
    if any(s.units[u].pin is not None for u in freed):
        return False  # pinned cases stay where the planner put them
    newcomers = _newcomers(placer, w, group, cost)
    if not newcomers:
        return False
    units = freed + newcomers
    sub, case_ids, old_fees = _sub_instance(placer, w, group, units)
    hours = np.array([[st.hours_in_week(0)] for st in sub.staff])
    options, choice_of = _options(placer, sub, case_ids, group, hours[:, 0])
    n_freed = sum(len(s.units[u].cases) for u in freed)
    start = _current(placer, case_ids[:n_freed], group, options, choice_of)
    start += [-1] * (len(case_ids) - n_freed)
    # Freed cases have no "leave out" column (they are "pinned" to the group); the current
    # placement is the warm start, so the MIP starts from a feasible plan.
    sol = solve_model(
        sub,
        options,
        hours,
        pinned=set(range(n_freed)),
        integer=True,
        time_limit=min(STEP_SECONDS, max(0.01, deadline - time.monotonic())),
        start=start,
    )
    if sol.chosen is None:
        return False
    if any(k < 0 for k in sol.chosen[:n_freed]):
        return False  # cannot happen while the current placement is an option; be safe
    # The gain from the chosen options themselves, not from the solver's reported objective.
    gain = old_fees - sum(options[k].cost for k in sol.chosen if k >= 0)
    if gain <= 1e-6:
        return False
    chosen = dict(zip(case_ids, sol.chosen, strict=True))
    # Newcomers the MIP left out stay where they were (families are all in or all out).
    moving = freed + [u for u in newcomers if chosen[s.units[u].cases[0]] >= 0]
    for u in moving:
        placer.release_unit(u)
    for u in moving:
        for c in s.units[u].cases:
            o = options[chosen[c]]
            placer.take(c, group[o.holder], w, choice_of[chosen[c]], o.firm)
    return True


def _newcomers(placer: Placer, w: int, group: list[int], cost: np.ndarray) -> list[int]:
    """Units that would save most (per hour they need) by moving into week w of the group."""
    s = placer.s
    current = np.where(placer.unit_week >= 0, placer.unit_week, s.weeks)
    saving = cost[np.arange(len(s.units)), current] - cost[:, w]
    ok = (current > w) & (saving > EPS) & (s.unit_ready <= w) & ~s.unit_pinned
    ok &= placer.least <= placer.hours[group, w].max() + EPS
    candidates = np.nonzero(ok)[0]
    members = np.zeros(len(s.inst.staff), np.bool_)
    members[group] = True
    eligible = [u for u in candidates.tolist() if members[placer.unit_staff[u]].any()]
    if not eligible:
        return []
    rate = saving[eligible] / np.maximum(placer.least[eligible], 1.0)
    return [eligible[i] for i in np.argsort(-rate, kind="stable")[:NEWCOMERS].tolist()]


def _sub_instance(
    placer: Placer, w: int, group: list[int], units: list[int]
) -> tuple[PlanningInstance, list[int], float]:
    """One-week instance: the group's hours with their own cases freed, firms' hours left.

    Costs are changes against the current plan: a newcomer gains what moving saves, a freed
    case must be placed again. Also returns the firm fees the freed cases pay now.
    """
    s = placer.s
    inst = s.inst
    plan = placer.plan
    # The group's room once its cases of week w are freed (on a copy of the officers' hours).
    officer_hours = placer.officer_hours.copy()
    prep = placer.prep[:, w].copy()
    draft = placer.draft[:, w].copy()
    case_ids: list[int] = []
    cases = []
    fees = 0.0
    for u in units:
        here = placer.unit_week[u] == w
        current = int(placer.unit_week[u]) if placer.unit_week[u] >= 0 else s.weeks
        for c in s.units[u].cases:
            if here:
                ch = s.choices[c][plan.choice[c]]
                ready = int(placer.case_ready[c])
                officer_hours.give(int(plan.officer[c]), w, ready, ch.officer_hours)
                f = plan.firm[c]
                if f >= 0:
                    prep[f] += ch.firm_prepare
                    draft[f] += ch.firm_draft
                    fees += float(s.firm_rate[f]) * (ch.firm_prepare + ch.firm_draft)
            move = 0.0 if here else float(s.cost[c, w] - s.cost[c, current])
            cases.append(
                replace(
                    inst.cases[c],
                    cost_by_week=(move,),
                    cost_beyond=0.0,
                    ready_week=0,
                    deadline_week=None,
                )
            )
            case_ids.append(c)
    # Under carry-over the room of a week also depends on the other weeks; the sub-instance
    # gets what any case decided in week w surely has, so every sub-plan fits.
    hours = officer_hours.matrix()[:, w]
    staff = tuple(replace(inst.staff[o], hours=(max(0.0, float(hours[o])),)) for o in group)
    firms = tuple(
        replace(
            f,
            prepare_hours=(max(0.0, float(prep[k])),),
            draft_hours=(max(0.0, float(draft[k])),),
        )
        for k, f in enumerate(inst.firms)
    )
    return PlanningInstance(1, staff, tuple(cases), firms, ()), case_ids, fees


def _options(
    placer: Placer,
    sub: PlanningInstance,
    case_ids: list[int],
    group: list[int],
    room: np.ndarray,
) -> tuple[list[Option], list[int]]:
    """Options from the structure's choices (so each maps back to a choice index)."""
    s = placer.s
    out: list[Option] = []
    choice_of: list[int] = []
    for i, c in enumerate(case_ids):
        move = sub.cases[i].cost_by_week[0]
        for k, ch in enumerate(s.choices[c]):
            outsourced = ch.firm_prepare > 0 or ch.firm_draft > 0
            firms = range(len(sub.firms)) if outsourced else [-1]
            for j, o in enumerate(group):
                if not placer.may_take(ch, o) or room[j] < ch.officer_hours - EPS:
                    continue
                for f in firms:
                    if f >= 0 and (
                        sub.firms[f].prepare_hours[0] < ch.firm_prepare - EPS
                        or sub.firms[f].draft_hours[0] < ch.firm_draft - EPS
                    ):
                        continue
                    fee = float(s.firm_rate[f]) * (ch.firm_prepare + ch.firm_draft) if f >= 0 else 0
                    out.append(
                        Option(
                            i,
                            j,
                            0,
                            ch.mode,
                            f,
                            ch.prepare_out,
                            ch.draft_out,
                            ch.officer_hours,
                            ch.firm_prepare,
                            ch.firm_draft,
                            move + fee,
                        )
                    )
                    choice_of.append(k)
    return out, choice_of


def _current(
    placer: Placer, cases: list[int], group: list[int], options: list[Option], choice_of: list[int]
) -> list[int]:
    """Option index of each freed case's current placement."""
    plan = placer.plan
    index = {(o.case, group[o.holder], choice_of[k], o.firm): k for k, o in enumerate(options)}
    return [
        index.get((i, int(plan.officer[c]), int(plan.choice[c]), int(plan.firm[c])), -1)
        for i, c in enumerate(cases)
    ]
