# SPDX-License-Identifier: EUPL-1.2
"""Scenario limits: sizes that drive memory are bounded, and bad documents are ScenarioErrors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from verkeerstoren.forecast import ScenarioError, load_scenario, run, scenario_from_dict
from verkeerstoren.forecast.scenario import (
    MAX_REPLICATION_WEEKS,
    MAX_REPLICATIONS,
    check_replications,
    parse_scenario_json,
)


def _error(data: object) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        scenario_from_dict(data)
    return info.value


def test_replications_are_bounded_alone_and_times_the_horizon() -> None:
    assert check_replications(MAX_REPLICATIONS, 1) == MAX_REPLICATIONS
    weeks = MAX_REPLICATION_WEEKS // 1000
    assert check_replications(1000, weeks) == 1000
    with pytest.raises(ScenarioError, match="100,000"):
        check_replications(MAX_REPLICATIONS + 1, 1)
    with pytest.raises(ScenarioError, match="horizon_weeks") as info:
        check_replications(1000, weeks + 1, "--replications")
    assert info.value.field == "--replications"


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.update(replications=10**9), "replications"),
        (lambda d: d.update(replications=MAX_REPLICATIONS, horizon_weeks=100), "replications"),
        (lambda d: d.update(start_date="9999-12-31"), "start_date"),
        (lambda d: d.update(start_date="1899-12-31"), "start_date"),
        (lambda d: d.update(horizon_weeks=1041), "horizon_weeks"),
        (lambda d: d["capacity"]["staff"][0].update(headcount=1e12), "capacity.staff[0].headcount"),
        (
            lambda d: d["capacity"]["staff"][0].update(productive_hours_per_week=169),
            "capacity.staff[0].productive_hours_per_week",
        ),
        (lambda d: d["capacity"]["staff"][1].update(start=10**18), "capacity.staff[1].start"),
        (lambda d: d["inflow"].update(rate_per_week=1e300), "inflow.rate_per_week"),
        (lambda d: d["case_types"][0].update(term_weeks=10**18), "case_types[0].term_weeks"),
        (
            lambda d: d["case_types"][0]["initial_stock"][0].update(count=10**18),
            "case_types[0].initial_stock[0].count",
        ),
        (
            lambda d: d["case_types"][0].update(
                initial_stock=[{"age_weeks": 1, "count": 6_000_000}] * 2
            ),
            "case_types[0].initial_stock",
        ),
        (lambda d: d["penalties"].update(court_cap_eur=1e18), "penalties.court_cap_eur"),
        (
            lambda d: d["penalties"].update(court_daily_eur=0.01, court_cap_eur=1e6),
            "penalties.court_cap_eur",
        ),
        (lambda d: d["decision_teams"].update(start="2200-01-01"), "decision_teams.start"),
    ],
)
def test_out_of_range_fields_are_named(scenario_dict, mutate, field) -> None:
    data = scenario_dict()
    mutate(data)
    assert _error(data).field == field


def test_values_at_the_bounds_still_run(scenario_dict) -> None:
    data = scenario_dict(start_date="2100-12-31", replications=3, horizon_weeks=6)
    data["capacity"]["staff"][0].update(headcount=100_000, productive_hours_per_week=168)
    data["inflow"]["rate_per_week"] = 1_000_000
    data["case_types"][0]["initial_stock"] = [{"age_weeks": 0, "count": 10_000_000}]
    result = run(scenario_from_dict(data))
    assert result.paths["stock"].shape == (3, 6)


def test_parse_scenario_json_refuses_deep_nan_and_nul() -> None:
    with pytest.raises(ScenarioError, match="levels"):
        parse_scenario_json("[" * 10_000 + "]" * 10_000)
    with pytest.raises(ScenarioError, match="NaN"):
        parse_scenario_json('{"horizon_weeks": NaN}')
    with pytest.raises(ScenarioError) as info:
        parse_scenario_json('{"name": "a\\u0000"}')
    assert info.value.field == "name"


def test_load_scenario_refuses_a_deep_file(tmp_path: Path, scenario_dict) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"name": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    with pytest.raises(ScenarioError, match="levels"):
        load_scenario(path)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(scenario_dict()), encoding="utf-8")
    assert load_scenario(good).name == "small"
