# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren import DIR|FILE`: load register files (docs/formats.md) in one transaction."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import InputError
from .django_setup import setup_django
from .progress import table_progress


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "import",
        help="import cases, legal events, staff and reference data (CSV/XLSX)",
        description="Import a folder of register files or one CSV/XLSX file. All or nothing: one "
        "bad row imports nothing. Re-importing the same files does not duplicate.",
    )
    p.add_argument("path", type=Path, help="folder with *.csv/*.xlsx files, or one file")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    setup_django()

    from verkeerstoren.cases.importing import ImportValidationError, import_path

    try:
        with table_progress(enabled=not args.quiet and not args.json) as progress:
            run_ = import_path(args.path, progress=progress)
    except ImportValidationError as exc:
        raise InputError("import refused, nothing was written:\n" + exc.report()) from None
    if args.json:
        json.dump({"import_run": run_.pk, "summary": run_.summary}, sys.stdout)
        sys.stdout.write("\n")
    else:
        for label, counts in run_.summary.items():
            print(f"{label}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0
