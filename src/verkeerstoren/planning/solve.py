# SPDX-License-Identifier: EUPL-1.2
"""Plan cases to officers and weeks at minimum total cost (the planning solver).

1. FIFO and EDF greedy plans (baselines, and the warm start; on a large instance they are made
   after the builds of step 3, in a share of the time, and are only compared with the plan);
2. small instances (up to ``MAX_MIP_OPTIONS`` per-officer options):
   LP relaxation over *pools* of interchangeable officers -> a valid lower bound; the
   per-officer MIP with HiGHS (one thread), warm-started from the best baseline, under the
   remaining time (its dual bound can only raise the lower bound); then LNS (:mod:`exact.lns`):
   free a few officers' cases, re-solve them exactly, keep improvements;
3. large instances (a register): the compact LP (:mod:`large.lp`, PDLP, then an interior point
   solve of the columns PDLP prices near zero) gives hour prices;
   the larger of the Lagrangian bound at those prices (:mod:`pricing`) and the knapsack bound
   (:mod:`knapsack_bound`, whole officer-weeks) is the lower bound; the plan is built
   week by week on real officers guided by the LP (:mod:`construct`), repacked week by week
   with small MIPs (:mod:`repack`), and, if repacking runs out of room before the deadline,
   improved by the LNS of step 2 (whole officers, all weeks). Under the carry-over capacity
   rule (:mod:`model.capacity`, record 0007) the LP's prices fall from week to week, the knapsack
   bound and week repacking do not apply, and LNS gets the time after the builds.

The time limit holds for the whole call, counted from its start: every phase gets what is left
of it (HiGHS through its own time limit, Python loops by checking the clock), a phase that
cannot start in time is skipped, and one that cannot finish is cut short; on a large instance
the FIFO/EDF baselines get a share of it (a greedy not done by then is left out of the
baselines).
What is returned is the best feasible plan found by then: at least the pins, and on a large
instance the build (cut short, units not reached stay unplanned); its lower bound is always a
valid one, at worst every unit at its cheapest week (hours free).

Deterministic for a given instance and seed when the MIP finishes within the time limit (HiGHS
runs single-threaded with a fixed random seed); if the time limit cuts the MIP, the plan returned
is the best found so far, which can depend on machine speed. The ``seed`` is passed to HiGHS.
On large instances the LP and the builds are deterministic, but how many repack and LNS steps fit
in the time limit depends on the machine, so the plan can differ slightly between runs.
"""

from __future__ import annotations

import time

import numpy as np

from verkeerstoren.planning.baselines import baseline_plans
from verkeerstoren.planning.exact.lns import improve_plan
from verkeerstoren.planning.exact.model import solve_model
from verkeerstoren.planning.exact.pins import place_pins
from verkeerstoren.planning.large.arrays import Structure, build_structure
from verkeerstoren.planning.large.construct import construct, to_plan
from verkeerstoren.planning.large.knapsack_bound import knapsack_bound
from verkeerstoren.planning.large.lp import solve_compact
from verkeerstoren.planning.large.placer import Placer
from verkeerstoren.planning.large.pricing import Prices, lagrangian_bound, price_units
from verkeerstoren.planning.large.repack import repack
from verkeerstoren.planning.model.instance import PlanningInputError, PlanningInstance
from verkeerstoren.planning.model.options import Option, case_options
from verkeerstoren.planning.model.plan import CaseAssignment, Plan, PlanResult, plan_cost
from verkeerstoren.planning.model.pools import make_pools

# Up to this many per-officer options the whole MIP is solved; above, LNS from the best baseline
# does better in the same time (measured on a random instance of 20 officers, 150 cases,
# 6 weeks and 48k options in 20 s: LNS alone ends below the whole MIP followed by LNS).
MAX_MIP_OPTIONS = 20_000
OVERRUN_SECONDS = 0.5  # the phases end this long before the time limit (at most 10 % of it)


