# SPDX-License-Identifier: EUPL-1.2
"""The facts services: each validates against the case's history, writes, audits, raises the
case's version and refreshes its law figures in one transaction; a refused fact writes nothing.

Expected dates are worked out by hand from the rules in docs/domain.md §3.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection

import factories as f
from verkeerstoren.cases import models as m
from verkeerstoren.cases.facts import (
    Application,
    FactError,
    StaleError,
    change_status,
    complete_dossier_item,
    correct_legal_event,
    record_legal_event,
    register_application,
    set_hearing_mode,
)
from verkeerstoren.cases.roles import Role

pytestmark = pytest.mark.django_db
DAY = dt.date(2020, 4, 6)  # the register's day in these tests
V_NUMBER = "3141592653"


@pytest.fixture(autouse=True)
def _day(settings: Any) -> None:
    settings.REGISTER_AS_OF = DAY.isoformat()


def _overdue_case(**kw: Any) -> m.Case:
    # Received on Wednesday 2 January 2019: the six-month term ends on Tuesday 2 July 2019.
    return f.case(received=dt.date(2019, 1, 2), status="heard", **kw)


def _counts() -> tuple[int, ...]:
    return (
        m.Case.objects.count(),
        m.LegalEvent.objects.count(),
        m.StatusChange.objects.count(),
        m.DossierItem.objects.filter(done=True).count(),
        m.Intake.objects.count(),
    )


def test_register_application_pseudonymises_and_never_keeps_the_v_number() -> None:
    f.location("TA")
    user = f.user("police", Role.POLICE)
    case = register_application(
        Application(
            v_number=V_NUMBER,
            nationality="ERI",
            language="ti",
            received=dt.date(2020, 4, 1),
            location="TA",
            birth_date=dt.date(2004, 6, 1),  # 15 on the day of application
            unaccompanied=True,
            eurodac_hit=True,
            features=["trafficking"],
        ),
        user=user,
    )
    assert case.reference.startswith("VT-")
    assert case.person and case.person != V_NUMBER
    assert (case.status, case.track) == ("registered", "1")  # a Eurodac hit starts on Dublin
    assert set(case.feature_codes()) == {"amv", "trafficking"}
    items = set(case.dossier_items.values_list("kind", flat=True))
    # No documents: a language analysis; unaccompanied and undocumented: guardian and age test.
    assert items == {
        "identity_documents", "medical_advice", "language_analysis", "guardian",
        "age_assessment", "dublin_claim", "trafficking_check",
    }  # fmt: skip
    # Six months from 1 April 2020 is Thursday 1 October 2020.
    assert case.law.deadline == dt.date(2020, 10, 1)
    assert case.history.get().history_user == user
    with connection.cursor() as cursor:  # the number is nowhere in the register's tables
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - our own table names
            assert V_NUMBER not in repr(cursor.fetchall()), table


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"v_number": "12345"}, "vNumber"),
        ({"nationality": "syria"}, "nationality"),
        ({"received": dt.date(2020, 4, 7)}, "received"),  # after the register's day
        ({"location": "XX"}, "location"),
        ({"birth_date": dt.date(2020, 4, 2)}, "birthDate"),
        ({"unaccompanied": True, "birth_date": dt.date(2000, 1, 1)}, "unaccompanied"),
        ({"features": ["flying"]}, "features"),
    ],
)
def test_a_bad_application_names_the_field_and_writes_nothing(
    changes: dict[str, Any], field: str
) -> None:
    f.location("TA")
    values: dict[str, Any] = {
        "v_number": V_NUMBER, "nationality": "SYR", "language": "ar",
        "received": dt.date(2020, 4, 1), "location": "TA", **changes,
    }  # fmt: skip
    with pytest.raises(FactError) as refused:
        register_application(Application(**values))
    assert field in refused.value.fields
    assert V_NUMBER not in str(refused.value)
    assert _counts() == (0, 0, 0, 0, 0)


def test_a_notice_on_an_overdue_case_starts_the_penalty_two_weeks_later() -> None:
    case = _overdue_case()
    user = f.user("planner", Role.IND_PLANNER)
    record_legal_event(case, "notice_of_default", dt.date(2020, 3, 2), user=user)
    figures = m.LawFigures.objects.get(case=case)
    assert figures.deadline == dt.date(2019, 7, 2)
    assert figures.first_penalty_day == dt.date(2020, 3, 16)
    # 6 April is day 22 of the penalty (16 March is day 1): the EUR 35 band of days 15-28.
    assert figures.penalty_per_day_eur == 35
    case.refresh_from_db()
    assert case.version == 2
    event = case.legal_events.get()
    assert event.history.get().history_user == user


@pytest.mark.parametrize(
    ("kind", "on", "extra", "field"),
    [
        ("decision_sent", dt.date(2018, 12, 1), {"outcome": "grant"}, "date"),  # before receipt
        (
            "suspension",
            dt.date(2020, 3, 16),
            {"end_date": dt.date(2020, 3, 1), "reason": "x"},
            "end_date",
        ),
        ("suspension", dt.date(2020, 3, 16), {"end_date": dt.date(2020, 6, 1)}, "reason"),
        ("extension", dt.date(2019, 6, 1), {"months": 16, "reason": "complex"}, "months"),
        (
            "court_ruling",
            dt.date(2020, 3, 1),
            {"decision_term_days": 56, "daily_eur": 100},
            "cap_eur",
        ),
        ("notice_of_default", dt.date(2020, 4, 7), {}, "date"),  # after the register's day
        ("notice_of_default", dt.date(2020, 3, 2), {"sent_date": dt.date(2020, 3, 5)}, "sent_date"),
        ("decision_sent", dt.date(2020, 3, 2), {}, "outcome"),
    ],
)
def test_an_event_that_contradicts_the_history_is_refused_and_writes_nothing(
    kind: str, on: dt.date, extra: dict[str, Any], field: str
) -> None:
    case = _overdue_case()
    before = _counts()
    with pytest.raises(FactError) as refused:
        record_legal_event(case, kind, on, **extra)
    assert field in refused.value.fields
    assert _counts() == before
    case.refresh_from_db()
    assert case.version == 1


def test_no_notice_after_the_decision_and_no_second_decision() -> None:
    case = _overdue_case()
    record_legal_event(case, "decision_sent", dt.date(2020, 3, 2), outcome="grant")
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("decided", "grant")
    with pytest.raises(FactError) as late:
        record_legal_event(case, "notice_of_default", dt.date(2020, 3, 9))
    assert "date" in late.value.fields
    with pytest.raises(FactError) as again:
        record_legal_event(case, "decision_sent", dt.date(2020, 3, 9), outcome="refusal")
    assert "kind" in again.value.fields


def test_a_stale_version_is_refused_and_the_newer_fact_stays() -> None:
    case = _overdue_case()
    seen = case.version
    record_legal_event(case, "notice_of_default", dt.date(2020, 3, 2), expected_version=seen)
    with pytest.raises(StaleError) as stale:
        record_legal_event(case, "appeal", dt.date(2020, 3, 20), expected_version=seen)
    assert stale.value.current == seen + 1
    assert list(case.legal_events.values_list("kind", flat=True)) == ["notice_of_default"]


def test_a_correction_supersedes_and_both_stay_in_the_history() -> None:
    case = _overdue_case()
    wrong = record_legal_event(case, "notice_of_default", dt.date(2020, 3, 2))
    fixed = correct_legal_event(case, wrong, "typed the wrong month", on=dt.date(2020, 2, 3))
    assert fixed.supersedes_id == wrong.pk
    assert case.legal_events.count() == 2
    assert list(case.legal_events.in_force()) == [fixed]
    # Received 3 February: the penalty starts two weeks later, on 17 February.
    assert m.LawFigures.objects.get(case=case).first_penalty_day == dt.date(2020, 2, 17)
    with pytest.raises(FactError) as twice:
        correct_legal_event(case, wrong, "again", on=dt.date(2020, 2, 4))
    assert "event" in twice.value.fields
    with pytest.raises(FactError) as no_reason:
        correct_legal_event(case, fixed, " ", retract=True)
    assert "reason" in no_reason.value.fields


def test_retracting_a_decision_reopens_the_case() -> None:
    case = _overdue_case()
    change_status(case, "decided", dt.date(2020, 3, 2), outcome="grant")
    decision = case.legal_events.get(kind="decision_sent")
    correct_legal_event(case, decision, "recorded on the wrong case", retract=True)
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("heard", "")
    assert not case.legal_events.in_force().exists()
    assert not case.status_history.filter(status="decided").exists()
    assert m.LawFigures.objects.get(case=case).overdue_days == (DAY - dt.date(2019, 7, 2)).days


def test_status_changes_follow_the_process() -> None:
    case = f.case(received=dt.date(2020, 1, 6), status="ready_for_hearing")
    with pytest.raises(FactError) as jump:
        change_status(case, "intention", dt.date(2020, 3, 2))
    assert "status" in jump.value.fields
    change_status(case, "hearing_planned", dt.date(2020, 3, 2))
    change_status(case, "heard", dt.date(2020, 3, 9))
    with pytest.raises(FactError) as refusal:  # a refusal needs an intention first
        change_status(case, "decided", dt.date(2020, 3, 10), outcome="refusal")
    assert "status" in refusal.value.fields
    change_status(case, "decided", dt.date(2020, 3, 10), outcome="withdrawn")
    case.refresh_from_db()
    assert (case.status, case.outcome, case.version) == ("decided", "withdrawn", 4)
    assert not case.legal_events.exists()  # a withdrawal is no decision sent


def test_the_last_dossier_item_makes_the_case_ready_for_hearing() -> None:
    case = f.case(received=dt.date(2020, 3, 2), status="preparing")
    for kind in ("identity_documents", "medical_advice"):
        m.DossierItem.objects.create(case=case, kind=kind)
    user = f.user("backoffice", Role.IND_PLANNER)
    complete_dossier_item(case, "identity_documents", dt.date(2020, 3, 10), user=user)
    case.refresh_from_db()
    assert case.status == "preparing"
    complete_dossier_item(case, "medical_advice", dt.date(2020, 3, 12), user=user)
    case.refresh_from_db()
    assert case.status == "ready_for_hearing"
    item = case.dossier_items.get(kind="medical_advice")
    assert (item.done_by, item.done_date) == (user, dt.date(2020, 3, 12))
    with pytest.raises(FactError) as twice:
        complete_dossier_item(case, "medical_advice", dt.date(2020, 3, 13))
    assert "kind" in twice.value.fields


def test_a_written_hearing_needs_consent() -> None:
    case = f.case(received=dt.date(2020, 3, 2))
    with pytest.raises(FactError) as refused:
        set_hearing_mode(case, "written")
    assert "consent" in refused.value.fields
    set_hearing_mode(case, "written", consent=True)
    case.refresh_from_db()
    assert (case.hearing_mode, case.written_hearing_opt_in) == ("written", True)
