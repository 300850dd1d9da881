# SPDX-License-Identifier: EUPL-1.2
"""Scenario loading: valid files load, and every error names the offending field."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from verkeerstoren.forecast import ScenarioError, load_scenario, scenario_from_dict
from verkeerstoren.forecast.scenario import TEMPORARY_LAW_FROM, StaffCapacity

ROOT = Path(__file__).resolve().parents[3]


def _error(data: object) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)
    return info.value


def test_small_scenario_loads(scenario_dict):
    s = scenario_from_dict(scenario_dict())
    assert s.type_names == ("regular", "complex")
    assert s.inflow.type_shares == pytest.approx((0.8, 0.2))
    assert isinstance(s.capacity, StaffCapacity)
    assert s.capacity.cohorts[1].start_week == 5
    assert s.penalties is not None
    assert s.penalties.penalty_free_notices_from == TEMPORARY_LAW_FROM


@pytest.mark.parametrize("name", ["tf2020", "tf2020-written30", "tf2020-plus200temps"])
def test_example_scenarios_load(name):
    s = load_scenario(ROOT / "scenarios" / f"{name}.json")
    assert sum(int(t.initial_by_age().sum()) for t in s.case_types) == 14_600


def test_dates_become_weeks(scenario_dict):
    data = scenario_dict()
    data["decision_teams"]["start"] = "2020-04-16"  # day 15 after the start: week 2
    assert scenario_from_dict(data).decision_teams.start_week == 2  # type: ignore[union-attr]


def test_initial_stock_bands_are_exact():
    data = {"age_weeks": [3, 6], "count": 10}
    from verkeerstoren.forecast.scenario import CaseType, StockBand

    t = CaseType(
        "a", 26, 1.0, 1.0, initial_stock=(StockBand(3, 6, data["count"]), StockBand(0, 0, 5))
    )
    by_age = t.initial_by_age()
    assert by_age.tolist() == [5, 0, 0, 2, 2, 3, 3]


def test_schedule_steps():
    from verkeerstoren.forecast.scenario import Schedule

    np.testing.assert_array_equal(Schedule(((0, 1.0), (3, 2.0))).weekly(5), [1, 1, 1, 2, 2])


@pytest.mark.parametrize(
    ("mutate", "field", "message"),
    [
        (lambda d: d["inflow"].update(rate_per_week=-1), "inflow.rate_per_week", "must be >= 0"),
        (lambda d: d.pop("start_date"), "start_date", "is required"),
        (lambda d: d.update(start_date="2020-13-01"), "start_date", "YYYY-MM-DD"),
        (lambda d: d.update(horizon_weeks=0), "horizon_weeks", "must be >= 1"),
        (lambda d: d.update(horizon_weeks=2.5), "horizon_weeks", "whole number"),
        (
            lambda d: d["capacity"]["staff"][1].update(headcont=3),
            "capacity.staff[1].headcont",
            "unknown field",
        ),
        (
            lambda d: d["capacity"]["staff"][0].update(absence=1.5),
            "capacity.staff[0].absence",
            "must be <= 1",
        ),
        (lambda d: d["capacity"].update(mode="robots"), "capacity.mode", "must be one of"),
        (
            lambda d: d["case_types"][1].update(name="regular"),
            "case_types[1].name",
            "unique",
        ),
        (
            lambda d: d["case_types"][0]["initial_stock"][0].update(age_weeks=[9, 3]),
            "case_types[0].initial_stock[0].age_weeks",
            "from <= to",
        ),
        (
            lambda d: d.update(written_hearing_share=[{"from": 2, "value": 0.3}]),
            "written_hearing_share",
            "week 0",
        ),
        (
            lambda d: d.update(written_hearing_share=[{"from": 0, "value": 1.3}]),
            "written_hearing_share[0].value",
            "must be <= 1",
        ),
        (
            lambda d: d["penalties"].pop("court_daily_eur"),
            "penalties.court_daily_eur",
            "is required",
        ),
        (
            lambda d: d["penalties"].update(appeal_delay_weeks=1),
            "penalties.appeal_delay_weeks",
            "must be >= 2",
        ),
        (lambda d: d["inflow"].pop("type_shares"), "inflow.type_shares", "is required"),
        (
            lambda d: d.update(order={"policy": "shares"}),
            "order.shares",
            "is required",
        ),
        (
            lambda d: d["case_types"][1].update(complex=False),
            "decision_teams",
            "complex: true",
        ),
        (lambda d: d.update(capacity=[1]), "capacity", "JSON object"),
        (
            lambda d: d.update(order={"policy": "oldest_first", "shares": {"regular": 1}}),
            "order.shares",
            "only used with policy 'shares'",
        ),
        (
            lambda d: d["inflow"]["type_shares"].update(unknown=1),
            "inflow.type_shares.unknown",
            "unknown field",
        ),
    ],
)
def test_errors_name_the_field(scenario_dict, mutate, field, message):
    data = scenario_dict()
    mutate(data)
    error = _error(data)
    assert error.field == field
    assert message in error.message
    assert str(error).startswith(f"field '{field}': ")


def test_comment_keys_are_ignored(scenario_dict):
    data = scenario_dict(_comment="anything")
    data["capacity"]["_note"] = "also fine"
    scenario_from_dict(data)


def test_invalid_json_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{ nope", encoding="utf-8")
    with pytest.raises(ScenarioError, match="invalid JSON"):
        load_scenario(path)