def solve_plan(
    inst: PlanningInstance,
    *,
    time_limit: float = 60.0,
    seed: int = 0,
    baselines: dict[str, Plan] | None = None,
) -> PlanResult:
    """Solve a planning instance within ``time_limit`` seconds; raise PlanningInputError when
    pins cannot be met.

    ``baselines`` (from :func:`baseline_plans`) may be passed in when the caller has them.
    """
    started = time.monotonic()
    # HiGHS may stop a little after its own limit, and returning takes a moment.
    deadline = started + max(time_limit - OVERRUN_SECONDS, 0.9 * time_limit)
    structure = build_structure(inst)
    large = _option_count(structure, stop_above=MAX_MIP_OPTIONS) > MAX_MIP_OPTIONS
    if large:
        plan, lower, baselines = _solve_large(structure, baselines, deadline, seed, time_limit)
        return PlanResult(
            plan=plan,
            lower_bound=min(lower, plan.cost),
            seconds=time.monotonic() - started,
            status="feasible",
            baselines={k: v.cost for k, v in baselines.items()},
        )
    if baselines is None:
        baselines = baseline_plans(inst, deadline=deadline)
    fallback = min(baselines.values(), key=lambda p: p.cost, default=None)
    plan = fallback if fallback is not None else _pins_only(inst)
    # The pooled LP gets a small share: the per-officer MIP needs the time, and its own dual
    # bound (which includes the per-officer LP) can only raise the bound further.
    lower = _free_hours_bound(inst)
    if time.monotonic() < deadline:
        share = min(max(0.5, 0.15 * time_limit), deadline - time.monotonic())
        lower = max(lower, _pooled_bound(inst, share, seed))
    status = "feasible"
    options = _officer_options(inst) if time.monotonic() < deadline else []
    if options and len(options) <= MAX_MIP_OPTIONS:
        index = {_key(o): k for k, o in enumerate(options)}
        keys = [_assignment_key(inst, a) for a in plan.assignments]
        start = [-1 if key is None else index.get(key, -1) for key in keys]
        hours = np.array(
            [[s.hours_in_week(w) for w in range(inst.horizon_weeks)] for s in inst.staff]
        )
        sol = solve_model(
            inst,
            options,
            hours,
            pinned=_pinned_cases(inst),
            integer=True,
            time_limit=max(0.01, deadline - time.monotonic()),
            start=start,
            seed=seed,
        )
        if sol.status == "infeasible":
            raise PlanningInputError(
                "no plan satisfies every pin and family constraint", code="no_plan_for_pins"
            )
        if sol.chosen is not None:
            candidate = _to_plan(inst, options, sol.chosen)
            if candidate.cost <= plan.cost + 1e-6:
                plan = candidate
            lower = max(lower, sol.dual_bound)
            if sol.status == "optimal":
                status = "optimal"
                lower = max(lower, min(plan.cost, sol.objective))
    if status != "optimal" and time.monotonic() < deadline:
        plan = improve_plan(inst, plan, deadline=deadline, seed=seed)
    lower = min(lower, plan.cost)
    return PlanResult(
        plan=plan,
        lower_bound=lower,
        seconds=time.monotonic() - started,
        status=status,
        baselines={k: v.cost for k, v in baselines.items()},
    )


# Time the compact LP may take on a large instance: all but what one build needs, at least this
# share (measured on tf2020: PDLP 11-16 s, one build ~7 s; with less than ~30 s in all the LP may
# not finish, and the build then goes by zero prices).
LP_SHARE = 0.4
LP_MIN_SECONDS = 2.0  # below this the LP is not started (it would not finish)
# Seconds one build takes per BUILD_CASES cases (measured ~7-10 s on tf2020's 15,350 cases; the
# time grows about in proportion to the cases when officers grow with them).
ONE_BUILD = 10.0
BUILD_CASES = 15_000
# On a large instance the baselines (when not given) may use this share of the time limit, after
# the builds (on tf2020 all four greedies take ~4 s; on 100,000 cases each takes over 15 s).
BASELINE_SHARE = 0.25
BASELINE_SETUP_PER_CASE = 3e-5  # seconds the greedies' set-up takes per case (~2 s for 100,000)
# A unit's target week: the first week by which the LP has planned this share of it.
TARGET_SHARES = (0.05, 0.15, 0.3)
BUILD_RESERVE = 15.0  # seconds a further build needs at least (measured ~10 s on tf2020)
LNS_MIN_SECONDS = 1.0  # time left after repacking that is worth an LNS
LNS_OVERRUN_SECONDS = 2.0
# Turning a placement into a plan and costing it (to_plan), per case: the build stops this
# long before the deadline (~1 s for 100,000 cases).
FINISH_SECONDS_PER_CASE = 1e-5


def _option_count(s: Structure, stop_above: float = np.inf) -> int:
    """About how many per-officer options the exact model would have, without building them.

    Per case and choice: officers who may take it x weeks from its ready week x firms (when it
    outsources). The exact model keeps a few choices the structure drops as dominated, so this
    is a close estimate, not the exact count. Counting stops once above ``stop_above``.
    """
    members = np.array([len(p.members) for p in s.pools])
    firms = max(len(s.firm_rate), 1)
    total = 0
    for c, choices in enumerate(s.choices):
        weeks = max(s.weeks - int(s.unit_ready[s.unit_of[c]]), 0)
        for ch in choices:
            outsourced = ch.firm_prepare > 0 or ch.firm_draft > 0
            total += int(members[ch.pools].sum()) * weeks * (firms if outsourced else 1)
        if total > stop_above:
            break
    return total


