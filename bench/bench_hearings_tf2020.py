# SPDX-License-Identifier: EUPL-1.2
"""Schedule the hearings of the busiest week of a published tf2020 plan and write a table.

Usage (from the repo root):
    .venv/bin/python bench/bench_hearings_tf2020.py [--plan-seconds 60] [--time-limit 60]
        [--reuse DIR] [--out bench/results/hearings-tf2020.md]

In a scratch folder (``--reuse DIR``: this folder, kept, and the register and plan in it used
again when present) a fresh SQLite register is made with the CLI in child processes of their own
(DATABASE_URL, VERKEERSTOREN_VAR, VERKEERSTOREN_AS_OF=2020-04-06, VERKEERSTOREN_DEMO=1 for the
default keys): ``synth tf2020 --seed 1``, ``import``, ``cutoff-split``, ``law refresh``. A
child process then plans the taskforce as the planning page does (``plans.services.
start_plan_run`` with the register's day, the page's default horizon of 26 weeks and the
officers of the stream; ``plans.tasks.execute_run`` synchronously), publishes the version as an
IND planner and counts every plan week's oral and video hearings with
``hearings.export.build_week_instance``. The busiest week is exported with the real command
``hearings export --week W``, solved with ``hearings solve --time-limit T --seed 0 --json`` and
its schedule checked again here with the independent checker. The load average before the
solve is in the table: the machine is shared.
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
from typing import Any

CLI = [sys.executable, "-m", "verkeerstoren.cli"]
AS_OF = "2020-04-06"  # the register's day of tf2020: a Monday
HORIZON = 26  # the planning page's default horizon
PLAN_FILE = "plan.json"  # in the work folder: the plan child's figures, read again by --reuse


def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{work / 'verkeerstoren.sqlite3'}",
        VERKEERSTOREN_VAR=str(work),
        VERKEERSTOREN_AS_OF=AS_OF,
        VERKEERSTOREN_DEMO="1",
    )
    return env


def _run(args: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode not in ok:
        sys.exit(f"failed: {' '.join(args)}\n{done.stderr[-3000:]}")
    return done.stdout


def plan_child(plan_seconds: float) -> dict[str, Any]:
    """Plan, publish and count each week's hearings; runs in its own process (one Django)."""
    from verkeerstoren.cli.django_setup import setup_django

    setup_django()
    from datetime import date

    from django.contrib.auth.models import Group, User

    from verkeerstoren.cases.roles import Role, ensure_roles
    from verkeerstoren.hearings.export import HearingExportError, build_week_instance
    from verkeerstoren.plans.models import PlanRun
    from verkeerstoren.plans.services import publish, start_plan_run
    from verkeerstoren.plans.tasks import execute_run

    ensure_roles()
    planner, _ = User.objects.get_or_create(username="bench-planner")
    planner.groups.add(Group.objects.get(name=Role.IND_PLANNER.value))
    began = time.monotonic()
    run = start_plan_run(planner, date.fromisoformat(AS_OF), HORIZON, "taskforce", plan_seconds)
    version = execute_run(run.pk)
    run_seconds = time.monotonic() - began
    if version is None:
        stored = PlanRun.objects.get(pk=run.pk)
        sys.exit(f"plan run {run.pk}: {stored.status} {stored.error_code}: {stored.error}")
    version = publish(version, planner)
    weeks: list[dict[str, Any]] = []
    for week in range(version.horizon_weeks):
        try:
            built = build_week_instance(version, week)
        except HearingExportError as exc:
            weeks.append({"week": week, "heard": 0, "written": 0, "note": exc.code})
        else:
            weeks.append({"week": week, "heard": len(built.case_pk), "written": len(built.written)})
        print(f"week {week}: {weeks[-1]}", file=sys.stderr, flush=True)
    return {
        "version": version.pk,
        "cases": version.case_count,
        "planned": version.planned_count,
        "officers": version.staff_count,
        "plan_gap_pct": version.gap_pct,
        "plan_seconds": plan_seconds,
        "run_seconds": round(run_seconds, 1),
        "weeks": weeks,
    }


