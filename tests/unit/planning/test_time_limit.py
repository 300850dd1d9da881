# SPDX-License-Identifier: EUPL-1.2
"""The time limit is a deadline for the whole solve: the planner returns by then (plus a slack
for returning), with a plan the independent checker accepts and a bound no higher than its cost.

These are contract tests, not speed tests: the slack is generous (``SLACK`` seconds), and the
instances are sized so that an unhurried solve would take several times the limit.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from large_helpers import exact_cost, random_instance

import verkeerstoren.planning.solve as solve
from verkeerstoren.planning.baselines import baseline_plans
from verkeerstoren.planning.examples import random_instance_dict
from verkeerstoren.planning.large.arrays import build_structure
from verkeerstoren.planning.large.construct import construct, to_plan
from verkeerstoren.planning.large.pricing import Prices, price_units
from verkeerstoren.planning.model.checker import check_plan
from verkeerstoren.planning.model.instance import PlanningInstance, instance_from_dict
from verkeerstoren.planning.model.plan import Plan

# Seconds a solve may take beyond its limit (returning; a busy machine starts processes slowly).
# Far below what these instances take without a limit (the register-like one runs 30 s at 30).
SLACK = 5.0


def register_like() -> dict[str, object]:
    """4,000 cases and 60 officers over 8 weeks: the large path, with pins and families."""
    return random_instance_dict(3, staff=60, cases=4000, weeks=8, firms=2, families=40, pins=3)


def assert_valid(inst: PlanningInstance, plan: Plan, lower: float) -> None:
    assert check_plan(inst, plan.assignments, plan.cost) == []
    assert lower <= plan.cost + 1e-6 * max(1.0, abs(plan.cost))
    where = {a.case: (a.officer, a.week) for a in plan.assignments}
    for pin in inst.pins:
        assert where[pin.case] == (pin.officer, pin.week)


def test_large_instance_returns_within_the_limit() -> None:
    inst = instance_from_dict(register_like())
    assert solve._option_count(build_structure(inst)) > solve.MAX_MIP_OPTIONS  # large path
    began = time.monotonic()
    result = solve.solve_plan(inst, time_limit=0.5)
    elapsed = time.monotonic() - began
    assert elapsed <= 0.5 + SLACK
    assert_valid(inst, result.plan, result.lower_bound)
    assert result.status == "feasible"


def test_small_instance_with_a_tiny_limit_returns_a_valid_plan_and_bound() -> None:
    inst = random_instance(5, staff=3, cases=12, weeks=3, pins=1)
    began = time.monotonic()
    result = solve.solve_plan(inst, time_limit=0.05)
    assert time.monotonic() - began <= 0.05 + SLACK
    assert_valid(inst, result.plan, result.lower_bound)
    # The bound is a bound: never above the proven optimum (the per-officer MIP).
    assert result.lower_bound <= exact_cost(inst) + 1e-6


def test_a_build_past_its_deadline_places_only_the_pins() -> None:
    inst = instance_from_dict(register_like())
    s = build_structure(inst)
    prices = Prices.zero(s)
    target = price_units(s, prices).value.argmin(axis=1)
    placer = construct(s, prices, target, deadline=time.monotonic())
    plan = to_plan(s, placer.plan)
    assert_valid(inst, plan, -np.inf)
    pinned = {p.case for p in inst.pins}
    families = {c.family for c in inst.cases if c.id in pinned and c.family}
    planned = {a.case for a in plan.assignments if a.week is not None}
    assert pinned <= planned
    assert all(
        c.id in pinned or (c.family and c.family in families) for c in inst.cases if c.id in planned
    )
    # Without a deadline the same build plans far more.
    full = construct(s, prices, target)
    assert int((full.plan.week >= 0).sum()) > len(planned) + 100


def test_baselines_not_done_by_the_deadline_are_left_out() -> None:
    inst = instance_from_dict(register_like())
    assert baseline_plans(inst, deadline=time.monotonic()) == {}
    assert set(baseline_plans(inst)) == {"fifo", "edf"}


def test_plan_solve_command_ends_within_the_limit_plus_loading(tmp_path: Path) -> None:
    limit = 1.0
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(register_like()))
    command = Path(sys.executable).with_name("verkeerstoren")
    began = time.monotonic()
    done = subprocess.run(
        [str(command), "plan", "solve", str(path), "--time-limit", str(limit), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.monotonic() - began
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["violations"] == []
    assert out["lower_bound"] <= out["cost"]
    assert wall <= limit + out["load_seconds"] + SLACK
