# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren clock show | advance`: the demo's register day, and moving it forward.

``advance`` records the synthetic facts of every day it passes (verkeerstoren.demo), with a
progress bar on stderr. Outside the demo (VERKEERSTOREN_DEMO=1) the register's day is today and
``advance`` exits with code 2, as it does for a number of days out of range.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from verkeerstoren.cli import InputError


def register(subparsers: Any) -> None:
    """Add the ``clock`` command with ``show`` and ``advance``."""
    clock = subparsers.add_parser("clock", help="the demo clock: show or move the register's day")
    sub = clock.add_subparsers(dest="clock_command", metavar="SUBCOMMAND")
    clock.set_defaults(func=lambda _args: _print_help(clock))
    show = sub.add_parser("show", help="print the register's day")
    show.add_argument("--json", action="store_true", help="print a JSON object")
    show.set_defaults(func=run_show)
    advance = sub.add_parser(
        "advance",
        help="move the demo clock forward and record the days' synthetic facts",
        description="Move the demo's register day forward by --days (1 to 28) or a --week, "
        "recording each day's synthetic registrations, notices of default, extensions and "
        "decisions (consistent with the published plan), then derive the law figures of the "
        "new day. Demo only (VERKEERSTOREN_DEMO=1); bad input exits with code 2.",
    )
    how = advance.add_mutually_exclusive_group(required=True)
    how.add_argument("--days", type=_whole_number, metavar="N", help="days forward (1 to 28)")
    how.add_argument("--week", action="store_true", help="seven days forward")
    advance.add_argument("--json", action="store_true", help="print a JSON summary")
    advance.set_defaults(func=run_advance)


def run_show(args: argparse.Namespace) -> int:
    from verkeerstoren.cli.django_setup import setup_django

    setup_django()
    from verkeerstoren.cases.clock import demo_enabled
    from verkeerstoren.cases.law_figures import register_as_of

    day = register_as_of()
    if args.json:
        print(json.dumps({"registerDay": day.isoformat(), "demo": demo_enabled()}))
    else:
        print(f"register day {day.day}-{day.month}-{day.year}" + ("" if demo_enabled() else
              " (today: the clock moves in the demo only)"))  # fmt: skip
    return 0


def run_advance(args: argparse.Namespace) -> int:
    from verkeerstoren.cli.django_setup import setup_django

    setup_django()
    from django.utils import translation

    from verkeerstoren.cases.clock import ClockError, check_days
    from verkeerstoren.demo import advance
    from verkeerstoren.hearings.services import follow_register

    from .progress import table_progress

    days = 7 if args.week else args.days
    try:
        with translation.override("en"):  # the command line speaks English
            check_days(days)
            with table_progress() as progress:
                result = advance(days, None, progress)
                result.counts.update(follow_register(None))
    except ClockError as exc:
        raise InputError(f"--days: {exc.message}" if exc.field else exc.message) from None
    summary = {
        "before": result.before.isoformat(),
        "after": result.after.isoformat(),
        **result.counts,
    }
    if args.json:
        print(json.dumps(summary))
    else:
        after = result.after
        print(
            f"register day {after.day}-{after.month}-{after.year}: "
            f"{result.count('registrations')} registrations, {result.count('decisions')} "
            f"decisions, {result.count('notices')} notices of default, "
            f"{result.count('extensions')} extensions; hearings {result.count('hearings_held')} "
            f"held, {result.count('hearings_cancelled')} cancelled"
        )
    return 0


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a whole number of days") from None


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2
