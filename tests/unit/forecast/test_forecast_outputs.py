# SPDX-License-Identifier: EUPL-1.2
"""Result rows, quantiles, clearance week and comparisons."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from verkeerstoren.forecast import (
    METRICS,
    QUANTILE_NAMES,
    paired_differences,
    run,
    scenario_from_dict,
)
from verkeerstoren.forecast.penalties import admin_weekly_eur, court_weekly_eur


@pytest.fixture
def result(scenario_dict):
    return run(scenario_from_dict(scenario_dict(replications=60)))


def test_rows_are_chart_ready(result):
    rows = result.rows()
    metrics = {row["metric"] for row in rows}
    assert set(METRICS) <= metrics
    assert {"stock.regular", "decisions.complex"} <= metrics
    assert len(rows) == len(metrics) * result.horizon_weeks
    first = rows[0]
    assert list(first) == ["week", "date", "metric", *QUANTILE_NAMES, "mean"]
    assert first["date"] == "2020-04-07"  # last day of week 0
    for row in rows:
        values = [row[name] for name in QUANTILE_NAMES]
        assert values == sorted(values)


def test_to_dict_is_json(result):
    data = json.loads(json.dumps(result.to_dict()))
    assert data["replications"] == 60
    assert data["quantiles"] == list(QUANTILE_NAMES)
    assert data["clearance"]["threshold"] == 20


def test_clearance_week(result):
    stock = np.array([[50.0, 30, 20, 25, 10], [50, 40, 40, 40, 40], [10, 5, 0, 0, 0]])
    fake = dataclasses.replace(
        result,
        scenario=dataclasses.replace(result.scenario, horizon_weeks=5),
        replications=3,
        paths={"stock": stock},
    )
    assert fake.clearance_weeks().tolist() == [2, -1, 0]
    summary = fake.clearance()
    assert summary["share_cleared"] == pytest.approx(2 / 3)
    assert summary["p5_week"] == 0
    assert summary["p95_week"] is None  # one replication never cleared: after the horizon
    assert fake.clearance_weeks(threshold=40).tolist() == [1, 1, 0]


def test_paired_differences_are_b_minus_a_and_need_the_same_draws(result):
    other = run(result.scenario, seed=result.seed + 1)
    with pytest.raises(ValueError, match="same seed"):
        paired_differences(result, other)
    # Hand-made paths: the difference is B - A per replication and week, on shared metrics only.
    a = dataclasses.replace(
        result, paths={"stock": np.array([[5.0, 3.0]]), "only_a": np.ones((1, 2))}
    )
    b = dataclasses.replace(result, paths={"stock": np.array([[4.0, 6.0]])})
    diff = paired_differences(a, b)
    assert set(diff.differences) == {"stock"}
    np.testing.assert_array_equal(diff.differences["stock"], [[-1.0, 3.0]])
    assert json.loads(json.dumps(paired_differences(result, result).to_dict()))["difference"] == (
        "b - a"
    )


def test_admin_weeks_sum_to_the_cap():
    from datetime import date

    assert sum(admin_weekly_eur(date(2020, 5, 1))) == 1442
    assert sum(admin_weekly_eur(date(2018, 5, 1))) == 1260
    assert admin_weekly_eur(date(2020, 5, 1))[0] == 7 * 23


def test_court_weeks_sum_to_the_cap():
    weeks = court_weekly_eur(100, 7500)
    assert weeks.sum() == 7500 and weeks[0] == 700 and weeks.size == 11
    assert court_weekly_eur(0, 7500).size == 0
