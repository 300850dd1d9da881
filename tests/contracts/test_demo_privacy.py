# SPDX-License-Identifier: EUPL-1.2
"""After a full demo load, no plain V-number is in the database, the logs or the output.

Runs the real `verkeerstoren demo --no-serve` (generate tf2020, import, cut-off split, law
figures, demo logins) on a fresh SQLite file, the way a user does, then scans everything it left.
"""

from __future__ import annotations

import csv
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

TEN_DIGITS = re.compile(rb"(?<!\d)\d{10}(?!\d)")


def test_demo_load_leaves_no_plain_v_number(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(VERKEERSTOREN_VAR=str(tmp_path), LOG_LEVEL="DEBUG")
    done = subprocess.run(
        [sys.executable, "-m", "verkeerstoren.cli", "demo", "--no-serve", "--seed", "3"],
        env=env, capture_output=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    source = tmp_path / "tf2020-seed3" / "cases.csv"
    with source.open(newline="") as handle:
        v_numbers = {row["v_number"].encode() for row in csv.DictReader(handle)}
    assert len(v_numbers) > 15_000  # the demo really loaded the full register

    db = tmp_path / "verkeerstoren.sqlite3"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM cases_case").fetchone()[0] > 15_000
        dump = "\n".join(conn.iterdump()).encode()
    leaked = set(TEN_DIGITS.findall(dump)) & v_numbers
    assert not leaked, f"{len(leaked)} plain V-numbers in the database"
    for output in (done.stdout, done.stderr):
        assert not set(TEN_DIGITS.findall(output)) & v_numbers
