# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: does `plan solve --time-limit` hold as the register grows? The planner's scale curve.

    .venv/bin/python bench/bench_plan_scale.py --base /tmp/tf2020.json \\
        --cases 15000 50000 100000 --time-limit 60 --work /tmp/plan-scale

``--base`` is a planning instance in the JSON form of docs/formats.md, e.g. tf2020 as written
by ``bench/bench_plan_tf2020.py --export``. For each size N the base is scaled to N cases with
its officers and firm hours in proportion (:func:`scale_instance`): whole copies of the base,
each with its own case, family and officer ids, and for the rest a share of the units and of
the officers. Each scaled instance is written under ``--work`` and solved with the command a
planner runs::

    verkeerstoren plan solve INSTANCE.json --time-limit T --json

in a process of its own, one size at a time. Reported per size: cases, officers, weeks, the
time limit, the instance's load time (reading the JSON and building the instance, as the
command reports it), the solver's own seconds, the whole process's wall time (measured here,
from start to exit), planned cases, cost,
lower bound, gap and the checker's violations. Prints one JSON object per size, one a line.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def scale_instance(base: dict[str, Any], n_cases: int, scale_staff: bool = True) -> dict[str, Any]:
    """``base`` (instance JSON) scaled to ``n_cases`` cases, officers and firm hours alike
    (with ``scale_staff`` False only the cases: the base's officers and firms, as in a
    ``synth bulk`` register, which keeps tf2020's reference data).

    Copy r of the base gets ids suffixed ``~r``; the last, partial copy keeps every unit
    (family or single case) and every officer whose position falls in the first share of
    that copy (spread evenly: position x share rounds up past an integer). Units are kept
    whole, so the count can end a few cases above ``n_cases``. Firm hours grow by the ratio
    of cases; pins are kept in copies that hold both the case and the officer.
    """
    cases = base["cases"]
    staff = base["staff"]
    units: dict[str, list[int]] = {}
    for i, c in enumerate(cases):
        units.setdefault(c.get("family") or f"#{c['id']}", []).append(i)
    factor = n_cases / len(cases)
    whole = math.floor(factor)
    share = factor - whole
    copies = [(r, 1.0) for r in range(whole)] + ([(whole, share)] if share > 1e-9 else [])
    pins = {p["case"]: p for p in base.get("pins", [])}
    out_cases: list[dict[str, Any]] = []
    out_staff: list[dict[str, Any]] = []
    out_pins: list[dict[str, Any]] = []
    for r, part in copies:
        kept_staff = {s["id"] for k, s in enumerate(staff) if _picked(k, part)}
        if r == 0 and part < 1.0 and not kept_staff:
            kept_staff = {staff[0]["id"]}
        if not scale_staff:
            kept_staff = {s["id"] for s in staff} if r == 0 else set()
        for s in staff:
            if s["id"] in kept_staff:
                out_staff.append({**s, "id": _suffix(s["id"], r)})
        for k, members in enumerate(units.values()):
            if not _picked(k, part):
                continue
            for i in members:
                c = cases[i]
                family = _suffix(c["family"], r) if c.get("family") else ""
                out_cases.append({**c, "id": _suffix(c["id"], r), "family": family})
                pin = pins.get(c["id"])
                if pin is not None and pin["officer"] in kept_staff:
                    out_pins.append(
                        {
                            "case": _suffix(pin["case"], r),
                            "officer": _suffix(pin["officer"], r),
                            "week": pin["week"],
                        }
                    )
    ratio = len(out_cases) / len(cases) if scale_staff else 1.0
    firms = [
        {
            **f,
            "prepare_hours": _times(f["prepare_hours"], ratio),
            "draft_hours": _times(f["draft_hours"], ratio),
        }
        for f in base.get("firms", [])
    ]
    return {**base, "staff": out_staff, "cases": out_cases, "firms": firms, "pins": out_pins}


def _picked(k: int, part: float) -> bool:
    """Whether position k is kept when a share ``part`` of the positions is (evenly spread)."""
    return part >= 1.0 or math.floor((k + 1) * part) > math.floor(k * part)


def _suffix(name: str, r: int) -> str:
    return name if r == 0 else f"{name}~{r}"


def _times(hours: Any, ratio: float) -> Any:
    if isinstance(hours, list):
        return [h * ratio for h in hours]
    return hours * ratio


def run_size(
    base: dict[str, Any], n: int, time_limit: float, work: Path, scale_staff: bool = True
) -> dict[str, Any]:
    """Scale, write and run `plan solve` on one size; its figures."""
    data = scale_instance(base, n, scale_staff)
    path = work / f"plan-{n}{'' if scale_staff else '-fixed-staff'}.json"
    path.write_text(json.dumps(data))
    out = path.with_suffix(".solution.json")
    command = [
        str(Path(sys.executable).with_name("verkeerstoren")),
        "plan",
        "solve",
        str(path),
        "--time-limit",
        f"{time_limit:g}",
        "--json",
    ]
    began = time.perf_counter()
    with out.open("w") as handle:
        done = subprocess.run(command, stdout=handle, check=False)
    wall = time.perf_counter() - began
    result = json.loads(out.read_text()) if done.returncode in (0, 1) else {}
    load = result.get("load_seconds", float("nan"))
    return {
        "cases": len(data["cases"]),
        "officers": len(data["staff"]),
        "deciders": sum(bool(s.get("can_decide", True)) for s in data["staff"]),
        "weeks": data["horizon_weeks"],
        "time_limit": time_limit,
        "load_s": load,
        "solve_s": result.get("seconds"),
        "process_s": round(wall, 2),
        "within_limit_plus_load": wall <= time_limit + load,
        "planned": result.get("planned"),
        "cost": result.get("cost"),
        "lower_bound": result.get("lower_bound"),
        "gap_pct": result.get("gap_pct"),
        "status": result.get("status"),
        "baselines": result.get("baselines"),
        "violations": len(result.get("violations", [])) if result else None,
        "returncode": done.returncode,
        "machine": f"{platform.machine()} {os.cpu_count()} cpus, Python {platform.python_version()}",
        "date": datetime.now(tz=UTC).date().isoformat(),
    }


def main() -> int:
    """Run the sizes one after the other and print one JSON line per size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="planning instance JSON")
    parser.add_argument("--cases", type=int, nargs="+", default=[15_000, 50_000, 100_000])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--work", type=Path, required=True, help="folder for the instances")
    parser.add_argument(
        "--fixed-staff", action="store_true", help="scale only the cases (officers, firms fixed)"
    )
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    base = json.loads(args.base.read_text())
    for n in args.cases:
        row = run_size(base, n, args.time_limit, args.work, not args.fixed_staff)
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
