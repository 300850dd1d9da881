# SPDX-License-Identifier: EUPL-1.2
"""Administrative (Awb 4:17-4:18) and court (Awb 8:55d) penalties, worked by hand."""

from datetime import date, timedelta

from verkeerstoren.law.exposure import assess
from verkeerstoren.law.model import CaseHistory, CourtRuling, Notice
from verkeerstoren.law.penalties import (
    admin_penalty_eur,
    court_penalty_eur,
    earliest_valid_notice,
    first_penalty_day,
    fixing_decision_due,
)

# Received 2019-09-02 + 6 months = Monday 2020-03-02: the deadline of most cases below.
RECEIVED = date(2019, 9, 2)
DEADLINE = date(2020, 3, 2)


def case(**kwargs: object) -> CaseHistory:
    return CaseHistory(id="T", received=RECEIVED, **kwargs)  # type: ignore[arg-type]


def test_domain_example_first_penalty_day() -> None:
    # DOMAIN.md §3.2: notice received 2020-04-20 -> accrues from 2020-05-04 (two weeks later).
    assert first_penalty_day(DEADLINE, date(2020, 4, 20)) == date(2020, 5, 4)
    result = assess(case(notices=(Notice(date(2020, 4, 20)),)), date(2020, 5, 4))
    assert result.deadline == DEADLINE
    assert result.first_penalty_day == date(2020, 5, 4)
    assert result.admin_penalty_eur == 23  # day 1 only
    assert result.penalty_per_day_eur == 23


def test_full_42_days_new_rates() -> None:
    # 14 x 23 + 14 x 35 + 14 x 45 = 322 + 490 + 630 = 1442.
    notice = date(2020, 4, 20)
    first = date(2020, 5, 4)
    assert admin_penalty_eur(first, notice, first + timedelta(days=41), None) == 1442
    # day 43 adds nothing
    assert admin_penalty_eur(first, notice, first + timedelta(days=100), None) == 1442
    # day 15 is the first at 35: 14 x 23 + 35 = 357
    assert admin_penalty_eur(first, notice, first + timedelta(days=14), None) == 357


def test_old_rates_when_notice_received_in_2018() -> None:
    # 14 x 20 + 14 x 30 + 14 x 40 = 280 + 420 + 560 = 1260. Deadline 2018-09-03 (received
    # 2018-03-03 + 6 months = Mon 3 Sep), notice received 2018-12-20 -> first day 2019-01-03:
    # the tariff follows receipt of the notice (2018), not the penalty days (2019).
    c = CaseHistory(id="O", received=date(2018, 3, 3), notices=(Notice(date(2018, 12, 20)),))
    result = assess(c, date(2019, 6, 1))
    assert result.deadline == date(2018, 9, 3)
    assert result.first_penalty_day == date(2019, 1, 3)
    assert result.admin_penalty_eur == 1260
    # Same case with the notice received on 2019-01-02: new rates, 1442.
    c2 = CaseHistory(id="N", received=date(2018, 3, 3), notices=(Notice(date(2019, 1, 2)),))
    assert assess(c2, date(2019, 6, 1)).admin_penalty_eur == 1442


def test_notice_before_or_on_deadline_is_invalid() -> None:
    early = Notice(date(2020, 2, 20))
    on_deadline = Notice(DEADLINE)
    assert earliest_valid_notice([early, on_deadline], DEADLINE) is None
    result = assess(case(notices=(early, on_deadline)), date(2020, 12, 31))
    assert result.first_penalty_day is None
    assert result.admin_penalty_eur == 0
    assert result.overdue_days == (date(2020, 12, 31) - DEADLINE).days


def test_earliest_valid_notice_counts() -> None:
    notices = (Notice(date(2020, 2, 1)), Notice(date(2020, 5, 1)), Notice(date(2020, 3, 10)))
    # 2020-02-01 is premature; of the valid ones 2020-03-10 is earliest -> first day 2020-03-24.
    result = assess(case(notices=notices), date(2020, 3, 30))
    assert result.notice_received == date(2020, 3, 10)
    assert result.first_penalty_day == date(2020, 3, 24)
    # 24..30 March = 7 days x 23
    assert result.admin_penalty_eur == 7 * 23


def test_notice_right_after_deadline_uses_deadline_plus_two_weeks() -> None:
    # Notice received the day after the deadline: first day = notice + 14 = 2020-03-17.
    result = assess(case(notices=(Notice(date(2020, 3, 3)),)), date(2020, 3, 17))
    assert result.first_penalty_day == date(2020, 3, 17)
    assert result.admin_penalty_days == 1


