# SPDX-License-Identifier: EUPL-1.2
"""Contract: `verkeerstoren gap solve FILE --time-limit S --json` run as a subprocess."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

GAP_DATA = Path(__file__).resolve().parents[1] / "data" / "gap"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "verkeerstoren.cli", "gap", "solve", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def test_solves_a_benchmark_instance_to_json() -> None:
    path = GAP_DATA / "cattrysse1994" / "gap3-1"
    rows = {r["Path"]: r for r in csv.DictReader((GAP_DATA / "data.csv").open(encoding="utf-8"))}
    optimum = float(rows["cattrysse1994/gap3-1"]["Optimum"])
    proc = run(str(path), "--time-limit", "2", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)  # stdout is exactly one JSON document
    assert {"cost", "lower_bound", "seconds", "assignment"} <= out.keys()
    lines = path.read_text().split("\n")
    m, n = (int(v) for v in lines[0].split())
    numbers = [int(v) for v in " ".join(lines[1:]).split()]
    cost = [numbers[i * n : (i + 1) * n] for i in range(m)]
    weight = [numbers[(m + i) * n : (m + i + 1) * n] for i in range(m)]
    cap = numbers[2 * m * n :]
    assert len(out["assignment"]) == n
    used = [0] * m
    for j, i in enumerate(out["assignment"]):
        used[i] += weight[i][j]
    assert all(used[i] <= cap[i] for i in range(m))
    assert sum(cost[i][j] for j, i in enumerate(out["assignment"])) == out["cost"]
    assert out["lower_bound"] <= optimum <= out["cost"]


def test_malformed_file_exits_2_naming_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("2 2\n1 2\n3 oops\n")
    proc = run(str(bad), "--time-limit", "2", "--json")
    assert proc.returncode == 2
    assert "line 3" in proc.stderr and "cost[1][1]" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_infeasible_instance_exits_2(tmp_path: Path) -> None:
    inf = tmp_path / "inf.txt"
    inf.write_text("2 3\n1 1 1\n1 1 1\n2 2 2\n2 2 2\n3 3\n")
    proc = run(str(inf), "--time-limit", "2", "--json")
    assert proc.returncode == 2
    assert "infeasible" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    proc = run(str(tmp_path / "nope.txt"), "--json")
    assert proc.returncode == 2
    assert "no such file" in proc.stderr
