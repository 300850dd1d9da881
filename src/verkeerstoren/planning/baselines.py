# SPDX-License-Identifier: EUPL-1.2
"""Greedy baseline planners: FIFO (oldest case first) and EDF (earliest deadline first).

Both give each case (a family as one unit) the earliest week in which some eligible officer has
the hours, trying the hearing mode that costs the officer least and outsourcing only when the
officer alone cannot fit it. They stand for "how planning was done by hand" and give the solver
a feasible warm start.

Officer hours follow the instance's capacity rule (:class:`~verkeerstoren.planning.model.capacity.
OfficerHours`): under ``carry_over`` a case may use hours its officer left unused in earlier
weeks (from its ready week on), as a planner who works ahead would. Firm hours are weekly.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

import numpy as np

from verkeerstoren.planning.exact.pins import place_pins
from verkeerstoren.planning.model.capacity import OfficerHours
from verkeerstoren.planning.model.instance import (
    WEEKLY,
    Case,
    Effort,
    PlanningInputError,
    PlanningInstance,
    unit_pin,
)
from verkeerstoren.planning.model.options import eligible
from verkeerstoren.planning.model.plan import CaseAssignment, Plan, plan_cost


def deadline_week(case: Case, horizon: int) -> int:
    """Explicit deadline, else the first week whose cost exceeds the week-0 cost."""
    if case.deadline_week is not None:
        return case.deadline_week
    base = case.cost_by_week[0]
    return next((w for w, c in enumerate(case.cost_by_week) if c > base), horizon)


def fifo_order(inst: PlanningInstance) -> list[int]:
    """Cases oldest first (``received``, then position)."""
    return sorted(range(len(inst.cases)), key=lambda c: (inst.cases[c].received, c))


def edf_order(inst: PlanningInstance) -> list[int]:
    """Cases by earliest deadline, then oldest first."""
    h = inst.horizon_weeks
    return sorted(
        range(len(inst.cases)),
        key=lambda c: (deadline_week(inst.cases[c], h), inst.cases[c].received, c),
    )


class _Capacity:
    """Remaining hours: officers under the instance's capacity rule (an
    :class:`OfficerHours`, whose room depends on a case's ready week), firms as firms x weeks."""

    def __init__(self, inst: PlanningInstance) -> None:
        n_weeks, weeks = inst.horizon_weeks, range(inst.horizon_weeks)
        hours = np.array(
            [[s.hours_in_week(w) for w in weeks] for s in inst.staff], dtype=float
        ).reshape(len(inst.staff), n_weeks)
        self.officers = OfficerHours(hours, (c.ready_week for c in inst.cases), inst.carry_over)
        self.prep = np.array([f.prepare_hours for f in inst.firms], dtype=float).reshape(
            len(inst.firms), n_weeks
        )
        self.draft = np.array([f.draft_hours for f in inst.firms], dtype=float).reshape(
            len(inst.firms), n_weeks
        )

    def table(self, ready: int, first: int) -> np.ndarray:
        """Weeks (from ``first``) x officers: the room for a case of ``ready`` (a view)."""
        return self.officers.table(ready)[:, first:].T


# Which of (prepare, draft) go to a firm, in the order _fit_case tries them.
_OUTSOURCE = ((True, False), (False, True), (True, True))


def _fit_case(
    inst: PlanningInstance, c: int, o: int, week: int, cap: _Capacity, facts: _CaseFacts
) -> CaseAssignment | None:
    """Place case c with officer o in week (consuming hours) or return None."""
    case, staff = inst.cases[c], inst.staff[o]
    eps = 1e-9
    ready = case.ready_week
    room = float(cap.officers.room(o, week, ready))
    for mode in facts.modes_for(c, o):
        e = case.effort[mode]
        total = e.total
        if total <= room + eps:
            cap.officers.take(o, week, ready, total)
            return CaseAssignment(case.id, staff.id, week, mode)
        for f, firm in enumerate(inst.firms):
            for prep, draft in _OUTSOURCE:
                fp = e.prepare if prep else 0.0
                fd = e.draft if draft else 0.0
                if (prep and fp <= 0) or (draft and fd <= 0):
                    continue
                own = e.own_hours(prep, draft)
                if (
                    own <= room + eps
                    and fp <= cap.prep[f, week] + eps
                    and fd <= cap.draft[f, week] + eps
                ):
                    cap.officers.take(o, week, ready, own)
                    cap.prep[f, week] -= fp
                    cap.draft[f, week] -= fd
                    return CaseAssignment(
                        case.id,
                        staff.id,
                        week,
                        mode,
                        firm.id if prep else None,
                        firm.id if draft else None,
                    )
    return None


