# SPDX-License-Identifier: EUPL-1.2
"""Lagrangian pricing: each unit's cheapest way to be planned when hours carry a price.

With prices ``lam[pool, week]`` per officer hour and ``mu_prepare/mu_draft[firm, week]`` per firm
hour (all >= 0), a unit planned in week w costs its cases' costs plus the priced hours. The
cheapest such value per unit, summed, minus the priced capacities, is a lower bound on the cost
of every plan (Lagrangian relaxation of the capacity rows), whatever the prices are.

Under the carry-over rule (docs/formats.md) the rows are "hours used up to week w <= hours up
to week w" per pool. A price ``nu[w] >= 0`` on each makes an hour of week w cost
``lam[w] = nu[w] + nu[w+1] + ...``, and the priced capacities sum to ``sum_w lam[w] cap[w]``:
the same formula, valid for every price table that does not rise from week to week.

Relaxations kept on purpose (they keep the bound valid and the pricing fast): officer hours are
pooled (an officer's single-week limit is kept per case through ``max_member``, and for a
family only as "the family's least hours fit one officer"); family members may use different
modes and firms, as in a plan.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.large.arrays import Structure
from verkeerstoren.planning.large.choices import Choice

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
EPS = 1e-9


@dataclass(frozen=True)
class Prices:
    """Prices of an officer hour per pool-week and of a firm hour per firm-week and package."""

    officer: F64
    firm_prepare: F64
    firm_draft: F64

    @classmethod
    def zero(cls, s: Structure) -> Prices:
        """All hours free: the bound is then every unit at its cheapest week."""
        return cls(np.zeros_like(s.cap), np.zeros_like(s.firm_prepare), np.zeros_like(s.firm_draft))

    def capacity_value(self, s: Structure) -> float:
        """Priced capacity, subtracted in the Lagrangian bound."""
        return float(
            (self.officer * s.cap).sum()
            + (self.firm_prepare * s.firm_prepare).sum()
            + (self.firm_draft * s.firm_draft).sum()
        )


@dataclass(frozen=True)
class UnitPrice:
    """Per unit and week (+ beyond): cheapest priced value and how it is reached.

    ``pool[u, w]`` is the pool used (-1: impossible that week); ``choice[c][w]`` the choice index
    per case and ``firm[c][w]`` the firm (-1: none) of the cheapest way.
    """

    value: F64  # unit x (weeks + 1); inf where impossible
    pool: I64  # unit x weeks
    choice: I64  # case x weeks
    firm: I64  # case x weeks


class PriceCache:
    """Per set of prices: best pool per (eligible pools, hours) and best firm per (fp, fd)."""

    def __init__(self, s: Structure, prices: Prices) -> None:
        self.s, self.p = s, prices
        self.pool_part: dict[tuple[int, float], tuple[F64, I64]] = {}
        self.firm_part: dict[tuple[float, float], tuple[F64, I64]] = {}

    def pool(self, choice: Choice) -> tuple[F64, I64]:
        key = (id(choice.pools), choice.officer_hours)
        hit = self.pool_part.get(key)
        if hit is None:
            q = choice.pools
            h = choice.officer_hours
            val = np.where(self.s.max_member[q] >= h - EPS, self.p.officer[q] * h, np.inf)
            arg = val.argmin(axis=0)
            hit = (val[arg, np.arange(val.shape[1])], q[arg])
            self.pool_part[key] = hit
        return hit

    def firm(self, choice: Choice) -> tuple[F64, I64]:
        """Cheapest priced firm hours of a choice per week (inf: no firm has room) and firm."""
        return self.firm_hours(choice.firm_prepare, choice.firm_draft)

    def firm_hours(self, fp: float, fd: float) -> tuple[F64, I64]:
        """Cheapest priced firm hours for ``fp`` prepare and ``fd`` draft hours, per week."""
        hit = self.firm_part.get((fp, fd))
        if hit is None:
            s, p = self.s, self.p
            weeks = s.weeks
            if (fp <= 0 and fd <= 0) or not len(s.firm_rate):
                val = np.zeros(weeks) if fp <= 0 and fd <= 0 else np.full(weeks, np.inf)
                hit = (val, np.full(weeks, -1, np.int64))
            else:
                total = p.firm_prepare * fp + p.firm_draft * fd + (s.firm_rate * (fp + fd))[:, None]
                fits = (s.firm_prepare >= fp - EPS) & (s.firm_draft >= fd - EPS)
                total = np.where(fits, total, np.inf)
                arg = total.argmin(axis=0)
                hit = (total[arg, np.arange(weeks)], arg.astype(np.int64))
            self.firm_part[(fp, fd)] = hit
        return hit


def price_units(s: Structure, prices: Prices) -> UnitPrice:
    """Cheapest priced value of every unit in every week.

    Cases with the same choices share their hour prices, so the prices are computed once per
    class of cases (and once per family composition), then added to each case's own costs.
    """
    weeks = s.weeks
    cache = PriceCache(s, prices)
    value = np.full((len(s.units), weeks + 1), np.inf)
    pool = np.full((len(s.units), weeks), -1, np.int64)
    choice = np.full((len(s.inst.cases), weeks), -1, np.int64)
    firm = np.full((len(s.inst.cases), weeks), -1, np.int64)
    singles: dict[int, list[tuple[int, int]]] = {}
    groups: dict[tuple[object, ...], list[int]] = {}
    for u, unit in enumerate(s.units):
        if len(unit.cases) == 1 and unit.pin is None:
            c = unit.cases[0]
            singles.setdefault(s.choice_class[c], []).append((u, c))
        else:
            key = (unit.pin, *(s.choice_class[c] for c in unit.cases))
            groups.setdefault(key, []).append(u)
    for members in singles.values():
        units_, cases_ = (np.array(v, np.int64) for v in zip(*members, strict=True))
        best, bq, bk, bf = _price_choices(cache, s.choices[int(cases_[0])])
        value[units_, :weeks] = s.cost[cases_, :weeks] + best
        pool[units_] = bq
        choice[cases_] = bk
        firm[cases_] = bf
    for same in groups.values():
        total, bq, bk, bf = _price_group(s, cache, same[0])
        for u in same:
            own = list(s.units[u].cases)
            value[u, :weeks] = s.cost[own, :weeks].sum(axis=0) + total
            pool[u] = bq
            choice[own] = bk
            firm[own] = bf
    for u, unit in enumerate(s.units):
        if unit.ready > 0:
            value[u, : unit.ready] = np.inf
        if unit.pin is None:
            value[u, weeks] = float(s.cost[list(unit.cases), weeks].sum())
    return UnitPrice(value, pool, choice, firm)


def _price_choices(cache: PriceCache, choices: tuple[Choice, ...]) -> tuple[F64, I64, I64, I64]:
    """Cheapest priced hours per week over a case's choices: (value, pool, choice, firm)."""
    weeks = cache.s.weeks
    best = np.full(weeks, np.inf)
    bq = np.full(weeks, -1, np.int64)
    bk = np.full(weeks, -1, np.int64)
    bf = np.full(weeks, -1, np.int64)
    for k, ch in enumerate(choices):
        pv, pq = cache.pool(ch)
        fv, ff = cache.firm(ch)
        total = pv + fv
        better = total < best
        best = np.where(better, total, best)
        bq = np.where(better, pq, bq)
        bk = np.where(better, k, bk)
        bf = np.where(better, ff, bf)
    return best, bq, bk, bf


