# SPDX-License-Identifier: EUPL-1.2
"""Contract: `verkeerstoren hearings solve INSTANCE.json --time-limit S --json` as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from verkeerstoren.planning.hearings.checker import check_schedule
from verkeerstoren.planning.hearings.examples import random_instance_dict
from verkeerstoren.planning.hearings.instance import instance_from_dict
from verkeerstoren.planning.hearings.schedule import ScheduledHearing


def run(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "verkeerstoren.cli", "hearings", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def _instance(tmp_path: Path, data: dict[str, Any] | str) -> str:
    path = tmp_path / "week.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_solve_prints_the_schedule_as_json(tmp_path: Path) -> None:
    data = random_instance_dict(2, locations=2, hearings_per_location=8, days=2, slots=2)
    proc = run("solve", _instance(tmp_path, data), "--time-limit", "10", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)  # stdout is exactly one JSON document
    assert {"scheduled", "scheduled_weight", "upper_bound", "gap_pct", "seconds"} <= out.keys()
    assert out["scheduled"], "the instance has hearings that fit"
    for s in out["scheduled"]:
        assert set(s) == {"hearing", "day", "slot", "room", "officer", "interpreter"}
    inst = instance_from_dict(data)
    scheduled = [ScheduledHearing(**s) for s in out["scheduled"]]
    assert check_schedule(inst, scheduled, out["scheduled_weight"]) == []
    weights = {h.id: h.weight for h in inst.hearings}
    assert out["scheduled_weight"] == sum(weights[s.hearing] for s in scheduled)
    assert out["upper_bound"] >= out["scheduled_weight"]
    expected_gap = 100 * (out["upper_bound"] - out["scheduled_weight"]) / out["upper_bound"]
    assert out["gap_pct"] == pytest.approx(expected_gap, abs=1e-3)
    assert out["violations"] == []


def test_example_writes_an_instance_that_solves(tmp_path: Path) -> None:
    path = tmp_path / "example.json"
    made = run("example", "--seed", "3", "--locations", "2", "--hearings-per-location", "5",
               "--days", "2", "--out", str(path))  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert len(json.loads(path.read_text(encoding="utf-8"))["hearings"]) == 10
    proc = run("solve", str(path), "--time-limit", "5")
    assert proc.returncode == 0, proc.stderr
    assert "hearings scheduled" in proc.stdout


def _bad(field: str, value: Any) -> dict[str, Any]:
    data = random_instance_dict(0, locations=2, hearings_per_location=3, days=2, slots=2)
    section, index, key = field.split(".")
    data[section][int(index)][key] = value
    return data


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (_bad("hearings.2.officer", "O-NOBODY"), "hearings[2].officer: unknown officer"),
        (_bad("hearings.1.lawyer", "A999"), "hearings[1].lawyer: unknown lawyer"),
        (_bad("rooms.0.location", "NOWHERE"), "rooms[0].location: unknown location 'NOWHERE'"),
        (_bad("hearings.0.weight", -100), "hearings[0].weight: must be between 1"),
        (_bad("officers.0.max_per_day", 10**6), "officers[0].max_per_day: must be between"),
        ('{"days": 2, "slots": ', "invalid JSON"),
        ('{"days": 1e999}', "number out of range"),
        ('{"days": ' + "[" * 500 + "]" * 500 + "}", "nested deeper than the limit"),
    ],
    ids=["officer", "lawyer", "room", "weight", "range", "json", "huge", "deep"],
)
def test_bad_input_exits_2_naming_the_field(
    tmp_path: Path, data: dict[str, Any] | str, named: str
) -> None:
    proc = run("solve", _instance(tmp_path, data), "--time-limit", "5", "--json")
    assert proc.returncode == 2
    assert named in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["solve", "/nonexistent/week.json", "--json"],
        ["solve", "-", "--time-limit", "0"],
        ["example", "--locations", "9"],
    ],
)
def test_bad_arguments_exit_2(args: list[str]) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    assert "verkeerstoren: error:" in proc.stderr and "Traceback" not in proc.stderr
