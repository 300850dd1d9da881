# SPDX-License-Identifier: EUPL-1.2
"""Property tests: caps, accrual windows, monotonicity, and vectorised == per-case."""

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from verkeerstoren.law.calendar import AtwCalendar
from verkeerstoren.law.config import DEFAULT_LAW, LawConfig
from verkeerstoren.law.exposure import (
    BehaviourParameters,
    assess,
    assess_if_decided,
    expected_exposure,
)
from verkeerstoren.law.model import CaseHistory, CourtRuling, Notice, Suspension
from verkeerstoren.law.portfolio import (
    assess_portfolio,
    assess_portfolio_if_decided,
    build_portfolio,
    expected_portfolio_exposure,
)
from verkeerstoren.law.regimes import DEFAULT_REGIMES
from verkeerstoren.law.tariffs import admin_tariff_for
from verkeerstoren.law.terms import ExtensionPolicy, case_deadline

FAST = settings(max_examples=60, deadline=None)
# Spans the old tariffs, the temporary law, the decrees and the return to six months.
DAY0 = date(2017, 1, 1)


def offset(d: date, lo: int, hi: int) -> st.SearchStrategy[date]:
    return st.integers(lo, hi).map(lambda n: d + timedelta(days=n))


@st.composite
def cases(draw: st.DrawFn, case_id: str = "H") -> CaseHistory:
    received = draw(offset(DAY0, 0, 8 * 365))
    suspensions = tuple(
        Suspension(start, start + timedelta(days=draw(st.integers(0, 120))))
        for start in draw(st.lists(offset(received, 0, 700), max_size=3))
    )
    notices = []
    for rec in draw(st.lists(offset(received, 100, 1000), max_size=3)):
        sent = draw(st.one_of(st.none(), offset(rec, -10, 0)))
        notices.append(Notice(rec, sent))
    rulings = tuple(
        CourtRuling(
            judgment=draw(offset(received, 150, 1100)),
            decision_term_days=draw(st.integers(0, 120)),
            daily_eur=draw(st.sampled_from([0.0, 50.0, 100.0, 100.5])),
            cap_eur=draw(st.sampled_from([0.0, 1234.5, 7500.0, 15000.0])),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    return CaseHistory(
        id=case_id,
        received=received,
        extensions=tuple(draw(st.lists(st.integers(0, 9), max_size=2))),
        suspensions=suspensions,
        notices=tuple(notices),
        rulings=rulings,
        decided=draw(st.one_of(st.none(), offset(received, 0, 1300))),
        manifestly_unfounded=draw(st.booleans()),
        manifestly_inadmissible=draw(st.integers(0, 9)) == 0,
        asylum=draw(st.integers(0, 4)) > 0,
    )


as_of_offsets = st.integers(-30, 1600)

# Variants of the law, so that the vectorised engine is checked on every parameter.
LAWS = [
    DEFAULT_LAW,
    LawConfig(
        regimes=tuple(
            replace(r, notice_given_by="sent") if r.old_law_before else r for r in DEFAULT_REGIMES
        )
    ),
    LawConfig(
        calendar=AtwCalendar(decreed_days=frozenset()),
        extension_policies=(ExtensionPolicy("x", date(2018, 1, 1), None, 3),),
        regimes=DEFAULT_REGIMES[:1],
    ),
]


@FAST
@given(cases(), as_of_offsets)
def test_penalties_never_exceed_caps(case: CaseHistory, days: int) -> None:
    result = assess(case, case.received + timedelta(days=days))
    if result.notice_received is not None:
        assert result.admin_penalty_eur <= admin_tariff_for(result.notice_received).cap_eur
    assert result.admin_penalty_eur <= 1442
    assert result.admin_penalty_days <= 42
    assert result.court_penalty_eur <= sum(r.cap_eur for r in case.rulings)
    assert result.penalty_per_day_eur >= 0


@FAST
@given(cases(), as_of_offsets)
def test_nothing_accrues_before_first_day_or_after_decision(case: CaseHistory, days: int) -> None:
    as_of = case.received + timedelta(days=days)
    result = assess(case, as_of)
    if result.first_penalty_day is None or as_of < result.first_penalty_day:
        assert result.admin_penalty_eur == 0
    if result.first_penalty_day is not None:
        before = assess(case, result.first_penalty_day - timedelta(days=1))
        assert before.admin_penalty_eur == 0
    if case.decided is not None and as_of > case.decided:
        at_decision = assess(case, case.decided)
        assert result.admin_penalty_eur == at_decision.admin_penalty_eur
        assert result.court_penalty_eur == at_decision.court_penalty_eur
        assert result.penalty_per_day_eur == 0


@FAST
@given(cases(), as_of_offsets, st.integers(0, 400))
def test_penalties_non_decreasing_in_as_of(case: CaseHistory, days: int, later: int) -> None:
    first = assess(case, case.received + timedelta(days=days))
    second = assess(case, case.received + timedelta(days=days + later))
    assert second.admin_penalty_eur >= first.admin_penalty_eur
    assert second.court_penalty_eur >= first.court_penalty_eur
    assert second.penalty_eur >= first.penalty_eur


@FAST
@given(cases(), st.integers(0, 9), offset(DAY0, 0, 9 * 365), st.integers(0, 200))
def test_extension_or_suspension_never_makes_deadline_earlier(
    case: CaseHistory, months: int, start: date, length: int
) -> None:
    deadline = case_deadline(case)
    extended = replace(case, extensions=(*case.extensions, months))
    assert case_deadline(extended) >= deadline
    extra = Suspension(start, start + timedelta(days=length))
    suspended = replace(case, suspensions=(*case.suspensions, extra))
    assert case_deadline(suspended) >= deadline


@st.composite
def portfolios(draw: st.DrawFn) -> list[CaseHistory]:
    n = draw(st.integers(1, 25))
    return [draw(cases(case_id=f"C{i}")) for i in range(n)]


behaviours = st.builds(
    BehaviourParameters,
    notice_probability=st.sampled_from([0.0, 0.3, 1.0]),
    notice_delay_days=st.integers(1, 120),
    appeal_probability=st.sampled_from([0.0, 0.25, 0.7]),
    appeal_to_judgment_days=st.integers(0, 120),
    court_decision_term_days=st.integers(0, 120),
    court_daily_eur=st.sampled_from([50.0, 100.0, 99.5]),
    court_cap_eur=st.sampled_from([7500.0, 15000.0, 333.3]),
)


@settings(max_examples=25, deadline=None)
@given(portfolios(), offset(DAY0, 0, 10 * 365), st.sampled_from(LAWS))
def test_vectorised_equals_per_case(cases_: list[CaseHistory], as_of: date, law: LawConfig) -> None:
    portfolio = build_portfolio(cases_)
    columns = assess_portfolio(portfolio, as_of, law)
    for i, case in enumerate(cases_):
        assert columns.row(i) == assess(case, as_of, law)


@settings(max_examples=25, deadline=None)
@given(portfolios(), offset(DAY0, 0, 10 * 365), st.data())
def test_vectorised_if_decided_and_expected_equal_per_case(
    cases_: list[CaseHistory], as_of: date, data: st.DataObject
) -> None:
    behaviour = data.draw(behaviours)
    law = data.draw(st.sampled_from(LAWS))
    planned = [data.draw(offset(as_of, -60, 700)) for _ in cases_]
    portfolio = build_portfolio(cases_)
    arr = np.array(planned, dtype="datetime64[D]")
    if_decided = assess_portfolio_if_decided(portfolio, arr, law)
    expected = expected_portfolio_exposure(portfolio, as_of, arr, behaviour, law)
    for i, case in enumerate(cases_):
        assert if_decided.row(i) == assess_if_decided(case, planned[i], law)
        assert expected.row(i) == expected_exposure(case, as_of, planned[i], behaviour, law)


def test_vectorised_equals_per_case_on_a_large_random_portfolio() -> None:
    # A seeded portfolio of 3,000 cases over 2017-2025 hits every regime and tariff.
    rng = np.random.default_rng(20200410)
    built = []
    for i in range(3000):
        received = DAY0 + timedelta(days=int(rng.integers(0, 8 * 365)))
        notices = tuple(
            Notice(rec, rec - timedelta(days=int(rng.integers(0, 8))))
            for rec in (
                received + timedelta(days=int(rng.integers(150, 900)))
                for _ in range(int(rng.integers(0, 3)))
            )
        )
        suspensions = tuple(
            Suspension(s, s + timedelta(days=int(rng.integers(0, 90))))
            for s in (
                received + timedelta(days=int(rng.integers(0, 400)))
                for _ in range(int(rng.integers(0, 3)))
            )
        )
        rulings = tuple(
            CourtRuling(received + timedelta(days=int(rng.integers(200, 900))), 56, 100.0, 7500.0)
            for _ in range(int(rng.integers(0, 2)))
        )
        decided = (
            received + timedelta(days=int(rng.integers(60, 1200))) if rng.random() < 0.5 else None
        )
        built.append(
            CaseHistory(
                id=f"R{i}",
                received=received,
                extensions=(9,) if rng.random() < 0.2 else (),
                suspensions=suspensions,
                notices=notices,
                rulings=rulings,
                decided=decided,
                manifestly_unfounded=bool(rng.random() < 0.1),
            )
        )
    portfolio = build_portfolio(built)
    for as_of, law in zip(
        (date(2019, 6, 1), date(2020, 8, 1), date(2023, 3, 1)), LAWS, strict=True
    ):
        columns = assess_portfolio(portfolio, as_of, law)
        mismatches = [c.id for i, c in enumerate(built) if columns.row(i) != assess(c, as_of, law)]
        assert mismatches == []
        assert columns.admin_penalty_eur.sum() > 0  # the example is not trivially empty
