# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren gap solve FILE`: solve a Generalized Assignment Problem instance."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from verkeerstoren.cli import InputError


def register(subparsers: Any) -> None:
    """Add the `gap` command with its `solve` sub-command."""
    gap = subparsers.add_parser("gap", help="Generalized Assignment Problem benchmark solver")
    sub = gap.add_subparsers(dest="gap_command", metavar="SUBCOMMAND")
    solve = sub.add_parser(
        "solve",
        help="solve a GAP instance file (format of ../shared/benchmarks/gap/README.md)",
        description="Solve a GAP instance (minimisation): LP lower bound, repair, local search "
        "and large-neighbourhood search with exact sub-problems.",
    )
    solve.add_argument("file", help="instance file: m n, m cost rows, m weight rows, capacities")
    solve.add_argument("--time-limit", type=float, default=60.0, help="seconds (default 60)")
    solve.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    solve.add_argument(
        "--max-iterations",
        type=int,
        default=None,
        help="cap on LNS iterations; with it the result does not depend on machine speed",
    )
    solve.add_argument("--json", action="store_true", help="print JSON on stdout")
    solve.set_defaults(func=_solve)
    gap.set_defaults(func=lambda _args: _usage(gap))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _solve(args: argparse.Namespace) -> int:
    from verkeerstoren.planning.gap.instance import GapFormatError, GapInfeasibleError, read_gap

    if args.time_limit <= 0:
        raise InputError("--time-limit must be positive")
    if args.max_iterations is not None and args.max_iterations < 0:
        raise InputError("--max-iterations must be zero or positive")
    try:
        inst = read_gap(args.file)
    except FileNotFoundError:
        raise InputError(f"{args.file}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{args.file}: is a directory") from None
    except GapFormatError as exc:
        raise InputError(str(exc)) from None
    try:
        result = _run(inst, args)
    except GapInfeasibleError as exc:
        raise InputError(f"{args.file}: {exc}") from None
    payload = {
        "cost": result.cost,
        "lower_bound": result.lower_bound,
        "seconds": round(result.seconds, 3),
        "assignment": list(result.assignment),
        "proven_optimal": result.proven_optimal,
        "iterations": result.iterations,
        "agents": inst.agents,
        "jobs": inst.jobs,
    }
    if args.json:
        print(json.dumps(payload))
    else:
        gap_pct = 100.0 * (result.cost - result.lower_bound) / max(1, abs(result.lower_bound))
        print(
            f"cost {result.cost}  lower bound {result.lower_bound}  gap {gap_pct:.3f} %  "
            f"{result.seconds:.1f} s  {'optimal' if result.proven_optimal else ''}"
        )
    return 0


def _run(inst: Any, args: argparse.Namespace) -> Any:
    """Solve with a Rich progress bar on stderr (only when stderr is a terminal)."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from verkeerstoren.planning.gap.solver import solve_gap

    if not sys.stderr.isatty():
        return solve_gap(
            inst, time_limit=args.time_limit, seed=args.seed, max_iterations=args.max_iterations
        )
    with Progress(
        TextColumn("GAP {task.fields[best]}"),
        BarColumn(),
        TimeElapsedColumn(),
        transient=True,
        console=Console(stderr=True),
        redirect_stdout=False,
    ) as progress:
        task = progress.add_task("solve", total=1.0, best="")

        def report(fraction: float, best: int) -> None:
            progress.update(task, completed=fraction, best=f"best {best}")

        return solve_gap(
            inst,
            time_limit=args.time_limit,
            seed=args.seed,
            max_iterations=args.max_iterations,
            on_progress=report,
        )
