# SPDX-License-Identifier: EUPL-1.2
"""Placing units on real officers: remaining hours of officers and firms, one plan in arrays.

:class:`Placer` places a unit in a week on the best officer (lowest priced hours, then the
tightest fit; first what the LP itself would do when a :class:`Guide` is given) and takes it out
again; :mod:`construct` and :mod:`repack` drive it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.large.arrays import Structure
from verkeerstoren.planning.large.choices import Choice
from verkeerstoren.planning.large.lp import CompactSolution, demand_key
from verkeerstoren.planning.large.pricing import EPS, Prices
from verkeerstoren.planning.model.capacity import OfficerHours

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
UNPLANNED = -1
FOLLOW = 0.5  # share of a case (and of its hours) the LP must still have for a placement


@dataclass
class Placement:
    """A plan in array form: per case officer, week, choice and firm (-1 = none)."""

    officer: I64
    week: I64
    choice: I64
    firm: I64

    @classmethod
    def empty(cls, n_cases: int) -> Placement:
        """Nothing planned."""
        return cls(*(np.full(n_cases, UNPLANNED, np.int64) for _ in range(4)))

    def cost(self, s: Structure) -> float:
        """Total cost: each case's cost in its week (or beyond) plus paid firm hours."""
        weeks = np.where(self.week >= 0, self.week, s.weeks)
        total = float(s.cost[np.arange(len(self.week)), weeks].sum())
        for c in np.nonzero(self.firm >= 0)[0].tolist():
            ch = s.choices[c][self.choice[c]]
            total += float(s.firm_rate[self.firm[c]]) * (ch.firm_prepare + ch.firm_draft)
        return total


class Guide:
    """What the LP still "has" per (class, week, choice) in cases and per demand and pool in
    hours; placements that stay within it follow the LP's division of the work."""

    def __init__(self, s: Structure, lp: CompactSolution) -> None:
        self.s = s
        self.choice_left = dict(lp.choice_use)
        self.pool_left: dict[tuple[int, ...], F64] = {}
        for (key, q), hours in lp.pool_use.items():
            self.pool_left.setdefault(key, np.zeros(len(s.pools)))[q] = hours

    def follows(self, c: int, k: int, week: int, pools: I64) -> NDArray[np.bool_]:
        """Per pool in ``pools``: does doing case c with choice k there stay within the LP?"""
        ch = self.s.choices[c][k]
        if self.choice_left.get((self.s.choice_class[c], week, k), 0.0) < FOLLOW:
            return np.zeros(len(pools), np.bool_)
        left = self.pool_left.get(demand_key(self.s, ch, week))
        if left is None:
            return np.zeros(len(pools), np.bool_)
        return np.asarray(left[pools] >= FOLLOW * ch.officer_hours, np.bool_)

    def use(self, c: int, k: int, week: int, pool: int, sign: float = 1.0) -> None:
        """Count a placement against the LP's amounts (``sign`` -1: a placement undone)."""
        ch = self.s.choices[c][k]
        key = (self.s.choice_class[c], week, k)
        self.choice_left[key] = self.choice_left.get(key, 0.0) - sign
        left = self.pool_left.get(demand_key(self.s, ch, week))
        if left is not None:
            left[pool] -= sign * ch.officer_hours


