# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren plan solve INSTANCE.json`: plan cases to officers and weeks at least cost.

`verkeerstoren plan example` prints a small random instance in the same format.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from dataclasses import asdict
from typing import Any

from verkeerstoren.cli import InputError
from verkeerstoren.jsonin import JsonInputError, loads

# A register's instance (tens of thousands of cases with their choices) is tens of megabytes,
# nested about six levels deep.
MAX_INSTANCE_BYTES = 512 * 1024 * 1024
MAX_INSTANCE_DEPTH = 32
MAX_TIME_LIMIT = 86_400.0  # seconds: one day
# Checking the plan, printing it and ending the process, kept out of the solver's time: a fixed
# part and per case (measured ~2.5 s for 100,000 cases with --json on a busy machine).
FINISH_SECONDS = 0.5
FINISH_SECONDS_PER_CASE = 3e-5


def register(subparsers: Any) -> None:
    """Add the `plan` command with `solve` and `example`."""
    plan = subparsers.add_parser("plan", help="plan cases to officers and weeks (optimiser)")
    sub = plan.add_subparsers(dest="plan_command", metavar="SUBCOMMAND")
    solve = sub.add_parser(
        "solve",
        help="solve a planning instance (JSON, see docs/formats.md)",
        description="Plan cases to officers and weeks at least total cost; reports the cost, a "
        "valid lower bound (an LP relaxation; on a whole register a Lagrangian bound, over "
        "whole officer-weeks under the weekly capacity rule), the gap, FIFO/EDF baselines "
        "and the assignments. The instance's capacity_rule (weekly or carry_over) says how "
        "officer hours bind.",
    )
    solve.add_argument("instance", help="planning instance JSON file ('-' = stdin)")
    solve.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
    solve.add_argument("--seed", type=int, default=0, help="solver seed (default 0)")
    solve.add_argument("--json", action="store_true", help="print JSON on stdout")
    solve.set_defaults(func=_solve)
    example = sub.add_parser("example", help="print a random example instance as JSON")
    example.add_argument("--seed", type=int, default=0)
    example.add_argument("--staff", type=int, default=6)
    example.add_argument("--cases", type=int, default=25)
    example.add_argument("--weeks", type=int, default=5)
    example.set_defaults(func=_example)
    export = sub.add_parser(
        "export",
        help="write the register's current planning instance as JSON",
        description="Build the planning instance of the register (open cases of a stream, "
        "staff, firms, pins; costs from the law engine) and write it as JSON "
        "(docs/formats.md), for `plan solve` or another tool.",
    )
    export.add_argument("--as-of", help="date (default: VERKEERSTOREN_AS_OF, else today)")
    export.add_argument("--weeks", type=int, default=26, help="horizon in weeks (default 26)")
    export.add_argument("--stream", choices=["taskforce", "regular"], default="taskforce")
    export.add_argument("--out", help="file to write (default: stdout)")
    export.set_defaults(func=_export)
    plan.set_defaults(func=lambda _args: _usage(plan))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _export(args: argparse.Namespace) -> int:
    from datetime import date

    if args.weeks < 1:
        raise InputError("--weeks must be at least 1")
    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        raise InputError(f"--as-of: not a valid date (YYYY-MM-DD): '{args.as_of}'") from None
    from verkeerstoren.cli.django_setup import setup_django

    setup_django()
    from verkeerstoren.cases.law_figures import register_as_of
    from verkeerstoren.planning.model.serialize import instance_to_dict
    from verkeerstoren.plans.register_instance import build_register_instance

    built = build_register_instance(as_of or register_as_of(), args.weeks, args.stream)
    text = json.dumps(instance_to_dict(built.instance))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text)
        print(
            f"{len(built.instance.cases)} cases, {len(built.instance.staff)} staff, "
            f"{args.weeks} weeks -> {args.out}",
            file=sys.stderr,
        )
    else:
        print(text)
    return 0


