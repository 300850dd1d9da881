# SPDX-License-Identifier: EUPL-1.2
"""Where a planning gap lies: our plan and bound against the exact optimum of a small sample.

    .venv/bin/python bench/bench_plan_sample_exact.py INSTANCE.json [--every 40] [--weeks 10]
        [--time-limit 20] [--exact-limit 900] [--no-firms | --one-firm]

INSTANCE.json is a planning instance, e.g. tf2020 as of 2020-04-06 with all staff as
``bench_plan_tf2020.py --export /tmp/tf2020.json`` writes it. The script keeps every k-th unit
(a family or a single case) and every k-th officer, the first ``--weeks`` weeks (a case not
decided by then costs what it would cost in the first week after them) and 1/k of the firms'
hours. It then solves that sample twice:

- with the large-instance path of ``solve_plan`` (forced, as on a register);
- exactly, with the per-officer MIP (HiGHS).

It prints how far our plan is above the exact optimum and how far our bound is below it. Those
two shares of the gap tell whether to work on the plan or on the bound. The exact MIP needs
minutes: this is a measurement, not a test.

A sample's firms have 1/k of the hours, a few hours a week, where whole packages matter far
more than on a register; ``--no-firms`` measures without them, and ``--one-firm`` merges them
into one firm with all their hours (1/k of them), so that a firm-week holds several packages as
on a register.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

import verkeerstoren.planning.solve as assign
from verkeerstoren.planning.exact.model import solve_model
from verkeerstoren.planning.model.instance import PlanningInstance, instance_from_dict


def sample(inst: PlanningInstance, every: int, weeks: int) -> PlanningInstance:
    """Every k-th unit and officer, the first ``weeks`` weeks, 1/k of the firms' hours."""
    units: dict[str, int] = {}
    cases = []
    for c in inst.cases:
        unit = units.setdefault(c.family or c.id, len(units))
        if unit % every:
            continue
        beyond = c.cost_by_week[weeks] if weeks < len(c.cost_by_week) else c.cost_beyond
        cases.append(
            replace(
                c,
                cost_by_week=c.cost_by_week[:weeks],
                cost_beyond=beyond,
                ready_week=min(c.ready_week, weeks - 1),
            )
        )
    staff = tuple(
        replace(s, hours=s.hours[:weeks] if s.hours is not None else None)
        for j, s in enumerate(inst.staff)
        if j % every == 0
    )
    firms = tuple(
        replace(
            f,
            prepare_hours=tuple(h / every for h in f.prepare_hours[:weeks]),
            draft_hours=tuple(h / every for h in f.draft_hours[:weeks]),
        )
        for f in inst.firms
    )
    return replace(inst, horizon_weeks=weeks, staff=staff, cases=tuple(cases), firms=firms, pins=())


def one_firm(inst: PlanningInstance) -> PlanningInstance:
    """The firms merged into the first one: their hours summed per week (rates: the first's)."""
    if not inst.firms:
        return inst
    weeks = range(inst.horizon_weeks)
    merged = replace(
        inst.firms[0],
        prepare_hours=tuple(sum(f.prepare_hours[w] for f in inst.firms) for w in weeks),
        draft_hours=tuple(sum(f.draft_hours[w] for f in inst.firms) for w in weeks),
    )
    return replace(inst, firms=(merged,))


def sample_arguments(parser: argparse.ArgumentParser, *, weeks: int) -> None:
    """The arguments that choose a sample (shared with bench_plan_capacity_rule.py)."""
    parser.add_argument("instance", type=Path)
    parser.add_argument("--every", type=int, default=40)
    parser.add_argument("--weeks", type=int, default=weeks)
    parser.add_argument("--exact-limit", type=float, default=900.0)
    firms = parser.add_mutually_exclusive_group()
    firms.add_argument("--no-firms", action="store_true", help="drop the firms (see above)")
    firms.add_argument("--one-firm", action="store_true", help="merge the firms (see above)")


def load_sample(args: argparse.Namespace) -> PlanningInstance:
    """The sample the arguments of :func:`sample_arguments` ask for."""
    inst = sample(instance_from_dict(json.loads(args.instance.read_text())), args.every, args.weeks)
    if args.no_firms:
        inst = replace(inst, firms=())
    if args.one_firm:
        inst = one_firm(inst)
    return inst


def main() -> int:
    """Solve the sample both ways and print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sample_arguments(parser, weeks=10)
    parser.add_argument("--time-limit", type=float, default=20.0)
    args = parser.parse_args()
    inst = load_sample(args)
    assign.MAX_MIP_OPTIONS = 0  # the large path, as on a whole register
    t = time.perf_counter()
    ours = assign.solve_plan(inst, time_limit=args.time_limit)
    ours_seconds = time.perf_counter() - t
    options = assign._officer_options(inst)
    hours = np.array([[s.hours_in_week(w) for w in range(args.weeks)] for s in inst.staff])
    t = time.perf_counter()
    exact = solve_model(
        inst, options, hours, pinned=set(), integer=True, time_limit=args.exact_limit
    )
    exact_seconds = time.perf_counter() - t
    # The optimum lies between the MIP's dual bound and its best plan.
    low, high = exact.dual_bound, exact.objective
    out = {
        "cases": len(inst.cases),
        "officers": len(inst.staff),
        "weeks": args.weeks,
        "ours": {
            "cost": round(ours.cost, 2),
            "lower_bound": round(ours.lower_bound, 2),
            "gap_pct": round(ours.gap_pct, 3),
            "seconds": round(ours_seconds, 1),
        },
        "exact": {
            "status": exact.status,
            "best": round(high, 2),
            "dual_bound": round(low, 2),
            "seconds": round(exact_seconds, 1),
            "options": len(options),
        },
        "plan_above_optimum_pct": round(100 * (ours.cost - high) / ours.cost, 3),
        "optimum_above_bound_pct": round(100 * (low - ours.lower_bound) / low, 3),
    }
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
