# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren hearings solve INSTANCE.json`: schedule hearings (day, slot, room, officer,
interpreter) so that the hearings scheduled weigh the most, with a valid upper bound.

`verkeerstoren hearings example` writes a generated instance in the same format
(docs/formats.md, "Hearing instance").
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from typing import Any

from verkeerstoren.cli import InputError

MAX_TIME_LIMIT = 86_400.0  # seconds: one day
# Naming rooms, checking and printing the schedule, kept out of the solver's time.
FINISH_SECONDS = 0.5


def register(subparsers: Any) -> None:
    """Add the `hearings` command with `solve` and `example`."""
    hearings = subparsers.add_parser("hearings", help="schedule hearings (optimiser)")
    sub = hearings.add_subparsers(dest="hearings_command", metavar="SUBCOMMAND")
    solve = sub.add_parser(
        "solve",
        help="schedule a hearing instance (JSON, see docs/formats.md)",
        description="Give each hearing a day, a start slot, a room, an officer and an "
        "interpreter, its lawyer free, under every rule of docs/formats.md, so that the "
        "scheduled hearings weigh the most; reports a valid upper bound and the gap.",
    )
    solve.add_argument("instance", help="hearing instance JSON file ('-' = stdin)")
    solve.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
    solve.add_argument("--seed", type=int, default=0, help="solver seed (default 0)")
    solve.add_argument("--json", action="store_true", help="print JSON on stdout")
    solve.set_defaults(func=_solve)
    example = sub.add_parser(
        "example",
        help="write a generated instance",
        description="Write a random instance (deterministic for a seed); the defaults are a "
        "benchmark week: 6 locations x 150 hearings, 5 days x 2 slots.",
    )
    example.add_argument("--seed", type=int, default=0)
    example.add_argument("--locations", type=int, default=6, help="1 to 6 (default 6)")
    example.add_argument("--hearings-per-location", type=int, default=150)
    example.add_argument("--days", type=int, default=5)
    example.add_argument("--slots", type=int, default=2, help="slots per day (default 2)")
    example.add_argument("--out", help="file to write (default: stdout)")
    example.set_defaults(func=_example)
    # `hearings export --week W` (the register's instance for a week of the published plan)
    # needs Django and is registered by the register side, next to `plan export`.
    from verkeerstoren.cli.hearings_export import register_export

    register_export(sub)
    hearings.set_defaults(func=lambda _args: _usage(hearings))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _read(path: str) -> bytes:
    from verkeerstoren.planning.hearings.instance import MAX_BYTES

    try:
        if path == "-":
            return sys.stdin.buffer.read(MAX_BYTES + 1)
        with open(path, "rb") as fh:
            return fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.__class__.__name__})") from None


def _solve(args: argparse.Namespace) -> int:
    from verkeerstoren.cli.plan import _process_seconds
    from verkeerstoren.planning.hearings.checker import check_schedule
    from verkeerstoren.planning.hearings.instance import HearingInputError, instance_from_json
    from verkeerstoren.planning.hearings.schedule import schedule_to_dict
    from verkeerstoren.planning.hearings.solve import solve_hearings

    if not (math.isfinite(args.time_limit) and 0 < args.time_limit <= MAX_TIME_LIMIT):
        raise InputError(
            f"--time-limit: must be a number of seconds above 0 and at most {MAX_TIME_LIMIT:g}"
        )
    began = time.monotonic()
    try:
        inst = instance_from_json(_read(args.instance), what=args.instance)
    except HearingInputError as exc:
        message = str(exc)  # JSON errors name the file already, field errors do not
        if not message.startswith(args.instance):
            message = f"{args.instance}: {message}"
        raise InputError(message) from None
    load_seconds = time.monotonic() - began
    # The time limit covers the whole command except reading the instance.
    budget = max(0.1, args.time_limit - (_process_seconds() - load_seconds) - FINISH_SECONDS)
    schedule = _with_progress(
        args, lambda progress: solve_hearings(inst, budget, args.seed, progress)
    )
    violations = check_schedule(inst, schedule.scheduled, schedule.scheduled_weight)
    payload = schedule_to_dict(schedule)
    payload["load_seconds"] = round(load_seconds, 3)
    payload["hearings"] = len(inst.hearings)
    payload["violations"] = violations
    if args.json:
        print(json.dumps(payload))
    else:
        print(
            f"{len(schedule.scheduled)} of {len(inst.hearings)} hearings scheduled, weight "
            f"{schedule.scheduled_weight:,}, upper bound {schedule.upper_bound:,}, gap "
            f"{schedule.gap_pct:.2f} % ({schedule.status}, {schedule.seconds:.1f} s)"
        )
        for s in schedule.scheduled:
            print(
                f"  {s.hearing}: day {s.day} slot {s.slot} room {s.room} officer {s.officer}"
                f" interpreter {s.interpreter or '-'}"
            )
    if violations:  # never expected: the checker is a second opinion on the solver
        print(f"verkeerstoren: schedule check failed: {violations[:3]}", file=sys.stderr)
        return 1
    return 0


def _with_progress(args: argparse.Namespace, work: Any) -> Any:
    """A Rich progress bar on stderr (time used, best weight and bound) unless --json."""
    if args.json:
        return work(None)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from verkeerstoren.cli.progress import STDERR

    with Progress(
        TextColumn("hearings {task.fields[phase]:<7}"), BarColumn(),
        TextColumn("{task.fields[best]}"), TimeElapsedColumn(),
        console=STDERR, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("solve", total=1.0, phase="model", best="")

        def report(phase: str, used: float, weight: int, bound: int) -> None:
            best = f"weight {weight:,} of at most {bound:,}" if weight else ""
            bar.update(task, completed=used, phase=phase, best=best)

        return work(report)


def _example(args: argparse.Namespace) -> int:
    from verkeerstoren.planning.hearings.examples import random_instance_dict
    from verkeerstoren.planning.hearings.instance import MAX_DAYS, MAX_SLOTS

    checks = (
        ("--locations", args.locations, 1, 6),
        ("--hearings-per-location", args.hearings_per_location, 1, 10_000),
        ("--days", args.days, 1, MAX_DAYS),
        ("--slots", args.slots, 1, MAX_SLOTS),
    )
    for name, value, lo, hi in checks:
        if not lo <= value <= hi:
            raise InputError(f"{name}: must be between {lo} and {hi:,}, got {value}")
    data = random_instance_dict(
        args.seed,
        locations=args.locations,
        hearings_per_location=args.hearings_per_location,
        days=args.days,
        slots=args.slots,
    )
    text = json.dumps(data, indent=1)
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise InputError(f"{args.out}: cannot write ({exc.__class__.__name__})") from None
        print(f"{len(data['hearings'])} hearings -> {args.out}", file=sys.stderr)
    else:
        print(text)
    return 0
