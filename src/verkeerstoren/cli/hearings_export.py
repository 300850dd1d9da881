# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren hearings export --week W --out FILE`: the register's hearing instance for week
W of the published plan (docs/formats.md, "Hearing instance"; verkeerstoren.hearings.export)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from verkeerstoren.cli import InputError


def register_export(sub: Any) -> None:
    """Add `export` to the `hearings` command's sub-commands."""
    export = sub.add_parser(
        "export",
        help="the register's hearing instance for a week of the published plan",
        description="Write the hearing instance of plan week W of the published plan: its "
        "oral and video hearings, the officers the plan fixed, interpreters, lawyers and rooms "
        "with their unavailable slots (written hearings get a due date and are left out).",
    )
    export.add_argument("--week", type=int, required=True, help="plan week (0 = the plan's first)")
    export.add_argument("--stream", choices=["taskforce", "regular"], help="plan of this stream")
    export.add_argument("--out", help="file to write (default: stdout)")
    export.set_defaults(func=_export)


def _export(args: argparse.Namespace) -> int:
    if args.week < 0:
        raise InputError("--week must be 0 or more")
    from verkeerstoren.cli.django_setup import setup_django

    setup_django()
    from verkeerstoren.hearings.export import (
        HearingExportError,
        build_week_instance,
        published_version,
    )
    from verkeerstoren.planning.hearings.instance import instance_to_dict

    try:
        version = published_version(args.stream)
        if args.week >= version.horizon_weeks:
            raise InputError(f"--week: the plan has weeks 0 to {version.horizon_weeks - 1}")
        week = build_week_instance(version, args.week)
    except HearingExportError as exc:
        raise InputError(f"--week {args.week}: {exc}") from None
    text = json.dumps(instance_to_dict(week.instance))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text)
        print(
            f"{len(week.case_pk)} hearings ({len(week.written)} written left out), "
            f"{len(week.days)} days -> {args.out}",
            file=sys.stderr,
        )
    else:
        print(text)
    return 0
