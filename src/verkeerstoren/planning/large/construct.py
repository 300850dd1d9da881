# SPDX-License-Identifier: EUPL-1.2
"""Build a plan from hour prices: place units week by week on real officers, then fill gaps.

1. *Targets* (given by the caller): the week the LP relaxation plans a unit by (or, without an
   LP, its cheapest priced week); units whose target lies beyond the horizon wait for step 3.
2. *Weeks in order*: in week w every waiting unit whose target is w or earlier is placed if an
   eligible officer has the hours (complex units first, then the most urgent: see
   :func:`week_order`); those that do not fit wait for the next week.
3. *Fill*: officer hours left over in a week go to the units (planned later, or not at all) that
   save most by moving there, net of the price of the hours they take.

Placement (:mod:`placer`) picks what the LP itself does where it can, then the choice (mode,
outsourcing), officer and firm with the lowest priced hours, then the officer whose remaining
hours fit most tightly, so large gaps stay for large cases.

With a ``deadline`` the build stops when it passes: units not placed by then stay unplanned
(the placement is a feasible plan at every moment), and the fill is skipped or cut short.
"""

from __future__ import annotations

import time

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.exact.pins import place_pins
from verkeerstoren.planning.large.arrays import Structure
from verkeerstoren.planning.large.lp import CompactSolution
from verkeerstoren.planning.large.placer import Guide, Placement, Placer
from verkeerstoren.planning.large.pricing import Prices, price_units
from verkeerstoren.planning.model.plan import CaseAssignment, Plan, plan_cost

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]


def unit_cost(s: Structure) -> F64:
    """Cost of each unit per week (+ beyond), summed over its cases."""
    out = np.zeros((len(s.units), s.weeks + 1))
    np.add.at(out, s.unit_of, s.cost)
    return out


def construct(
    s: Structure,
    prices: Prices,
    target: I64,
    lp: CompactSolution | None = None,
    *,
    deadline: float = np.inf,
) -> Placer:
    """Place units by target week (-1 = beyond), then fill leftover hours by (priced) saving.

    With ``lp``, placements follow the LP's choices and pools where they can. ``deadline`` is
    a ``time.monotonic()`` value (see the module docstring).
    """
    placer = Placer(s, prices, Guide(s, lp) if lp is not None else None)
    cost = unit_cost(s)
    weeks = s.weeks
    _place_pins(s, placer)
    waiting = [u for u in range(len(s.units)) if s.units[u].pin is None and target[u] >= 0]
    complex_unit = np.array([any(s.inst.cases[c].complex for c in u.cases) for u in s.units])
    placer.keep_decision_team = True  # in the weeks' first pass only; the fill may use them
    like = {u: _unit_key(s, u, complex_unit) for u in waiting}
    for w in range(weeks):
        due = np.array([u for u in waiting if target[u] <= w and s.units[u].ready <= w], np.int64)
        # What waiting one more week would add.
        delay = cost[due, min(w + 1, weeks)] - cost[due, w]
        order = week_order(delay, complex_unit[due], placer.least[due])
        left = set()
        # Within a week hours are only taken, never given back: a single case that found no
        # officer (or firm) means every case of the same key (_unit_key) finds none either for
        # the rest of the week. A family like one that found no officer is not
        # tried again that week either (its members' greedy choices make this all but certain,
        # not proven; on tf2020 every build is the same with and without the skip, and on
        # registers of 100,000 cases the repeated family attempts were most of a build).
        failed: set[tuple[object, ...]] = set()
        for u in due[order].tolist():
            if time.monotonic() > deadline:
                placer.keep_decision_team = False
                return placer
            key = like[u]
            if key in failed:
                left.add(u)
            elif not placer.place_unit(u, w):
                left.add(u)
                failed.add(key)
        waiting = [u for u in waiting if u in left or target[u] > w]
    placer.keep_decision_team = False
    if time.monotonic() < deadline:
        hours_value = price_units(s, prices).value[:, :weeks] - cost[:, :weeks]
        fill(s, placer, cost, hours_value, deadline=deadline)
    return placer


def _unit_key(s: Structure, u: int, complex_unit: NDArray[np.bool_]) -> tuple[object, ...]:
    """What decides whether a unit fits a week: its cases' choice classes (the same choices
    and officers) and ready weeks (the room under carry-over), and whether it is complex (who
    may decide it)."""
    unit = s.units[u]
    cases = tuple((s.choice_class[c], s.inst.cases[c].ready_week) for c in unit.cases)
    return (cases, unit.ready, bool(complex_unit[u]))


def week_order(delay: F64, complex_unit: NDArray[np.bool_], least: F64) -> I64:
    """The order in which a week's due units are placed.

    Complex units first: only the decision team may decide them, and its hours are the
    scarcest. Going first, they also get the firms' hours of the week first, and an outsourced
    draft saves a decision-team hour where it would save an ordinary one elsewhere. Among them
    the most delay per officer hour first: which complex cases the team's hours buy. The other
    units follow, most urgent first (per hour was measured worse for them). On tf2020 this
    makes every build cheaper (decision record 0006).
    """
    per_hour = -delay / np.maximum(least, 1.0)
    return np.lexsort((np.where(complex_unit, per_hour, -delay), ~complex_unit))


