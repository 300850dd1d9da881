# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren hearings export --week W`: exit 2 with the reason when there is nothing to
export or the week is bad; never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SMALL = Path(__file__).parents[1] / "integration" / "data" / "small"


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "verkeerstoren.cli", *args],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_export_without_a_published_plan_exits_2_naming_the_week(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["VERKEERSTOREN_VAR"] = str(tmp_path)
    assert _cli("import", "--quiet", str(SMALL), env=env).returncode == 0
    done = _cli("hearings", "export", "--week", "0", env=env)
    assert done.returncode == 2
    assert "--week 0" in done.stderr and "published plan" in done.stderr
    assert "Traceback" not in done.stderr
    bad = _cli("hearings", "export", "--week", "-1", env=env)
    assert bad.returncode == 2 and "--week" in bad.stderr and "Traceback" not in bad.stderr
