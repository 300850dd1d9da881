# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren synth` run in-process, the way the console script calls it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verkeerstoren.cli import main


def test_bulk_writes_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bulk"
    code = main(["synth", "bulk", "--cases", "400", "--seed", "3", "--out", str(out), "--json"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["cases"] == 400 and len(summary["files"]) == 15
    assert (out / "cases.csv").read_text(encoding="utf-8").count("\n") == 401


def test_tf2020_writes_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["synth", "tf2020", "--seed", "1", "--out", str(tmp_path), "--as-of", "2020-04-01"])
    assert code == 0
    assert "wrote 15 files" in capsys.readouterr().out
    assert len(list(tmp_path.glob("*.csv"))) == 15


@pytest.mark.parametrize(
    "args",
    [
        ["synth", "bulk", "--cases", "0", "--out", "{tmp}"],
        ["synth", "bulk", "--cases", "10", "--seed", "-1", "--out", "{tmp}"],
        ["synth", "tf2020", "--as-of", "2020-13-01", "--out", "{tmp}"],
        ["synth", "tf2020", "--as-of", "2020-06-01", "--out", "{tmp}"],
        ["synth", "tf2020", "--out", "{file}"],
    ],
)
def test_bad_input_exit_2(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    argv = [a.format(tmp=tmp_path / "out", file=a_file) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("verkeerstoren: error:") and "Traceback" not in err
