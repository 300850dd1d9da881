# SPDX-License-Identifier: EUPL-1.2
"""Exposure: per-day rate, "if decided on X", and expected exposure with behaviour parameters."""

from datetime import date

import pytest

from verkeerstoren.law.exposure import (
    BehaviourParameters,
    assess,
    assess_if_decided,
    expected_exposure,
)
from verkeerstoren.law.model import CaseHistory, CourtRuling, Notice

# Received 2019-05-02 -> deadline Monday 2019-11-04 (2019-11-02 is a Saturday).
RECEIVED = date(2019, 5, 2)

BEHAVIOUR = BehaviourParameters(
    notice_probability=0.5,
    notice_delay_days=10,
    appeal_probability=0.4,
    appeal_to_judgment_days=56,
    court_decision_term_days=56,
    court_daily_eur=100.0,
    court_cap_eur=7500.0,
)


def test_cli_example_case() -> None:
    # The ARCHITECTURE.md example: notice received 2019-12-02 -> first day 2019-12-16.
    # As of 2019-12-31: 16..31 Dec = 16 days = 14 x 23 + 2 x 35 = 392, today costs 35.
    c = CaseHistory(id="A1", received=RECEIVED, notices=(Notice(date(2019, 12, 2)),))
    result = assess(c, date(2019, 12, 31))
    assert result.deadline == date(2019, 11, 4)
    assert result.overdue_days == 57  # 26 (Nov 5..30) + 31 (Dec)
    assert result.admin_penalty_eur == 392
    assert result.penalty_per_day_eur == 35


def test_per_day_rate_over_time() -> None:
    c = CaseHistory(id="A1", received=RECEIVED, notices=(Notice(date(2019, 12, 2)),))
    assert assess(c, date(2019, 12, 15)).penalty_per_day_eur == 0  # day before the first
    assert assess(c, date(2019, 12, 16)).penalty_per_day_eur == 23  # day 1
    assert assess(c, date(2020, 1, 13)).penalty_per_day_eur == 45  # day 29
    assert assess(c, date(2020, 1, 26)).penalty_per_day_eur == 45  # day 42
    assert assess(c, date(2020, 1, 27)).penalty_per_day_eur == 0  # day 43


def test_if_decided_on() -> None:
    # Deciding on 2020-01-10 (day 26): 14 x 23 + 12 x 35 = 322 + 420 = 742.
    c = CaseHistory(id="A1", received=RECEIVED, notices=(Notice(date(2019, 12, 2)),))
    assert assess_if_decided(c, date(2020, 1, 10)).admin_penalty_eur == 742
    # A recorded decision wins over the hypothetical date: decided 2019-12-20 = 5 days = 115.
    decided = CaseHistory(
        id="A2",
        received=RECEIVED,
        notices=(Notice(date(2019, 12, 2)),),
        decided=date(2019, 12, 20),
    )
    assert assess_if_decided(decided, date(2020, 1, 10)).admin_penalty_eur == 115


def test_overdue_and_days_late() -> None:
    c = CaseHistory(id="D", received=RECEIVED, decided=date(2019, 11, 14))
    result = assess(c, date(2019, 12, 4))
    assert result.overdue_days == 30  # convention: as_of - deadline, also when decided
    assert result.days_late == 10  # decision came 10 days after the deadline
    assert assess(c, date(2019, 11, 1)).overdue_days == 0


def test_expected_exposure_without_notice() -> None:
    # No notice; as of 2019-11-10. Assumed notice: deadline + 10 = 2019-11-14 (after tomorrow),
    # first day 2019-11-28. Decided 2020-06-30 (old law): all 42 days, 1442 x 0.5 = 721.
    # Appeal possible 2019-11-28, judgment + 56 days = 2020-01-23 (awb regime: court penalty);
    # court term 56 days -> penalty from 2020-03-20; to 2020-06-30: 12 + 30 + 31 + 30 = 103
    # days x 100 = 10,300 -> cap 7,500; weight 0.5 x 0.4 = 0.2 -> 1,500. Total 2,221.
    c = CaseHistory(id="E", received=RECEIVED)
    result = expected_exposure(c, date(2019, 11, 10), date(2020, 6, 30), BEHAVIOUR)
    assert result.assumed_notice_received == date(2019, 11, 14)
    assert result.owed_admin_eur == 0
    assert result.expected_admin_eur == pytest.approx(721)
    assert result.expected_court_eur == pytest.approx(1500)
    assert result.expected_eur == pytest.approx(2221)


