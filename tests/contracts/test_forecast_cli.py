# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren forecast` as users and scripts run it: a subprocess, JSON on stdout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TF2020 = ROOT / "scenarios" / "tf2020.json"


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("verkeerstoren")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "verkeerstoren.cli"]
    return subprocess.run(
        [*command, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def _small(tmp_path: Path, filename: str = "small.json", **changes: object) -> Path:
    data = json.loads(TF2020.read_text(encoding="utf-8"))
    data.update({"horizon_weeks": 20, "replications": 30}, **changes)
    path = tmp_path / filename
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_run_json(tmp_path):
    proc = _cli("forecast", "run", str(_small(tmp_path)), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["scenario"] == "tf2020"
    assert data["replications"] == 30
    metrics = {row["metric"] for row in data["rows"]}
    for metric in (
        "stock",
        "decisions",
        "overdue",
        "admin_penalty_eur",
        "court_penalty_eur",
        "reception_persons",
    ):
        assert metric in metrics
    row = data["rows"][0]
    assert {"week", "date", "metric", "p5", "p25", "p50", "p75", "p95", "mean"} == set(row)
    assert set(data["clearance"]) >= {"threshold", "share_cleared", "p50_week", "p50_date"}


def test_run_overrides_and_table(tmp_path):
    proc = _cli("forecast", "run", str(_small(tmp_path)), "--replications", "12", "--seed", "3")
    assert proc.returncode == 0, proc.stderr
    assert "12 replications, seed 3" in proc.stdout
    assert "stock" in proc.stdout and "2020-04-07" in proc.stdout


def test_compare_json(tmp_path):
    a = _small(tmp_path, "a.json")
    b = _small(tmp_path, "b.json", name="written", written_hearing_share=0.5)
    proc = _cli("forecast", "compare", str(a), str(b), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["a"], data["b"], data["difference"]) == ("tf2020", "written", "b - a")
    final = data["final_week"]["decisions_cumulative"]
    assert final["difference_mean"] > 0  # cheaper written hearings decide more
    assert final["variance_reduction"] < 0.2
    assert {row["metric"] for row in data["rows"]} >= {"stock", "reception_persons"}


def test_calibrate_json(tmp_path):
    path = _small(tmp_path, horizon_weeks=40)
    proc = _cli("forecast", "calibrate", str(path), "--json", "--replications", "20")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [m["history"] for m in data["milestones"]] == [4000, 6500, 8200]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"inflow": {"rate_per_week": -1}}, "field 'inflow.rate_per_week': must be >= 0"),
        ({"horizon_weeks": "many"}, "field 'horizon_weeks': must be a whole number"),
        ({"speed": 3}, "field 'speed': unknown field"),
    ],
)
def test_bad_scenario_exit_2_names_the_field(tmp_path, change, message):
    path = _small(tmp_path, "scenario.json", **change)
    proc = _cli("forecast", "run", "scenario.json", "--json", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip() == f"verkeerstoren: error: scenario.json: {message}"
    assert path.exists()


@pytest.mark.parametrize(
    "args",
    [
        ("forecast", "run", "missing.json"),
        ("forecast", "run", "broken.json"),
        ("forecast", "run", "ok.json", "--replications", "0"),
        ("forecast", "compare", "ok.json", "short.json"),
    ],
)
def test_other_bad_input_exit_2_without_traceback(tmp_path, args):
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    _small(tmp_path, "ok.json")
    _small(tmp_path, "short.json", horizon_weeks=5)
    proc = _cli(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("verkeerstoren: error: ")
    assert "Traceback" not in proc.stderr


def test_help():
    proc = _cli("forecast", "run", "--help")
    assert proc.returncode == 0
    assert "--json" in proc.stdout