def test_penalty_stops_at_decision_inclusive() -> None:
    # First day 2020-05-04; decided 2020-05-13 = day 10 -> 10 x 23 = 230, also much later.
    c = case(notices=(Notice(date(2020, 4, 20)),), decided=date(2020, 5, 13))
    for as_of in (date(2020, 5, 13), date(2021, 1, 1)):
        result = assess(c, as_of)
        assert result.admin_penalty_eur == 230
        assert result.admin_penalty_days == 10
    assert assess(c, date(2020, 5, 14)).penalty_per_day_eur == 0
    # Awb 4:18: fixing decision two weeks after the last penalty day (the decision day).
    assert assess(c, date(2020, 6, 1)).fixing_decision_due == date(2020, 5, 27)


def test_fixing_decision_due() -> None:
    first = date(2020, 5, 4)
    # Undecided: projected from day 42 = 2020-06-14; + 14 = 2020-06-28.
    assert fixing_decision_due(first, None) == date(2020, 6, 28)
    # Decided after day 42: still day 42.
    assert fixing_decision_due(first, date(2020, 9, 1)) == date(2020, 6, 28)
    # Decided before the first penalty day: nothing to fix.
    assert fixing_decision_due(first, date(2020, 5, 3)) is None


def test_manifestly_unfounded_or_inadmissible_owe_no_admin_penalty() -> None:
    notices = (Notice(date(2020, 4, 20)),)
    for flag in ("manifestly_unfounded", "manifestly_inadmissible"):
        result = assess(case(notices=notices, **{flag: True}), date(2020, 6, 30))
        assert result.admin_penalty_eur == 0
        assert result.admin_excluded == flag
        assert result.fixing_decision_due is None
        assert result.first_penalty_day == date(2020, 5, 4)


def test_court_penalty_per_ruling() -> None:
    # Judgment 2019-03-01, 56-day term -> the term ends 2019-04-26; the penalty runs from
    # 2019-04-27. As of 2019-05-06: 27..30 Apr (4) + 1..6 May (6) = 10 days x 100 = 1000.
    ruling = CourtRuling(date(2019, 3, 1), 56, 100.0, 7500.0)
    assert court_penalty_eur(ruling, date(2019, 4, 26), None) == 0
    assert court_penalty_eur(ruling, date(2019, 4, 27), None) == 100
    assert court_penalty_eur(ruling, date(2019, 5, 6), None) == 1000
    # Cap: 75 days reach 7,500; 2019-04-27 + 74 = 2019-07-10.
    assert court_penalty_eur(ruling, date(2019, 7, 10), None) == 7500
    assert court_penalty_eur(ruling, date(2020, 1, 1), None) == 7500
    # Stops at the decision (inclusive): decided 2019-04-30 -> 4 days.
    assert court_penalty_eur(ruling, date(2020, 1, 1), date(2019, 4, 30)) == 400


def test_court_penalties_are_cumulative_with_admin() -> None:
    # Admin: notice 2020-04-20 -> days from 2020-05-04; as of 2020-07-01 all 42 days: 1442.
    # Ruling 1: judgment 2020-05-01 + 28 days -> runs from 2020-05-30; to 2020-07-01:
    # 2 (30-31 May) + 30 (June) + 1 = 33 days x 100 = 3300. Ruling 2: 50/day from 2020-06-22
    # (judgment 2020-06-01 + 20 days): 9 (22-30 Jun) + 1 = 10 days = 500, cap 400 -> 400.
    rulings = (
        CourtRuling(date(2020, 5, 1), 28, 100.0, 15000.0),
        CourtRuling(date(2020, 6, 1), 20, 50.0, 400.0),
    )
    c = CaseHistory(
        id="C",
        received=RECEIVED,
        notices=(Notice(date(2020, 4, 20)),),
        rulings=rulings,
        asylum=False,  # keep the temporary law out of this example
    )
    result = assess(c, date(2020, 7, 1))
    assert result.admin_penalty_eur == 1442
    assert result.court_penalty_eur == 3300 + 400
    assert result.penalty_eur == 1442 + 3700
    # On 2020-07-01 only ruling 1 still accrues (admin ended on day 42, ruling 2 is capped).
    assert result.penalty_per_day_eur == 100
