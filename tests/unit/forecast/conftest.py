# SPDX-License-Identifier: EUPL-1.2
"""Small scenario builders shared by the forecast tests."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

BASE: dict[str, Any] = {
    "name": "small",
    "start_date": "2020-04-01",
    "horizon_weeks": 30,
    "replications": 50,
    "seed": 7,
    "working_stock": 20,
    "case_types": [
        {
            "name": "regular",
            "term_weeks": 26,
            "hours_oral": 10,
            "hours_written": 6,
            "persons_per_case": 1.5,
            "grant_share": 0.6,
            "initial_stock": [{"age_weeks": [0, 40], "count": 300}],
        },
        {
            "name": "complex",
            "complex": True,
            "term_weeks": 26,
            "hours_oral": 30,
            "initial_stock": [{"age_weeks": [20, 50], "count": 60}],
        },
    ],
    "inflow": {"rate_per_week": 6, "type_shares": {"regular": 0.8, "complex": 0.2}},
    "capacity": {
        "mode": "staff",
        "staff": [
            {"name": "ind", "headcount": 6, "productive_hours_per_week": 20},
            {
                "name": "temps",
                "headcount": 4,
                "start": 5,
                "productive_hours_per_week": 20,
                "onboarding": [0, 0.5],
                "productivity": 0.5,
            },
        ],
        "noise_cv": 0.1,
    },
    "written_hearing_share": [{"from": 0, "value": 0.0}, {"from": 10, "value": 0.5}],
    "decision_teams": {"start": 8, "capacity_per_week": 60},
    "order": {"policy": "oldest_first"},
    "penalties": {
        "notice_probability": 1.0,
        "notice_delay_weeks": 2,
        "appeal_probability": 1.0,
        "appeal_delay_weeks": 2,
        "court_weeks": 4,
        "court_daily_eur": 100,
        "court_cap_eur": 1500,
    },
    "reception": {"stay_weeks_after_grant": 6, "stay_weeks_after_refusal": 2},
}


@pytest.fixture
def scenario_dict() -> Callable[..., dict[str, Any]]:
    """A fresh copy of the small scenario, with top-level keys overridden."""

    def make(**overrides: Any) -> dict[str, Any]:
        data = copy.deepcopy(BASE)
        data.update(copy.deepcopy(overrides))
        return data

    return make