def _solve_large(
    s: Structure,
    baselines: dict[str, Plan] | None,
    deadline: float,
    seed: int,
    time_limit: float,
) -> tuple[Plan, float, dict[str, Plan]]:
    """Plan, bound and baselines for a large instance (see the module docstring, step 3)."""
    prices = Prices.zero(s)  # until the LP gives better ones
    free = price_units(s, prices)
    lower = lagrangian_bound(s, prices, free)
    build = ONE_BUILD * max(1.0, len(s.inst.cases) / BUILD_CASES)
    # The builds stop in time for the last plan to be made and costed.
    cutoff = deadline - FINISH_SECONDS_PER_CASE * len(s.inst.cases)
    remaining = cutoff - time.monotonic()
    lp_time = max(LP_SHARE * remaining, remaining - build)
    lp = None
    if lp_time >= LP_MIN_SECONDS:
        lp = solve_compact(s, free, time_limit=lp_time, seed=seed)
    targets = []
    guide = lp if lp is not None and lp.solved else None
    if lp is not None and lp.solved:
        priced = price_units(s, lp.prices)
        lower = max(lower, lagrangian_bound(s, lp.prices, priced))
        # After the refinement PDLP's prices are kept too: the bound may be higher at them.
        for other in lp.more_prices:
            lower = max(lower, lagrangian_bound(s, other, price_units(s, other)))
        # Whole officer-weeks raise the bound (~4 s on tf2020), before the builds so that a busy
        # machine cannot squeeze it out; skipped if it would leave no time for one build.
        # Under carry-over an officer-week is no knapsack of its own: that bound does not hold.
        if not s.inst.carry_over:
            knapsack = knapsack_bound(s, lp.prices, priced, deadline=cutoff - build)
            lower = max(lower, knapsack if knapsack is not None else lower)
        prices = lp.prices
        cumulative = np.cumsum(lp.share, axis=1)
        for share in TARGET_SHARES:
            reached = cumulative >= share
            targets.append(np.where(reached.any(axis=1), reached.argmax(axis=1), s.weeks))
    else:
        targets.append(free.value.argmin(axis=1))
    # The LP's shares are approximate (PDLP), so a few readings of them are tried; each build
    # takes ~10 s on tf2020, and the best one is repacked with the time left. The first build
    # always runs (cut short at the deadline if need be: a partial build is still a plan).
    placer: Placer | None = None
    build_seconds = 0.0
    for target in targets:
        if placer is not None and time.monotonic() > cutoff - max(BUILD_RESERVE, build_seconds):
            break
        began = time.monotonic()
        trial = construct(
            s, prices, np.where(target >= s.weeks, -1, target), guide, deadline=cutoff
        )
        build_seconds = time.monotonic() - began
        if placer is None or trial.plan.cost(s) < placer.plan.cost(s):
            placer = trial
    if placer is None:  # there is always a first target
        raise RuntimeError("no build")
    if baselines is None:
        share_end = min(cutoff, time.monotonic() + BASELINE_SHARE * time_limit)
        # Their set-up comes before the greedies look at the clock: not started without time.
        if share_end - time.monotonic() > BASELINE_SETUP_PER_CASE * len(s.inst.cases):
            baselines = baseline_plans(s.inst, deadline=share_end)
        else:
            baselines = {}
    fallback = min(baselines.values(), key=lambda p: p.cost, default=None)
    proven = placer.plan.cost(s) <= lower + 1e-6 * max(1.0, abs(lower))
    if not proven and not s.inst.carry_over:
        repack(placer, deadline=cutoff, seed=seed)
    plan = to_plan(s, placer.plan)
    # Repack stops early once no week has room it can use; LNS over whole officers (all weeks)
    # then moves cases between weeks (on a 26-week sample of tf2020 it closes most of the gap).
    # An LNS step's MIP on a register has ~80,000 options, and HiGHS can run up to ~2 s past
    # its own time limit on it (measured on tf2020): LNS ends that much earlier.
    lns_deadline = deadline - LNS_OVERRUN_SECONDS
    if not proven and time.monotonic() < lns_deadline - LNS_MIN_SECONDS:
        # A first LNS step takes about a build (tf2020: ~5 s against ~4-8 s); one started with
        # less time left than its model takes to assemble ends after the deadline.
        plan = improve_plan(
            s.inst, plan, deadline=lns_deadline, seed=seed, step_estimate=build_seconds
        )
    # Float sums over 13,000 units must not push the bound above the optimum.
    lower -= 1e-9 * max(1.0, abs(lower))
    if fallback is not None and fallback.cost < plan.cost:
        plan = fallback
    return plan, lower, baselines


def _free_hours_bound(inst: PlanningInstance) -> float:
    """Every case at its cheapest week from its ready week on (or beyond the horizon): a valid
    lower bound for any plan, computed in no time (hours and firm fees count as free)."""
    return float(
        sum(min((*case.cost_by_week[case.ready_week :], case.cost_beyond)) for case in inst.cases)
    )