class Placer:
    """Remaining hours of officers and firms while units are placed and moved."""

    def __init__(self, s: Structure, prices: Prices, guide: Guide | None = None) -> None:
        self.s, self.prices, self.guide = s, prices, guide
        # While set, cases that are not complex stay off decision-team officers: only they may
        # decide complex cases, and they run out first (measured on tf2020: +90 complex cases).
        self.keep_decision_team = False
        self.decision_team = np.array([st.decision_team for st in s.inst.staff], np.bool_)
        # Officer hours under the instance's rule (weekly, or carried over to later weeks).
        self.officer_hours = OfficerHours(
            s.hours, (c.ready_week for c in s.inst.cases), s.inst.carry_over
        )
        self.case_ready = np.array([c.ready_week for c in s.inst.cases], np.int64)
        self.prep = s.firm_prepare.copy()
        self.draft = s.firm_draft.copy()
        self.plan = Placement.empty(len(s.inst.cases))
        self.unit_week = np.full(len(s.units), UNPLANNED, np.int64)
        # Officers per choice: members of the choice's pools (cached by the pools array).
        self._staff: dict[int, I64] = {}
        self._mask: dict[int, NDArray[np.bool_]] = {}
        self._by_classes: dict[tuple[int, ...], I64] = {}
        # Per unit: officers who may take every case of it, and the least hours it needs.
        self.unit_staff = [self._unit_staff(unit.cases) for unit in s.units]
        self.least = np.array(
            [
                sum(min((ch.officer_hours for ch in s.choices[c]), default=np.inf) for c in u.cases)
                for u in s.units
            ]
        )

    @property
    def hours(self) -> F64:
        """Officers x weeks: room any case decided in the week surely gets (to rank officers and
        weeks; placing a case checks its own room)."""
        return self.officer_hours.matrix()

    def room(self, officers: I64 | int, week: int, c: int) -> F64:
        """Hours each officer can still give case c decided in ``week``."""
        return self.officer_hours.room(officers, week, int(self.case_ready[c]))

    def staff_of(self, ch: Choice) -> I64:
        key = id(ch.pools)
        hit = self._staff.get(key)
        if hit is None:
            members = [m for q in ch.pools.tolist() for m in self.s.pools[q].members]
            hit = np.array(sorted(members), np.int64)
            self._staff[key] = hit
        return hit

    def may_take(self, ch: Choice, officer: int) -> bool:
        """Is the officer in one of the choice's pools?"""
        key = id(ch.pools)
        mask = self._mask.get(key)
        if mask is None:
            mask = np.zeros(len(self.s.inst.staff), np.bool_)
            mask[self.staff_of(ch)] = True
            self._mask[key] = mask
        return bool(mask[officer])

    def _unit_staff(self, cases: tuple[int, ...]) -> I64:
        # Cases of one choice class have the same choices, so units of the same classes share
        # the answer (on a register of 100,000 cases: ~1,200 such keys for ~87,000 units).
        key = tuple(self.s.choice_class[c] for c in cases)
        hit = self._by_classes.get(key)
        if hit is not None:
            return hit
        common: set[int] | None = None
        for c in cases:
            staff = {int(m) for ch in self.s.choices[c] for m in self.staff_of(ch).tolist()}
            common = staff if common is None else common & staff
        hit = np.array(sorted(common or ()), np.int64)
        self._by_classes[key] = hit
        return hit

    def has_room(self, u: int, week: int) -> bool:
        """Quick test: does any officer who may take the unit have its least hours free?"""
        staff = self.unit_staff[u]
        if not len(staff):
            return False
        room = self.officer_hours.room(staff, week, self.s.units[u].ready)
        return bool(room.max() >= self.least[u] - EPS)

    def firm_for(self, ch: Choice, week: int) -> tuple[int, float]:
        """Cheapest firm (priced hours + fee) that can still take the choice's firm hours."""
        if ch.firm_prepare <= 0 and ch.firm_draft <= 0:
            return UNPLANNED, 0.0
        s, p = self.s, self.prices
        if not len(s.firm_rate):
            return -2, np.inf
        fits = (self.prep[:, week] >= ch.firm_prepare - EPS) & (
            self.draft[:, week] >= ch.firm_draft - EPS
        )
        if not fits.any():
            return -2, np.inf
        price = (
            p.firm_prepare[:, week] * ch.firm_prepare
            + p.firm_draft[:, week] * ch.firm_draft
            + s.firm_rate * (ch.firm_prepare + ch.firm_draft)
        )
        price = np.where(fits, price, np.inf)
        f = int(price.argmin())
        return f, float(price[f])

    def place_single(
        self, c: int, week: int, only: int | None = None, fewest_hours: bool = False
    ) -> bool:
        """Place case c in ``week`` on the best officer (``only``: that officer); False if none.

        Best = lowest priced hours, then tightest fit; with ``fewest_hours``: fewest officer
        hours first (for pins, where fitting matters more than price).
        """
        best: tuple[float, float, float, int, int, int] | None = None
        keep_team = self.keep_decision_team and not self.s.inst.cases[c].complex
        for k, ch in enumerate(self.s.choices[c]):
            f, firm_price = self.firm_for(ch, week)
            if f == -2:
                continue
            staff = self.staff_of(ch)
            if keep_team:
                staff = staff[~self.decision_team[staff]]
            if only is not None:
                staff = staff[staff == only]
            rem = self.room(staff, week, c)
            ok = rem >= ch.officer_hours - EPS
            if not ok.any():
                continue
            cand = staff[ok]
            price = self.prices.officer[self.s.pool_of[cand], week] * ch.officer_hours + firm_price
            slack = rem[ok] - ch.officer_hours
            # Placements the LP would make come first (when the LP guides the build).
            off = np.zeros(len(cand))
            if self.guide is not None and not fewest_hours:
                off = (~self.guide.follows(c, k, week, self.s.pool_of[cand])).astype(float)
            j = int(np.lexsort((slack, price, off))[0])
            first = ch.officer_hours if fewest_hours else float(price[j])
            second = float(price[j]) if fewest_hours else float(slack[j])
            key = (float(off[j]), first, second, k, int(cand[j]), f)
            if best is None or key[:3] < best[:3]:
                best = key
        if best is None:
            return False
        _, _, _, k, officer, f = best
        self.take(c, officer, week, k, f)
        return True

    def place_group(self, u: int, week: int, only: int | None = None) -> bool:
        """Place a family with one officer in ``week``: members' choices that fit together."""
        cases = self.s.units[u].cases
        staff = self.unit_staff[u]
        if only is not None:
            staff = staff[staff == only]
        if self.keep_decision_team and not any(self.s.inst.cases[c].complex for c in cases):
            staff = staff[~self.decision_team[staff]]
        room = self.officer_hours.room(staff, week, self.s.units[u].ready)
        staff, room = staff[room >= self.least[u] - EPS], room[room >= self.least[u] - EPS]
        # Officers with most hours first (a family needs room). Members first take their
        # cheapest priced choices; only if no officer fits them so, the fewest officer hours.
        order = staff[np.argsort(-room, kind="stable")].tolist()
        for fewest_hours in (False, True):
            for officer in order:
                taken: list[int] = []
                for c in cases:
                    if not self._place_on(c, officer, week, fewest_hours):
                        for t in taken:
                            self._release(t)
                        break
                    taken.append(c)
                else:
                    return True
        return False

    def _place_on(self, c: int, officer: int, week: int, fewest_hours: bool) -> bool:
        """Case c on this officer: lowest priced hours (or fewest officer hours) that fit."""
        pool = int(self.s.pool_of[officer])
        lam = float(self.prices.officer[pool, week])
        room = float(self.room(officer, week, c))
        options = []
        for k, ch in enumerate(self.s.choices[c]):
            if not self.may_take(ch, officer):
                continue
            if room < ch.officer_hours - EPS:
                continue
            f, firm_price = self.firm_for(ch, week)
            if f == -2:
                continue
            priced = lam * ch.officer_hours + firm_price
            off = 0.0
            if self.guide is not None and not fewest_hours:
                off = float(not self.guide.follows(c, k, week, np.array([pool]))[0])
            key = (
                (0.0, ch.officer_hours, priced) if fewest_hours else (off, priced, ch.officer_hours)
            )
            options.append((*key, k, f))
        if not options:
            return False
        _, _, _, k, f = min(options)
        self.take(c, officer, week, k, f)
        return True

    def take(self, c: int, officer: int, week: int, k: int, f: int) -> None:
        """Put case c with the officer in the week, choice k, firm f (-1: none)."""
        ch = self.s.choices[c][k]
        self.officer_hours.take(officer, week, int(self.case_ready[c]), ch.officer_hours)
        if f >= 0:
            self.prep[f, week] -= ch.firm_prepare
            self.draft[f, week] -= ch.firm_draft
        p = self.plan
        p.officer[c], p.week[c], p.choice[c], p.firm[c] = officer, week, k, f
        if self.guide is not None:
            self.guide.use(c, k, week, int(self.s.pool_of[officer]))
        self.unit_week[self.s.unit_of[c]] = week

    def _release(self, c: int) -> None:
        p = self.plan
        if p.week[c] < 0:
            return
        ch = self.s.choices[c][p.choice[c]]
        if self.guide is not None:
            pool = int(self.s.pool_of[p.officer[c]])
            self.guide.use(c, int(p.choice[c]), int(p.week[c]), pool, sign=-1.0)
        ready = int(self.case_ready[c])
        self.officer_hours.give(int(p.officer[c]), int(p.week[c]), ready, ch.officer_hours)
        if p.firm[c] >= 0:
            self.prep[p.firm[c], p.week[c]] += ch.firm_prepare
            self.draft[p.firm[c], p.week[c]] += ch.firm_draft
        p.officer[c] = p.week[c] = p.choice[c] = p.firm[c] = UNPLANNED
        self.unit_week[self.s.unit_of[c]] = UNPLANNED

    def fees(self, u: int) -> float:
        """What the unit's outsourced packages cost in firm fees as placed now."""
        total = 0.0
        for c in self.s.units[u].cases:
            f = self.plan.firm[c]
            if f >= 0:
                ch = self.s.choices[c][self.plan.choice[c]]
                total += float(self.s.firm_rate[f]) * (ch.firm_prepare + ch.firm_draft)
        return total

    def release_unit(self, u: int) -> None:
        """Take a unit out of the plan (its hours become free again)."""
        for c in self.s.units[u].cases:
            self._release(c)

    def place_unit(self, u: int, week: int, fewest_hours: bool = False) -> bool:
        """Place a unit in ``week`` (pinned units only at their pin)."""
        unit = self.s.units[u]
        if week < unit.ready:
            return False
        only = None
        if unit.pin is not None:
            officer, pin_week = unit.pin
            if week != pin_week:
                return False
            only = officer
        if not self.has_room(u, week):
            return False
        if len(unit.cases) == 1:
            return self.place_single(unit.cases[0], week, only, fewest_hours)
        return self.place_group(u, week, only)
