# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren pseudonym rekey FILE`: rotate the V-number pseudonym key (docs/privacy.md)."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from pathlib import Path

from . import InputError
from .django_setup import setup_django

OLD_KEY_ENV = "VERKEERSTOREN_OLD_PSEUDONYM_KEY"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("pseudonym", help="pseudonym key rotation")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    rekey = actions.add_parser(
        "rekey",
        help="move every case to the current key (VERKEERSTOREN_PSEUDONYM_KEY)",
        description="Re-key every case's V-number pseudonym in one transaction. The old key comes "
        f"from {OLD_KEY_ENV} (never from the command line, which other users can see); FILE is "
        "a CSV with a v_number column holding every case's V-number, such as the intake's "
        "cases.csv. All cases or none: a case whose V-number is missing refuses the whole run.",
    )
    rekey.add_argument("file", type=Path, metavar="FILE", help="CSV with a v_number column")
    rekey.add_argument("--json", action="store_true", help="print the summary as JSON")
    rekey.set_defaults(func=run_rekey)
    p.set_defaults(func=lambda _args: (p.print_help(), 2)[1])


def _v_numbers(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if "v_number" not in (reader.fieldnames or []):
                raise InputError(f"{path.name}: no v_number column")
            return [row["v_number"] for row in reader]
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path.name}: not UTF-8 text") from None


def run_rekey(args: argparse.Namespace) -> int:
    old_key = os.environ.get(OLD_KEY_ENV, "")
    if not old_key:
        raise InputError(f"{OLD_KEY_ENV} is not set: the old key is needed to find each case")
    v_numbers = _v_numbers(args.file)
    setup_django()
    from django.conf import settings

    from verkeerstoren.cases.rekey import RekeyError, rekey_pseudonyms

    try:
        summary = rekey_pseudonyms(v_numbers, old_key, settings.PSEUDONYM_KEY)
    except RekeyError as exc:
        raise InputError(f"rekey refused: {exc}") from None
    if args.json:
        json.dump(summary.__dict__, sys.stdout)
        sys.stdout.write("\n")
    else:
        print(f"re-keyed {summary.cases} cases ({summary.history_rows} history rows)")
    return 0
