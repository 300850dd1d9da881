# SPDX-License-Identifier: EUPL-1.2
"""Compact LP relaxation of a large planning instance, solved once with HiGHS.

Cases whose choices are equal form a *class*; within a class the cases differ only in their
costs. The LP therefore splits into

* ``y[u, w]``: unit u (a case or a whole family) decided in week w, or beyond the horizon;
* ``z[r, w, k]``: how many class-r cases are done in week w with choice k (mode, outsourcing);
* ``f[e, q, w]``: officer hours of pool q in week w given to the work of "demand" e (the pools a
  choice allows, and its hours, so that no officer gets a case larger than their week);
* ``p[f, w]``, ``d[f, w]``: firm hours for preparation and drafting.

It relaxes: officers within a pool share hours; a family's members need not share a pool
(their week is shared, only weeks where the whole family fits one officer are allowed, and each
member only uses pools that may take the whole family: ``arrays._family_choices``); prepare
and draft of one case may use different firms. The capacity rows' duals are the hour prices for
:mod:`pricing` and :mod:`construct`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import highspy
import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.large.arrays import Structure
from verkeerstoren.planning.large.choices import Choice
from verkeerstoren.planning.large.pricing import EPS, Prices, UnitPrice

F64 = NDArray[np.float64]
PDLP_TOLERANCE = 3e-3
SIMPLEX_MAX_COLUMNS = 50_000
# After PDLP, an interior point solve of the columns whose reduced cost at PDLP's duals is at
# most this share of a unit's average cost above its cheapest week (the LP's value without the
# penalties already owed; see _solve). On tf2020 this keeps a little over half of the columns,
# whose LP has the whole LP's optimum; a smaller share solves faster, but its prices give a
# weaker bound than PDLP's (docs/decisions/0006-planning-large-instances.md).
REFINE_SHARE = 0.75
REFINE_MIN_SECONDS = 2.0
REFINE_TIME_RATIO = 1.5  # the refinement starts with at least this many times PDLP's time left
MIN_SOLVE_SECONDS = 0.5  # less than this left after building: the LP is not started
SHARE_TOLERANCE = 0.05  # units' LP shares must add up to 1 within this on average


@dataclass(frozen=True)
class CompactSolution:
    """Approximate LP value, hour prices and the units' week shares.

    PDLP stops at loose tolerances, so ``value`` is not itself a proven bound; the bound is
    :func:`pricing.lagrangian_bound` at ``prices``, valid for any prices.
    """

    solved: bool
    value: float
    prices: Prices
    share: F64  # unit x (weeks + 1): LP share of each week (last column: beyond)
    # How the LP does the work: cases per (class, week, choice index), and officer hours per
    # (demand key, pool) where the demand key is :func:`demand_key` of a choice and week.
    choice_use: dict[tuple[int, int, int], float] = field(default_factory=dict)
    pool_use: dict[tuple[tuple[int, ...], int], float] = field(default_factory=dict)
    # After the interior point refinement gave the solution: PDLP's own prices, kept since the
    # bound may be higher at those (empty otherwise).
    more_prices: tuple[Prices, ...] = ()


def demand_key(s: Structure, ch: Choice, w: int) -> tuple[int, ...]:
    """The LP's demand row of a choice in week w: the pools whose officers can hold it."""
    pools = ch.pools[s.max_member[ch.pools, w] >= ch.officer_hours - EPS]
    return (w, *pools.tolist())


class _Builder:
    """Columns and rows in triplet form."""

    def __init__(self) -> None:
        self.cost: list[float] = []
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.vals: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []

    def row(self, lo: float, hi: float) -> int:
        self.lower.append(lo)
        self.upper.append(hi)
        return len(self.lower) - 1

    def col(self, cost: float, entries: list[tuple[int, float]]) -> int:
        j = len(self.cost)
        self.cost.append(cost)
        merged: dict[int, float] = {}
        for r, v in entries:  # two family members of one class share a link row
            merged[r] = merged.get(r, 0.0) + v
        for r, v in merged.items():
            self.rows.append(r)
            self.cols.append(j)
            self.vals.append(v)
        return j


