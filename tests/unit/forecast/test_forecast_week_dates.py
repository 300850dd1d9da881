# SPDX-License-Identifier: EUPL-1.2
"""Dates given for weeks in a scenario, and the week nearest to a date in a result."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from verkeerstoren.forecast.calibration import nearest_week
from verkeerstoren.forecast.fields import week_ref

START = date(2026, 1, 5)  # week 0 runs from Monday 5 to Sunday 11 January 2026


@pytest.mark.parametrize(
    ("day", "week"),
    [
        ("2026-01-05", 0),
        ("2026-01-11", 0),
        ("2026-01-12", 1),
        ("2026-02-01", 3),
        ("2026-01-04", -1),
        ("2025-12-29", -1),
        ("2025-12-28", -2),
    ],
)
def test_a_date_names_the_week_that_contains_it(day: str, week: int) -> None:
    assert week_ref(day, "cohort", START) == week


def test_a_week_number_is_taken_as_it_is() -> None:
    assert week_ref(4, "cohort", START) == 4


def _result(horizon: int) -> Any:
    return SimpleNamespace(scenario=SimpleNamespace(start_date=START), horizon_weeks=horizon)


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2026, 1, 11), 0),  # the last day of week 0
        (date(2026, 1, 14), 0),  # 3 days after it, 4 before the last day of week 1
        (date(2026, 1, 15), 1),  # 4 days after it, 3 before the last day of week 1
        (date(2026, 1, 18), 1),
        (date(2026, 1, 1), 0),  # before the start: the first week
        (date(2027, 1, 1), 9),  # after the horizon: the last week
    ],
)
def test_nearest_week_is_the_week_whose_last_day_is_nearest(day: date, week: int) -> None:
    assert nearest_week(_result(10), day) == week