def _units(inst: PlanningInstance, order: list[int]) -> list[list[int]]:
    """Families become one unit, placed where their first member appears in ``order``."""
    seen: set[str] = set()
    families: dict[str, list[int]] = {}
    for c, case in enumerate(inst.cases):
        if case.family:
            families.setdefault(case.family, []).append(c)
    units = []
    for c in order:
        fam = inst.cases[c].family
        if fam:
            if fam in seen:
                continue
            seen.add(fam)
            units.append(families[fam])
        else:
            units.append([c])
    return units


class _CaseFacts:
    """What the greedy looks up per case that does not change while filling.

    Shared by the FIFO and EDF runs. Cases are keyed by what ``eligible`` looks at and by their
    efforts, so that the many alike cases of a register share one computation.
    """

    def __init__(self, inst: PlanningInstance) -> None:
        self.inst = inst
        self.modes = [case.modes() for case in inst.cases]
        cases = list(zip(inst.cases, self.modes, strict=True))
        self.eligibility_key = [
            (
                case.complex,
                case.location,
                tuple(sorted(case.competencies.items())),
                tuple((m, case.effort[m].hear > 0) for m in modes),
            )
            for case, modes in cases
        ]
        self.effort_key = [tuple(case.effort[m] for m in modes) for case, modes in cases]
        # Officer hours any placement of a case needs at least: its cheapest mode with
        # preparation and drafting outsourced.
        self.min_own = [
            min((case.effort[m].own_hours(True, True) for m in modes), default=np.inf)
            for case, modes in cases
        ]
        # Every size of package a firm may be asked to take (0: the officer keeps it).
        efforts = [case.effort[m] for case, modes in cases for m in modes]
        self.prep_sizes = sorted({0.0, *(e.prepare for e in efforts)})
        self.draft_sizes = sorted({0.0, *(e.draft for e in efforts)})
        self._cheapest_first = [
            sorted(range(len(modes)), key=lambda k: case.effort[modes[k]].total)
            for case, modes in cases
        ]
        self._modes_allowed: dict[tuple[object, ...], np.ndarray] = {}

    def modes_for(self, c: int, o: int) -> list[str]:
        """The modes officer o may take case c in, least hours first (stable on ties)."""
        allowed, modes = self.modes_allowed(c)[o], self.modes[c]
        return [modes[k] for k in self._cheapest_first[c] if allowed >> k & 1]

    def modes_allowed(self, c: int) -> np.ndarray:
        """Per officer, the modes (bit k: ``case.modes()[k]``) in which they may take case c."""
        key = self.eligibility_key[c]
        if key not in self._modes_allowed:
            case, modes = self.inst.cases[c], self.modes[c]
            self._modes_allowed[key] = np.array(
                [
                    sum(1 << k for k, m in enumerate(modes) if eligible(s, case, m))
                    for s in self.inst.staff
                ],
                dtype=np.intp,
            )
        return self._modes_allowed[key]


