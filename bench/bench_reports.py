# SPDX-License-Identifier: EUPL-1.2
"""Report benchmark: the weekly and quarterly reports of a 100,000-case register (PostgreSQL).

Usage:
    .venv/bin/python bench/bench_reports.py [--cases 100000] [--repeat 3] [--reuse]

It prepares the PostgreSQL database `verkeerstoren_reports` as bench/bench_load.py prepares its
own (`synth bulk --cases N`, import, cut-off split; dropped and created unless --reuse), then
publishes a plan of the Taskforce (a plan run of 30 seconds) and finishes a forecast of the
register, so the weekly report has team targets, the plan's figures and a clearance band.

Then, for the weekly report of 2020-W14 and the quarterly report of 2020Q1 (the register's day
is 6 April 2020), it times `verkeerstoren report ... --format html|pdf|xlsx --out FILE` as a
subprocess, the way a script runs it: start-up, loading the facts, the figures and the file.
It also times the parts in one process (loading and figures; each format) and the background
task that makes a version in every format and both languages. Prints markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_load import _run

CLI = [sys.executable, "-m", "verkeerstoren.cli"]
PG = "postgres://postgres@127.0.0.1:5432"
DB = "verkeerstoren_reports"
AS_OF = "2020-04-06"
REPORTS = (("weekly", "--week", "2020-W14"), ("quarterly", "--quarter", "2020Q1"))
FORMATS = ("html", "pdf", "xlsx")


def _env(var: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG}/{DB}",
        VERKEERSTOREN_VAR=str(var),
        VERKEERSTOREN_AS_OF=AS_OF,
        VERKEERSTOREN_TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY", secrets.token_urlsafe(50)),
        VERKEERSTOREN_PSEUDONYM_KEY=env.get(
            "VERKEERSTOREN_PSEUDONYM_KEY", "reports-" + "k" * 8 + secrets.token_urlsafe(32)
        ),
    )
    return env


# Run in `manage shell`: a published plan of the Taskforce and a finished register forecast.
PLAN_AND_FORECAST = """
import datetime as dt
from verkeerstoren.forecasts.register_scenario import scenario_from_register
from verkeerstoren.forecasts.scenarios import REGISTER_TEMPLATE, load_example
from verkeerstoren.forecasts.services import start_forecast
from verkeerstoren.plans.models import PlanVersion
from verkeerstoren.plans.services import publish, start_plan_run
day = dt.date.fromisoformat(%(as_of)r)
run = start_plan_run(None, day, 26, time_limit=30.0, staff_scope="all")
version = PlanVersion.objects.get(run_id=run.pk)
publish(version, None)
scenario = scenario_from_register(load_example(REGISTER_TEMPLATE), day, "taskforce")
start_forecast(scenario, None, "register", replications=200)
print("plan version", version.pk, "forecast ready")
"""


def prepare(cases: int, env: dict[str, str], work: Path) -> None:
    for sql in (f"DROP DATABASE IF EXISTS {DB}", f"CREATE DATABASE {DB}"):
        _run(["psql", f"{PG}/postgres", "-qc", sql], env)
    started = time.perf_counter()
    _run([*CLI, "synth", "bulk", "--cases", str(cases), "--out", str(work / "register")], env)
    _run([*CLI, "import", "--quiet", str(work / "register")], env)
    _run([*CLI, "cutoff-split"], env)
    _run([*CLI, "manage", "shell", "-c", PLAN_AND_FORECAST % {"as_of": AS_OF}], env)
    print(f"register of {cases:,} cases ready in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)  # fmt: skip


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_cli(
    env: dict[str, str], work: Path, repeat: int
) -> list[tuple[str, str, float, float, int]]:
    """Per report and format: median wall and CPU seconds of the whole command, file size."""
    rows = []
    for kind, option, period in REPORTS:
        for fmt in FORMATS:
            out = work / f"{kind}.{fmt}"
            wall, cpu = [], []
            for _ in range(repeat):
                started, used = time.perf_counter(), _child_cpu()
                command = [*CLI, "report", kind, option, period, "--format", fmt, "--out", str(out)]
                _run(command, env)
                wall.append(time.perf_counter() - started)
                cpu.append(_child_cpu() - used)
            rows.append(
                (kind, fmt, statistics.median(wall), statistics.median(cpu), out.stat().st_size)
            )
    return rows


# Run in `manage shell`: the parts in one process, and the background task of one version.
PARTS = """
import json, time
from verkeerstoren.reports.build import compute, request
from verkeerstoren.reports.render import render
from verkeerstoren.reports.services import start_report
out = {}
for kind, period in (("weekly", "2020-W14"), ("quarterly", "2020Q1")):
    t = time.perf_counter(); report = compute(request(kind, period))
    out[kind] = {"figures": time.perf_counter() - t}
    for fmt in ("html", "pdf", "xlsx"):
        t = time.perf_counter(); render(report, fmt, "nl"); out[kind][fmt] = time.perf_counter() - t
    t = time.perf_counter(); version = start_report(kind, period, None)
    version.refresh_from_db()
    out[kind]["task"] = time.perf_counter() - t
    out[kind]["status"] = version.status
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reuse", action="store_true", help="keep the prepared database")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        work = Path(tmp)
        env = _env(work / "var")
        if not args.reuse:
            prepare(args.cases, env, work)
        rows = time_cli(env, work, args.repeat)
        parts = json.loads(
            _run([*CLI, "manage", "shell", "-c", PARTS], env).strip().splitlines()[-1]
        )
    load = f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    print(
        f"\n{args.cases:,} cases on PostgreSQL, Python {platform.python_version()}, load {load}\n"
    )
    print(
        f"| report | format | seconds, whole command (median of {args.repeat}) | CPU seconds | file |"
    )
    print("|---|---|---|---|---|")
    for kind, fmt, seconds, cpu, size in rows:
        print(f"| {kind} | {fmt.upper()} | {seconds:.1f} | {cpu:.1f} | {size / 1024:.0f} KiB |")
    print("\n| report | facts and figures | HTML | PDF | XLSX | task (6 files) |")
    print("|---|---|---|---|---|---|")
    for kind, p in parts.items():
        print(
            f"| {kind} | {p['figures']:.1f} | {p['html']:.1f} | {p['pdf']:.1f} | "
            f"{p['xlsx']:.1f} | {p['task']:.1f} ({p['status']}) |"
        )


if __name__ == "__main__":
    main()
