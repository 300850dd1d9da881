# SPDX-License-Identifier: EUPL-1.2
"""Atw working days: the statutory holidays, the differences with holidays.NL, decreed days."""

from datetime import date, timedelta

import holidays
import numpy as np

from verkeerstoren.law.calendar import (
    ATW_CALENDAR,
    AtwCalendar,
    atw_shift,
    easter_sunday,
    is_working_day,
    next_working_day,
    statutory_holidays,
)


def test_five_may_is_an_atw_holiday_every_year_but_not_in_holidays_nl_outside_lustrum() -> None:
    # Atw art. 3 lid 1 lists "de vijfde mei" without condition; holidays.NL only in lustrum years.
    wednesday = date(2021, 5, 5)
    assert wednesday.weekday() == 2
    assert wednesday not in holidays.NL(years=2021)
    assert not is_working_day(wednesday)
    # In a lustrum year both agree.
    assert date(2020, 5, 5) in holidays.NL(years=2020)
    assert not is_working_day(date(2020, 5, 5))


def test_good_friday_is_an_atw_holiday() -> None:
    # Atw art. 3 lid 2. Easter 2021 was 4 April, so Good Friday was Friday 2 April.
    good_friday = date(2021, 4, 2)
    assert good_friday.weekday() == 4
    assert not is_working_day(good_friday)
    assert good_friday in statutory_holidays(2021)


def test_atw_adds_only_good_friday_and_five_may_to_holidays_nl() -> None:
    # Whatever the holidays package version (older ones lack Good Friday), the weekday Atw days
    # missing from holidays.NL's public set can only be Good Friday and 5 May.
    for year in (2019, 2021, 2022, 2023):
        nl = set(holidays.NL(years=year, categories=(holidays.PUBLIC,)).keys())
        extra = statutory_holidays(year) - nl
        good_friday = easter_sunday(year) - timedelta(days=2)
        assert extra <= {good_friday, date(year, 5, 5)}
        assert date(year, 5, 5) in extra  # not a lustrum year
        assert nl <= statutory_holidays(year)


def test_statutory_list_for_2022() -> None:
    # Atw art. 3 for 2022, written out by hand: New Year (Sat 1 Jan), Good Friday 15 Apr,
    # Easter Monday 18 Apr, King's Day Wed 27 Apr, 5 May, Ascension 26 May, Whit Monday 6 Jun,
    # Christmas Sun 25 Dec and Boxing Day Mon 26 Dec.
    weekdays = {d for d in statutory_holidays(2022) if d.weekday() < 5}
    assert weekdays == {
        date(2022, 4, 15),
        date(2022, 4, 18),
        date(2022, 4, 27),
        date(2022, 5, 5),
        date(2022, 5, 26),
        date(2022, 6, 6),
        date(2022, 12, 26),
    }


def test_kings_day_on_sunday_is_celebrated_on_saturday() -> None:
    # 27 April 2025 was a Sunday: King's Day moved to Saturday 26 April, Monday 28 is working.
    assert date(2025, 4, 27).weekday() == 6
    assert date(2025, 4, 26) in statutory_holidays(2025)
    assert is_working_day(date(2025, 4, 28))


def test_next_working_day_skips_easter_weekend() -> None:
    # Thu 1 Apr 2021 -> Good Friday 2, Sat 3, Sun 4, Easter Monday 5 -> Tue 6 April.
    assert next_working_day(date(2021, 4, 1)) == date(2021, 4, 6)
    # strictly after: a working day's next working day is the following one.
    assert next_working_day(date(2021, 4, 6)) == date(2021, 4, 7)
    assert atw_shift(date(2021, 4, 6)) == date(2021, 4, 6)
    assert atw_shift(date(2021, 4, 3)) == date(2021, 4, 6)


def test_decreed_days_are_configurable() -> None:
    # Friday 31 May 2019 was decreed equal to a holiday (Besluit 24 okt 2016, BWBR0038666).
    friday = date(2019, 5, 31)
    assert not is_working_day(friday)
    bare = AtwCalendar(decreed_days=frozenset())
    assert bare.is_working_day(friday)
    own = AtwCalendar(decreed_days=frozenset({date(2021, 6, 1)}))
    assert not own.is_working_day(date(2021, 6, 1))


def test_easter_matches_holidays_package() -> None:
    for year in range(1990, 2041):
        easter_monday = easter_sunday(year) + timedelta(days=1)
        assert easter_monday in holidays.NL(years=year)


def test_vectorised_shift_equals_scalar_shift() -> None:
    start = date(2019, 1, 1)
    days = [start + timedelta(days=i) for i in range(6 * 366)]
    arr = np.array(days, dtype="datetime64[D]")
    arr = np.append(arr, np.datetime64("NaT"))
    shifted = ATW_CALENDAR.shift_array(arr)
    assert [d.astype(date) for d in shifted[:-1]] == [ATW_CALENDAR.shift(d) for d in days]
    assert np.isnat(shifted[-1])
