# SPDX-License-Identifier: EUPL-1.2
"""The legal timeline as coded steps: hand-built histories, dates computed by hand in comments.

Rules used (DOMAIN.md §3): deadline = received + term months (same day number), plus the days
of each suspension that starts on or before the deadline so far, moved to the next Atw working
day; a notice counts when received after the deadline (the earliest such one); first penalty day
= max(deadline, notice received) + 14; last penalty day = decision or day 42; the amount is fixed
within 14 days after it; a court penalty runs from the day after the court's term.
"""

from __future__ import annotations

from datetime import date as d

import pytest

from verkeerstoren.law import (
    CaseHistory,
    CourtRuling,
    LawConfig,
    Notice,
    Step,
    Suspension,
    timeline,
)


def codes(steps: tuple[Step, ...]) -> list[tuple[d, str]]:
    return [(s.day, s.code) for s in steps]


def step(steps: tuple[Step, ...], code: str) -> Step:
    (found,) = [s for s in steps if s.code == code]
    return found


def test_a_suspension_of_ten_days_moves_the_deadline_by_ten_days() -> None:
    # 2019-09-02 + 6 months = Monday 2020-03-02; the suspension 2019-12-02..12-11 (10 days)
    # starts before it: Thursday 2020-03-12.
    h = CaseHistory("S", d(2019, 9, 2), suspensions=(Suspension(d(2019, 12, 2), d(2019, 12, 11)),))
    steps = timeline(h, d(2020, 1, 1))
    assert codes(steps) == [
        (d(2019, 9, 2), "term_starts"),
        (d(2019, 12, 2), "suspension_moves_deadline"),
        (d(2020, 1, 1), "as_of"),
        (d(2020, 3, 12), "deadline_suspended"),
    ]
    assert step(steps, "term_starts").params == {"months": 6}
    assert step(steps, "suspension_moves_deadline").params == {"end": d(2019, 12, 11), "days": 10}
    deadline = step(steps, "deadline_suspended")
    assert deadline.params == {"months": 6, "days": 10}
    assert deadline.kind == "deadline" and deadline.article == "Vw 2000 art. 42"
    assert step(steps, "suspension_moves_deadline").article == "Awb 4:15"


def test_a_suspension_counts_from_the_deadline_as_already_moved() -> None:
    # Deadline without suspensions Monday 2020-03-02. The first (2020-02-01..02-29, 29 days)
    # moves it to 03-31; the second (03-20..03-29, 10 days) starts after 03-02 but before 03-31,
    # so it counts: 04-10, Good Friday; Sat, Sun, Easter Monday 04-13 -> Tuesday 2020-04-14.
    # A third (2020-05-01..05-05) starts after 04-10: no effect.
    h = CaseHistory(
        "S2",
        d(2019, 9, 2),
        suspensions=(
            Suspension(d(2020, 2, 1), d(2020, 2, 29)),
            Suspension(d(2020, 3, 20), d(2020, 3, 29)),
            Suspension(d(2020, 5, 1), d(2020, 5, 5)),
        ),
    )
    steps = timeline(h, d(2020, 1, 6))
    assert codes(steps)[2:5] == [
        (d(2020, 2, 1), "suspension_moves_deadline"),
        (d(2020, 3, 20), "suspension_moves_deadline"),
        (d(2020, 4, 14), "deadline_suspended"),
    ]
    assert step(steps, "deadline_suspended").params == {"months": 6, "days": 39}
    moved = step(steps, "deadline_moved_to_working_day")
    assert (moved.day, moved.kind, moved.params) == (
        d(2020, 4, 14),
        "deadline",
        {"day": d(2020, 4, 10)},
    )
    assert step(steps, "suspension_after_deadline").day == d(2020, 5, 1)


