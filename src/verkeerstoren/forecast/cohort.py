# SPDX-License-Identifier: EUPL-1.2
"""The cohort engine: vectorised Monte Carlo over replications x case type x arrival week.

State per replication and column (see :mod:`layout`): pending cases, of which ``admin`` have sent
an effective notice of default (accruing the Awb 4:17 penalty) and ``court`` have in addition
appealed (also accruing a court penalty). One week, in this order:

1. arrivals join the cohort of this week (Poisson, seasonal, split over types);
2. cohorts reaching ``term + delay`` send notices (binomial thinning), later ones appeal;
3. penalties accrue for every case pending during the week;
4. decisions at the end of the week: decision teams take complex cases, then general capacity
   takes cells in work order until the budget is spent (strict priority; the hours left on a
   partly done case carry over); within one cell the decided cases are a random draw
   (hypergeometric), so notices are removed in proportion;
5. decisions become grants or refusals, whose applicants stay in reception for a while.

All randomness comes from :class:`Streams`, so scenarios run with one seed share their draws.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import numpy.typing as npt

from verkeerstoren.forecast.capacity import CapacityPlan, build_capacity
from verkeerstoren.forecast.layout import Layout, build_layout
from verkeerstoren.forecast.outputs import Comparison, Draws, ForecastResult, paired_differences
from verkeerstoren.forecast.penalties import PenaltyPlan, build_penalty_plan
from verkeerstoren.forecast.scenario import Scenario
from verkeerstoren.forecast.streams import Purpose, Streams
from verkeerstoren.weeks import start_of

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
Progress = Callable[[int, int], None]

_EPS = 1e-9  # guards floor() against sums like 2.9999999 of fractional hours


def allocate(
    avail: FloatArray, cost: FloatArray, budget: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Decide cells left to right until each replication's budget is spent (strict priority).

    ``avail`` (R, k) cases per cell, ``cost`` (k,) units per case, ``budget`` (R,). Returns the
    cases taken (R, k) and the units used (R,). A cell is only started when all earlier cells
    are done, so a partly affordable cell stops the walk even if later cases are cheaper.
    """
    spend = avail * cost
    before = np.cumsum(spend, axis=1)
    before -= spend
    take = np.floor((budget[:, None] - before) / cost + _EPS)
    np.clip(take, 0.0, avail, out=take)
    return take, take @ cost


@dataclass
class _Work:
    """One week's decision work: costs, selection stream and what was decided so far."""

    cost: FloatArray  # (P,) units per case
    overdue: FloatArray  # (P,) 1.0 where the column is overdue this week
    rng: np.random.Generator
    decided: FloatArray  # (R, T)
    decided_overdue: FloatArray  # (R,)


@dataclass
class _State:
    """Mutable per-run state; arrays are (R, P) floats holding whole numbers."""

    pending: FloatArray
    admin: FloatArray  # noticed (penalty-eligible), not appealed
    court: FloatArray  # noticed and appealed
    carry: FloatArray  # (R,) capacity units carried to next week


def run(
    scenario: Scenario,
    *,
    replications: int | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
    keep_draws: bool = False,
) -> ForecastResult:
    """Run the Monte Carlo forecast of ``scenario`` and return all paths."""
    reps = scenario.replications if replications is None else replications
    seed_ = scenario.seed if seed is None else seed
    engine = _Engine(scenario, reps, Streams(seed_), keep_draws)
    paths, draws = engine.run(progress)
    return ForecastResult(scenario, reps, seed_, paths, draws)


