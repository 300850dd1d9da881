# SPDX-License-Identifier: EUPL-1.2
"""The week calendar of plans and forecasts, on hand-computed dates.

Week 0 of a plan starting on Monday 6 April 2020 runs to Sunday 12 April; week 1 starts on
13 April.
"""

from __future__ import annotations

from datetime import date, timedelta

from verkeerstoren.weeks import decide_day, end_of, last_week_ended, start_of, week_of

START = date(2020, 4, 6)


def test_week_of_a_day() -> None:
    assert week_of(START, date(2020, 4, 6)) == 0
    assert week_of(START, date(2020, 4, 12)) == 0
    assert week_of(START, date(2020, 4, 13)) == 1
    assert week_of(START, date(2020, 5, 4)) == 4
    # Days before the start lie in negative weeks.
    assert week_of(START, date(2020, 4, 5)) == -1
    assert week_of(START, date(2020, 3, 30)) == -1
    assert week_of(START, date(2020, 3, 29)) == -2


def test_first_and_last_day_of_a_week() -> None:
    assert start_of(START, 0) == date(2020, 4, 6)
    assert start_of(START, 1) == date(2020, 4, 13)
    assert start_of(START, -1) == date(2020, 3, 30)
    assert end_of(START, 0) == date(2020, 4, 12)
    # 6 April + 3 x 7 + 6 = 6 April + 27 days = 3 May.
    assert end_of(START, 3) == date(2020, 5, 3)
    # Over a leap day: 24 February 2020 + 6 days is 1 March (29 February lies between).
    assert end_of(date(2020, 2, 24), 0) == date(2020, 3, 1)
    # Over the year's end: week 0 from Monday 28 December 2020 ends on Sunday 3 January 2021.
    assert end_of(date(2020, 12, 28), 0) == date(2021, 1, 3)
    assert start_of(date(2020, 12, 28), 1) == date(2021, 1, 4)


def test_a_case_planned_in_a_week_counts_as_decided_on_its_last_day() -> None:
    assert decide_day(START, 0) == date(2020, 4, 12)
    assert decide_day(START, 2) == date(2020, 4, 26)


def test_last_week_ended_by_a_day() -> None:
    assert last_week_ended(START, date(2020, 4, 11)) == -1  # week 0 ends on the 12th
    assert last_week_ended(START, date(2020, 4, 12)) == 0
    assert last_week_ended(START, date(2020, 4, 18)) == 0
    assert last_week_ended(START, date(2020, 4, 19)) == 1


def test_every_day_lies_between_the_first_and_last_day_of_its_week() -> None:
    for offset in range(-20, 60):
        day = START + timedelta(days=offset)
        week = week_of(START, day)
        assert start_of(START, week) <= day <= end_of(START, week)
        assert end_of(START, week) - start_of(START, week) == timedelta(days=6)
