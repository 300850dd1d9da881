# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: plan the tf2020 register (seed 1) as of 2020-04-06 over 26 weeks with all staff.

    VERKEERSTOREN_VAR=/tmp/planbench .venv/bin/python bench/bench_plan_tf2020.py [--time-limit 60]
        [--export /tmp/tf2020.json]

Generates tf2020, imports it into a fresh SQLite database under $VERKEERSTOREN_VAR (set it, so
no other database is touched), applies the cut-off split, refreshes the law figures, builds the
register instance (plans/register_instance.py, default parameters, every officer who may
decide), solves it with the planning package and checks the plan with the independent checker.
Prints one JSON object: cost, lower bound, gap, seconds, and expected penalties and days late of
the plan, the FIFO and the EDF baseline. Target: gap_pct <= 1 % within 60 s.

``gap_pct`` is relative to the whole cost, which includes penalties already owed and expected
for overdue cases whatever the plan does. ``avoidable_gap_pct`` measures the gap against the
part above each case's cheapest possible week (its cost if decided in its ready week), i.e.
against what planning can still influence.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

AS_OF = date(2020, 4, 6)


def main() -> int:
    """Run the benchmark and print its figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--horizon", type=int, default=26)
    parser.add_argument("--seed", type=int, default=1, help="tf2020 seed")
    parser.add_argument("--stream", default="taskforce")
    parser.add_argument("--reuse", action="store_true", help="keep an already loaded database")
    parser.add_argument(
        "--sample",
        type=int,
        default=1,
        help="keep 1 in K cases (whole families) and 1 in K officers (default 1: everything)",
    )
    parser.add_argument("--export", type=Path, help="also write the instance as JSON here")
    args = parser.parse_args()
    var = os.environ.get("VERKEERSTOREN_VAR")
    if not var:
        print("set VERKEERSTOREN_VAR to a scratch folder (e.g. /tmp/planbench)", file=sys.stderr)
        return 2
    os.environ["VERKEERSTOREN_AS_OF"] = AS_OF.isoformat()
    os.environ.pop("DATABASE_URL", None)  # always the scratch SQLite file
    db = Path(var) / "verkeerstoren.sqlite3"
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verkeerstoren.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from verkeerstoren.cases.importing import import_path
    from verkeerstoren.cases.law_figures import refresh_law_figures
    from verkeerstoren.cases.models import Case
    from verkeerstoren.cases.services import apply_cutoff_split
    from verkeerstoren.cutoff import CutoffRule
    from verkeerstoren.planning.baselines import baseline_plans
    from verkeerstoren.planning.model.checker import check_plan
    from verkeerstoren.planning.solve import solve_plan
    from verkeerstoren.plans.register_instance import (
        InstanceParameters,
        build_register_instance,
    )
    from verkeerstoren.synth.generator import generate_tf2020
    from verkeerstoren.synth.writer import write_register

    timings: dict[str, float] = {}
    t = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not (args.reuse and Case.objects.exists()):
        folder = Path(var) / f"tf2020-seed{args.seed}"
        if not (folder / "cases.csv").exists():
            write_register(generate_tf2020(args.seed).tables, folder)
        import_path(folder)
        apply_cutoff_split(CutoffRule())
        refresh_law_figures(AS_OF)
    timings["load"] = time.perf_counter() - t

    t = time.perf_counter()
    params = InstanceParameters(staff_scope="all")
    built = build_register_instance(AS_OF, args.horizon, args.stream, params)
    if args.sample > 1:
        built = sample(built, args.sample)
    inst = built.instance
    timings["build"] = time.perf_counter() - t
    if args.export:
        from verkeerstoren.planning.model.serialize import instance_to_dict

        args.export.write_text(json.dumps(instance_to_dict(inst)))

    t = time.perf_counter()
    baselines = baseline_plans(inst)
    timings["baselines"] = time.perf_counter() - t

    result = solve_plan(inst, time_limit=args.time_limit, baselines=baselines)
    t = time.perf_counter()
    violations = check_plan(inst, result.plan.assignments, result.cost)
    timings["check"] = time.perf_counter() - t

    floor = sum(c.cost_by_week[min(c.ready_week, inst.horizon_weeks - 1)] for c in inst.cases)
    figures = {}
    for name, plan in (("plan", result.plan), *baselines.items()):
        penalty, late = built.figures(plan.assignments)
        planned = sum(a.week is not None for a in plan.assignments)
        figures[name] = {
            "cost": round(plan.cost, 2),
            "expected_penalty_eur": round(penalty, 2),
            "late_days": round(late),
            "planned": planned,
        }
    avoidable = result.cost - floor
    out = {
        "as_of": AS_OF.isoformat(),
        "horizon_weeks": inst.horizon_weeks,
        "sample": args.sample,
        "cases": len(inst.cases),
        "officers": len(inst.staff),
        "firms": len(inst.firms),
        "time_limit": args.time_limit,
        "cost": round(result.cost, 2),
        "lower_bound": round(result.lower_bound, 2),
        "gap_pct": round(result.gap_pct, 4),
        "avoidable_gap_pct": round(
            100.0 * (result.cost - result.lower_bound) / avoidable if avoidable > 0 else 0.0, 4
        ),
        "cost_floor": round(floor, 2),
        "seconds": round(result.seconds, 2),
        "status": result.status,
        "violations": len(violations),
        "figures": figures,
        "timings_s": {k: round(v, 2) for k, v in timings.items()},
        "machine": f"{platform.machine()} {os.cpu_count()} cpus, Python {platform.python_version()}",
        "date": datetime.now(UTC).date().isoformat(),
    }
    print(json.dumps(out, indent=1))
    return 0


def sample(built: Any, k: int) -> Any:
    """Every k-th unit (a family or a single case) and every k-th officer, pins dropped."""
    import numpy as np

    inst = built.instance
    units: dict[str, int] = {}
    keep = []
    for i, c in enumerate(inst.cases):
        unit = c.family or c.id
        units.setdefault(unit, len(units))
        if units[unit] % k == 0:
            keep.append(i)
    staff = tuple(s for j, s in enumerate(inst.staff) if j % k == 0)
    cases = tuple(inst.cases[i] for i in keep)
    rows = np.array(keep, np.int64)
    return replace(
        built,
        instance=replace(inst, staff=staff, cases=cases, pins=()),
        exposure=built.exposure[rows],
        late_days=built.late_days[rows],
        deadline=tuple(built.deadline[i] for i in keep),
        hearing_left=tuple(built.hearing_left[i] for i in keep),
    )


if __name__ == "__main__":
    raise SystemExit(main())