def solve_compact(
    s: Structure, free: UnitPrice, *, time_limit: float, seed: int = 0
) -> CompactSolution:
    """Build and solve the compact LP; ``free`` = prices at zero (tells which weeks are possible).

    ``time_limit`` counts from the call, building the LP included (on a register of 100,000
    cases that takes seconds); with no time left to solve, the LP is returned unsolved.
    """
    began = time.monotonic()
    weeks = s.weeks
    b = _Builder()
    # Capacity rows are scaled to a right-hand side of 1 (coefficient 1/capacity): PDLP's
    # tolerances are relative to the right-hand side, which raw hours would dominate.
    cap_rows = {
        (q, w): b.row(-highspy.kHighsInf, 1.0 if s.cap[q, w] > 0 else 0.0)
        for q in range(s.cap.shape[0])
        for w in range(weeks)
    }
    groups, constant = _unit_groups(s, free)
    link: dict[tuple[int, int], int] = {}
    y_cols: list[tuple[int, int, int]] = []  # (column, group, week; weeks = beyond)
    for g, (members, shape, possible) in enumerate(groups):
        row = b.row(float(len(members)), float(len(members)))
        for w in possible:
            entries = [(row, 1.0)]
            if w < weeks:
                for c in s.units[members[0]].cases:
                    lkey = (s.choice_class[c], w)
                    if lkey not in link:
                        link[lkey] = b.row(0.0, 0.0)
                    entries.append((link[lkey], 1.0))
            y_cols.append((b.col(float(shape[w]), entries), g, w))
    demand: dict[tuple[int, ...], int] = {}
    prep_row = [b.row(0.0, 0.0) for _ in range(weeks)]
    draft_row = [b.row(0.0, 0.0) for _ in range(weeks)]
    representative: dict[int, int] = {}
    for c, r in enumerate(s.choice_class):
        representative.setdefault(r, c)
    flow_cols: list[tuple[int, tuple[int, ...], int]] = []
    choice_cols: list[tuple[int, tuple[int, int, int]]] = []
    for (r, w), row in link.items():
        for k, ch in enumerate(s.choices[representative[r]]):
            # Only officers whose week can hold the case at all; choices with the same such
            # pools share one demand row (and its flow columns).
            key = demand_key(s, ch, w)
            if key not in demand:
                demand[key] = b.row(0.0, 0.0)
                for q in key[1:]:
                    scale = _scale(s.cap[q, w])
                    flow_cols.append(
                        (b.col(0.0, [(demand[key], -1.0), (cap_rows[(q, w)], scale)]), key, q)
                    )
            entries = [(row, -1.0), (demand[key], ch.officer_hours)]
            if ch.firm_prepare > 0:
                entries.append((prep_row[w], ch.firm_prepare))
            if ch.firm_draft > 0:
                entries.append((draft_row[w], ch.firm_draft))
            choice_cols.append((b.col(0.0, entries), (r, w, k)))
    firm_rows = _firm_columns(b, s, prep_row, draft_row)
    if s.inst.carry_over:
        _carry_columns(b, s, cap_rows)
    solves = _solve(b, time_limit - (time.monotonic() - began), seed, len(s.units))
    x, row_dual, value = solves[0] if solves else (None, None, -np.inf)
    solved = bool(solves)
    share = np.zeros((len(s.units), weeks + 1))
    if x is not None:
        for j, g, w in y_cols:
            members = groups[g][0]
            share[members, w] += x[j] / len(members)
    # PDLP's tolerance is relative to the whole right-hand side, where capacities dwarf the
    # units' 1s: an "optimal" answer can leave units unplanned in the LP. Such duals are not
    # the prices of this problem, so the caller falls back to its own.
    if solved and np.abs(share.sum(axis=1) - 1.0).mean() > SHARE_TOLERANCE:
        solved = False
    prices = Prices.zero(s)
    if solved and row_dual is not None:
        prices = _prices(s, row_dual, cap_rows, firm_rows)
    more = tuple(_prices(s, d, cap_rows, firm_rows) for _, d, _ in solves[1:] if d is not None)
    choice_use: dict[tuple[int, int, int], float] = {}
    pool_use: dict[tuple[tuple[int, ...], int], float] = {}
    if solved and x is not None:
        for j, ckey in choice_cols:
            if x[j] > 1e-6:
                choice_use[ckey] = float(x[j])
        for j, dkey, q in flow_cols:
            if x[j] > 1e-6:
                pool_use[(dkey, q)] = float(x[j])
    return CompactSolution(
        solved,
        value + constant,
        prices,
        share,
        choice_use,
        pool_use,
        more_prices=more if solved else (),
    )


