# SPDX-License-Identifier: EUPL-1.2
"""Schedule generated benchmark weeks and write a markdown table of gap, weight and violations.

Usage (from the repo root):
    .venv/bin/python bench/bench_hearings.py --seeds 0 1 2 3 4 --time-limit 60 \
        --out bench/results/hearings-60s.md

Each week is :func:`verkeerstoren.planning.hearings.examples.benchmark_week` (6 locations x 150
hearings, 5 days x 2 slots, scarce languages). Each is solved by the real command,
``verkeerstoren hearings solve --json``, in a subprocess (the seconds include reading the
instance and starting Python), and the schedule is checked again here with the independent
checker. The load average before each run is in the table: the machine is shared. The table
is rewritten after every week, so a partial run still leaves results.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from verkeerstoren.planning.hearings.checker import check_schedule
from verkeerstoren.planning.hearings.examples import benchmark_week
from verkeerstoren.planning.hearings.instance import instance_to_dict
from verkeerstoren.planning.hearings.schedule import ScheduledHearing


def run_week(seed: int, time_limit: float, folder: Path) -> dict[str, object]:
    """Solve one generated week through the CLI and check its schedule."""
    inst = benchmark_week(seed)
    path = folder / f"week-{seed}.json"
    path.write_text(json.dumps(instance_to_dict(inst)), encoding="utf-8")
    load = os.getloadavg()[0]
    began = time.monotonic()
    cmd = [sys.executable, "-m", "verkeerstoren.cli", "hearings", "solve", str(path),
           "--time-limit", str(time_limit), "--seed", "0", "--json"]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.monotonic() - began
    if proc.returncode != 0:
        raise SystemExit(f"week {seed}: exit {proc.returncode}: {proc.stderr[-2000:]}")
    out = json.loads(proc.stdout)
    scheduled = [ScheduledHearing(**s) for s in out["scheduled"]]
    violations = check_schedule(inst, scheduled, out["scheduled_weight"])
    return {
        "seed": seed,
        "scheduled": len(scheduled),
        "hearings": len(inst.hearings),
        "weight": out["scheduled_weight"],
        "bound": out["upper_bound"],
        "total": sum(h.weight for h in inst.hearings),
        "gap_pct": out["gap_pct"],
        "seconds": out["seconds"],
        "wall": wall,
        "load": load,
        "violations": len(violations),
    }


def write_table(out: Path, rows: list[dict[str, object]], args: argparse.Namespace) -> None:
    """The markdown table, with the worst gap and the violations in a summary line."""
    lines = [
        f"# Hearing schedules: benchmark weeks, {args.time_limit:g} s each",
        "",
        f"Machine: {platform.node()} ({platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}), date {time.strftime('%Y-%m-%d %H:%M')}. Command: "
        f"`bench/bench_hearings.py --seeds {' '.join(map(str, args.seeds))} "
        f"--time-limit {args.time_limit:g}`.",
        "",
        "| week (seed) | scheduled / hearings | weight | upper bound | weight of all | gap % "
        "| solver s | wall s | load before | violations |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['seed']} | {r['scheduled']} / {r['hearings']} | {r['weight']:,} "
            f"| {r['bound']:,} | {r['total']:,} | {float(str(r['gap_pct'])):.3f} "
            f"| {float(str(r['seconds'])):.1f} | {float(str(r['wall'])):.1f} "
            f"| {float(str(r['load'])):.2f} | {r['violations']} |"
        )
    if rows:
        worst = max(float(str(r["gap_pct"])) for r in rows)
        bad = sum(int(str(r["violations"])) for r in rows)
        lines += ["", f"Worst gap {worst:.3f} %, {bad} violations in {len(rows)} weeks."]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    """Run the weeks given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--out", type=Path, default=Path("bench/results/hearings-60s.md"))
    args = parser.parse_args()
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in args.seeds:
            rows.append(run_week(seed, args.time_limit, Path(tmp)))
            write_table(args.out, rows, args)
            r = rows[-1]
            print(
                f"week {seed}: gap {r['gap_pct']} %, {r['scheduled']}/{r['hearings']} "
                f"scheduled, {r['seconds']} s, load {float(str(r['load'])):.2f}, "
                f"{r['violations']} violations",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
