# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren export OUT`: write the register as CSV files or one XLSX workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from .django_setup import setup_django


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("export", help="export the register (CSV or XLSX)")
    p.add_argument("out", type=Path, help="output folder")
    p.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    from verkeerstoren.cases.access import actor_for_cli
    from verkeerstoren.cases.exporting import export_register

    # Logged per exported case, with the OS account that ran the command.
    for path in export_register(args.out, args.format, actor_for_cli()):
        print(path)
    return 0
