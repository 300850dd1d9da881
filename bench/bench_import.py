# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: generate + import tf2020, and import a 100,000-case register, on SQLite and PostgreSQL.

Usage: .venv/bin/python bench/bench_import.py [--cases 100000] [--pg postgres://postgres@127.0.0.1:5432]
Each measurement runs the real CLI (`verkeerstoren import`, which also refreshes the derived law
figures) in a subprocess on a fresh database and prints a markdown table (paste into
docs/benchmarks.md with the date and machine).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLI = [sys.executable, "-m", "verkeerstoren.cli"]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def fresh_env(engine: str, var: Path, pg: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["VERKEERSTOREN_VAR"] = str(var)
    if engine == "postgresql":
        subprocess.run(
            ["psql", pg + "/postgres", "-qc", "DROP DATABASE IF EXISTS verkeerstoren_bench"],
            check=True,
        )
        subprocess.run(
            ["psql", pg + "/postgres", "-qc", "CREATE DATABASE verkeerstoren_bench"], check=True
        )
        env["DATABASE_URL"] = pg + "/verkeerstoren_bench"
    else:
        (var / "verkeerstoren.sqlite3").unlink(missing_ok=True)
    # Create the schema first so the timings below measure the import only.
    subprocess.run([*CLI, "manage", "migrate", "-v0"], env=env, check=True)
    return env


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--engines", default="sqlite,postgresql")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        gen = timed(
            [*CLI, "synth", "tf2020", "--seed", "1", "--out", str(work / "tf2020")],
            dict(os.environ),
        )
        bulk_gen = timed(
            [
                *CLI,
                "synth",
                "bulk",
                "--cases",
                str(args.cases),
                "--seed",
                "1",
                "--out",
                str(work / "bulk"),
            ],
            dict(os.environ),
        )
        n_tf = sum(1 for _ in (work / "tf2020" / "cases.csv").open()) - 1
        # "A 100,000-case file": cases.csv alone (plus the locations it refers to).
        (work / "cases_only").mkdir()
        for name in ("locations.csv", "cases.csv"):
            shutil.copy(work / "bulk" / name, work / "cases_only" / name)
        for engine in args.engines.split(","):
            env = fresh_env(engine, work, args.pg)
            t_tf = timed([*CLI, "import", "--quiet", str(work / "tf2020")], env)
            env = fresh_env(engine, work, args.pg)
            t_cases = timed([*CLI, "import", "--quiet", str(work / "cases_only")], env)
            env = fresh_env(engine, work, args.pg)
            t_bulk = timed([*CLI, "import", "--quiet", str(work / "bulk")], env)
            t_again = timed([*CLI, "import", "--quiet", str(work / "bulk")], env)
            rows.append((engine, n_tf, t_tf, t_cases, t_bulk, t_again))
    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"synth tf2020: {gen:.1f} s; synth bulk {args.cases:,}: {bulk_gen:.1f} s\n")
    print(
        "| database | import tf2020, all files (s) "
        f"| import one {args.cases:,}-case file (s) "
        f"| import a {args.cases:,}-case register, all files (s) "
        "| re-import of that register, no changes (s) |"
    )
    print("|---|---|---|---|---|")
    for engine, _n, t_tf, t_cases, t_bulk, t_again in rows:
        print(f"| {engine} | {t_tf:.1f} | {t_cases:.1f} | {t_bulk:.1f} | {t_again:.1f} |")


if __name__ == "__main__":
    main()
