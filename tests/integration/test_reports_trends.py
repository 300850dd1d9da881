# SPDX-License-Identifier: EUPL-1.2
"""Monthly trends, counted by hand (both databases): March 2020, the register's day 20 April.

Applications received (first and repeat; court re-entries are no new applications):
    2020-03-02  first  SYR x 3   (one an unaccompanied minor by its intake, one by the AMV feature)
    2020-03-10  repeat ERI x 2
    2020-03-15  first  AFG, IRN, IRQ, TUR (one each)
    2020-03-05  court re-entry SYR   (not counted)
    2020-02-10  first  SYR           (February)
    2020-04-02  first  SYR           (after the month)
    2019-03-31  first  SYR           (before the twelve months)
March: first 7, repeat 2, total 9, unaccompanied 2. February: first 1.
Top five of March: SYR 3, ERI 2, then AFG, IRN and IRQ (one each; ties in code order).

Decisions sent (cases received in 2018): 2020-03-20 grant x 2, refusal x 1, and one without an
outcome; 2020-02-15 withdrawn; 2020-04-01 grant (after the month).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import factories as f
from verkeerstoren.cases.models import Intake, LegalEvent
from verkeerstoren.cli import django_setup
from verkeerstoren.cli import main as cli

pytestmark = pytest.mark.django_db

d = dt.date
OUTCOMES = ("grant", "refusal", "dublin_transfer", "withdrawn", "inadmissible", "unrecorded")


def decision(day: dt.date, outcome: str) -> None:
    case = f.case(received=d(2018, 6, 1), kind="first", status="decided", outcome=outcome)
    LegalEvent.objects.create(case=case, kind="decision_sent", date=day, outcome=outcome)


@pytest.fixture(autouse=True)
def register_day(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.REGISTER_AS_OF = "2020-04-20"
    monkeypatch.setattr(django_setup, "setup_django", lambda migrate=True: None)


@pytest.fixture
def register() -> None:
    syr = [f.case(received=d(2020, 3, 2), kind="first", nationality="SYR") for _ in range(3)]
    Intake.objects.create(case=syr[0], unaccompanied=True)
    syr[1].features.create(feature="amv")  # the second one by its feature
    for _ in range(2):
        f.case(received=d(2020, 3, 10), kind="repeat", nationality="ERI")
    for code in ("TUR", "IRQ", "AFG", "IRN"):
        f.case(received=d(2020, 3, 15), kind="first", nationality=code)
    f.case(received=d(2020, 3, 5), kind="court_reentry", nationality="SYR")
    f.case(received=d(2020, 2, 10), kind="first", nationality="SYR")
    f.case(received=d(2020, 4, 2), kind="first", nationality="SYR")
    f.case(received=d(2019, 3, 31), kind="first", nationality="SYR")
    for outcome in ("grant", "grant", "refusal", ""):
        decision(d(2020, 3, 20), outcome)
    decision(d(2020, 2, 15), "withdrawn")
    decision(d(2020, 4, 1), "grant")


def month(
    code: str, first: int = 0, repeat: int = 0, minors: int = 0, **decided: int
) -> dict[str, Any]:
    decisions = dict.fromkeys(OUTCOMES, 0) | decided
    return {
        "month": code,
        "applications": {"first": first, "repeat": repeat},
        "applications_total": first + repeat,
        "unaccompanied": minors,
        "decisions": decisions,
        "decisions_total": sum(decisions.values()),
    }


def test_twelve_months_of_applications_and_decisions_and_the_top_five(
    register: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["report", "trends", "--month", "2020-03", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["from"], data["to"], data["as_of"]) == ("2020-03-01", "2020-03-31", "2020-03-31")
    codes = [f"2019-{m:02d}" for m in range(4, 13)] + ["2020-01", "2020-02", "2020-03"]
    expected = {code: month(code) for code in codes}
    expected["2020-02"] = month("2020-02", first=1, withdrawn=1)
    expected["2020-03"] = month(
        "2020-03", first=7, repeat=2, minors=2, grant=2, refusal=1, unrecorded=1
    )
    assert data["months"] == [expected[c] for c in codes]
    assert data["top_nationalities"] == [
        {"nationality": "SYR", "applications": 3},
        {"nationality": "ERI", "applications": 2},
        {"nationality": "AFG", "applications": 1},
        {"nationality": "IRN", "applications": 1},
        {"nationality": "IRQ", "applications": 1},
    ]


def test_the_month_so_far_as_of_an_earlier_day(
    register: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # Up to 12 March: the three Syrian and two Eritrean applications; no decision yet.
    assert cli(["report", "trends", "--month", "2020-03", "--as-of", "2020-03-12", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["months"][-1] == month("2020-03", first=3, repeat=2, minors=2)
    assert [t["nationality"] for t in data["top_nationalities"]] == ["SYR", "ERI"]


def test_a_month_that_names_none_exits_2(
    register: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["report", "trends", "--month", "2020-13", "--json"]) == 2
    assert "--month: 2020-13 is not a month" in capsys.readouterr().err