def test_notices_before_and_on_the_deadline_are_not_valid() -> None:
    # Deadline Monday 2020-03-02. 02-20 and 03-02 itself are not after it; 03-05 (sent 03-03) is
    # the earliest valid one, 03-10 comes later. First penalty day 03-05 + 14 = 03-19; day 42 is
    # 03-19 + 41 = 04-29 (undecided: projected); the fixing decision is due 04-29 + 14 = 05-13.
    notices = (
        Notice(d(2020, 2, 20)),
        Notice(d(2020, 3, 2)),
        Notice(d(2020, 3, 5), sent=d(2020, 3, 3)),
        Notice(d(2020, 3, 10)),
    )
    steps = timeline(CaseHistory("N", d(2019, 9, 2), notices=notices), d(2020, 4, 6))
    assert codes(steps) == [
        (d(2019, 9, 2), "term_starts"),
        (d(2020, 2, 20), "notice_too_early"),
        (d(2020, 3, 2), "deadline"),  # the deadline row comes before the same day's notice
        (d(2020, 3, 2), "notice_too_early"),
        (d(2020, 3, 5), "notice_sent"),
        (d(2020, 3, 5), "notice_valid"),
        (d(2020, 3, 10), "notice_repeated"),
        (d(2020, 3, 19), "first_penalty_day"),
        (d(2020, 4, 6), "as_of"),
        (d(2020, 5, 13), "fixing_decision_due"),
    ]
    assert step(steps, "notice_sent").params == {"sent": d(2020, 3, 3)}
    assert step(steps, "notice_valid").article == "Awb 4:17"
    assert step(steps, "first_penalty_day").params == {"max_days": 42}
    fixing = step(steps, "fixing_decision_due")
    assert fixing.params == {"last": d(2020, 4, 29)} and fixing.article == "Awb 4:18"


def test_the_decision_ends_the_penalty_and_sets_the_fixing_date() -> None:
    # As above with one notice (03-05) and the decision on 2020-04-03: the last penalty day is
    # 04-03, so the amount must be fixed by 04-17.
    h = CaseHistory("D", d(2019, 9, 2), notices=(Notice(d(2020, 3, 5)),), decided=d(2020, 4, 3))
    steps = timeline(h, d(2020, 4, 6))
    assert (d(2020, 4, 3), "decision_sent") in codes(steps)
    fixing = step(steps, "fixing_decision_due")
    assert (fixing.day, fixing.params) == (d(2020, 4, 17), {"last": d(2020, 4, 3)})


def test_a_term_above_the_maximum_is_capped() -> None:
    # 6 + 9 + 9 = 24 months, capped at 21: 2019-01-15 + 21 months = Thursday 2020-10-15.
    h = CaseHistory("C", d(2019, 1, 15), extensions=(9, 9))
    steps = timeline(h, d(2019, 7, 1), extended_on=(d(2019, 6, 1), d(2020, 1, 10)))
    assert codes(steps) == [
        (d(2019, 1, 15), "term_starts"),
        (d(2019, 6, 1), "extension"),
        (d(2019, 7, 1), "as_of"),
        (d(2020, 1, 10), "extension"),
        (d(2020, 10, 15), "deadline"),
        (d(2020, 10, 15), "term_capped"),
    ]
    assert [s.params["months"] for s in steps if s.code == "extension"] == [9, 9]
    assert step(steps, "deadline").params == {"months": 21}
    capped = step(steps, "term_capped")
    assert capped.params == {"months": 21, "wanted_months": 24}
    assert capped.article == "Vw 2000 art. 43" and capped.kind == "deadline"


def test_a_deadline_on_saturday_moves_to_monday() -> None:
    # 2019-05-02 + 6 months = Saturday 2019-11-02 -> Monday 2019-11-04 (Atw).
    steps = timeline(CaseHistory("W", d(2019, 5, 2)), d(2019, 6, 1))
    assert codes(steps)[-2:] == [
        (d(2019, 11, 4), "deadline"),
        (d(2019, 11, 4), "deadline_moved_to_working_day"),
    ]
    moved = step(steps, "deadline_moved_to_working_day")
    assert moved.params == {"day": d(2019, 11, 2)} and moved.article == "Atw art. 1"


def test_group_extension_follows_the_law_config() -> None:
    # Received 2022-05-01: WBV 2022/22 adds 9 months -> 2023-08-01 (Tuesday). Without the
    # policy table: 2022-11-01 (Tuesday).
    h = CaseHistory("G", d(2022, 5, 1))
    steps = timeline(h, d(2022, 6, 1))
    group = step(steps, "group_extension")
    assert (group.day, group.params) == (d(2022, 5, 1), {"months": 9, "policy": "WBV 2022/22"})
    assert step(steps, "deadline").day == d(2023, 8, 1)
    bare = timeline(h, d(2022, 6, 1), LawConfig(extension_policies=()))
    assert "group_extension" not in [s.code for s in bare]
    assert step(bare, "deadline").day == d(2022, 11, 1)


