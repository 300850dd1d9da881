# SPDX-License-Identifier: EUPL-1.2
"""Regimes: the temporary law of 2020-07-10 and what followed, "under the law of that day"."""

from dataclasses import replace
from datetime import date

from verkeerstoren.law.config import LawConfig
from verkeerstoren.law.exposure import assess
from verkeerstoren.law.model import CaseHistory, Notice
from verkeerstoren.law.regimes import DEFAULT_REGIMES, regime_on

# Received 2019-09-02 -> deadline Monday 2020-03-02 (before the temporary law).
RECEIVED = date(2019, 9, 2)


def test_regime_boundaries() -> None:
    assert regime_on(date(2020, 7, 9)).name == "awb"
    assert regime_on(date(2020, 7, 10)).name == "temporary_law_2020"
    assert regime_on(date(2021, 7, 10)).name == "temporary_law_2020"
    assert regime_on(date(2021, 7, 11)).name == "appeal_restored_2021"
    assert regime_on(date(2022, 11, 29)).name == "appeal_restored_2021"
    assert regime_on(date(2022, 11, 30)).name == "court_penalty_restored_2022"
    assert regime_on(date(1990, 1, 1)).name == "awb"
    assert not regime_on(date(2021, 8, 1)).court_penalty
    assert regime_on(date(2023, 1, 1)).court_penalty


def test_old_law_continues_when_deadline_and_notice_before_cutoff() -> None:
    # Notice received 2020-04-20 -> days 2020-05-04..2020-06-14 (42), all before the temporary
    # law; as of 2020-08-01 the temporary law is in force but old law continues: 1442.
    c = CaseHistory(id="G", received=RECEIVED, notices=(Notice(date(2020, 4, 20)),))
    result = assess(c, date(2020, 8, 1))
    assert result.regime == "temporary_law_2020"
    assert result.admin_excluded is None
    assert result.admin_penalty_eur == 1442


def test_old_law_case_keeps_accruing_after_cutoff() -> None:
    # Notice received 2020-07-01 (deadline 2020-03-02): first day 2020-07-15, after the cutoff,
    # but the case keeps the old law: as of 2020-07-20 six days x 23 = 138.
    c = CaseHistory(id="G2", received=RECEIVED, notices=(Notice(date(2020, 7, 1)),))
    assert assess(c, date(2020, 7, 5)).regime == "awb"
    assert assess(c, date(2020, 7, 5)).admin_penalty_eur == 0
    assert assess(c, date(2020, 7, 20)).admin_penalty_eur == 6 * 23


def test_notice_on_cutoff_day_gets_no_penalty() -> None:
    # Deadline before, notice received 2020-07-10 itself: not "before 2020-07-10" -> nothing.
    c = CaseHistory(id="X", received=RECEIVED, notices=(Notice(date(2020, 7, 10)),))
    result = assess(c, date(2020, 9, 1))
    assert result.admin_penalty_eur == 0
    assert result.admin_excluded == "temporary_law"
    assert result.first_penalty_day == date(2020, 7, 24)


def test_deadline_after_cutoff_gets_no_penalty() -> None:
    # Received 2020-01-15 -> deadline Wed 2020-07-15; notice 2020-07-20 -> nothing owed.
    c = CaseHistory(id="Y", received=date(2020, 1, 15), notices=(Notice(date(2020, 7, 20)),))
    result = assess(c, date(2020, 12, 31))
    assert result.deadline == date(2020, 7, 15)
    assert result.admin_penalty_eur == 0
    assert result.admin_excluded == "temporary_law"


def test_non_asylum_application_is_not_touched_by_temporary_law() -> None:
    # Same facts as above, not an asylum application: first day 2020-08-03, 42 days by 2020-12-31.
    c = CaseHistory(
        id="R", received=date(2020, 1, 15), notices=(Notice(date(2020, 7, 20)),), asylum=False
    )
    assert assess(c, date(2020, 12, 31)).admin_penalty_eur == 1442


def test_notice_sent_or_received_is_a_regime_parameter() -> None:
    # Sent 2020-07-08, received 2020-07-13. "Given" = received (default): no penalty.
    # "Given" = sent: old law continues; first day 2020-07-27, as of 2020-08-09 = 14 x 23 = 322.
    notice = Notice(received=date(2020, 7, 13), sent=date(2020, 7, 8))
    c = CaseHistory(id="S", received=RECEIVED, notices=(notice,))
    as_of = date(2020, 8, 9)
    assert assess(c, as_of).admin_penalty_eur == 0
    by_sent = tuple(
        replace(r, notice_given_by="sent") if r.old_law_before else r for r in DEFAULT_REGIMES
    )
    assert assess(c, as_of, LawConfig(regimes=by_sent)).admin_penalty_eur == 322
