# SPDX-License-Identifier: EUPL-1.2
"""Array form of a planning instance for the large-instance solver (bound and construction).

Officers are grouped into pools (identical eligibility, :mod:`pools`); a *unit* is a case or a
whole family (decided together); each case has *choices*: a hearing mode the officer may use
and an outsourcing pattern (nothing, prepare, draft or both to one firm). A choice fixes the
officer hours and the firm hours, whatever the week, so prices can be computed per choice once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.large.choices import Choice
from verkeerstoren.planning.model.instance import Case, PlanningInstance, Staff, unit_pin
from verkeerstoren.planning.model.options import eligible
from verkeerstoren.planning.model.pools import Pool, make_pools

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
# Outsourcing patterns: (prepare to a firm, draft to a firm).
PATTERNS = ((False, False), (True, False), (False, True), (True, True))


@dataclass(frozen=True)
class Unit:
    """Cases decided together by one officer in one week (a family, or a single case)."""

    cases: tuple[int, ...]
    ready: int
    pin: tuple[int, int] | None  # (officer index, week) when pinned


@dataclass(frozen=True)
class Structure:
    """Everything the bound and the construction heuristic need, as arrays."""

    inst: PlanningInstance
    pools: list[Pool]
    pool_of: I64  # staff index -> pool index (-1: may not decide)
    cap: F64  # pool x week: summed hours
    max_member: F64  # pool x week: most hours one officer can give a case (Pool.max_member_hours)
    hours: F64  # staff x week
    firm_prepare: F64  # firm x week
    firm_draft: F64  # firm x week
    firm_rate: F64  # cost per firm hour
    cost: F64  # case x week (+1 column: not planned in the horizon)
    choices: tuple[tuple[Choice, ...], ...]  # per case
    units: tuple[Unit, ...]
    unit_of: I64  # case -> unit
    choice_class: tuple[int, ...]  # per case: cases with equal choices share the class
    layouts: dict[int, GroupLayout]  # per family (or pinned) unit
    choice_hours: F64  # case x choice x (officer, firm prepare, firm draft) hours
    unit_ready: I64  # per unit: first week it may be decided
    unit_pinned: NDArray[np.bool_]  # per unit: pinned by a planner

    def layout(self, u: int) -> GroupLayout:
        """Pools and per-member choice rows of a family or pinned unit (built once)."""
        hit = self.layouts.get(u)
        if hit is None:
            hit = self.layouts[u] = _layout(self, self.units[u].cases)
        return hit

    def common_pools(self, cases: tuple[int, ...]) -> I64:
        """Pools that may take every one of these cases (in some mode each)."""
        return np.array(sorted(_common_pools(self.choices, cases)), np.int64)

    @property
    def weeks(self) -> int:
        """Weeks in the horizon."""
        return self.inst.horizon_weeks


@dataclass(frozen=True)
class GroupLayout:
    """Pools that may take all cases of a unit; per case and choice, the rows of those pools."""

    pools: I64
    rows: tuple[tuple[I64, ...], ...]  # [member][choice] -> indices into ``pools``
    least: F64  # per pool row: least officer hours of the whole unit


def _layout(s: Structure, cases: tuple[int, ...]) -> GroupLayout:
    pools = s.common_pools(cases)
    rows = tuple(
        tuple(np.nonzero(np.isin(pools, ch.pools))[0] for ch in s.choices[c]) for c in cases
    )
    least = np.zeros(len(pools))
    for c, member_rows in zip(cases, rows, strict=True):
        low = np.full(len(pools), np.inf)
        for ch, r in zip(s.choices[c], member_rows, strict=True):
            low[r] = np.minimum(low[r], ch.officer_hours)
        least += low
    return GroupLayout(pools, rows, least)


def build_structure(inst: PlanningInstance) -> Structure:
    """Arrays, pools, choices and units of ``inst``; raises on contradictory pins."""
    weeks = inst.horizon_weeks
    pools = make_pools(inst)
    pool_of = np.full(len(inst.staff), -1, np.int64)
    for q, pool in enumerate(pools):
        pool_of[list(pool.members)] = q
    cap = np.array([p.hours for p in pools]).reshape(len(pools), weeks)
    max_member = np.array([p.max_member_hours for p in pools]).reshape(len(pools), weeks)
    hours = np.array([[s.hours_in_week(w) for w in range(weeks)] for s in inst.staff])
    hours = hours.reshape(len(inst.staff), weeks)
    cost = np.array([[*c.cost_by_week, c.cost_beyond] for c in inst.cases], np.float64)
    cost = cost.reshape(len(inst.cases), weeks + 1)
    reps = [p.representative for p in pools]
    elig_cache: dict[tuple[object, ...], I64] = {}
    # A package can only go out if some firm ever takes that package.
    can_out = (
        any(max(f.prepare_hours, default=0.0) > 0 for f in inst.firms),
        any(max(f.draft_hours, default=0.0) > 0 for f in inst.firms),
    )
    choices = tuple(_choices(case, reps, elig_cache, can_out) for case in inst.cases)
    units, unit_of = _units(inst)
    choices = _family_choices(choices, units)
    classes: dict[tuple[object, ...], int] = {}
    choice_class = tuple(
        classes.setdefault(
            tuple(
                (ch.mode, ch.officer_hours, ch.firm_prepare, ch.firm_draft, id(ch.pools))
                for ch in chs
            ),
            len(classes),
        )
        for chs in choices
    )
    return Structure(
        inst=inst,
        pools=pools,
        pool_of=pool_of,
        cap=cap,
        max_member=max_member,
        hours=hours,
        firm_prepare=np.array([f.prepare_hours for f in inst.firms]).reshape(-1, weeks),
        firm_draft=np.array([f.draft_hours for f in inst.firms]).reshape(-1, weeks),
        firm_rate=np.array([f.cost_per_hour for f in inst.firms], np.float64),
        cost=cost,
        choices=choices,
        units=units,
        unit_of=unit_of,
        choice_class=choice_class,
        layouts={},
        choice_hours=_choice_hours(choices),
        unit_ready=np.array([u.ready for u in units], np.int64),
        unit_pinned=np.array([u.pin is not None for u in units], np.bool_),
    )


def _family_choices(
    choices: tuple[tuple[Choice, ...], ...], units: tuple[Unit, ...]
) -> tuple[tuple[Choice, ...], ...]:
    """Each family member's choices open only to the pools that may take the whole family.

    One officer decides a family, so a member can only ever be done in such a pool. Saying so
    here tightens the LP, which otherwise lets a complex family's other members use ordinary
    officers' hours while only the decision team may hold the family (tf2020: 418 families).
    """
    out = list(choices)
    shared: dict[tuple[int, ...], I64] = {}  # equal pool sets share one array (choice classes)
    for unit in units:
        if len(unit.cases) < 2:
            continue
        common = _common_pools(choices, unit.cases)
        for c in unit.cases:
            kept = []
            for ch in choices[c]:
                key = tuple(q for q in ch.pools.tolist() if q in common)
                if len(key) == len(ch.pools):
                    kept.append(ch)  # unchanged: keeps its class with cases outside families
                elif key:
                    pools = shared.setdefault(key, np.array(key, np.int64))
                    kept.append(replace(ch, pools=pools))
            out[c] = tuple(kept)
    return tuple(out)


def _common_pools(choices: tuple[tuple[Choice, ...], ...], cases: tuple[int, ...]) -> set[int]:
    common: set[int] | None = None
    for c in cases:
        open_to = {int(q) for ch in choices[c] for q in ch.pools.tolist()}
        common = open_to if common is None else common & open_to
    return common or set()


def _choice_hours(choices: tuple[tuple[Choice, ...], ...]) -> F64:
    width = max((len(c) for c in choices), default=0)
    out = np.zeros((len(choices), max(width, 1), 3))
    for c, chs in enumerate(choices):
        for k, ch in enumerate(chs):
            out[c, k] = (ch.officer_hours, ch.firm_prepare, ch.firm_draft)
    return out


def _choices(
    case: Case,
    reps: list[Staff],
    cache: dict[tuple[object, ...], I64],
    can_out: tuple[bool, bool],
) -> tuple[Choice, ...]:
    out = []
    for mode in case.modes():
        e = case.effort[mode]
        # Eligibility depends only on these case attributes: cache it across cases.
        key = (
            mode,
            case.complex,
            case.location,
            e.hear > 0,
            tuple(sorted(case.competencies.items())),
        )
        if key not in cache:
            cache[key] = np.array(
                [q for q, rep in enumerate(reps) if eligible(rep, case, mode)], np.int64
            )
        pools = cache[key]
        if not len(pools):
            continue
        for prep, draft in PATTERNS:
            if (prep and e.prepare <= 0) or (draft and e.draft <= 0):
                continue  # outsourcing nothing is the same as not outsourcing
            if (prep and not can_out[0]) or (draft and not can_out[1]):
                continue
            fp = e.prepare if prep else 0.0
            fd = e.draft if draft else 0.0
            out.append(Choice(mode, prep, draft, e.own_hours(prep, draft), fp, fd, pools))
    return tuple(_undominated(out))


def _undominated(choices: list[Choice]) -> list[Choice]:
    """Drop a choice when another needs no more officer and firm hours and is open to at least
    the same pools (any plan using the dropped one can use the other instead)."""
    keep = []
    for k, c in enumerate(choices):
        beaten = any(
            o.officer_hours <= c.officer_hours
            and o.firm_prepare <= c.firm_prepare
            and o.firm_draft <= c.firm_draft
            and set(c.pools.tolist()) <= set(o.pools.tolist())
            and (
                (o.officer_hours, o.firm_prepare, o.firm_draft)
                != (c.officer_hours, c.firm_prepare, c.firm_draft)
                or j < k
            )
            for j, o in enumerate(choices)
            if j != k
        )
        if not beaten:
            keep.append(c)
    return keep


def _units(inst: PlanningInstance) -> tuple[tuple[Unit, ...], I64]:
    staff_index = {s.id: k for k, s in enumerate(inst.staff)}
    pin_of = {p.case: p for p in inst.pins}
    groups: dict[str, list[int]] = {}
    order: list[list[int]] = []
    for c, case in enumerate(inst.cases):
        if case.family:
            if case.family not in groups:
                groups[case.family] = []
                order.append(groups[case.family])
            groups[case.family].append(c)
        else:
            order.append([c])
    units = []
    unit_of = np.zeros(len(inst.cases), np.int64)
    for u, members in enumerate(order):
        pin = unit_pin(inst, members, pin_of)
        unit_of[members] = u
        ready = max(inst.cases[c].ready_week for c in members)
        units.append(Unit(tuple(members), ready, (staff_index[pin[0]], pin[1]) if pin else None))
    return tuple(units), unit_of
