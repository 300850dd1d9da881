# SPDX-License-Identifier: EUPL-1.2
"""Decision term and deadline: months, cap, group extensions, suspensions, Atw shift."""

from datetime import date

from verkeerstoren.law.model import Suspension
from verkeerstoren.law.terms import (
    DEFAULT_EXTENSION_POLICIES,
    ExtensionPolicy,
    add_months,
    apply_suspensions,
    deadline_for,
    suspension_effects,
    term_months,
    term_parts,
)


def test_add_months_clips_to_month_end() -> None:
    assert add_months(date(2019, 8, 31), 6) == date(2020, 2, 29)  # leap year
    assert add_months(date(2018, 8, 31), 6) == date(2019, 2, 28)
    assert add_months(date(2019, 5, 2), 6) == date(2019, 11, 2)
    assert add_months(date(2019, 10, 31), 15) == date(2021, 1, 31)


def test_deadline_on_saturday_moves_to_monday() -> None:
    # 2019-05-02 + 6 months = Saturday 2019-11-02 -> Monday 2019-11-04.
    assert date(2019, 11, 2).weekday() == 5
    assert deadline_for(date(2019, 5, 2)) == date(2019, 11, 4)


def test_deadline_on_good_friday_moves_past_easter() -> None:
    # 2019-10-10 + 6 months = Good Friday 2020-04-10; Sat 11, Sun 12, Easter Monday 13
    # -> Tuesday 2020-04-14.
    assert deadline_for(date(2019, 10, 10)) == date(2020, 4, 14)


def test_deadline_on_five_may_in_non_lustrum_year_moves() -> None:
    # 2020-11-05 + 6 months = Wednesday 2021-05-05 (Atw holiday every year) -> Thursday 6 May.
    assert deadline_for(date(2020, 11, 5)) == date(2021, 5, 6)


def test_extensions_and_cap() -> None:
    # 6 + 9 = 15 months: 2019-01-15 -> Wednesday 2020-04-15.
    assert deadline_for(date(2019, 1, 15), [9]) == date(2020, 4, 15)
    # 6 + 9 + 9 = 24, capped at 21: 2019-01-15 -> Thursday 2020-10-15.
    assert term_months(date(2019, 1, 15), [9, 9]) == 21
    assert deadline_for(date(2019, 1, 15), [9, 9]) == date(2020, 10, 15)


def test_group_extension_policies_by_received_date() -> None:
    # Received 2023-03-01 falls under the 2023 decree: 6 + 9 = 15 months -> Saturday 2024-06-01
    # -> Monday 2024-06-03. Without policies: Friday 2023-09-01.
    assert term_months(date(2023, 3, 1), []) == 15
    assert deadline_for(date(2023, 3, 1)) == date(2024, 6, 3)
    assert deadline_for(date(2023, 3, 1), policies=()) == date(2023, 9, 1)
    # From 2024-01-01 back to six months: 2024-01-02 -> Tuesday 2024-07-02.
    assert deadline_for(date(2024, 1, 2)) == date(2024, 7, 2)
    # Before the 2022 decree's range: six months.
    assert term_months(date(2021, 6, 1), []) == 6
    assert len(DEFAULT_EXTENSION_POLICIES) >= 2


def test_own_policy_table() -> None:
    policy = ExtensionPolicy("test", date(2019, 1, 1), date(2019, 1, 31), 3)
    # 2019-01-10 + 9 months = Thursday 2019-10-10.
    assert deadline_for(date(2019, 1, 10), policies=(policy,)) == date(2019, 10, 10)
    assert deadline_for(date(2019, 2, 1), policies=(policy,)) == date(2019, 8, 1)


def test_suspension_adds_its_length() -> None:
    # Deadline without suspension: 2020-01-15 + 6 = Wednesday 2020-07-15.
    # Force-majeure suspension 16 Mar - 1 Jun 2020: 16 + 30 + 31 + 1 = 78 days.
    # 15 Jul + 78 days: +16 -> 31 Jul, +31 -> 31 Aug (47), +30 -> 30 Sep (77), +1 -> 1 Oct.
    covid = Suspension(date(2020, 3, 16), date(2020, 6, 1))
    assert covid.days == 78
    assert deadline_for(date(2020, 1, 15), suspensions=[covid]) == date(2020, 10, 1)


def test_suspension_after_deadline_is_ignored() -> None:
    late = Suspension(date(2020, 8, 1), date(2020, 8, 10))
    assert deadline_for(date(2020, 1, 15), suspensions=[late]) == date(2020, 7, 15)


def test_suspensions_chain_in_start_order() -> None:
    # A (10 days) moves 15 Jul to 25 Jul; B starts 20 Jul <= 25 Jul, adds 2 -> Monday 27 Jul.
    # Alone, B starts after 15 Jul and is ignored. List order does not matter.
    a = Suspension(date(2020, 7, 1), date(2020, 7, 10))
    b = Suspension(date(2020, 7, 20), date(2020, 7, 21))
    assert deadline_for(date(2020, 1, 15), suspensions=[b, a]) == date(2020, 7, 27)
    assert deadline_for(date(2020, 1, 15), suspensions=[b]) == date(2020, 7, 15)


def test_term_parts_show_each_step_to_the_deadline() -> None:
    # 6 + 9 + 9 = 24 months asked, 21 given: 2019-01-15 -> 2020-10-15; a suspension of
    # 2020-10-01..10-17 (17 days) moves it to Monday 2020-11-02 (no Atw shift needed).
    susp = (Suspension(date(2020, 10, 1), date(2020, 10, 17)),)
    parts = term_parts(date(2019, 1, 15), [9, 9], susp)
    assert parts == (24, 21, date(2020, 10, 15), date(2020, 11, 1))
    # 2020-11-01 is a Sunday: the deadline is Monday 2020-11-02.
    assert deadline_for(date(2019, 1, 15), [9, 9], susp) == date(2020, 11, 2)


def test_suspension_effects_take_suspensions_in_start_order() -> None:
    # From 2020-03-02: 03-20..03-29 starts after it (no effect) when taken alone, but after
    # 02-01..02-29 (29 days, to 03-31) it counts: 03-31 + 10 = 04-10. Given out of order.
    late = Suspension(date(2020, 3, 20), date(2020, 3, 29))
    early = Suspension(date(2020, 2, 1), date(2020, 2, 29))
    effects = suspension_effects(date(2020, 3, 2), [late, early])
    assert effects == [(early, date(2020, 3, 31)), (late, date(2020, 4, 10))]
    assert apply_suspensions(date(2020, 3, 2), [late, early]) == date(2020, 4, 10)
    assert suspension_effects(date(2020, 3, 2), [late]) == [(late, date(2020, 3, 2))]
