# SPDX-License-Identifier: EUPL-1.2
"""Builders and judges shared by the large-instance tests (test_large_*.py, test_carry_over.py).

Random small instances (the generator of :mod:`examples`), with pins taken from a feasible
baseline plan so that they can be met. The exact optimum comes from the per-officer MIP
(``solve_plan``'s model, proven optimal) and every plan is judged by the independent checker;
the "cheapest week of a unit on its own" is enumerated from the instance with the checker as
judge, not computed by the pricing under test.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pytest

import verkeerstoren.planning.solve as assign
from verkeerstoren.planning.baselines import baseline_plans
from verkeerstoren.planning.exact.model import solve_model
from verkeerstoren.planning.examples import random_instance_dict
from verkeerstoren.planning.large.arrays import Structure, build_structure
from verkeerstoren.planning.large.construct import to_plan
from verkeerstoren.planning.large.lp import CompactSolution, solve_compact
from verkeerstoren.planning.large.placer import Placer
from verkeerstoren.planning.large.pricing import Prices, lagrangian_bound, price_units
from verkeerstoren.planning.model.checker import check_plan
from verkeerstoren.planning.model.instance import Pin, PlanningInstance, instance_from_dict
from verkeerstoren.planning.model.plan import CaseAssignment, Plan

TOL = 1e-6


def random_instance(
    seed: int,
    *,
    staff: int = 3,
    cases: int = 12,
    weeks: int = 3,
    firms: int = 1,
    families: int = 2,
    pins: int = 0,
) -> PlanningInstance:
    """A random instance of :func:`random_instance_dict` (no pins unless asked)."""
    return instance_from_dict(
        random_instance_dict(
            seed, staff=staff, cases=cases, weeks=weeks, firms=firms, families=families, pins=pins
        )
    )


def unit_members(inst: PlanningInstance) -> list[list[int]]:
    """Case indices per unit: a family together, every other case alone (instance order)."""
    groups: dict[str, list[int]] = {}
    for c, case in enumerate(inst.cases):
        groups.setdefault(case.family or f"#case{c}", []).append(c)
    return list(groups.values())


def pinned_from_baseline(inst: PlanningInstance, seed: int, count: int) -> PlanningInstance:
    """Pin ``count`` units (every member) where the FIFO baseline planned them.

    At most one pinned unit per week: each pinned unit then has its officer's whole week and
    the firms' whole week, where the baseline showed it fits. (Several pins sharing an
    officer-week trip construct: see ``test_construct_meets_two_pins_that_fit_together``.)
    """
    plan = baseline_plans(inst)["fifo"]
    rng = np.random.default_rng(seed)
    planned = [u for u in unit_members(inst) if plan.assignments[u[0]].week is not None]
    pins: list[Pin] = []
    weeks_used: set[int] = set()
    for i in rng.permutation(len(planned)).tolist():
        a = plan.assignments[planned[i][0]]
        assert a.officer is not None and a.week is not None
        if a.week in weeks_used:
            continue
        weeks_used.add(a.week)
        pins += [Pin(inst.cases[c].id, a.officer, a.week) for c in planned[i]]
        if len(weeks_used) == count:
            break
    return replace(inst, pins=tuple(pins))


def short_of_hours(inst: PlanningInstance, seed: int) -> PlanningInstance:
    """Officers with few hours per week (a case needs 7-13 h, 3-8 h with firms' help), and
    firms that can take a package (prepare 2 h, draft 3 h) in some weeks only."""
    rng = np.random.default_rng(seed)
    weeks = inst.horizon_weeks

    def draw(levels: list[float]) -> tuple[float, ...]:
        return tuple(float(h) for h in rng.choice(levels, weeks))

    hours = [0.0, 5.0, 7.0, 9.0, 11.0, 14.0, 20.0, 40.0]
    firm_hours = [0.0, 1.0, 2.0, 3.0, 6.0]
    return replace(
        inst,
        staff=tuple(replace(st, hours=draw(hours)) for st in inst.staff),
        firms=tuple(
            replace(f, prepare_hours=draw(firm_hours), draft_hours=draw(firm_hours))
            for f in inst.firms
        ),
    )


def exact_plan(inst: PlanningInstance, *, checked: bool = True) -> Plan:
    """Exact optimum: the per-officer MIP that ``solve_plan`` builds, proven optimal.

    Solved without the warm start ``solve_plan`` gives it (with one, HiGHS can claim a wrong
    optimum: ``test_exact_path_optimal_is_optimal``); the plan must pass the checker (unless
    ``checked`` is off, for a model deliberately broken by a test).
    """
    options = assign._officer_options(inst)
    weeks = range(inst.horizon_weeks)
    hours = np.array([[st.hours_in_week(w) for w in weeks] for st in inst.staff])
    sol = solve_model(
        inst, options, hours, pinned=assign._pinned_cases(inst), integer=True, time_limit=30.0
    )
    assert sol.status == "optimal" and sol.chosen is not None
    plan = assign._to_plan(inst, options, sol.chosen)
    assert not checked or check_plan(inst, plan.assignments, plan.cost) == []
    assert plan.cost == pytest.approx(sol.objective, abs=TOL)
    return plan


def exact_cost(inst: PlanningInstance) -> float:
    """Cost of the exact optimum (:func:`exact_plan`)."""
    return exact_plan(inst).cost


def random_prices(s: Structure, rng: np.random.Generator, around: Prices | None) -> Prices:
    """Nonnegative prices: around given prices (scaled per entry), or of a random scale."""
    if around is not None:
        return Prices(
            around.officer * rng.uniform(0.0, 2.0, s.cap.shape),
            around.firm_prepare * rng.uniform(0.0, 2.0, s.firm_prepare.shape),
            around.firm_draft * rng.uniform(0.0, 2.0, s.firm_draft.shape),
        )
    scale = float(rng.choice([0.3, 3.0, 30.0, 300.0]))

    def draw(shape: tuple[int, ...]) -> np.ndarray:
        # Sparse on purpose: many hours free, a few expensive.
        return rng.exponential(scale, shape) * (rng.random(shape) < 0.5)

    return Prices(draw(s.cap.shape), draw(s.firm_prepare.shape), draw(s.firm_draft.shape))


def lagrangian_value(s: Structure, prices: Prices) -> float:
    return lagrangian_bound(s, prices, price_units(s, prices))


def _ways(inst: PlanningInstance, c: int, officer: str, week: int) -> list[CaseAssignment]:
    """Every assignment of case c to the officer in the week, with or without firms."""
    case = inst.cases[c]
    firms: list[tuple[str | None, str | None]] = [(None, None)]
    for f in inst.firms:
        firms += [(f.id, None), (None, f.id), (f.id, f.id)]
    return [
        CaseAssignment(case.id, officer, week, mode, prep, draft)
        for mode in case.effort
        for prep, draft in firms
    ]


def _cost(inst: PlanningInstance, assignments: list[CaseAssignment]) -> float:
    cases = {c.id: c for c in inst.cases}
    firms = {f.id: f for f in inst.firms}
    total = 0.0
    for a in assignments:
        case = cases[a.case]
        if a.week is None or a.mode is None:
            total += case.cost_beyond
            continue
        total += case.cost_by_week[a.week]
        for firm, package in ((a.prepare_by, "prepare"), (a.draft_by, "draft")):
            if firm is not None:
                total += firms[firm].cost_per_hour * case.effort[a.mode][package]
    return total


def alone_value(inst: PlanningInstance, members: list[int]) -> float:
    """Cheapest cost of a unit planned with the whole instance's hours to itself.

    Every officer, week and way per member is tried; the checker (on the instance cut down to
    the unit) decides what is allowed. Beyond the horizon counts unless a member is pinned.
    """
    ids = {inst.cases[c].id for c in members}
    sub = replace(
        inst,
        cases=tuple(inst.cases[c] for c in members),
        pins=tuple(p for p in inst.pins if p.case in ids),
    )
    best = np.inf if sub.pins else _cost(sub, [CaseAssignment(i) for i in ids])
    for officer in inst.staff:
        for week in range(inst.horizon_weeks):
            per_member = []
            for k in range(len(members)):
                alone = replace(sub, cases=(sub.cases[k],), pins=())
                per_member.append(
                    [a for a in _ways(sub, k, officer.id, week) if not check_plan(alone, [a])]
                )
            for combo in itertools.product(*per_member):
                if not check_plan(sub, list(combo)):
                    best = min(best, _cost(sub, list(combo)))
    return float(best)


def relaxed_group_value(inst: PlanningInstance, members: list[int]) -> float:
    """A family or pinned unit, no firms: the relaxation :mod:`pricing` documents.

    Cheapest week where one officer may take every member (checker as judge, hours aside) and
    has each member's least own hours in total. Those least hours are the hearing and decision
    of its cheapest allowed mode, as if preparation and drafting went to a firm: the pricing's
    family check ignores whether a firm can take them (here: there is none). Beyond the
    horizon unless pinned.
    """
    assert not inst.firms
    ids = {inst.cases[c].id for c in members}
    pins = [p for p in inst.pins if p.case in ids]
    best = np.inf if pins else sum(inst.cases[c].cost_beyond for c in members)
    for officer in inst.staff:
        if pins and officer.id != pins[0].officer:
            continue
        free_officer = replace(officer, hours=(1e9,) * inst.horizon_weeks)
        for week in range(inst.horizon_weeks):
            if pins and week != pins[0].week:
                continue
            least = 0.0
            for c in members:
                case = inst.cases[c]
                alone = replace(inst, staff=(free_officer,), cases=(case,), pins=())
                allowed = [
                    m
                    for m in case.effort
                    if not check_plan(alone, [CaseAssignment(case.id, officer.id, week, m)])
                ]
                least += min(
                    (case.effort[m]["hear"] + case.effort[m]["decide"] for m in allowed),
                    default=np.inf,
                )
            if least <= officer.hours_in_week(week) + TOL:
                best = min(best, sum(inst.cases[c].cost_by_week[week] for c in members))
    return float(best)


def assert_valid_placement(inst: PlanningInstance, s: Structure, placer: Placer) -> Plan:
    """The placement passes the checker, keeps pins, and the placer's bookkeeping is exact."""
    plan = to_plan(s, placer.plan)
    assert check_plan(inst, plan.assignments, plan.cost) == []
    assert placer.plan.cost(s) == pytest.approx(plan.cost, abs=TOL)
    by_case = {a.case: a for a in plan.assignments}
    for pin in inst.pins:
        assert (by_case[pin.case].officer, by_case[pin.case].week) == (pin.officer, pin.week)
    # Remaining hours = hours minus what the plan uses (repack relies on these).
    staff = {st.id: k for k, st in enumerate(inst.staff)}
    firm = {f.id: k for k, f in enumerate(inst.firms)}
    hours = np.array([[st.hours_in_week(w) for w in range(s.weeks)] for st in inst.staff])
    prep = np.array([f.prepare_hours for f in inst.firms]).reshape(-1, s.weeks)
    draft = np.array([f.draft_hours for f in inst.firms]).reshape(-1, s.weeks)
    for case, a in zip(inst.cases, plan.assignments, strict=True):
        if a.officer is None or a.week is None or a.mode is None:
            continue
        e = case.effort[a.mode]
        own = e["prepare"] + e["hear"] + e["draft"] + e["decide"]
        if a.prepare_by is not None:
            own -= e["prepare"]
            prep[firm[a.prepare_by], a.week] -= e["prepare"]
        if a.draft_by is not None:
            own -= e["draft"]
            draft[firm[a.draft_by], a.week] -= e["draft"]
        hours[staff[a.officer], a.week] -= own
    np.testing.assert_allclose(placer.hours, hours, atol=TOL)
    np.testing.assert_allclose(placer.prep, prep, atol=TOL)
    np.testing.assert_allclose(placer.draft, draft, atol=TOL)
    # Units stay together (one officer, one week, or not planned at all).
    for unit in s.units:
        assert (
            len({(int(placer.plan.officer[c]), int(placer.plan.week[c])) for c in unit.cases}) == 1
        )
    return plan


def random_targets(s: Structure, rng: np.random.Generator) -> np.ndarray:
    """A random target week per unit; -1 = beyond the horizon."""
    return rng.integers(-1, s.weeks, len(s.units))


def pins_kept(inst: PlanningInstance, plan: Plan) -> bool:
    """Every pinned case has its pinned officer and week in the plan."""
    by_case = {a.case: a for a in plan.assignments}
    return all(
        (by_case[p.case].officer, by_case[p.case].week) == (p.officer, p.week) for p in inst.pins
    )


def bound_case(seed: int, families: int) -> tuple[Structure, float, CompactSolution]:
    """A small instance with families, pins, 0-2 firms and (odd seeds) odd weekly hours and
    scarce firm hours: its structure, exact optimum and compact LP."""
    inst = random_instance(seed, staff=3, cases=13, weeks=3, firms=seed % 3, families=families)
    if seed % 2:
        inst = short_of_hours(inst, seed)
    inst = pinned_from_baseline(inst, seed, count=seed % 3)
    best = exact_cost(inst)
    s = build_structure(inst)
    lp = solve_compact(s, price_units(s, Prices.zero(s)), time_limit=5.0, seed=seed)
    assert lp.solved
    return s, best, lp


def never_above_optimum(
    bound: Callable[[Structure, Prices], float], seed: int, *, families: int, tries: int
) -> None:
    """The bound at zero, LP and ``tries`` random prices stays at or below the exact optimum."""
    s, best, lp = bound_case(seed, families=families)
    assert bound(s, Prices.zero(s)) <= best + TOL
    assert bound(s, lp.prices) <= best + TOL
    rng = np.random.default_rng(seed)
    for k in range(tries):
        prices = random_prices(s, rng, lp.prices if k % 2 else None)
        assert bound(s, prices) <= best + TOL
