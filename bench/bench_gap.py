# SPDX-License-Identifier: EUPL-1.2
"""Run the GAP solver over benchmark instances and write a markdown table of % above best known.

Usage (from the repo root):
    .venv/bin/python bench/bench_gap.py --types c d e --time-limit 60 \
        --out bench/results/gap-60s.md

Instances come from the full benchmark set in ``../shared/benchmarks/gap`` beside the repository
(117 instances, not part of it; the tests use the seven in ``tests/data/gap``); without that folder
the script says so and exits with status 2. The reference values are the "Best known solution
value" column of its data.csv. Sets: chu1997 and yagiura2004 for the given type letters
(cattrysse1994 with ``--types cattrysse``). The table is rewritten after every instance so a
partial run still leaves results.
"""

from __future__ import annotations

import argparse
import csv
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from verkeerstoren.planning.gap.instance import read_gap
from verkeerstoren.planning.gap.solver import solve_gap

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchmarks" / "gap"


def instances(types: list[str]) -> list[tuple[str, float]]:
    """(relative path, best known value) for the requested types, in data.csv order."""
    rows = list(csv.DictReader((DATA / "data.csv").open(encoding="utf-8")))
    chosen = []
    for row in rows:
        path = row["Path"]
        dataset, name = path.split("/")
        wanted = "cattrysse" in types if dataset == "cattrysse1994" else name[0] in types
        if wanted:
            chosen.append((path, float(row["Best known solution value"])))
    return chosen


def write_table(out: Path, rows: list[dict[str, object]], args: argparse.Namespace) -> None:
    """Write the markdown table with a summary line."""
    above = [float(str(r["above"])) for r in rows]
    lines = [
        f"# GAP benchmark: types {' '.join(args.types)}, {args.time_limit:g} s per instance",
        "",
        f"Machine: {platform.node()} ({platform.machine()}, Python {platform.python_version()}), "
        f"seed {args.seed}, date {time.strftime('%Y-%m-%d %H:%M')}. "
        "Reference = best known solution value in ../shared/benchmarks/gap/data.csv.",
        "",
        "| instance | agents | jobs | cost | lower bound | best known | % above best | seconds "
        "| feasible |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['name']} | {r['agents']} | {r['jobs']} | {r['cost']} | {r['lb']} | "
            f"{r['best']:.0f} | {float(str(r['above'])):.3f} | {r['seconds']:.1f} "
            f"| {r['feasible']} |"
        )
    if above:
        lines += [
            "",
            f"Instances: {len(rows)}; all feasible: {all(r['feasible'] for r in rows)}; "
            f"mean % above best: {statistics.mean(above):.3f}; worst: {max(above):.3f} "
            f"({rows[int(np.argmax(above))]['name']}); optimal/best reached: "
            f"{sum(1 for a in above if a <= 0)}.",
        ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--types", nargs="+", default=["c", "d", "e"])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("bench/results/gap.md"))
    parser.add_argument("--only", nargs="*", default=None, help="instance names to run")
    args = parser.parse_args()
    if not (DATA / "data.csv").is_file():
        print(
            f"GAP benchmark set not found: expected {DATA.resolve()} with data.csv "
            "(the full OR-Library set is kept beside the repository, not in it; "
            "tests/data/gap holds only the instances the tests use)",
            file=sys.stderr,
        )
        return 2
    rows: list[dict[str, object]] = []
    for path, best in instances(args.types):
        name = path.split("/")[1]
        if args.only and name not in args.only:
            continue
        inst = read_gap(DATA / path)
        res = solve_gap(inst, time_limit=args.time_limit, seed=args.seed)
        feasible = inst.is_feasible(np.array(res.assignment, dtype=np.int64))
        above = 100.0 * (res.cost - best) / best
        rows.append(
            {
                "name": path,
                "agents": inst.agents,
                "jobs": inst.jobs,
                "cost": res.cost,
                "lb": res.lower_bound,
                "best": best,
                "above": f"{above:.6f}",
                "seconds": res.seconds,
                "feasible": feasible,
            }
        )
        print(f"{path}: {res.cost} vs {best:.0f} (+{above:.3f} %) {res.seconds:.1f} s", flush=True)
        write_table(args.out, rows, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
