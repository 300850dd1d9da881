# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren plan export` writes the register's planning instance in the documented form."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from verkeerstoren.planning.model.instance import instance_from_dict

SMALL = Path(__file__).parents[1] / "integration" / "data" / "small"


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "verkeerstoren.cli", *args],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_export_of_the_register_round_trips(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["VERKEERSTOREN_VAR"] = str(tmp_path)
    assert _cli("import", "--quiet", str(SMALL), env=env).returncode == 0
    assert _cli("cutoff-split", env=env).returncode == 0
    out = tmp_path / "instance.json"
    done = _cli(
        "plan", "export", "--as-of", "2020-04-06", "--weeks", "4", "--out", str(out), env=env
    )
    assert done.returncode == 0, done.stderr
    instance = instance_from_dict(json.loads(out.read_text()))
    assert instance.horizon_weeks == 4
    # Open taskforce cases of the small register (RG-0000004 is track 1 and decided).
    assert {c.id for c in instance.cases} == {
        "TF-0000001",
        "TF-0000002",
        "TF-0000003",
        "RG-0000005",
    }
    assert all(len(c.cost_by_week) == 4 for c in instance.cases)


def test_export_refuses_a_bad_date(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["VERKEERSTOREN_VAR"] = str(tmp_path)
    done = _cli("plan", "export", "--as-of", "2020-02-30", env=env)
    assert done.returncode == 2
    assert "--as-of" in done.stderr and "Traceback" not in done.stderr