def _pins_only(inst: PlanningInstance) -> Plan:
    """The pinned cases at their pins, nothing else: the plan when no baseline was made in time
    (raises PlanningInputError when the pins cannot all be met)."""
    placed = place_pins(inst)
    assignments = tuple(placed.get(c, CaseAssignment(case.id)) for c, case in enumerate(inst.cases))
    return Plan(assignments, plan_cost(inst, assignments))


def _pinned_cases(inst: PlanningInstance) -> set[int]:
    ids = {p.case for p in inst.pins}
    return {c for c, case in enumerate(inst.cases) if case.id in ids}


def _officer_options(inst: PlanningInstance) -> list[Option]:
    """Per-officer options; pinned cases only at their pinned officer and week."""
    pin_of = {p.case: p for p in inst.pins}
    staff_index = {s.id: k for k, s in enumerate(inst.staff)}
    staff = list(inst.staff)
    out: list[Option] = []
    for c, case in enumerate(inst.cases):
        pin = pin_of.get(case.id)
        if pin is None:
            out.extend(case_options(inst, c, staff))
        elif pin.week >= case.ready_week:
            o = staff_index[pin.officer]
            out.extend(case_options(inst, c, [staff[o]], range(pin.week, pin.week + 1), [o]))
    return out


def _pooled_bound(inst: PlanningInstance, seconds: float, seed: int) -> float:
    """LP relaxation over pools: a valid lower bound on the cost of any feasible plan."""
    pools = make_pools(inst)
    pin_of = {p.case: p for p in inst.pins}
    pool_of_staff = {m: q for q, pool in enumerate(pools) for m in pool.members}
    staff_index = {s.id: k for k, s in enumerate(inst.staff)}
    reps = [p.representative for p in pools]
    options: list[Option] = []
    for c, case in enumerate(inst.cases):
        pin = pin_of.get(case.id)
        if pin is None:
            cand = case_options(inst, c, reps)
        else:
            q = pool_of_staff.get(staff_index[pin.officer])
            if q is None or pin.week < case.ready_week:
                return float("inf")
            cand = case_options(inst, c, [reps[q]], range(pin.week, pin.week + 1), [q])
        # No single officer of the pool could carry more than its own hours.
        options.extend(
            o for o in cand if o.officer_hours <= pools[o.holder].max_member_hours[o.week] + 1e-9
        )
    hours = np.array([p.hours for p in pools]) if pools else np.zeros((0, inst.horizon_weeks))
    sol = solve_model(
        inst,
        options,
        hours,
        pinned=_pinned_cases(inst),
        integer=False,
        time_limit=seconds,
        seed=seed,
    )
    if sol.status == "infeasible":
        raise PlanningInputError(
            "no plan satisfies every pin and family constraint", code="no_plan_for_pins"
        )
    if sol.status != "optimal":
        return 0.0 if min((c.cost_beyond for c in inst.cases), default=0.0) >= 0 else -np.inf
    # Tiny LP tolerances must not push the bound above the true optimum.
    return sol.objective - 1e-6 * max(1.0, abs(sol.objective))


def _key(o: Option) -> tuple[int, int, int, str, int, bool, bool]:
    return (o.case, o.holder, o.week, o.mode, o.firm, o.prepare_out, o.draft_out)


def _assignment_key(
    inst: PlanningInstance, a: CaseAssignment
) -> tuple[int, int, int, str, int, bool, bool] | None:
    """Option key of a plan entry (for the warm start); None when not planned."""
    if a.officer is None or a.week is None or a.mode is None:
        return None
    c = next(k for k, case in enumerate(inst.cases) if case.id == a.case)
    o = next(k for k, s in enumerate(inst.staff) if s.id == a.officer)
    firm_id = a.prepare_by or a.draft_by
    f = next((k for k, fm in enumerate(inst.firms) if fm.id == firm_id), -1)
    return (c, o, a.week, a.mode, f, a.prepare_by is not None, a.draft_by is not None)


def _to_plan(inst: PlanningInstance, options: list[Option], chosen: tuple[int, ...]) -> Plan:
    """Turn chosen option indices into a plan."""
    out = []
    for c, k in enumerate(chosen):
        case = inst.cases[c]
        if k < 0:
            out.append(CaseAssignment(case.id))
            continue
        o = options[k]
        firm = inst.firms[o.firm].id if o.firm >= 0 else None
        out.append(
            CaseAssignment(
                case.id,
                inst.staff[o.holder].id,
                o.week,
                o.mode,
                firm if o.prepare_out else None,
                firm if o.draft_out else None,
            )
        )
    assignments = tuple(out)
    return Plan(assignments, plan_cost(inst, assignments))