def prepare(work: Path, env: dict[str, str], plan_seconds: float) -> dict[str, Any]:
    """The register and its published plan in ``work``; the plan child's figures."""
    started = time.monotonic()
    _run([*CLI, "synth", "tf2020", "--seed", "1", "--out", str(work / "tf2020")], env)
    _run([*CLI, "import", "--quiet", str(work / "tf2020")], env)
    _run([*CLI, "cutoff-split"], env)
    _run([*CLI, "law", "refresh"], env)
    print(f"register ready in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    out = _run([sys.executable, __file__, "--child", "--plan-seconds", str(plan_seconds)], env)
    plan: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    (work / PLAN_FILE).write_text(json.dumps(plan, indent=1), encoding="utf-8")
    return plan


def solve_week(work: Path, env: dict[str, str], week: int, time_limit: float) -> dict[str, Any]:
    """Export week ``week`` with the CLI, solve it with the CLI and check the schedule here."""
    from verkeerstoren.planning.hearings.checker import check_schedule
    from verkeerstoren.planning.hearings.instance import instance_from_json
    from verkeerstoren.planning.hearings.schedule import ScheduledHearing

    path = work / f"week-{week}.json"
    _run([*CLI, "hearings", "export", "--week", str(week), "--out", str(path)], env)
    inst = instance_from_json(path.read_bytes(), what=str(path))
    load = os.getloadavg()[0]
    began = time.monotonic()
    solve = [*CLI, "hearings", "solve", str(path), "--time-limit", f"{time_limit:g}",
             "--seed", "0", "--json"]  # fmt: skip
    out = json.loads(_run(solve, env, ok=(0, 1)))  # 1: its own check failed; counted below
    wall = time.monotonic() - began
    scheduled = [ScheduledHearing(**s) for s in out["scheduled"]]
    violations = check_schedule(inst, scheduled, out["scheduled_weight"])
    hearings = inst.hearings
    return {
        "week": week,
        "hearings": len(hearings),
        "video": sum(h.mode == "video" for h in hearings),
        "with_interpreter": sum(h.language is not None for h in hearings),
        "locations": len({h.location for h in hearings}),
        "officers": len(inst.officers),
        "interpreters": len(inst.interpreters),
        "lawyers": len(inst.lawyers),
        "rooms": len(inst.rooms),
        "scheduled": len(scheduled),
        "weight": out["scheduled_weight"],
        "bound": out["upper_bound"],
        "total": sum(h.weight for h in hearings),
        "gap_pct": float(out["gap_pct"]),
        "status": out["status"],
        "seconds": float(out["seconds"]),
        "wall": wall,
        "load": load,
        "violations": len(violations),
    }


def write_table(out: Path, plan: dict[str, Any], r: dict[str, Any], command: str) -> None:
    """The markdown table of the week's schedule, and the plan's hearings per week."""
    lines = [
        f"# Hearing schedule: the busiest week of the tf2020 plan, {r['time_limit']:g} s",
        "",
        f"Machine: {platform.node()} ({platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}), date {time.strftime('%Y-%m-%d %H:%M')}. Command: "
        f"`{command}`.",
        "",
        f"Plan: tf2020 seed 1 as of {AS_OF}, taskforce, {HORIZON} weeks, officers of the stream, "
        f"{plan['plan_seconds']:g} s time limit: {plan['planned']:,} of {plan['cases']:,} cases "
        f"planned, {plan['officers']} officers, gap {plan['plan_gap_pct']:.3f} % "
        f"(run {plan['run_seconds']:.0f} s), published.",
        "",
        "| week | hearings (video, with interpreter) | locations | officers | interpreters "
        "| lawyers | rooms | scheduled / hearings | weight | upper bound | weight of all | gap % "
        "| status | solver s | wall s | load before | violations |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        f"| {r['week']} | {r['hearings']} ({r['video']}, {r['with_interpreter']}) "
        f"| {r['locations']} | {r['officers']} | {r['interpreters']} | {r['lawyers']} "
        f"| {r['rooms']} | {r['scheduled']} / {r['hearings']} | {r['weight']:,} "
        f"| {r['bound']:,} | {r['total']:,} | {r['gap_pct']:.3f} | {r['status']} "
        f"| {r['seconds']:.1f} | {r['wall']:.1f} | {r['load']:.2f} | {r['violations']} |",
        "",
        "Oral and video hearings per plan week (written hearings are left out of the instance):",
        "",
        "| week | " + " | ".join(str(w["week"]) for w in plan["weeks"]) + " |",
        "|---|" + "---|" * len(plan["weeks"]),
        "| oral + video | " + " | ".join(str(w["heard"]) for w in plan["weeks"]) + " |",
        "| written | " + " | ".join(str(w["written"]) for w in plan["weeks"]) + " |",
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    """Prepare (or reuse) the register and plan, then solve the busiest week."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan-seconds", type=float, default=60.0, help="the plan's time limit")
    parser.add_argument("--time-limit", type=float, default=60.0, help="the hearing solve's")
    parser.add_argument("--reuse", type=Path, help="work folder to keep and use again")
    parser.add_argument("--out", type=Path, default=Path("bench/results/hearings-tf2020.md"))
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(plan_child(args.plan_seconds)))
        return 0
    if args.reuse:
        args.reuse.mkdir(parents=True, exist_ok=True)
    work = (args.reuse or Path(tempfile.mkdtemp(prefix="vt-hearings-tf2020-"))).resolve()
    env = _env(work)
    if args.reuse and (work / PLAN_FILE).exists():
        plan = json.loads((work / PLAN_FILE).read_text(encoding="utf-8"))
    else:
        plan = prepare(work, env, args.plan_seconds)
    for w in plan["weeks"]:
        print(f"week {w['week']}: {w['heard']} oral/video, {w['written']} written "
              f"{w.get('note', '')}", flush=True)  # fmt: skip
    busiest = max(plan["weeks"], key=lambda w: (w["heard"], -w["week"]))
    if busiest["heard"] == 0:
        sys.exit("no plan week has oral or video hearings to schedule")
    r = solve_week(work, env, busiest["week"], args.time_limit) | {"time_limit": args.time_limit}
    command = (f"bench/bench_hearings_tf2020.py --plan-seconds {args.plan_seconds:g} "
               f"--time-limit {args.time_limit:g}")  # fmt: skip
    if args.reuse:
        command += f" --reuse {args.reuse}"
    write_table(args.out, plan, r, command)
    print(json.dumps(r), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