class _Needs:
    """Least officer hours each case needs, per week and officer (inf: officer not eligible).

    This lets ``_candidates`` rule out, with a few array operations, the officer-weeks in which
    a unit cannot fit: trying ``_place_unit`` on each of them made the greedy take most of a
    minute on a real register (13k units x 233 officers x 26 weeks).

    A case's need is the least, over the modes the officer may use (``modes_allowed``), of what
    each mode needs in that week. The latter is cached per efforts; it depends on the firms'
    hours left (see ``firms_used``).
    """

    def __init__(self, facts: _CaseFacts, cap: _Capacity) -> None:
        self.facts, self.inst, self.cap = facts, facts.inst, cap
        self._by_modes: dict[tuple[object, ...], np.ndarray] = {}
        self._firm_index = {f.id: k for k, f in enumerate(self.inst.firms)}
        weeks = range(self.inst.horizon_weeks)
        self._sizes_open = {
            (f, w): self._open(f, w) for f in self._firm_index.values() for w in weeks
        }

    def of(self, c: int, first: int) -> np.ndarray:
        """Weeks (from ``first``) x officers: the least hours case c takes from the officer."""
        return self._least_by_modes(c)[first:, self.facts.modes_allowed(c)]

    def firms_used(self, placed: dict[int, CaseAssignment]) -> None:
        """Drop the cached needs once a placement leaves a firm too few hours for a package.

        The needs depend on the firms' hours only through which package sizes fit, so while
        those stay the same (most placements) the needs are unchanged.
        """
        for a in placed.values():
            firm = a.prepare_by if a.prepare_by is not None else a.draft_by
            if firm is not None and a.week is not None:
                f = self._firm_index[firm]
                now = self._open(f, a.week)
                if now != self._sizes_open[f, a.week]:
                    self._sizes_open[f, a.week] = now
                    self._by_modes.clear()

    def _open(self, f: int, week: int) -> tuple[bool, ...]:
        """Which package sizes firm f can still take in week (the test of _fit_case)."""
        prep, draft, eps = self.cap.prep[f, week], self.cap.draft[f, week], 1e-9
        return (
            *(size <= prep + eps for size in self.facts.prep_sizes),
            *(size <= draft + eps for size in self.facts.draft_sizes),
        )

    def _least_by_modes(self, c: int) -> np.ndarray:
        """Weeks x mode sets (bitmask as in ``modes_allowed``; 0, no mode: inf)."""
        key = self.facts.effort_key[c]
        if key not in self._by_modes:
            by_mode = self._least_by_mode(key)
            n = len(by_mode)
            in_set = (np.arange(1 << n)[:, None] >> np.arange(n)) & 1 == 1
            table = np.where(in_set[:, :, None], by_mode[None, :, :], np.inf)
            self._by_modes[key] = table.min(axis=1, initial=np.inf).T.copy()
        return self._by_modes[key]

    def _least_by_mode(self, efforts: tuple[Effort, ...]) -> np.ndarray:
        """Modes x weeks: the least own hours over _fit_case's outsourcing choices.

        The same hours and tests as _fit_case, for every mode, outsourcing choice, firm and
        week at once.
        """
        eps = 1e-9
        total = np.array([e.total for e in efforts])
        # modes x choices of _fit_case, in its order
        own_hours = np.array([[e.own_hours(p, d) for p, d in _OUTSOURCE] for e in efforts])
        out_prep, out_draft = np.array(_OUTSOURCE).T
        fp = np.where(out_prep, np.array([e.prepare for e in efforts])[:, None], 0.0)
        fd = np.where(out_draft, np.array([e.draft for e in efforts])[:, None], 0.0)
        useful = ~((out_prep & (fp <= 0)) | (out_draft & (fd <= 0)))
        firm_fits = (fp[:, :, None, None] <= self.cap.prep + eps) & (
            fd[:, :, None, None] <= self.cap.draft + eps
        )  # modes x choices x firms x weeks
        open_ = firm_fits.any(axis=2) & useful[:, :, None]
        own = np.where(open_, own_hours[:, :, None], np.inf)
        least: np.ndarray = np.minimum(total[:, None], own.min(axis=1))
        return least


# Slack on officer hours in the pre-filter of ``_candidates``: it must only ever skip
# placements that ``_place_unit`` would reject, so it is far looser than the 1e-9 of
# ``_fit_case`` (float sums of a family's hours can differ in the last bits).
_FILTER_SLACK = 1e-6