def compare(
    a: Scenario,
    b: Scenario,
    *,
    replications: int | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Run two scenarios on the same random streams and return their paired differences."""
    reps = a.replications if replications is None else replications
    seed_ = a.seed if seed is None else seed
    horizon = a.horizon_weeks + b.horizon_weeks

    def half(offset: int) -> Progress | None:
        if progress is None:
            return None
        return lambda done, _total: progress(offset + done, horizon)

    result_a = run(a, replications=reps, seed=seed_, progress=half(0))
    result_b = run(b, replications=reps, seed=seed_, progress=half(a.horizon_weeks))
    return paired_differences(result_a, result_b)


class _Engine:
    """One run: precomputed layout, capacity and penalty plan, then the weekly loop."""

    def __init__(self, scenario: Scenario, reps: int, streams: Streams, keep_draws: bool) -> None:
        self.s = scenario
        self.reps = reps
        self.streams = streams
        self.keep_draws = keep_draws
        self.layout: Layout = build_layout(scenario)
        self.capacity: CapacityPlan = build_capacity(scenario, reps, streams)
        self.penalty: PenaltyPlan | None = build_penalty_plan(scenario, self.layout)
        types = self.layout.cell_type
        n_types = len(scenario.case_types)
        self.onehot = np.zeros((types.size, n_types))
        self.onehot[np.arange(types.size), types] = 1.0
        self.term = np.array([t.term_weeks for t in scenario.case_types], dtype=np.int64)
        self.persons = np.array([t.persons_per_case for t in scenario.case_types])
        self.grant_share = np.array([t.grant_share for t in scenario.case_types])
        complex_types = np.array([t.complex for t in scenario.case_types], dtype=np.bool_)
        self.complex_cols = np.flatnonzero(complex_types[types])
        self.type_cols = [np.flatnonzero(types == t) for t in range(n_types)]
        self.inflow_rate = inflow_rates(scenario)
        # Week in which each column's decision term expires (overdue from that week on).
        self.expiry_week = self.layout.cell_cohort + self.term[types]

    def run(self, progress: Progress | None) -> tuple[dict[str, FloatArray], Draws | None]:
        """The weekly loop; returns metric paths and (optionally) the draws used."""
        horizon, reps, n_types = self.s.horizon_weeks, self.reps, len(self.s.case_types)
        state = self._initial_state()
        shape = (reps, horizon, n_types)
        arrivals_t, decided_t, stock_t, grants_t = (np.zeros(shape) for _ in range(4))
        out = {name: np.zeros((reps, horizon)) for name in ("overdue", "admin", "court")}
        stock = state.pending @ self.onehot
        # Overdue cases are kept up to date incrementally: cohorts whose term expires this week
        # join, decided overdue cases leave; a full pass over all columns each week is wasteful.
        overdue = state.pending @ (self.expiry_week < 0).astype(np.float64)
        for week in range(horizon):
            arrivals_t[:, week] = self._arrive(state, week)
            stock += arrivals_t[:, week]
            self._notices(state, week)
            out["admin"][:, week], out["court"][:, week] = self._accrue(state, week)
            overdue += state.pending[:, np.flatnonzero(self.expiry_week == week)].sum(axis=1)
            decided, decided_overdue = self._decide(state, week, stock.sum(axis=1))
            decided_t[:, week] = decided
            stock -= decided
            stock_t[:, week] = stock
            overdue -= decided_overdue
            out["overdue"][:, week] = overdue
            grants_t[:, week] = self._grants(decided, week)
            if progress is not None:
                progress(week + 1, horizon)
        paths = self._paths(out, decided_t, stock_t, arrivals_t, grants_t)
        draws = None
        if self.keep_draws:
            draws = Draws(arrivals_t, self.capacity.general, self.capacity.teams, grants_t)
        return paths, draws

    def _initial_state(self) -> _State:
        reps, layout = self.reps, self.layout
        pending = np.zeros((reps, layout.n_cells))
        for t, case_type in enumerate(self.s.case_types):
            by_age = case_type.initial_by_age()
            ages = np.flatnonzero(by_age)
            cols = layout.position[t, (-ages) - layout.cohort_min]
            pending[:, cols] = by_age[ages]
        admin = np.zeros_like(pending)
        court = np.zeros_like(pending)
        plan = self.penalty
        if plan is not None:
            # Notices and appeals that happened before the start, drawn once per replication.
            rng = self.streams.get(Purpose.INITIAL)
            noticed = np.flatnonzero(plan.eligible & (plan.notice_week < 0) & (pending[0] > 0))
            admin[:, noticed] = rng.binomial(
                pending[:, noticed].astype(np.int64), plan.behaviour.notice_probability
            )
            appealed = np.flatnonzero(plan.eligible & (plan.appeal_week < 0) & (pending[0] > 0))
            moved = rng.binomial(
                admin[:, appealed].astype(np.int64), plan.behaviour.appeal_probability
            )
            admin[:, appealed] -= moved
            court[:, appealed] += moved
        return _State(pending, admin, court, np.zeros(reps))

    def _arrive(self, state: _State, week: int) -> FloatArray:
        total = self.streams.get(Purpose.INFLOW, week).poisson(self.inflow_rate[week], self.reps)
        shares = self.s.inflow.type_shares
        split = self.streams.get(Purpose.INFLOW_SPLIT, week).multinomial(total, shares)
        cols = self.layout.columns(np.full(len(self.s.case_types), week, dtype=np.int64))
        state.pending[:, cols] += split
        return split.astype(np.float64)

    def _notices(self, state: _State, week: int) -> None:
        plan = self.penalty
        if plan is None:
            return
        behaviour = plan.behaviour
        cols = np.flatnonzero((plan.notice_week == week) & plan.eligible)
        if cols.size and behaviour.notice_probability > 0:
            free = state.pending[:, cols] - state.admin[:, cols] - state.court[:, cols]
            rng = self.streams.get(Purpose.NOTICES, week)
            state.admin[:, cols] += rng.binomial(
                free.astype(np.int64), behaviour.notice_probability
            )
        cols = np.flatnonzero((plan.appeal_week == week) & plan.eligible)
        if cols.size and behaviour.appeal_probability > 0:
            rng = self.streams.get(Purpose.APPEALS, week)
            moved = rng.binomial(
                state.admin[:, cols].astype(np.int64), behaviour.appeal_probability
            )
            state.admin[:, cols] -= moved
            state.court[:, cols] += moved

    def _accrue(self, state: _State, week: int) -> tuple[FloatArray, FloatArray]:
        plan = self.penalty
        if plan is None:
            zero = np.zeros(self.reps)
            return zero, zero
        cols, rates = plan.admin_columns(week)
        admin = (state.admin[:, cols] + state.court[:, cols]) @ rates
        cols, rates = plan.court_columns(week)
        court = state.court[:, cols] @ rates
        return admin, court

    def _decide(self, state: _State, week: int, stock: FloatArray) -> tuple[FloatArray, FloatArray]:
        """Take this week's decisions out of the state; returns (per type, overdue) decided."""
        cap = self.capacity
        work = _Work(
            cost=cap.cost[week][self.layout.cell_type],
            overdue=(self.expiry_week <= week).astype(np.float64),
            rng=self.streams.get(Purpose.SELECTION, week),
            decided=np.zeros((self.reps, len(self.s.case_types))),
            decided_overdue=np.zeros(self.reps),
        )
        teams_budget = cap.teams[:, week]
        if self.complex_cols.size and teams_budget.any():
            self._pass(state, work, self.complex_cols, teams_budget)
        budget = cap.general[:, week] + state.carry
        shares = self.s.order.shares
        if shares is not None:
            # Each type spends its share first; what a type cannot use goes to all, oldest first.
            spent = np.zeros(self.reps)
            for t, cols in enumerate(self.type_cols):
                spent += self._pass(state, work, cols, budget * shares[t])
            budget = budget - spent
        used = self._pass(state, work, None, budget)
        if cap.carry_over:
            left = np.minimum(budget - used, work.cost.max())
            remaining = stock - work.decided.sum(axis=1)
            state.carry = np.where(remaining > 0, left, 0.0)
        return work.decided, work.decided_overdue

    def _pass(
        self, state: _State, work: _Work, candidates: IntArray | None, budget: FloatArray
    ) -> FloatArray:
        """One walk over ``candidates`` (all columns if None) in work order; returns units used."""
        pending = state.pending if candidates is None else state.pending[:, candidates]
        most = pending.max(axis=0)
        nonempty = np.flatnonzero(most > 0)
        cols = nonempty if candidates is None else candidates[nonempty]
        # Only a prefix of the columns can receive decisions: where even the smallest stock over
        # all replications already costs more than the largest budget, nobody gets further. The
        # cut is exact, and it keeps the walk to a few columns instead of all of them.
        least = pending.min(axis=0)[nonempty] * work.cost[cols]
        before = np.cumsum(least) - least
        cols = cols[before < budget.max()]
        if cols.size == 0:
            return np.zeros(self.reps)
        take, used = allocate(state.pending[:, cols], work.cost[cols], budget)
        self._remove(state, cols, take, work.rng)
        work.decided += take @ self.onehot[cols]
        work.decided_overdue += take @ work.overdue[cols]
        return used

    def _remove(
        self, state: _State, cols: IntArray, take: FloatArray, rng: np.random.Generator
    ) -> None:
        """Remove decided cases; noticed and appealed ones leave in proportion (hypergeometric)."""
        admin = state.admin[:, cols]
        court = state.court[:, cols]
        noticed = admin + court
        rows, idx = np.nonzero((take > 0) & (noticed > 0))
        if rows.size:
            n_all = state.pending[rows, cols[idx]].astype(np.int64)
            n_noticed = noticed[rows, idx].astype(np.int64)
            hit = rng.hypergeometric(n_noticed, n_all - n_noticed, take[rows, idx].astype(np.int64))
            n_court = court[rows, idx].astype(np.int64)
            hit_court = rng.hypergeometric(n_court, n_noticed - n_court, hit)
            state.court[rows, cols[idx]] -= hit_court
            state.admin[rows, cols[idx]] -= hit - hit_court
        state.pending[:, cols] -= take

    def _grants(self, decided: FloatArray, week: int) -> FloatArray:
        rng = self.streams.get(Purpose.OUTCOME, week)
        grants: FloatArray = rng.binomial(decided.astype(np.int64), self.grant_share).astype(
            np.float64
        )
        return grants

    def _paths(
        self,
        out: dict[str, FloatArray],
        decided_t: FloatArray,
        stock_t: FloatArray,
        arrivals_t: FloatArray,
        grants_t: FloatArray,
    ) -> dict[str, FloatArray]:
        reception = self.s.reception
        stock = stock_t.sum(axis=2)
        decisions = decided_t.sum(axis=2)
        stock_t = np.maximum(stock_t, 0.0)  # guard -0.0 from float subtraction in the output
        pending_persons = stock_t @ self.persons
        stay = _in_window(grants_t, reception.stay_weeks_after_grant)
        stay += _in_window(decided_t - grants_t, reception.stay_weeks_after_refusal)
        paths: dict[str, FloatArray] = {
            "stock": stock,
            "decisions": decisions,
            "decisions_cumulative": np.cumsum(decisions, axis=1),
            "arrivals": arrivals_t.sum(axis=2),
            "overdue": out["overdue"],
            "admin_penalty_eur": out["admin"],
            "admin_penalty_eur_cumulative": np.cumsum(out["admin"], axis=1),
            "court_penalty_eur": out["court"],
            "court_penalty_eur_cumulative": np.cumsum(out["court"], axis=1),
            "reception_persons": pending_persons + stay @ self.persons,
        }
        if len(self.s.case_types) > 1:
            for t, name in enumerate(self.s.type_names):
                paths[f"stock.{name}"] = stock_t[:, :, t]
                paths[f"decisions.{name}"] = decided_t[:, :, t]
        return paths


def _in_window(per_week: FloatArray, weeks: int) -> FloatArray:
    """Per week, the sum over the last ``weeks`` weeks including this one, axis 1."""
    if weeks <= 0:
        return np.zeros_like(per_week)
    total = np.cumsum(per_week, axis=1)
    shifted = np.zeros_like(total)
    shifted[:, weeks:] = total[:, :-weeks]
    result: FloatArray = total - shifted
    return result


def inflow_rates(scenario: Scenario) -> FloatArray:
    """Expected arrivals per week: the rate schedule times the profile of the week's month."""
    horizon = scenario.horizon_weeks
    profile = np.asarray(scenario.inflow.monthly_profile)
    # The middle day of a week decides its month.
    middle = timedelta(days=3)
    months = [(start_of(scenario.start_date, w) + middle).month - 1 for w in range(horizon)]
    rates: FloatArray = scenario.inflow.rate_per_week.weekly(horizon) * profile[months]
    return rates
