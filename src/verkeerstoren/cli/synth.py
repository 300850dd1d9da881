# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren synth`: write a synthetic register as import files (no Django needed).

verkeerstoren synth tf2020 --seed 1 --out data/tf2020 [--as-of 2020-04-06] [--json]
verkeerstoren synth bulk --cases 100000 --seed 1 --out data/bulk [--json]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from verkeerstoren.cli import InputError

if TYPE_CHECKING:
    from verkeerstoren.synth.generator import Register

Generate = Callable[[Callable[[str], None]], "Register"]

STAGES = ("cases", "history", "legal events", "dossier items", "staff and reference data")


def register(subparsers: Any) -> None:
    """Add the ``synth`` command and its sub-commands."""
    parser = subparsers.add_parser(
        "synth",
        help="write a synthetic case register as import files",
        description="Generate a seeded, deterministic synthetic register (docs/formats.md).",
    )
    sub = parser.add_subparsers(dest="synth_command", metavar="SCENARIO")
    parser.set_defaults(func=lambda _args: _missing(parser))

    tf = sub.add_parser(
        "tf2020",
        help="the Taskforce register of 2020 (DOMAIN.md §1, §5)",
        description="Taskforce stock at the 2020-04-01 cut-off, recent decisions, inflow up to "
        "--as-of, staff and reference data.",
    )
    _common(tf)
    tf.add_argument(
        "--as-of",
        default="2020-04-06",
        metavar="YYYY-MM-DD",
        help="snapshot date, 2020-04-01..2020-04-30 (default 2020-04-06)",
    )
    tf.set_defaults(func=run_tf2020)

    bulk = sub.add_parser(
        "bulk",
        help="a register of N cases for import benchmarks",
        description="The tf2020 case mix scaled to exactly N cases, with the same reference data.",
    )
    bulk.add_argument("--cases", type=int, required=True, metavar="N", help="number of cases")
    _common(bulk)
    bulk.set_defaults(func=run_bulk)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output directory")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")


def _missing(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _check(args: argparse.Namespace) -> Path:
    if args.seed < 0:
        raise InputError("--seed must be 0 or more")
    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out} exists and is not a directory")
    return out


def run_tf2020(args: argparse.Namespace) -> int:
    """Handler of ``synth tf2020``."""
    out = _check(args)
    try:
        as_of = date.fromisoformat(args.as_of)
    except ValueError as exc:
        raise InputError(f"--as-of: not a date (YYYY-MM-DD): {args.as_of}") from exc
    from verkeerstoren.synth.generator import check_as_of, generate_tf2020

    try:
        check_as_of(as_of)
    except ValueError as exc:
        raise InputError(f"--as-of: {exc}") from exc
    return _run(args, out, lambda stage: generate_tf2020(args.seed, as_of, stage))


def run_bulk(args: argparse.Namespace) -> int:
    """Handler of ``synth bulk``."""
    out = _check(args)
    if args.cases < 1:
        raise InputError("--cases must be at least 1")
    if args.cases > 9_999_999:
        raise InputError("--cases must be at most 9,999,999 (7-digit case references)")
    from verkeerstoren.synth.generator import generate_bulk

    return _run(args, out, lambda stage: generate_bulk(args.cases, args.seed, stage))


def _run(args: argparse.Namespace, out: Path, generate: Generate) -> int:
    from rich.console import Console
    from rich.progress import Progress

    from verkeerstoren.synth.writer import write_table

    started = time.perf_counter()
    console = Console(stderr=True)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("generating", total=len(STAGES) + 1)

        def stage(name: str) -> None:
            progress.update(task, description=f"generating {name}", advance=1)

        register = generate(stage)
        progress.update(task, completed=len(STAGES), total=len(STAGES) + len(register.tables))
        out.mkdir(parents=True, exist_ok=True)
        files: list[Path] = []
        for table in register.tables:
            progress.update(task, description=f"writing {table.name}.csv")
            files.append(write_table(table, out))
            progress.advance(task)
    summary = {
        **register.summary,
        "out": str(out),
        "files": [p.name for p in files],
        "seconds": round(time.perf_counter() - started, 2),
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        counts = ", ".join(f"{t.name} {len(t)}" for t in register.tables)
        print(f"wrote {len(files)} files to {out} in {summary['seconds']} s: {counts}")
    return 0