def _candidates(
    inst: PlanningInstance, unit: list[int], cap: _Capacity, needs: _Needs
) -> Iterator[tuple[int, int]]:
    """(officer, week) pairs worth trying for a unit, week-major and in officer order.

    Only pairs that ``_place_unit`` is sure to reject are left out, so the first pair where the
    unit fits is the same as in a full scan from the unit's first ready week:

    - officers not eligible for every case, or with fewer hours left than the cases' needs
      added up (each case takes at least its need; firm hours only shrink while placing);
    - as the greedy always did, officers below the unit's least hear + decide hours;
    - a pair equal to an earlier one in week, hours left and the officer's eligibility: the
      outcome of ``_place_unit`` depends on nothing else (a failed attempt restores all hours),
      and families that fit nowhere would otherwise cost hundreds of attempts each.

    Under ``carry_over`` the hours left are the room for the members' earliest ready week: the
    largest of their rooms, and every member's hours go into every interval it bounds, so a
    unit that needs more cannot fit. Pairs are equal when the rooms of every ready-week class
    of the members are (what is left for a member after another depends on those alone).
    """
    first = max(inst.cases[c].ready_week for c in unit)
    readies = sorted({inst.cases[c].ready_week for c in unit})
    hours = cap.table(readies[0], first)
    need = needs.of(unit[0], first)
    for c in unit[1:]:
        need = need + needs.of(c, first)
    min_own = min(needs.facts.min_own[c] for c in unit)
    fits = (hours + _FILTER_SLACK >= need) & ~(hours + 1e-9 < min_own)
    pairs: Iterable[tuple[int, int]]
    if len(unit) == 1:
        # Nearly always the first candidate takes the case: list them only week by week.
        pairs = (
            (w, o)
            for w in np.flatnonzero(fits.any(axis=1)).tolist()
            for o in np.flatnonzero(fits[w]).tolist()
        )
    else:
        allowed = [needs.facts.modes_allowed(c) for c in unit]
        # Ready weeks loading the same interval starts have the same room: one table each.
        starts = cap.officers.starts
        classes = {int(np.searchsorted(starts, q, side="right")): q for q in readies}
        rooms = [cap.table(q, first) for q in classes.values()]
        weeks, officers = np.nonzero(fits)
        weeks, officers = _first_of_equals(weeks, officers, rooms, allowed)
        pairs = zip(weeks.tolist(), officers.tolist(), strict=True)
    for w, o in pairs:
        yield o, first + w