def test_court_penalties_start_after_the_courts_term_unless_decided_first() -> None:
    # Ruling 2020-02-01, decide within 56 days (by 03-28): the penalty runs from 03-29. A ruling
    # of 2020-02-29 with 28 days also ends its term on 03-28: one row for that start day. A
    # ruling without a penalty starts nothing.
    rulings = (
        CourtRuling(d(2020, 2, 1), 56, 100.0, 7500.0),
        CourtRuling(d(2020, 2, 29), 28, 50.0, 5000.0),
        CourtRuling(d(2020, 3, 2), 14, 0.0, 0.0),
    )
    h = CaseHistory("R", d(2019, 6, 3), rulings=rulings)
    steps = timeline(h, d(2020, 4, 6))
    assert [(s.day, s.code) for s in steps if s.kind == "court_ruling"] == [
        (d(2020, 2, 1), "court_ruling"),
        (d(2020, 2, 1), "court_penalty_ordered"),
        (d(2020, 2, 29), "court_ruling"),
        (d(2020, 2, 29), "court_penalty_ordered"),
        (d(2020, 3, 2), "court_ruling"),
        (d(2020, 3, 2), "no_court_penalty"),
    ]
    first = next(s for s in steps if s.code == "court_penalty_ordered")
    assert first.params == {"daily_eur": 100.0, "cap_eur": 7500.0}
    assert [s.params["days"] for s in steps if s.code == "court_ruling"] == [56, 28, 14]
    assert [s.day for s in steps if s.code == "court_penalty_start"] == [d(2020, 3, 29)]
    # Decided on 2020-03-28, the last day of the court's term: the penalty never runs; decided
    # on 03-29, it runs for that one day.
    for decided, runs in ((d(2020, 3, 28), False), (d(2020, 3, 29), True)):
        one = CaseHistory("R2", d(2019, 6, 3), rulings=rulings[:1], decided=decided)
        assert ("court_penalty_start" in [s.code for s in timeline(one, d(2020, 4, 6))]) is runs


def test_an_excluded_administrative_penalty_says_why() -> None:
    # Deadline Monday 2020-03-16; notice 03-31 -> first day 04-14, but manifestly unfounded.
    h = CaseHistory(
        "X", d(2019, 9, 16), notices=(Notice(d(2020, 3, 31)),), manifestly_unfounded=True
    )
    steps = timeline(h, d(2020, 4, 6))
    excluded = step(steps, "admin_penalty_excluded")
    assert (excluded.day, excluded.kind) == (d(2020, 4, 14), "first_penalty_day")
    assert excluded.params == {"reason": "manifestly_unfounded"}
    assert "fixing_decision_due" not in [s.code for s in steps]
    # Received 2020-01-15: deadline Wednesday 2020-07-15, after the temporary law came into
    # force (2020-07-10); notice 07-20 -> first day 08-03, excluded by that law.
    t = CaseHistory("T", d(2020, 1, 15), notices=(Notice(d(2020, 7, 20)),))
    excluded = step(timeline(t, d(2020, 9, 1)), "admin_penalty_excluded")
    assert excluded.day == d(2020, 8, 3)
    assert excluded.params == {"reason": "temporary_law"} and excluded.article == "Stb. 2020, 242"


def test_appeals_are_placed_on_their_day() -> None:
    steps = timeline(CaseHistory("A", d(2019, 9, 2)), d(2020, 4, 6), appeals=(d(2020, 3, 20),))
    appeal = step(steps, "appeal")
    assert (appeal.day, appeal.article) == (d(2020, 3, 20), "Awb 6:12")


def test_an_open_suspension_explains_the_facts_without_a_deadline() -> None:
    h = CaseHistory(
        "O",
        d(2019, 11, 20),
        suspensions=(Suspension(d(2019, 12, 1), d(2019, 12, 5)),),
        notices=(Notice(d(2020, 5, 25)),),
    )
    steps = timeline(h, d(2020, 4, 6), open_suspensions=(d(2020, 3, 16),))
    assert codes(steps) == [
        (d(2019, 11, 20), "term_starts"),
        (d(2019, 12, 1), "suspension_recorded"),
        (d(2020, 3, 16), "suspension_open"),
        (d(2020, 5, 25), "notice_received"),
    ]
    assert step(steps, "suspension_recorded").params == {"end": d(2019, 12, 5), "days": 5}


def test_extension_days_must_match_the_extensions() -> None:
    with pytest.raises(ValueError, match="one day per extension"):
        timeline(CaseHistory("E", d(2019, 1, 15), extensions=(9,)), d(2019, 7, 1))
