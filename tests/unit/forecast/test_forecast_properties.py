# SPDX-License-Identifier: EUPL-1.2
"""Property-based: on random small scenarios the engine equals the oracle and keeps balances."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verkeerstoren.forecast import run, scenario_from_dict
from verkeerstoren.forecast.oracle import simulate_weekly

POLICIES = ["oldest_first", "newest_first", "deadline_first", "complex_last", "shares"]


@st.composite
def scenarios(draw):
    n_types = draw(st.integers(1, 3))
    types = []
    for t in range(n_types):
        low = draw(st.integers(0, 40))
        types.append(
            {
                "name": f"t{t}",
                "complex": t == n_types - 1 and n_types > 1,
                "term_weeks": draw(st.integers(1, 30)),
                "hours_oral": draw(st.integers(1, 20)),
                "hours_written": draw(st.integers(1, 20)),
                "persons_per_case": draw(st.sampled_from([1.0, 1.5, 2.0])),
                "grant_share": draw(st.sampled_from([0.0, 0.5, 1.0])),
                "initial_stock": [
                    {
                        "age_weeks": [low, low + draw(st.integers(0, 20))],
                        "count": draw(st.integers(0, 40)),
                    }
                ],
            }
        )
    names = [t["name"] for t in types]
    policy = draw(st.sampled_from(POLICIES))
    order = {"policy": policy}
    if policy == "shares":
        order["shares"] = {name: draw(st.integers(1, 5)) for name in names}
    staff = draw(st.booleans())
    capacity = (
        {
            "mode": "staff",
            "noise_cv": draw(st.sampled_from([0.0, 0.2])),
            "staff": [{"headcount": draw(st.integers(0, 5)), "productive_hours_per_week": 20}],
        }
        if staff
        else {"mode": "decisions", "decisions_per_week": draw(st.integers(0, 12))}
    )
    data = {
        "start_date": draw(st.sampled_from(["2018-11-01", "2020-03-04", "2020-06-24"])),
        "horizon_weeks": draw(st.integers(1, 25)),
        "replications": 2,
        "seed": draw(st.integers(0, 1000)),
        "case_types": types,
        "inflow": {"rate_per_week": draw(st.integers(0, 6)),
                   "type_shares": {name: 1 for name in names}},
        "capacity": capacity,
        "written_hearing_share": draw(st.sampled_from([0.0, 0.5])),
        "order": order,
        "penalties": {
            "notice_probability": draw(st.sampled_from([0.0, 1.0])),
            "notice_delay_weeks": draw(st.integers(0, 6)),
            "appeal_probability": draw(st.sampled_from([0.0, 1.0])),
            "court_weeks": draw(st.integers(0, 6)),
            "court_daily_eur": 100,
            "court_cap_eur": draw(st.sampled_from([500, 1500])),
        },
        "reception": {"stay_weeks_after_grant": draw(st.integers(0, 5)),
                      "stay_weeks_after_refusal": draw(st.integers(0, 5))},
    }  # fmt: skip
    if n_types > 1 and draw(st.booleans()):
        data["decision_teams"] = {"start": draw(st.integers(0, 10)),
                                  "capacity_per_week": draw(st.integers(0, 40))}  # fmt: skip
    return scenario_from_dict(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_engine_equals_oracle_and_balances(scenario):
    result = run(scenario, keep_draws=True)
    assert result.draws is not None
    stock0 = sum(int(t.initial_by_age().sum()) for t in scenario.case_types)
    balance = stock0 + np.cumsum(result.paths["arrivals"], axis=1)
    np.testing.assert_array_equal(
        balance, result.paths["decisions_cumulative"] + result.paths["stock"]
    )
    for rep in range(result.replications):
        oracle = simulate_weekly(scenario, result.draws, rep)
        for metric, values in oracle.items():
            np.testing.assert_allclose(result.paths[metric][rep], values, err_msg=metric)