def _prices(
    s: Structure,
    row_dual: F64,
    cap_rows: dict[tuple[int, int], int],
    firm_rows: dict[tuple[str, int, int], int],
) -> Prices:
    """Hour prices from the capacity rows' duals (scaled rows: back to EUR per hour)."""
    lam = np.zeros_like(s.cap)
    mu_p = np.zeros_like(s.firm_prepare)
    mu_d = np.zeros_like(s.firm_draft)
    for (q, w), r in cap_rows.items():
        lam[q, w] = max(0.0, -row_dual[r] * _scale(s.cap[q, w]))
    if s.inst.carry_over:
        # Carried hours make an hour of week w worth at least one of week w + 1; PDLP's
        # duals meet that only approximately, and the bound needs it exactly (pricing).
        lam = np.maximum.accumulate(lam[:, ::-1], axis=1)[:, ::-1].copy()
    for (kind, f, w), r in firm_rows.items():
        target = mu_p if kind == "prepare" else mu_d
        cap = (s.firm_prepare if kind == "prepare" else s.firm_draft)[f, w]
        target[f, w] = max(0.0, -row_dual[r] * _scale(cap))
    return Prices(lam, mu_p, mu_d)


def _unit_groups(
    s: Structure, free: UnitPrice
) -> tuple[list[tuple[list[int], F64, list[int]]], float]:
    """Units that are the same to the LP: same classes, possible weeks and cost shape.

    Costs differ between such units only by a constant (penalties already owed), which does
    not change the LP's choices; it is added back to the value. Returns the groups (members,
    cost shape, possible weeks) and the constant.
    """
    groups: dict[tuple[object, ...], tuple[list[int], F64, list[int]]] = {}
    constant = 0.0
    for u, unit in enumerate(s.units):
        possible = np.nonzero(np.isfinite(free.value[u]))[0].tolist()
        cost = s.cost[list(unit.cases)].sum(axis=0)
        base = float(cost[possible[0]]) if possible else 0.0
        shape = cost - base
        constant += base
        key = (
            tuple(sorted(s.choice_class[c] for c in unit.cases)),
            u if unit.pin is not None else -1,
            tuple(possible),
            tuple(np.round(shape, 6).tolist()),
        )
        if key in groups:
            groups[key][0].append(u)
        else:
            groups[key] = ([u], shape, possible)
    return list(groups.values()), constant


def _scale(capacity: float) -> float:
    """Coefficient of one hour in a scaled capacity row (a zero capacity row stays unscaled)."""
    return 1.0 / capacity if capacity > 0 else 1.0


def _firm_columns(
    b: _Builder, s: Structure, prep_row: list[int], draft_row: list[int]
) -> dict[tuple[str, int, int], int]:
    """Firm hours per firm and week (paid at the firm's rate) within the firm's capacity."""
    rows = {}
    for f in range(len(s.firm_rate)):
        for w in range(s.weeks):
            for kind, demand, cap in (
                ("prepare", prep_row[w], s.firm_prepare[f, w]),
                ("draft", draft_row[w], s.firm_draft[f, w]),
            ):
                r = b.row(-highspy.kHighsInf, 1.0 if cap > 0 else 0.0)
                rows[(kind, f, w)] = r
                b.col(float(s.firm_rate[f]), [(demand, -1.0), (r, _scale(cap))])
    return rows


def _carry_columns(b: _Builder, s: Structure, cap_rows: dict[tuple[int, int], int]) -> None:
    """Carry-over rule: a pool's hours not used in week w may be used in week w + 1 (and so
    on), a free column per pool and week that takes hours from one row to the next. Whether
    the hours were spent before a case's ready week is not seen here (a relaxation)."""
    for q in range(s.cap.shape[0]):
        for w in range(s.weeks - 1):
            out = (cap_rows[(q, w)], _scale(s.cap[q, w]))
            into = (cap_rows[(q, w + 1)], -_scale(s.cap[q, w + 1]))
            b.col(0.0, [out, into])


Solved = tuple[F64, F64 | None, float]  # column values, row duals, value