def _price_group(s: Structure, cache: PriceCache, u: int) -> tuple[F64, I64, I64, I64]:
    """A family (or a pinned case): one pool for all, least hours must fit one officer.

    Returns the priced hours per week, the pool, and per member (rows) the choice and firm.
    """
    unit = s.units[u]
    weeks = s.weeks
    lay = s.layout(u)
    pools = lay.pools
    n = len(pools)
    if not n:
        none = np.full((len(unit.cases), weeks), -1, np.int64)
        return np.full(weeks, np.inf), none[0], none, none
    total = np.zeros((n, weeks))
    member_choice = []
    member_firm = []
    for c, member_rows in zip(unit.cases, lay.rows, strict=True):
        best = np.full((n, weeks), np.inf)
        arg_choice = np.full((n, weeks), -1, np.int64)
        arg_firm = np.full((n, weeks), -1, np.int64)
        for k, (ch, rows) in enumerate(zip(s.choices[c], member_rows, strict=True)):
            if not len(rows):
                continue
            fv, ff = cache.firm(ch)
            val = cache.p.officer[pools[rows]] * ch.officer_hours + fv
            better = val < best[rows]
            best[rows] = np.where(better, val, best[rows])
            arg_choice[rows] = np.where(better, k, arg_choice[rows])
            arg_firm[rows] = np.where(better, ff[None, :], arg_firm[rows])
        total += best
        member_choice.append(arg_choice)
        member_firm.append(arg_firm)
    fits = s.max_member[pools] >= lay.least[:, None] - EPS
    if unit.pin is not None:
        officer, week = unit.pin
        only = np.zeros_like(fits)
        row = np.nonzero(pools == s.pool_of[officer])[0]
        if len(row):
            # Under carry-over the officer can give it all hours up to the week.
            room = (
                s.hours[officer, : week + 1].sum() if s.inst.carry_over else s.hours[officer, week]
            )
            only[row[0], week] = room >= lay.least[row[0]] - EPS
        fits &= only
    total = np.where(fits, total, np.inf)
    arg = total.argmin(axis=0)
    cols = np.arange(weeks)
    best_total = total[arg, cols]
    bq = np.where(np.isfinite(best_total), pools[arg], -1)
    bk = np.array([m[arg, cols] for m in member_choice])
    bf = np.array([m[arg, cols] for m in member_firm])
    return best_total, bq, bk, bf


def lagrangian_bound(s: Structure, prices: Prices, priced: UnitPrice) -> float:
    """Lower bound on the cost of every plan, valid for any prices >= 0 (under carry-over:
    officer prices that do not rise from week to week, see the module docstring)."""
    if s.inst.carry_over and np.any(np.diff(prices.officer, axis=1) > EPS):
        raise ValueError("carry-over bound needs officer prices that do not rise over weeks")
    return float(priced.value.min(axis=1).sum()) - prices.capacity_value(s)


def hours_used(s: Structure, priced: UnitPrice) -> tuple[F64, F64, F64, NDArray[np.int64]]:
    """Hours each pool and firm would give if every unit took its cheapest week (a subgradient).

    Returns officer hours (pool x week), firm prepare and draft hours (firm x week) and each
    unit's cheapest week (``weeks`` = beyond the horizon).
    """
    weeks = s.weeks
    best = priced.value.argmin(axis=1)
    officer = np.zeros_like(s.cap)
    prep = np.zeros_like(s.firm_prepare)
    draft = np.zeros_like(s.firm_draft)
    cases = np.arange(len(s.inst.cases))
    week = best[s.unit_of]
    planned = week < weeks
    c, w = cases[planned], week[planned]
    k = priced.choice[c, w]
    q = priced.pool[s.unit_of[c], w]
    f = priced.firm[c, w]
    tab = s.choice_hours
    np.add.at(officer, (q, w), tab[c, k, 0])
    out = f >= 0
    np.add.at(prep, (f[out], w[out]), tab[c[out], k[out], 1])
    np.add.at(draft, (f[out], w[out]), tab[c[out], k[out], 2])
    return officer, prep, draft, best
