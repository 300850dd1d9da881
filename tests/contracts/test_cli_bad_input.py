# SPDX-License-Identifier: EUPL-1.2
"""Contract: hostile input to the CLI exits 2 with the line or field named, never a traceback.

Each case runs the installed console script as a subprocess, the way scripts use it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TF2020 = ROOT / "scenarios" / "tf2020.json"
DEEP = "[" * 10_000 + "]" * 10_000


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("verkeerstoren")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "verkeerstoren.cli"]
    # A short timeout: refusing bad input must not first try the work (or the allocation).
    return subprocess.run(
        [*command, *args], input=stdin, capture_output=True, text=True, timeout=60, check=False
    )


def refused(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr + proc.stdout
    for needle in needles:
        assert needle in proc.stderr, proc.stderr
    assert proc.stdout == ""


# --- law exposure -------------------------------------------------------------------------


GOOD_CASE = {"id": "A1", "received": "2019-05-02"}


def law(line: str, *args: str) -> subprocess.CompletedProcess[str]:
    first = json.dumps(GOOD_CASE)
    return cli("law", "exposure", "--as-of", "2020-01-01", *args, stdin=f"{first}\n{line}\n")


def test_law_received_far_in_the_future() -> None:
    proc = law(json.dumps({"id": "B", "received": "9999-12-31"}))
    refused(proc, "line 2", "field 'received'", "2100-12-31")


def test_law_decision_term_of_a_trillion_days() -> None:
    ruling = {"judgment": "2020-01-10", "decision_term_days": 10**12, "daily_eur": 100}
    proc = law(json.dumps({**GOOD_CASE, "appeals": [{**ruling, "cap_eur": 7500}]}))
    refused(proc, "line 2", "field 'appeals[0].decision_term_days'")


def test_law_extension_of_a_trillion_months() -> None:
    proc = law(json.dumps({**GOOD_CASE, "extensions": [{"months": 10**12}]}))
    refused(proc, "line 2", "field 'extensions[0].months'")


def test_law_suspensions_adding_up_beyond_the_calendar() -> None:
    # Each suspension starts before the deadline it extends; together they add 12,000 years.
    period = {"start": "1900-07-01", "end": "2100-01-01"}
    proc = law(json.dumps({"id": "S", "received": "1900-06-01", "suspensions": [period] * 60}))
    refused(proc, "line 2", "field 'suspensions'")


def test_law_deeply_nested_line() -> None:
    refused(law(DEEP), "line 2", "levels")


@pytest.mark.parametrize(
    ("line", "needles"),
    [
        ('{"id": "A\\u0000", "received": "2019-05-02"}', ("line 2", "field 'id'", "NUL")),
        ('{"id": "A", "received": "2019-05-02", "extensions": [{"months": 1e400}]}', ("1e400",)),
        ('{"id": "A", "received": "2019-05-02", "extensions": [{"months": NaN}]}', ("NaN",)),
    ],
)
def test_law_nul_and_non_finite_numbers(line: str, needles: tuple[str, ...]) -> None:
    refused(law(line), *needles)


def test_law_as_of_far_in_the_future() -> None:
    proc = cli("law", "exposure", "--as-of", "9999-12-31", stdin="")
    refused(proc, "--as-of", "2100-12-31")


@pytest.mark.parametrize("content", [DEEP, '{"notice_probability": NaN}'])
def test_law_behaviour_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "behaviour.json"
    path.write_text(content, encoding="utf-8")
    proc = law(json.dumps(GOOD_CASE), "--decide-on", "2020-06-30", "--behaviour", str(path))
    refused(proc, str(path))


# --- plan solve ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def instance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    example = cli("plan", "example", "--seed", "3", "--cases", "4", "--staff", "2", "--weeks", "2")
    assert example.returncode == 0, example.stderr
    path = tmp_path_factory.mktemp("plan") / "instance.json"
    path.write_text(example.stdout, encoding="utf-8")
    return path


@pytest.mark.parametrize("limit", ["nan", "inf", "-inf", "0", "-5", "1e9"])
def test_plan_time_limit_must_be_finite_and_sane(instance: Path, limit: str) -> None:
    refused(cli("plan", "solve", str(instance), "--time-limit", limit), "--time-limit")


def test_plan_time_limit_within_range_is_accepted(instance: Path) -> None:
    # The control for the test above: the same instance with a sane limit is solved.
    proc = cli("plan", "solve", str(instance), "--time-limit", "5", "--json")
    assert proc.returncode == 0, proc.stderr


def test_plan_deeply_nested_instance(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(DEEP, encoding="utf-8")
    refused(cli("plan", "solve", str(path), "--time-limit", "5"), str(path), "levels")


def test_plan_deeply_nested_instance_on_stdin() -> None:
    refused(cli("plan", "solve", "-", "--time-limit", "5", stdin=DEEP), "levels")


def test_plan_nan_in_the_instance(instance: Path, tmp_path: Path) -> None:
    text = instance.read_text(encoding="utf-8")
    assert '"horizon_weeks": 2' in text
    path = tmp_path / "nan.json"
    path.write_text(text.replace('"horizon_weeks": 2', '"horizon_weeks": NaN'), encoding="utf-8")
    refused(cli("plan", "solve", str(path), "--time-limit", "5"), str(path), "NaN")


# --- forecast -----------------------------------------------------------------------------


def scenario(tmp_path: Path, **changes: object) -> Path:
    data = json.loads(TF2020.read_text(encoding="utf-8"))
    data.update({"horizon_weeks": 10, "replications": 20}, **changes)
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_forecast_replications_of_a_billion_on_the_command_line(tmp_path: Path) -> None:
    proc = cli("forecast", "run", str(scenario(tmp_path)), "--replications", "1000000000")
    refused(proc, "--replications", "100,000")


def test_forecast_replications_times_horizon_is_bounded(tmp_path: Path) -> None:
    # 100,000 replications alone are allowed, but not for 96 weeks (memory grows with both).
    path = scenario(tmp_path, horizon_weeks=96)
    proc = cli("forecast", "run", str(path), "--replications", "100000", "--json")
    refused(proc, "--replications", "horizon_weeks")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"replications": 1_000_000_000}, "field 'replications'"),
        ({"horizon_weeks": 10**6}, "field 'horizon_weeks'"),
        ({"start_date": "9999-12-31"}, "field 'start_date'"),
        ({"inflow": {"rate_per_week": 1e300}}, "field 'inflow.rate_per_week'"),
    ],
)
def test_forecast_out_of_range_fields(
    tmp_path: Path, changes: dict[str, object], field: str
) -> None:
    refused(cli("forecast", "run", str(scenario(tmp_path, **changes)), "--json"), field)


def test_forecast_headcount_of_a_trillion(tmp_path: Path) -> None:
    data = json.loads(TF2020.read_text(encoding="utf-8"))
    data.update(horizon_weeks=10, replications=20)
    data["capacity"]["staff"][0]["headcount"] = 10**12
    path = tmp_path / "staff.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    refused(cli("forecast", "run", str(path), "--json"), "field 'capacity.staff[0].headcount'")


def test_forecast_deeply_nested_scenario(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"name": ' + DEEP + "}", encoding="utf-8")
    refused(cli("forecast", "run", str(path)), str(path), "levels")
    good = scenario(tmp_path)
    refused(cli("forecast", "compare", str(good), str(path)), str(path), "levels")


def test_forecast_nan_in_the_scenario(tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    text = json.dumps({"name": "x", "start_date": "2020-04-01", "horizon_weeks": 4})
    path.write_text(text.replace("4}", "NaN}"), encoding="utf-8")
    refused(cli("forecast", "run", str(path)), str(path), "NaN")
