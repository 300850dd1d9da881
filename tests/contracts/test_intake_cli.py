# SPDX-License-Identifier: EUPL-1.2
"""Contract: `verkeerstoren intake propose --json` as scripts use it (JSON Lines, exit codes)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "verkeerstoren.cli", "intake", "propose", "--json"]


def run(stdin: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], input=stdin, capture_output=True, text=True, timeout=120, check=False
    )


def line(**kw: object) -> str:
    values = {
        "id": "x",
        "registered": "2020-04-06",
        "nationality": "SYR",
        "birth_date": "1990-01-01",
    }
    values.update(kw)  # type: ignore[arg-type]
    return json.dumps(values)


def test_one_proposal_per_line_in_input_order() -> None:
    stdin = "\n".join(
        [
            line(id="p1", nationality="ALB"),
            line(id="p2", eurodac_hit=True, declared=["conversion"], indications=["1f"]),
            line(id="p3", birth_date="2012-01-01", family="F", language="ar", same_gender="f"),
            line(id="p4", family="F", medical_advice="not_hearable_in_aa"),
            "",
        ]
    )
    done = run(stdin)
    assert done.returncode == 0, done.stderr
    out = [json.loads(x) for x in done.stdout.splitlines()]
    assert [p["id"] for p in out] == ["p1", "p2", "p3", "p4"]
    assert set(out[0]) == {
        "id",
        "track",
        "procedure",
        "competences",
        "heard",
        "child_hearing",
        "reasons",
    }
    assert (out[0]["track"], out[0]["procedure"]) == (2, "general")
    assert (out[1]["track"], out[1]["competences"]) == (1, ["1f", "conversion"])
    # p3 (8, with a parent) is not heard; the family takes p4's extended procedure.
    assert (out[2]["heard"], out[2]["child_hearing"], out[2]["procedure"]) == (
        False,
        False,
        "extended",
    )
    assert "family.procedure" in out[2]["reasons"]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (line(registered="2020-02-30"), "line 2: field 'registered'"),
        (line(nationality="Syria"), "line 2: field 'nationality'"),
        (line(declared=["christian"]), "line 2: field 'declared'"),
        (line(medical_advice="fine"), "line 2: field 'medical_advice'"),
        (line(colour="blue"), "line 2: field 'colour': unknown field"),
        (line(unaccompanied=True), "line 2: field 'unaccompanied'"),
        (line(birth_date="2021-01-01"), "line 2: field 'birth_date'"),
        (line(id="first"), "line 2: field 'id'"),  # the same id twice
        ('{"id": "x", ', "line 2: malformed JSON"),
        ("[" * 50 + "]" * 50, "line 2"),
    ],
)
def test_a_bad_line_exits_2_naming_line_and_field_and_writes_nothing(
    bad: str, message: str
) -> None:
    done = run(line(id="first") + "\n" + bad + "\n")
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr


def test_rules_replace_the_default_and_a_bad_rule_file_exits_2(tmp_path: Path) -> None:
    from verkeerstoren.intake.rules import DEFAULT_FILE

    strict = tmp_path / "rules.toml"
    # A table that sends safe countries to track 4 as well.
    strict.write_text(
        DEFAULT_FILE.read_text(encoding="utf-8").replace(
            'id = "track.safe_country"\nwhen = { nationality = { in_list = "safe_countries" } }\nthen = 2',
            'id = "track.safe_country"\nwhen = { nationality = { in_list = "safe_countries" } }\nthen = 4',
        ),
        encoding="utf-8",
    )
    done = run(line(nationality="ALB"), "--rules", str(strict))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["track"] == 4
    broken = tmp_path / "broken.toml"
    broken.write_text('version = "x"\n[[tables]]\nid = "t"\n', encoding="utf-8")
    done = run(line(), "--rules", str(broken))
    assert done.returncode == 2
    assert "--rules: table 't': 'hit' is required" in done.stderr
    done = run(line(), "--rules", str(tmp_path / "missing.toml"))
    assert done.returncode == 2 and "--rules: cannot read" in done.stderr
