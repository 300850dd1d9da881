# SPDX-License-Identifier: EUPL-1.2
"""The facts as known on a day (cases/asof.py known_on), on hand-made cases (both databases).

Every expected date and amount is computed by hand in a comment from DOMAIN.md §3: deadline =
received + 6 months (no extension, no group-extension period), moved to the next working day;
first penalty day = the later of the deadline and the notice's receipt + 14 days; EUR 23 a day
for days 1-14 (notices received in 2020).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import factories as f
from verkeerstoren.cases import asof
from verkeerstoren.cases.models import Case, LegalEvent, StatusChange

pytestmark = pytest.mark.django_db

d = dt.date


def event(case: Case, kind: str, day: dt.date, **values: Any) -> LegalEvent:
    return LegalEvent.objects.create(case=case, kind=kind, date=day, **values)


@pytest.fixture
def n() -> Case:
    """Received Mon 2019-09-02 -> deadline Mon 2020-03-02; notice received Thu 2020-03-05."""
    case = f.case(reference="N-1", received=d(2019, 9, 2))
    event(case, "notice_of_default", d(2020, 3, 5))
    return case


def history(case: Case, day: dt.date) -> Any:
    return asof.histories_on(day, [case.pk]).get(case.pk)


def test_known_on_cuts_events_and_the_decision_at_the_day() -> None:
    class Row:
        def __init__(self, on: dt.date) -> None:
            self.date = on

    rows = [Row(d(2020, 3, 4)), Row(d(2020, 3, 5)), Row(d(2020, 3, 6))]
    known, decided = asof.known_on(rows, d(2020, 3, 6), d(2020, 3, 5))
    assert known == rows[:2]  # the event on the day itself counts
    assert decided is None  # decided the day after: still open
    assert asof.known_on(rows, d(2020, 3, 5), d(2020, 3, 5))[1] == d(2020, 3, 5)


def test_a_notice_after_the_day_does_not_count(n: Case) -> None:
    assert history(n, d(2020, 3, 4)).notices == ()
    figures = asof.case_figures_on(n, d(2020, 3, 4))
    assert figures is not None
    # As of 03-04: deadline 03-02, overdue 2 days, no notice, no penalty day.
    assert figures.deadline == d(2020, 3, 2)
    assert figures.overdue_days == 2
    assert figures.first_penalty_day is None
    assert figures.penalty_eur == 0


def test_a_notice_on_the_day_counts(n: Case) -> None:
    assert len(history(n, d(2020, 3, 5)).notices) == 1
    figures = asof.case_figures_on(n, d(2020, 3, 5))
    assert figures is not None
    # max(03-02, 03-05) + 14 days = 03-19.
    assert figures.first_penalty_day == d(2020, 3, 19)
    assert figures.penalty_eur == 0  # not started yet on 03-05


def test_a_decision_after_the_day_leaves_the_case_open(n: Case) -> None:
    event(n, "decision_sent", d(2020, 3, 25), outcome="granted")
    assert history(n, d(2020, 3, 20)).decided is None
    assert history(n, d(2020, 3, 25)).decided == d(2020, 3, 25)
    figures = asof.case_figures_on(n, d(2020, 3, 20))
    assert figures is not None
    # Open on 03-20: penalty days 03-19 and 03-20, 2 x 23 = 46, and 23 more today.
    assert figures.penalty_eur == 46
    assert figures.penalty_per_day_eur == 23
    counts = asof.register_counts_on(d(2020, 3, 20))
    assert (counts.total, counts.open) == (1, 1)
    counts = asof.register_counts_on(d(2020, 3, 26))
    assert (counts.total, counts.open) == (1, 0)


def test_a_suspension_started_by_the_day_counts_with_its_recorded_end() -> None:
    # Received Wed 2019-11-20 -> deadline Wed 2020-05-20. The suspension 2020-03-16..05-31
    # (16 + 30 + 31 = 77 days) moves it to 2020-08-05, a Wednesday.
    case = f.case(reference="S-1", received=d(2019, 11, 20))
    event(case, "suspension", d(2020, 3, 16), end_date=d(2020, 5, 31))
    before = asof.case_figures_on(case, d(2020, 3, 15))
    on_the_day = asof.case_figures_on(case, d(2020, 3, 16))
    assert before is not None and on_the_day is not None
    assert before.deadline == d(2020, 5, 20)
    assert on_the_day.deadline == d(2020, 8, 5)


def test_an_extension_counts_from_its_date() -> None:
    # Received Mon 2019-09-02 -> deadline Mon 2020-03-02; +9 months -> Wed 2020-12-02.
    case = f.case(reference="X-1", received=d(2019, 9, 2))
    event(case, "extension", d(2020, 2, 20), months=9, reason="complex")
    before = asof.case_figures_on(case, d(2020, 2, 19))
    after = asof.case_figures_on(case, d(2020, 2, 20))
    assert before is not None and after is not None
    assert before.deadline == d(2020, 3, 2)
    assert after.deadline == d(2020, 12, 2)


def test_a_case_received_after_the_day_is_not_in_the_register() -> None:
    early = f.case(reference="E-1", received=d(2019, 9, 2))
    late = f.case(reference="L-1", received=d(2020, 3, 10), stream="taskforce")
    assert asof.case_figures_on(late, d(2020, 3, 9)) is None
    assert set(asof.histories_on(d(2020, 3, 9))) == {early.pk}
    counts = asof.register_counts_on(d(2020, 3, 9))
    assert (counts.total, counts.open, counts.taskforce_stock) == (1, 1, 0)
    counts = asof.register_counts_on(d(2020, 3, 10))
    assert (counts.total, counts.open, counts.taskforce_stock) == (2, 2, 1)


def test_counts_by_status_follow_the_status_history() -> None:
    case = f.case(reference="H-1", received=d(2019, 9, 2), status="heard")
    StatusChange.objects.create(case=case, status="registered", date=d(2019, 9, 2))
    StatusChange.objects.create(case=case, status="heard", date=d(2020, 2, 1))
    before = dict(asof.register_counts_on(d(2020, 1, 31)).by_status)
    after = dict(asof.register_counts_on(d(2020, 2, 1)).by_status)
    assert (before["registered"], before["heard"]) == (1, 0)
    assert (after["registered"], after["heard"]) == (0, 1)


def test_the_penalty_overview_as_of_a_day(n: Case) -> None:
    # As of 03-04 the notice is not known: nothing starts in 03-05 .. 04-01.
    before = asof.penalty_overview_on(d(2020, 3, 4))
    assert before.upcoming == [] and before.owed_eur == 0
    # As of 03-05: the penalty starts on 03-19, within 03-06 .. 04-02.
    known = asof.penalty_overview_on(d(2020, 3, 5))
    assert [(u.reference, u.first_penalty_day) for u in known.upcoming] == [("N-1", d(2020, 3, 19))]
    assert known.figures_as_of == d(2020, 3, 5) and not known.stale
    # As of 03-20: 2 days owed (46), 23 a day -> 161 a week.
    running = asof.penalty_overview_on(d(2020, 3, 20))
    assert running.owed_admin_eur == 46 and running.per_week_eur == 161