def test_expected_exposure_assumes_notice_not_in_the_past() -> None:
    # As of 2019-12-31 no notice has come although deadline + 10 has passed: assumed received
    # 2020-01-01, first day 2020-01-15. Decided 2020-01-31: 17 days = 322 + 3 x 35 = 427 x 0.5.
    c = CaseHistory(id="F", received=RECEIVED)
    result = expected_exposure(c, date(2019, 12, 31), date(2020, 1, 31), BEHAVIOUR)
    assert result.assumed_notice_received == date(2020, 1, 1)
    assert result.expected_admin_eur == pytest.approx(213.5)
    assert result.expected_court_eur == 0  # judgment 2020-03-11 is after the decision


def test_expected_exposure_under_temporary_law() -> None:
    # Received 2020-01-15 -> deadline 2020-07-15 (after the cutoff). Assumed notice
    # 2020-07-15 + 10 = 2020-07-25: the temporary law excludes the admin penalty. Appeal
    # possible 2020-08-08, judgment + 56 days = 2020-10-03, in the temporary-law period where
    # no appeal is possible -> nothing expected at all.
    c = CaseHistory(id="T", received=date(2020, 1, 15))
    result = expected_exposure(c, date(2020, 7, 1), date(2021, 3, 1), BEHAVIOUR)
    assert result.assumed_notice_received == date(2020, 7, 25)
    assert result.expected_eur == 0


def test_expected_court_for_real_notice_without_ruling() -> None:
    # Received 2022-02-01 is before the 2022 decree's range, so six months: Monday 2022-08-01.
    # Notice received 2022-08-15 -> appeal possible 2022-08-29, after "tomorrow" (as of
    # 2022-08-20); judgment +56 = 2022-10-24: regime "appeal restored" without court penalty
    # -> 0. As of 2022-11-01 instead: possible from 2022-11-02, judgment 2022-12-28 (court
    # penalties back): term 56 -> from 2023-02-23; decided 2023-03-04: 6 (23-28 Feb) + 4 =
    # 10 days x 100 = 1000, weight 0.4 -> 400.
    c = CaseHistory(id="R", received=date(2022, 2, 1), notices=(Notice(date(2022, 8, 15)),))
    early = expected_exposure(c, date(2022, 8, 20), date(2023, 3, 4), BEHAVIOUR)
    assert early.expected_court_eur == 0
    assert early.expected_admin_eur == 0  # temporary law: no admin penalty
    later = expected_exposure(c, date(2022, 11, 1), date(2023, 3, 4), BEHAVIOUR)
    assert later.expected_court_eur == pytest.approx(400)


def test_expected_equals_owed_for_decided_case_and_rulings_are_facts() -> None:
    ruling = CourtRuling(date(2019, 12, 1), 10, 100.0, 7500.0)
    c = CaseHistory(
        id="Z",
        received=RECEIVED,
        notices=(Notice(date(2019, 12, 2)),),
        rulings=(ruling,),
        decided=date(2019, 12, 20),
    )
    result = expected_exposure(c, date(2019, 12, 31), date(2020, 6, 1), BEHAVIOUR)
    # Admin 16..20 Dec = 5 x 23 = 115; court from 2019-12-12 to 12-20 = 9 days = 900.
    assert result.decide_on == date(2019, 12, 20)
    assert result.expected_admin_eur == result.owed_admin_eur == 115
    assert result.expected_court_eur == result.owed_court_eur == 900


def test_behaviour_parameters_are_validated() -> None:
    with pytest.raises(ValueError):
        BehaviourParameters(1.5, 10, 0.4, 56, 56, 100.0, 7500.0)
    with pytest.raises(ValueError):
        BehaviourParameters(0.5, 0, 0.4, 56, 56, 100.0, 7500.0)