def _solve(b: _Builder, time_limit: float, seed: int, n_units: int) -> list[Solved]:
    """Solve the LP; the best solution first, then others whose prices may give a higher bound.

    Small LPs: simplex, exact and quick. Large ones: PDLP (first-order) reaches LP-quality
    duals in seconds where simplex and interior point need minutes (measured on tf2020:
    docs/benchmarks.md). Loose tolerances are enough: the duals only set prices, and the bound
    is recomputed exactly from them.

    Then, in the time left, the *refinement*: an interior point solve (no crossover) of only
    the columns PDLP prices near zero. The LP is degenerate: many solutions are optimal, and
    hour prices of ordinary officers and firms tie. The interior point solution is the centre of
    that optimal set, and builds guided by it are cheaper on tf2020 than builds guided by
    PDLP's (decision record 0006). On the whole LP the interior point takes 38 s; on the columns
    kept, ~15 s.
    """
    n_col = len(b.cost)
    started = time.monotonic()
    if time_limit < MIN_SOLVE_SECONDS:
        return []
    large = n_col > SIMPLEX_MAX_COLUMNS
    first = _run(_highs_lp(b, None), "pdlp" if large else "simplex", time_limit, seed)
    x, row_dual, col_dual, value = first
    if x is None:
        return []
    left = time_limit - (time.monotonic() - started)
    # The refinement takes about as long as PDLP (tf2020 and 100,000 cases: 13 s against
    # 8-10 s); stopped early it gives nothing, so it is not started without room for it.
    needed = max(REFINE_MIN_SECONDS, REFINE_TIME_RATIO * (time.monotonic() - started))
    if not large or col_dual is None or left < needed:
        return [(x, row_dual, value)]
    # Reduced costs below PDLP's own accuracy are not told from zero; the columns PDLP uses stay
    # in, so that its (nearly feasible) point lies in the smaller LP.
    cost_scale = float(np.abs(np.asarray(b.cost)).max(initial=0.0))
    tau = max(REFINE_SHARE * abs(value) / max(n_units, 1), PDLP_TOLERANCE * cost_scale)
    keep = np.nonzero((col_dual <= tau) | (x > 1e-9))[0]
    refined = _run(_highs_lp(b, keep), "ipm", left, seed)
    if refined[0] is None:
        return [(x, row_dual, value)]
    full = np.zeros(n_col)
    full[keep] = refined[0]
    return [(full, refined[1], refined[3]), (x, row_dual, value)]


def _highs_lp(b: _Builder, keep: NDArray[np.int64] | None) -> highspy.HighsLp:
    """The LP of the builder's triplets, or of only the columns ``keep`` (all rows)."""
    n_col = len(b.cost)
    r = np.asarray(b.rows, np.int64)
    c = np.asarray(b.cols, np.int64)
    v = np.asarray(b.vals, np.float64)
    order = np.lexsort((r, c))
    r, c, v = r[order], c[order], v[order]
    cost = np.asarray(b.cost)
    if keep is not None:
        start = np.searchsorted(c, np.arange(n_col + 1))
        counts = start[keep + 1] - start[keep]
        entries = np.repeat(start[keep], counts) + _ranges(counts)
        r, v = r[entries], v[entries]
        c = np.repeat(np.arange(len(keep)), counts)
        cost, n_col = cost[keep], len(keep)
    lp = highspy.HighsLp()
    lp.num_col_ = n_col
    lp.num_row_ = len(b.lower)
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(n_col)
    lp.col_upper_ = np.full(n_col, highspy.kHighsInf)
    lp.row_lower_ = np.asarray(b.lower)
    lp.row_upper_ = np.asarray(b.upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.searchsorted(c, np.arange(n_col + 1)).astype(np.int32)
    lp.a_matrix_.index_ = r.astype(np.int32)
    lp.a_matrix_.value_ = v
    return lp


def _ranges(counts: NDArray[np.int64]) -> NDArray[np.int64]:
    """0..n-1 for every n in ``counts``, concatenated."""
    ends = np.cumsum(counts)
    return np.arange(int(ends[-1]) if len(ends) else 0) - np.repeat(ends - counts, counts)


def _run(
    lp: highspy.HighsLp, method: str, time_limit: float, seed: int
) -> tuple[F64 | None, F64 | None, F64 | None, float]:
    """Solve with HiGHS (one thread): column values, row duals, reduced costs, value."""
    h = highspy._core._Highs()  # raw class: the wrapper prints a banner on stdout
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", int(seed))
    h.setOptionValue("time_limit", max(0.1, float(time_limit)))
    if method == "pdlp":
        h.setOptionValue("solver", "pdlp")
        h.setOptionValue("pdlp_optimality_tolerance", PDLP_TOLERANCE)
        h.setOptionValue("primal_feasibility_tolerance", 1e-2)
        h.setOptionValue("dual_feasibility_tolerance", 1e-4)
    elif method == "ipm":
        h.setOptionValue("solver", "ipm")
        h.setOptionValue("run_crossover", "off")  # the centre, not a vertex, is the point
    h.passModel(lp)
    h.run()
    sol = h.getSolution()
    status = h.getModelStatus()
    # PDLP ends "unknown" when its loose tolerances are met but HiGHS' own are not; its duals
    # are still the prices we want (the bound never relies on them being exact). The interior
    # point must have converged: stopped early, it returns no solution at all.
    usable = [highspy.HighsModelStatus.kOptimal]
    if method != "ipm":
        usable.append(highspy.HighsModelStatus.kUnknown)
    if status not in usable or not sol.dual_valid or not sol.value_valid:
        return None, None, None, -np.inf
    value = float(h.getInfo().objective_function_value)
    return np.asarray(sol.col_value), np.asarray(sol.row_dual), np.asarray(sol.col_dual), value
