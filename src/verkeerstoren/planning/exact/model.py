# SPDX-License-Identifier: EUPL-1.2
"""Set-partitioning model of a planning instance over options, solved with HiGHS.

Columns: one per option (case planned with a holder in a week in a mode, maybe outsourced) plus
one "not planned in the horizon" column per unpinned case. Rows: each case exactly once, holder
hours (see below), firm hours per week and package, and family rows (same holder and week).
The same builder serves the pooled LP (holders = pools, for the lower bound) and the per-officer
MIP (holders = officers, for the plan).

Holder hours follow the instance's capacity rule. ``weekly``: one row per (holder, week), the
own hours of the cases decided in that week. ``carry_over``: one row per (holder, start r,
week w >= r), the own hours of the cases ready in week r or later and decided in r..w, at most
the holder's hours of r..w (Horn's condition; starts are week 0 and the cases' ready weeks).
Summing a pool's hours is still a relaxation under either rule.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.model.instance import PlanningInstance
from verkeerstoren.planning.model.options import Option

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class ModelSolution:
    """Chosen option index per case (-1 = not planned), objective, bound and HiGHS status."""

    status: str  # "optimal", "feasible", "infeasible", "unknown"
    objective: float
    dual_bound: float
    chosen: tuple[int, ...] | None


def solve_model(
    inst: PlanningInstance,
    options: Sequence[Option],
    holder_hours: FloatArray,
    *,
    pinned: set[int],
    integer: bool,
    time_limit: float,
    start: Sequence[int] | None = None,
    seed: int = 0,
) -> ModelSolution:
    """Solve the model; ``holder_hours[h, w]`` are capacities; ``start`` = option per case.

    ``time_limit`` counts from the call: building a large model takes seconds of its own
    (an LNS step on tf2020: 1-2 s for 100 k options), and callers keep deadlines with it.
    """
    began = time.monotonic()
    n_cases = len(inst.cases)
    n_opt = len(options)
    beyond_cases = [c for c in range(n_cases) if c not in pinned]
    n_col = n_opt + len(beyond_cases)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    lower: list[float] = []
    upper: list[float] = []

    def new_row(lo: float, hi: float) -> int:
        lower.append(lo)
        upper.append(hi)
        return len(lower) - 1

    case_row = [new_row(1.0, 1.0) for _ in range(n_cases)]
    hours_row: dict[tuple[int, int], int] = {}
    span_row: dict[tuple[int, int, int], int] = {}  # carry_over: (holder, start, last week)
    holder_starts = _holder_starts(inst, options) if inst.carry_over else {}
    n_weeks = holder_hours.shape[1]
    firm_row: dict[tuple[int, int, str], int] = {}
    groups: dict[str, list[int]] = defaultdict(list)
    for c, case in enumerate(inst.cases):
        if case.family:
            groups[case.family].append(c)
    family_of = {c: g for g, members in groups.items() if len(members) > 1 for c in members}
    family_row: dict[tuple[int, int, int, int], int] = {}
    absent_row = -1
    for k, o in enumerate(options):
        rows.append(case_row[o.case])
        cols.append(k)
        vals.append(1.0)
        if inst.carry_over and holder_hours[o.holder, o.week] <= 0:
            # The officer (or every officer of the pool) is not at work to decide that week.
            if absent_row < 0:
                absent_row = new_row(0.0, 0.0)
            rows.append(absent_row)
            cols.append(k)
            vals.append(1.0)
        if o.officer_hours > 0 and inst.carry_over:
            ready = inst.cases[o.case].ready_week
            for r in holder_starts[o.holder]:
                if r > ready:
                    break
                for w in range(max(o.week, r), n_weeks):
                    skey = (o.holder, r, w)
                    if skey not in span_row:
                        cap = float(holder_hours[o.holder, r : w + 1].sum())
                        span_row[skey] = new_row(-highspy.kHighsInf, cap)
                    rows.append(span_row[skey])
                    cols.append(k)
                    vals.append(o.officer_hours)
        elif o.officer_hours > 0:
            key = (o.holder, o.week)
            if key not in hours_row:
                hours_row[key] = new_row(-highspy.kHighsInf, float(holder_hours[key]))
            rows.append(hours_row[key])
            cols.append(k)
            vals.append(o.officer_hours)
        for pkg, hrs in (("prepare", o.firm_prepare_hours), ("draft", o.firm_draft_hours)):
            if hrs > 0:
                firm = inst.firms[o.firm]
                cap = firm.prepare_hours[o.week] if pkg == "prepare" else firm.draft_hours[o.week]
                fkey = (o.firm, o.week, pkg)
                if fkey not in firm_row:
                    firm_row[fkey] = new_row(-highspy.kHighsInf, float(cap))
                rows.append(firm_row[fkey])
                cols.append(k)
                vals.append(hrs)
        if o.case in family_of:
            members = groups[family_of[o.case]]
            # Member i's use of (holder, week) equals the first member's: same officer, same week.
            lead = members[0]
            for other in members[1:]:
                if o.case not in (lead, other):
                    continue
                rkey = (lead, other, o.holder, o.week)
                if rkey not in family_row:
                    family_row[rkey] = new_row(0.0, 0.0)
                rows.append(family_row[rkey])
                cols.append(k)
                vals.append(1.0 if o.case == lead else -1.0)
    # Family rows for (holder, week) pairs only one side can use still force the other to 0.
    for t, c in enumerate(beyond_cases):
        rows.append(case_row[c])
        cols.append(n_opt + t)
        vals.append(1.0)
    cost = np.array([o.cost for o in options] + [inst.cases[c].cost_beyond for c in beyond_cases])
    return _run(
        cost,
        rows,
        cols,
        vals,
        lower,
        upper,
        n_col,
        n_opt,
        beyond_cases,
        options,
        n_cases,
        integer=integer,
        deadline=began + time_limit,
        start=start,
        seed=seed,
    )


def _holder_starts(inst: PlanningInstance, options: Sequence[Option]) -> dict[int, list[int]]:
    """Per holder, the starts of its carry-over rows: week 0 and its options' ready weeks.

    A start r that is no ready week of the holder's cases adds nothing: its row holds the same
    cases as the one of the next such ready week, which has no more hours.
    """
    starts: dict[int, set[int]] = defaultdict(lambda: {0})
    for o in options:
        if o.officer_hours > 0:
            starts[o.holder].add(inst.cases[o.case].ready_week)
    return {h: sorted(rs) for h, rs in starts.items()}


def _run(
    cost: FloatArray,
    rows: list[int],
    cols: list[int],
    vals: list[float],
    lower: list[float],
    upper: list[float],
    n_col: int,
    n_opt: int,
    beyond_cases: list[int],
    options: Sequence[Option],
    n_cases: int,
    *,
    integer: bool,
    deadline: float,
    start: Sequence[int] | None,
    seed: int,
) -> ModelSolution:
    """Pass the assembled model to HiGHS and read the chosen options back; HiGHS gets the time
    left until ``deadline`` (a ``time.monotonic()`` value) once the model is assembled."""
    r = np.asarray(rows, dtype=np.int64)
    cidx = np.asarray(cols, dtype=np.int64)
    v = np.asarray(vals, dtype=np.float64)
    order = np.lexsort((r, cidx))
    r, cidx, v = r[order], cidx[order], v[order]
    starts = np.searchsorted(cidx, np.arange(n_col + 1)).astype(np.int32)
    lp = highspy.HighsLp()
    lp.num_col_ = n_col
    lp.num_row_ = len(lower)
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(n_col)
    lp.col_upper_ = np.ones(n_col)
    lp.row_lower_ = np.asarray(lower)
    lp.row_upper_ = np.asarray(upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = starts
    lp.a_matrix_.index_ = r.astype(np.int32)
    lp.a_matrix_.value_ = v
    if integer:
        lp.integrality_ = [highspy.HighsVarType.kInteger] * n_col
    x0 = None
    if integer and start is not None:
        x0 = np.zeros(n_col)
        pos = {c: n_opt + t for t, c in enumerate(beyond_cases)}
        for c, k in enumerate(start):
            if k >= 0:
                x0[k] = 1.0
            elif c in pos:
                x0[pos[c]] = 1.0
    left = deadline - time.monotonic()
    h = _highs(lp, integer=integer, time_limit=left, seed=seed, start=x0, presolve=True)
    if integer and not _consistent(h, cost):
        # HiGHS 1.16 with a warm start and presolve can report an optimum it has not reached
        # (its objective disagrees with its own solution; found by the tests): solve again
        # without either, in the time that is left.
        left = max(0.05, deadline - time.monotonic())
        h = _highs(lp, integer=True, time_limit=left, seed=seed, start=None, presolve=False)
    ms = h.getModelStatus()
    info = h.getInfo()
    if ms == highspy.HighsModelStatus.kInfeasible:
        return ModelSolution("infeasible", np.inf, np.inf, None)
    sol = h.getSolution()
    if not sol.value_valid or (not integer and ms != highspy.HighsModelStatus.kOptimal):
        return ModelSolution("unknown", np.inf, -np.inf, None)
    if integer and not _consistent(h, cost):
        return ModelSolution("unknown", np.inf, -np.inf, None)
    status = "optimal" if ms == highspy.HighsModelStatus.kOptimal else "feasible"
    obj = float(info.objective_function_value)
    bound = obj if status == "optimal" else float(info.mip_dual_bound)
    if not integer:
        return ModelSolution(status, obj, obj, None)
    x = np.asarray(sol.col_value)
    chosen = [-1] * n_cases
    for k in np.nonzero(x[:n_opt] > 0.5)[0].tolist():
        chosen[options[k].case] = k
    return ModelSolution(status, obj, bound, tuple(chosen))


def _highs(
    lp: highspy.HighsLp,
    *,
    integer: bool,
    time_limit: float,
    seed: int,
    start: FloatArray | None,
    presolve: bool,
) -> highspy._core._Highs:
    """Run HiGHS (one thread, fixed seed) on the model, optionally from a start solution."""
    h = highspy._core._Highs()  # raw class: the wrapper prints a banner on stdout
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", int(seed))
    h.setOptionValue("time_limit", max(0.05, float(time_limit)))
    if not presolve:
        h.setOptionValue("presolve", "off")
    if integer:
        h.setOptionValue("mip_rel_gap", 1e-6)
    h.passModel(lp)
    if start is not None:
        sol = highspy.HighsSolution()
        sol.col_value = start.tolist()
        h.setSolution(sol)
    h.run()
    return h


def _consistent(h: highspy._core._Highs, cost: FloatArray) -> bool:
    """Does the reported objective match the returned solution (when there is one)?"""
    sol = h.getSolution()
    if not sol.value_valid:
        return True
    x = np.round(np.asarray(sol.col_value))
    reported = float(h.getInfo().objective_function_value)
    return abs(float(cost @ x) - reported) <= 1e-6 * max(1.0, abs(reported))