def _example(args: argparse.Namespace) -> int:
    from verkeerstoren.planning.examples import random_instance_dict

    if min(args.staff, args.cases, args.weeks) < 1:
        raise InputError("--staff, --cases and --weeks must be at least 1")
    data = random_instance_dict(
        args.seed, staff=args.staff, cases=args.cases, weeks=args.weeks, firms=1, families=2
    )
    print(json.dumps(data, indent=1))
    return 0


def _load(path: str) -> Any:
    try:
        if path == "-":
            data = sys.stdin.buffer.read(MAX_INSTANCE_BYTES + 1)
        else:
            with open(path, "rb") as fh:
                data = fh.read(MAX_INSTANCE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    try:
        return loads(data, max_bytes=MAX_INSTANCE_BYTES, max_depth=MAX_INSTANCE_DEPTH, what=path)
    except JsonInputError as exc:
        raise InputError(str(exc)) from None


def _solve(args: argparse.Namespace) -> int:
    from verkeerstoren.planning.model.checker import check_plan
    from verkeerstoren.planning.model.instance import PlanningInputError, instance_from_dict
    from verkeerstoren.planning.solve import solve_plan

    if not (math.isfinite(args.time_limit) and 0 < args.time_limit <= MAX_TIME_LIMIT):
        raise InputError(
            f"--time-limit: must be a number of seconds above 0 and at most {MAX_TIME_LIMIT:g}"
        )
    try:
        began = time.monotonic()
        inst = instance_from_dict(_load(args.instance))
        load_seconds = time.monotonic() - began
        # The time limit covers the whole command except reading the instance: the solver gets
        # what the start of the process left, less what checking and printing the plan take.
        finish = FINISH_SECONDS + FINISH_SECONDS_PER_CASE * len(inst.cases)
        budget = max(0.1, args.time_limit - (_process_seconds() - load_seconds) - finish)
        result = _with_progress(args, lambda: solve_plan(inst, time_limit=budget, seed=args.seed))
    except PlanningInputError as exc:
        raise InputError(f"{args.instance}: {exc}") from None
    violations = check_plan(inst, result.plan.assignments, result.cost)
    payload = {
        "cost": result.cost,
        "lower_bound": round(result.lower_bound, 6),
        "gap_pct": round(result.gap_pct, 4),
        "seconds": round(result.seconds, 3),
        "load_seconds": round(load_seconds, 3),
        "status": result.status,
        "baselines": result.baselines,
        "planned": sum(1 for a in result.plan.assignments if a.week is not None),
        "unplanned": sum(1 for a in result.plan.assignments if a.week is None),
        "violations": violations,
        "assignments": [asdict(a) for a in result.plan.assignments],
    }
    if args.json:
        print(json.dumps(payload))
    else:
        print(
            f"cost {result.cost:g}  lower bound {result.lower_bound:g}  gap {result.gap_pct:.2f} %"
            f"  ({result.status}, {result.seconds:.1f} s)"
        )
        for name, cost in result.baselines.items():
            print(f"baseline {name}: {cost:g}")
        for a in result.plan.assignments:
            where = f"{a.officer} week {a.week} {a.mode}" if a.week is not None else "not planned"
            print(f"  {a.case}: {where}")
    if violations:  # never expected: the checker is a second opinion on the solver
        print(f"verkeerstoren: plan check failed: {violations[:3]}", file=sys.stderr)
        return 1
    return 0


def _process_seconds() -> float:
    """Seconds since this process started (Linux /proc; 0.0 where that cannot be read)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            started = int(fh.read().rsplit(")", 1)[1].split()[19])  # field 22: starttime
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return max(0.0, uptime - started / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return 0.0


def _with_progress(args: argparse.Namespace, work: Any) -> Any:
    """Show a Rich spinner on stderr while solving (only when stderr is a terminal)."""
    if not sys.stderr.isatty():
        return work()
    from rich.console import Console

    with Console(stderr=True).status(f"planning (up to {args.time_limit:g} s)..."):
        return work()
