# SPDX-License-Identifier: EUPL-1.2
"""Contract: `verkeerstoren plan solve INSTANCE.json --time-limit S --json` as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "verkeerstoren.cli", "plan"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        CLI + list(args), capture_output=True, text=True, timeout=120, check=False
    )


def test_example_then_solve(tmp_path: Path) -> None:
    example = run("example", "--seed", "4")
    assert example.returncode == 0, example.stderr
    path = tmp_path / "instance.json"
    path.write_text(example.stdout)
    data = json.loads(example.stdout)
    proc = run("solve", str(path), "--time-limit", "5", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert {"cost", "lower_bound", "gap_pct", "seconds", "baselines", "assignments"} <= out.keys()
    assert set(out["baselines"]) == {"fifo", "edf"}
    assert out["lower_bound"] <= out["cost"] <= min(out["baselines"].values())
    assert [a["case"] for a in out["assignments"]] == [c["id"] for c in data["cases"]]
    assert out["violations"] == []
    for pin in data["pins"]:
        a = next(a for a in out["assignments"] if a["case"] == pin["case"])
        assert (a["officer"], a["week"]) == (pin["officer"], pin["week"])


def test_bad_instance_exits_2_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"horizon_weeks": 2, "staff": [], "cases": [{"id": "a"}]}))
    proc = run("solve", str(path), "--json")
    assert proc.returncode == 2
    assert "cases[0].effort" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_invalid_json_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{nope")
    proc = run("solve", str(path), "--json")
    assert proc.returncode == 2
    assert "invalid JSON" in proc.stderr
