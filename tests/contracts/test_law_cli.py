# SPDX-License-Identifier: EUPL-1.2
"""Contract: `verkeerstoren law exposure` as scripts use it (subprocess, JSON Lines, exit codes)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "verkeerstoren.cli", "law", "exposure"]

EXAMPLE = (
    '{"id": "A1", "received": "2019-05-02", "extensions": [], "suspensions": [], '
    '"notices": [{"received": "2019-12-02"}], "appeals": [], "decided": null}'
)


def run(args: list[str], stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        CLI + args, input=stdin, capture_output=True, text=True, timeout=120, check=False
    )


def test_example_line() -> None:
    # Deadline: 2019-05-02 + 6 months = Sat 2019-11-02 -> Mon 2019-11-04. Notice received
    # 2019-12-02 -> first penalty day 2019-12-16; as of 2019-12-31: 16 days = 14 x 23 + 2 x 35.
    proc = run(["--as-of", "2019-12-31", "--json"], EXAMPLE + "\n")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == "A1"
    assert row["deadline"] == "2019-11-04"
    assert row["overdue_days"] == 57
    assert row["first_penalty_day"] == "2019-12-16"
    assert row["admin_penalty_eur"] == 392
    assert row["court_penalty_eur"] == 0


def test_several_lines_keep_order_and_blank_lines_are_skipped() -> None:
    second = json.dumps(
        {
            "id": "B2",
            "received": "2019-05-02",
            "notices": [{"received": "2019-12-02"}],
            "appeals": [
                {
                    "judgment": "2020-01-01",
                    "decision_term_days": 14,
                    "daily_eur": 100,
                    "cap_eur": 7500,
                }
            ],
            "decided": "2020-01-20",
            "manifestly_unfounded": True,
        }
    )
    proc = run(["--as-of", "2020-03-01"], f"{EXAMPLE}\n\n{second}\n")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["A1", "B2"]
    assert rows[0]["admin_penalty_eur"] == 1442  # all 42 days by 2020-03-01
    # B2: no admin penalty (manifestly unfounded); court penalty 2020-01-16..2020-01-20 = 5 x 100
    assert rows[1]["admin_penalty_eur"] == 0
    assert rows[1]["court_penalty_eur"] == 500


def test_decide_on_and_behaviour(tmp_path: Path) -> None:
    behaviour = tmp_path / "behaviour.json"
    behaviour.write_text(
        json.dumps(
            {
                "notice_probability": 0.5,
                "notice_delay_days": 10,
                "appeal_probability": 0.0,
                "appeal_to_judgment_days": 56,
                "court_decision_term_days": 56,
                "court_daily_eur": 100,
                "court_cap_eur": 7500,
            }
        )
    )
    no_notice = '{"id": "N", "received": "2019-05-02"}'
    proc = run(
        ["--as-of", "2019-11-10", "--decide-on", "2020-06-30", "--behaviour", str(behaviour)],
        no_notice + "\n",
    )
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout)
    # Assumed notice 2019-11-14 -> all 42 days by 2020-06-30 -> 1442 x 0.5.
    assert row["expected_admin_penalty_eur"] == 721
    assert row["if_decided_penalty_eur"] == 0


@pytest.mark.parametrize(
    ("line", "needle"),
    [
        ('{"id": "B", "received": "2019-13-01"}', "line 2: field 'received'"),
        ('{"id": "B", "received": "2019-05-02"', "line 2: malformed JSON"),
        ('{"id": "B", "received": "2019-05-02", "colour": 1}', "line 2: field 'colour'"),
        (
            '{"id": "B", "received": "2019-05-02", "extensions": [{"months": "9"}]}',
            "line 2: field 'extensions[0].months'",
        ),
        ('{"id": "B", "received": "2019-05-02", "decided": NaN}', "line 2: malformed JSON"),
    ],
)
def test_bad_line_exit_2_with_line_number_and_no_output(line: str, needle: str) -> None:
    proc = run(["--as-of", "2020-01-01"], f"{EXAMPLE}\n{line}\n{EXAMPLE}\n")
    assert proc.returncode == 2
    assert needle in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""  # validated before anything is written


def test_bad_as_of_and_help() -> None:
    proc = run(["--as-of", "2020-02-30"], "")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    helped = run(["--help"], "")
    assert helped.returncode == 0
    assert "--as-of" in helped.stdout
