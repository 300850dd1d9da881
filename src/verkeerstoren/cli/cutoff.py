# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren cutoff-split` (Dutch: knip): split the stock into Taskforce and regular stream at a cut-off date."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from verkeerstoren.cutoff import CutoffRule

from . import InputError
from .django_setup import setup_django


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "cutoff-split", aliases=["knip"], help="cut-off split of the stock (taskforce/regular)"
    )
    p.add_argument("--cutoff", default="2020-04-01", help="cut-off date (default 2020-04-01)")
    p.add_argument("--tracks", default="4", help="';'-list of tracks to the taskforce (default 4)")
    p.add_argument(
        "--kinds", default="first;repeat", help="';'-list of case kinds (default first;repeat)"
    )
    p.add_argument(
        "--no-court-reentry",
        action="store_true",
        help="keep court re-entries in the regular stream",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        cutoff = date.fromisoformat(args.cutoff)
    except ValueError:
        raise InputError(f"--cutoff: not a valid date (YYYY-MM-DD): '{args.cutoff}'") from None
    tracks = frozenset(t.strip() for t in args.tracks.split(";") if t.strip())
    kinds = frozenset(k.strip() for k in args.kinds.split(";") if k.strip())
    if not tracks <= {"1", "2", "4"}:
        raise InputError(f"--tracks: unknown track in '{args.tracks}' (1, 2 or 4)")
    if not kinds <= {"first", "repeat", "court_reentry"}:
        raise InputError(f"--kinds: unknown kind in '{args.kinds}' (first, repeat, court_reentry)")
    setup_django()
    from verkeerstoren.cases.services import apply_cutoff_split

    rule = CutoffRule(cutoff=cutoff, tracks=tracks, kinds=kinds,
                    court_reentry_to_taskforce=not args.no_court_reentry)  # fmt: skip
    _, summary = apply_cutoff_split(rule)
    if args.json:
        json.dump(summary.as_dict(), sys.stdout)
        sys.stdout.write("\n")
    else:
        print(f"to taskforce: {summary.to_taskforce}, to regular: {summary.to_regular}, "
              f"unchanged: {summary.unchanged}")  # fmt: skip
    return 0