def fill(
    s: Structure, placer: Placer, cost: F64, hours_value: F64, *, deadline: float = np.inf
) -> None:
    """Move units into earlier weeks where officers have hours left, biggest priced saving first.

    ``hours_value[u, w]``: what unit u's hours (officer and firm) cost at the prices in week w
    (inf: impossible). A move saves the unit's delay, but its hours are worth more in an earlier
    week (prices fall from week to week): ranking by the saving net of that difference keeps
    scarce early hours for the units that gain most from them (a small gain per build on tf2020).
    """
    weeks = s.weeks
    units = np.arange(len(s.units))
    for w in range(weeks):
        current = np.where(placer.unit_week >= 0, placer.unit_week, weeks)
        saving = cost[units, current] - cost[:, w]
        movable = (current > w) & (saving > 0) & (s.unit_ready <= w) & ~s.unit_pinned
        # Hours freed in the current week (none when not planned) are worth its price there.
        freed = np.where(current < weeks, hours_value[units, np.minimum(current, weeks - 1)], 0.0)
        net = saving - hours_value[:, w] + np.where(np.isfinite(freed), freed, 0.0)
        net = np.where(np.isfinite(net), net, -np.inf)
        for u in units[movable][np.argsort(-net[movable], kind="stable")].tolist():
            if time.monotonic() > deadline:
                return
            if not placer.has_room(u, w):
                continue
            old = int(placer.unit_week[u])
            snapshot = [
                (c, *map(int, (placer.plan.officer[c], placer.plan.choice[c], placer.plan.firm[c])))
                for c in s.units[u].cases
            ]
            fees = placer.fees(u)
            placer.release_unit(u)
            placed = placer.place_unit(u, w)
            if placed and placer.fees(u) - fees >= saving[u]:
                placer.release_unit(u)  # the firm would cost more than the move saves
                placed = False
            if not placed and old >= 0:
                for c, officer, k, f in snapshot:
                    placer.take(c, officer, old, k, f)


def _place_pins(s: Structure, placer: Placer) -> None:
    """Pins first, one by one with the fewest officer hours; if that fails, all together."""
    pinned = [u for u, unit in enumerate(s.units) if unit.pin is not None]
    for u in pinned:
        if not placer.place_unit(u, s.units[u].pin[1], fewest_hours=True):  # type: ignore[index]
            break
    else:
        return
    for u in pinned:
        placer.release_unit(u)
    staff = {st.id: k for k, st in enumerate(s.inst.staff)}
    for c, a in place_pins(s.inst).items():
        if a.officer is None or a.week is None:
            raise RuntimeError("a placed pin has an officer and a week")
        k = _choice_for(s, c, a)
        ch = s.choices[c][k]
        firm = -1
        if ch.firm_prepare > 0 or ch.firm_draft > 0:
            firm = next(
                f for f, fm in enumerate(s.inst.firms) if fm.id in (a.prepare_by, a.draft_by)
            )
        placer.take(c, staff[a.officer], a.week, k, firm)


def _choice_for(s: Structure, c: int, a: CaseAssignment) -> int:
    """The structure's choice for an assignment; a dropped (dominated) one maps to the choice
    that beat it: no more hours of any kind, and open to the same officers."""
    case = s.inst.cases[c]
    e = case.effort[a.mode or ""]
    fp = e.prepare if a.prepare_by else 0.0
    fd = e.draft if a.draft_by else 0.0
    own = e.own_hours(bool(a.prepare_by), bool(a.draft_by))
    pool = s.pool_of[next(k for k, st in enumerate(s.inst.staff) if st.id == a.officer)]
    fits = [
        (ch.officer_hours, k)
        for k, ch in enumerate(s.choices[c])
        if ch.officer_hours <= own + 1e-9
        and ch.firm_prepare <= fp + 1e-9
        and ch.firm_draft <= fd + 1e-9
        and pool in ch.pools
    ]
    exact = [
        k
        for k, ch in enumerate(s.choices[c])
        if (ch.mode, ch.prepare_out, ch.draft_out)
        == (a.mode, a.prepare_by is not None, a.draft_by is not None)
    ]
    return exact[0] if exact else min(fits)[1]


def to_plan(s: Structure, placement: Placement) -> Plan:
    """The placement as a :class:`Plan` (assignments in instance order, with its cost)."""
    inst = s.inst
    out = []
    for c, case in enumerate(inst.cases):
        week = int(placement.week[c])
        if week < 0:
            out.append(CaseAssignment(case.id))
            continue
        ch = s.choices[c][placement.choice[c]]
        f = int(placement.firm[c])
        firm = inst.firms[f].id if f >= 0 else None
        out.append(
            CaseAssignment(
                case.id,
                inst.staff[placement.officer[c]].id,
                week,
                ch.mode,
                firm if ch.prepare_out else None,
                firm if ch.draft_out else None,
            )
        )
    assignments = tuple(out)
    return Plan(assignments, plan_cost(inst, assignments))