def _first_of_equals(
    weeks: np.ndarray, officers: np.ndarray, rooms: list[np.ndarray], allowed: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Keep, of the pairs equal in week, hours left and modes allowed, the first (scan order).

    ``rooms``: weeks x officers tables of the hours left, one per ready-week class in the unit.
    """
    keys = [weeks, *(r[weeks, officers] for r in rooms), *(a[officers] for a in allowed)]
    order = np.lexsort(keys[::-1])  # stable: equal pairs stay in scan order
    sorted_keys = [k[order] for k in keys]
    new = np.ones(len(order), dtype=bool)
    new[1:] = np.any([k[1:] != k[:-1] for k in sorted_keys], axis=0)
    keep = np.sort(order[new])
    return weeks[keep], officers[keep]


def greedy_plan(inst: PlanningInstance, order: list[int]) -> Plan:
    """Greedy plan in the given case order; pinned units go first, exactly as pinned."""
    plan = _greedy(inst, order, _CaseFacts(inst))
    if plan is None:  # only a deadline stops a greedy early
        raise RuntimeError("greedy plan stopped without a deadline")
    return plan


def _greedy(
    inst: PlanningInstance, order: list[int], facts: _CaseFacts, deadline: float | None = None
) -> Plan | None:
    """``greedy_plan`` with the order-independent case facts given (FIFO and EDF share them);
    None when ``deadline`` (a ``time.monotonic()`` value) passes before every unit is placed."""
    cap = _Capacity(inst)
    staff_index = {s.id: k for k, s in enumerate(inst.staff)}
    pin_of = {p.case: p for p in inst.pins}
    result: dict[int, CaseAssignment] = {}
    units = _units(inst, order)
    pinned_units = [u for u in units if any(inst.cases[c].id in pin_of for c in u)]
    for unit in pinned_units:
        pin = unit_pin(inst, unit, pin_of)
        if pin is None:
            raise RuntimeError("a pinned unit has its pin")
        officer, week = pin
        placed = _place_unit(inst, unit, staff_index[officer], week, cap, facts)
        if placed is None:
            # One by one did not fit: choose all pins' modes and firms together (raises if
            # they cannot all be met).
            cap = _Capacity(inst)
            result = place_pins(inst)
            for c, a in result.items():
                _consume(inst, cap, staff_index, c, a)
            break
        result.update(placed)
    needs = _Needs(facts, cap)
    for unit in units:
        if unit in pinned_units:
            continue
        if deadline is not None and time.monotonic() > deadline:
            return None
        attempts = (
            _place_unit(inst, unit, o, w, cap, facts)
            for o, w in _candidates(inst, unit, cap, needs)
        )
        placed = next(filter(None, attempts), None)
        if placed is None:
            placed = {c: CaseAssignment(inst.cases[c].id) for c in unit}
        needs.firms_used(placed)
        result.update(placed)
    assignments = tuple(result[c] for c in range(len(inst.cases)))
    return Plan(assignments, plan_cost(inst, assignments))


def _place_unit(
    inst: PlanningInstance, unit: list[int], o: int, week: int, cap: _Capacity, facts: _CaseFacts
) -> dict[int, CaseAssignment] | None:
    """Place all cases of a unit with one officer in one week, or nothing (hours restored)."""
    if any(inst.cases[c].ready_week > week for c in unit):
        return None
    # _fit_case only touches officer o's and the firms' hours of this week, so only those are
    # saved: copying the whole table per attempt made the greedy quadratic on a real register.
    saved_staff = cap.officers.save(o)
    saved_prep = cap.prep[:, week].copy()
    saved_draft = cap.draft[:, week].copy()
    placed: dict[int, CaseAssignment] = {}
    for c in unit:
        a = _fit_case(inst, c, o, week, cap, facts)
        if a is None:
            cap.officers.restore(o, saved_staff)
            cap.prep[:, week] = saved_prep
            cap.draft[:, week] = saved_draft
            return None
        placed[c] = a
    return placed


def _consume(
    inst: PlanningInstance, cap: _Capacity, staff_index: dict[str, int], c: int, a: CaseAssignment
) -> None:
    """Take a placed case's hours from the remaining capacity."""
    if a.officer is None or a.week is None or a.mode is None:
        raise RuntimeError("a placed case has an officer, a week and a mode")
    e = inst.cases[c].effort[a.mode]
    own = e.own_hours(a.prepare_by is not None, a.draft_by is not None)
    firms = {f.id: k for k, f in enumerate(inst.firms)}
    if a.prepare_by is not None:
        cap.prep[firms[a.prepare_by], a.week] -= e.prepare
    if a.draft_by is not None:
        cap.draft[firms[a.draft_by], a.week] -= e.draft
    cap.officers.take(staff_index[a.officer], a.week, inst.cases[c].ready_week, own)


BASELINES: dict[str, Callable[[PlanningInstance], list[int]]] = {
    "fifo": fifo_order,
    "edf": edf_order,
}


def baseline_plans(inst: PlanningInstance, deadline: float | None = None) -> dict[str, Plan]:
    """The FIFO and EDF greedy plans.

    Under ``carry_over`` each is the cheaper of the greedy under that rule and under
    ``weekly`` (a weekly plan keeps the carry-over rule too). Working ahead usually plans more,
    but not always: the greedy may then put an earlier, bigger case where later cases of the
    order would have fitted better (tests/unit/test_planning_baselines_carry_over.py has an
    example), and a baseline that gets dearer when the rule gets looser would mislead.

    With ``deadline`` (a ``time.monotonic()`` value), a greedy still running then is stopped
    and left out, and the ones after it are not run (on a register of 100,000 cases each takes
    many seconds, and the caller's time limit comes first).
    """
    facts = _CaseFacts(inst)
    plans: dict[str, Plan] = {}
    for name, order in BASELINES.items():
        done = _greedy(inst, order(inst), facts, deadline)
        if done is None:
            return plans
        plans[name] = done
    if inst.carry_over:
        weekly = replace(inst, capacity_rule=WEEKLY)
        for name, order in BASELINES.items():
            try:
                plan = _greedy(weekly, order(inst), facts, deadline)
            except PlanningInputError:  # pins that only fit when hours carry over
                continue
            if plan is None:
                break
            if plan.cost < plans[name].cost:
                plans[name] = plan
    return plans
