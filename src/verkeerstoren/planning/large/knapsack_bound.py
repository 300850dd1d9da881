# SPDX-License-Identifier: EUPL-1.2
"""Knapsack bound: a Lagrangian bound that keeps every officer's week whole.

:func:`pricing.lagrangian_bound` prices officer hours, so a unit may use 1.4 of an officer's
week on paper. Here the other rows are priced instead: each unit's "planned at most once"
(price ``lam[u]``, at most its cost beyond the horizon) and the firms' hours. What remains
falls apart into one knapsack per officer-week: which units, in which choice, fit the officer's
hours and earn most ``lam[u] - cost(u, week) - priced firm hours``. Then

    bound = sum(lam) - priced firm capacity - sum over officer-weeks of the best knapsack
            + what pinned units cost in their pinned week,

a lower bound on every plan for any such prices (Lagrangian duality); it counts that 25.6 h
hold one 18 h case, not 1.4. With ``lam`` from the hour prices of the compact LP it is usually
above :func:`pricing.lagrangian_bound` (also on tf2020), not always: the caller keeps the
larger.

Kept exact: per-officer hours (on a grid of ``GRID`` hours: item hours are rounded down, the
hours of a week too, so every plan still fits), eligibility per choice and pool, a family in one
officer's week. Relaxed (keeps the bound valid): a unit may appear in several officers' weeks
(that is what ``lam`` prices), family members may each take their cheapest firm, and a pinned
unit is counted with its least hours and its cheapest firm hours separately.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.large.arrays import Structure
from verkeerstoren.planning.large.pricing import PriceCache, Prices, UnitPrice

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
GRID = 0.25  # hours per knapsack cell (every effort in the register is a multiple of it)
MAX_CELLS = 240  # coarser grid when weeks are longer than 60 h (keeps the tables small)


@dataclass(frozen=True)
class _Group:
    """Units that are the same to a knapsack except for their costs.

    ``ways[q]``: per pool, the choices (or for a family, combinations of member choices) as
    (cells, the (prepare, draft) firm hours of each case that outsources).
    """

    units: I64
    ways: dict[int, list[tuple[int, tuple[tuple[float, float], ...]]]]


def knapsack_bound(
    s: Structure, prices: Prices, priced: UnitPrice, *, deadline: float
) -> float | None:
    """The bound at ``prices`` (firm hours) and ``lam`` from ``priced``; None when out of time."""
    weeks = s.weeks
    grid = max(GRID, float(s.hours.max(initial=0.0)) / MAX_CELLS)
    cache = PriceCache(s, prices)
    pinned = np.nonzero(s.unit_pinned)[0]
    free_units = np.nonzero(~s.unit_pinned)[0]
    lam = priced.value[free_units].min(axis=1)
    lam = np.where(np.isfinite(lam), lam, 0.0)
    total = float(lam.sum())
    total -= float((prices.firm_prepare * s.firm_prepare).sum())
    total -= float((prices.firm_draft * s.firm_draft).sum())
    left = s.hours.copy()
    for u in pinned.tolist():
        cost, hours = _pinned_part(s, cache, u)
        officer, week = s.units[u].pin  # type: ignore[misc]
        total += cost
        left[officer, week] = max(0.0, left[officer, week] - hours)
    margin = np.full((len(s.units), weeks), -np.inf)
    margin[free_units] = lam[:, None]
    for u in free_units.tolist():
        unit = s.units[u]
        margin[u, : unit.ready] = -np.inf
        margin[u, unit.ready :] -= s.cost[list(unit.cases), unit.ready : weeks].sum(axis=0)
    cells = np.floor(left / grid + 1e-9).astype(np.int64)
    width = int(cells.max(initial=0))
    firm_cost: dict[tuple[tuple[float, float], ...], F64] = {}
    by_pool: dict[int, list[tuple[F64, list[tuple[int, F64]]]]] = defaultdict(list)
    for group in _groups(s, free_units, grid, width):
        rows = margin[group.units]
        least = min(c for ways in group.ways.values() for c, _ in ways)
        depth = len(group.units) if least == 0 else min(len(group.units), width // least)
        top = -np.sort(-rows, axis=0)[:depth]  # the best units of the group, per week
        if not (top > 0).any():
            continue
        for q, ways in group.ways.items():
            cheapest: dict[int, F64] = {}  # per size, the cheapest firm hours in each week
            for c, key in ways:
                if key not in firm_cost:
                    firm_cost[key] = _firm_cost(cache, key, weeks)
                cheapest[c] = np.minimum(cheapest.get(c, np.inf), firm_cost[key])
            by_pool[q].append((top, list(cheapest.items())))
    for q in range(len(s.pools)):
        if time.monotonic() > deadline:
            return None
        members = np.nonzero(s.pool_of == q)[0]
        # Every week counts, also one with less than a cell left: a case under a cell fits it.
        kinds = Counter((w, int(cells[j, w])) for j in members.tolist() for w in range(weeks))
        if kinds:
            total -= _best_knapsacks(kinds, by_pool.get(q, []), width)
    return total


def _best_knapsacks(
    kinds: Counter[tuple[int, int]], items: list[tuple[F64, list[tuple[int, F64]]]], width: int
) -> float:
    """Sum over a pool's officer-weeks (kinds: (week, cells) -> how many) of the best knapsack.

    One dynamic programme for all kinds at once: ``best[t, c]`` is the most a week of kind t
    earns within c cells; each (group, rank) is one item with a choice of sizes.
    """
    keys = list(kinds)
    week = np.array([k[0] for k in keys])
    size = np.array([k[1] for k in keys])
    count = np.array([kinds[k] for k in keys], np.float64)
    best = np.zeros((len(keys), width + 1))
    for top, options in items:
        gains = top[:, week]
        for r in range(gains.shape[0]):
            gain = gains[r]
            if not (gain > 0).any():
                break  # ranks are sorted: later ones earn less
            new = best.copy()
            for c, cost in options:
                profit = gain - cost[week]
                if c > width or not (profit > 0).any():
                    continue
                np.maximum(new[:, c:], best[:, : width + 1 - c] + profit[:, None], out=new[:, c:])
            best = new
    return float((count * best[np.arange(len(keys)), size]).sum())


def _groups(s: Structure, units: I64, grid: float, width: int) -> list[_Group]:
    """Single cases by class, families by composition and by which choices each pool allows."""
    singles: dict[int, list[int]] = defaultdict(list)
    families: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for u in units.tolist():
        cases = s.units[u].cases
        if len(cases) == 1:
            singles[s.choice_class[cases[0]]].append(u)
        else:
            families[tuple(s.choice_class[c] for c in cases)].append(u)
    out = []
    for members in singles.values():
        choices = s.choices[s.units[members[0]].cases[0]]
        ways: dict[int, list[tuple[int, tuple[tuple[float, float], ...]]]] = defaultdict(list)
        for ch in choices:
            way = (_cells(ch.officer_hours, grid), ((ch.firm_prepare, ch.firm_draft),))
            if way[0] <= width:
                for q in ch.pools.tolist():
                    ways[q].append(way)
        if ways:
            out.append(_Group(np.array(members, np.int64), dict(ways)))
    for members in families.values():
        out += _family_groups(s, members, grid, width)
    return out


def _family_groups(s: Structure, members: list[int], grid: float, width: int) -> list[_Group]:
    """A family's ways per pool: every combination of its members' choices that pool allows,
    by total cells (combinations with equal cells are all kept: their firm costs differ)."""
    cases = s.units[members[0]].cases
    lay = s.layout(members[0])
    rows_of = [[set(rows.tolist()) for rows in member_rows] for member_rows in lay.rows]
    by_allowed: dict[tuple[tuple[int, ...], ...], list[int]] = defaultdict(list)
    for row, q in enumerate(lay.pools.tolist()):
        allowed = tuple(
            tuple(k for k, rows in enumerate(member_rows) if row in rows) for member_rows in rows_of
        )
        by_allowed[allowed].append(q)
    out = []
    for allowed, pools in by_allowed.items():
        combos: dict[tuple[int, tuple[tuple[float, float], ...]], None] = {(0, ()): None}
        for c, ks in zip(cases, allowed, strict=True):
            nxt: dict[tuple[int, tuple[tuple[float, float], ...]], None] = {}
            for cells, key in combos:
                for k in ks:
                    ch = s.choices[c][k]
                    total = cells + _cells(ch.officer_hours, grid)
                    if total <= width:
                        part = tuple(sorted((*key, (ch.firm_prepare, ch.firm_draft))))
                        nxt[(total, part)] = None
            combos = nxt
        if combos:
            ways = list(combos)
            out.append(_Group(np.array(members, np.int64), dict.fromkeys(pools, ways)))
    return out


def _firm_cost(cache: PriceCache, key: tuple[tuple[float, float], ...], weeks: int) -> F64:
    """Priced firm hours of a way: each case's prepare/draft hours at its cheapest firm."""
    total = np.zeros(weeks)
    for fp, fd in key:
        if fp > 0 or fd > 0:
            total = total + cache.firm_hours(fp, fd)[0]
    return total


def _pinned_part(s: Structure, cache: PriceCache, u: int) -> tuple[float, float]:
    """A pinned unit in its week: its costs plus each member's cheapest priced firm hours, and
    the least hours its members need (two separate minima: optimistic, so the bound holds)."""
    officer, week = s.units[u].pin  # type: ignore[misc]
    q = int(s.pool_of[officer])
    cost = 0.0
    hours = 0.0
    for c in s.units[u].cases:
        ways = [ch for ch in s.choices[c] if q in ch.pools.tolist()]
        cost += float(s.cost[c, week])
        if ways:  # none: a pin the pin check refuses; counting it at its cost alone is safe
            firm = min(float(cache.firm(ch)[0][week]) for ch in ways)
            cost += firm if math.isfinite(firm) else 0.0
            hours += min(ch.officer_hours for ch in ways)
    return cost, hours


def _cells(hours: float, grid: float) -> int:
    return math.floor(hours / grid + 1e-9)
