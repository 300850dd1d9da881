# SPDX-License-Identifier: EUPL-1.2
"""The weekly management report, every figure worked out by hand (both databases).

The week is 2020-W15, Monday 6 to Sunday 12 April 2020; the register's day 20 April 2020. A plan
of the Taskforce made on Monday 30 March (week 0 = 30 March to 5 April, week 1 = 6 to 12 April)
is published; team T1 is a Taskforce team, T2 a team of the regular directorate
(reports_setup.py makes them).

Decisions (decision sent):
    P1 taskforce, planned T1 week 1, decided Wed 04-08  -> T1 target and decided
    P2 taskforce, planned T1 week 1, open                -> T1 target
    P3 taskforce, planned T1 week 0, decided Tue 04-07   -> T1 decided (target of week 0)
    P4 regular,   planned T2 week 1, decided Tue 04-14   -> T2 target; open on 04-12
    U1 regular,   not planned,       decided Thu 04-09   -> outside the plan
So T1: target 2, decided 2; T2: target 1, decided 0; decisions: Taskforce 2, regular 1.

Open on Sunday 04-12 (DOMAIN.md §3.1 deadlines, Atw shifts; ages in whole months):
    S1 taskforce received 2020-01-10: under 6 months; status preparing (history)
    S2 taskforce received 2019-10-12: exactly 6 months on 04-12 -> 6 to 9; deadline Sun 04-12
       -> Easter Monday 04-13 is a holiday -> Tue 04-14: not overdue; hearing planned 04-01,
       back to ready for hearing 04-09: a hearing cancelled this week
    S3 regular received 2019-04-01: 9 to 15 months; deadline Tue 2019-10-01, overdue; notice
       received 2020-03-02 -> first penalty day 03-16; owed on 04-12: 28 days = 14 x 23 + 14 x 35
       = 812; on 04-05: 21 days = 322 + 7 x 35 = 567; accrued this week 245; the 28th day adds
       35, a burn of 245 a week; heard on 04-10 after hearing planned 03-20: a hearing held
    S4 taskforce received 2018-12-01: 15 months or more; deadline Sat 2019-06-01 -> Mon 06-03,
       overdue; notice received Wed 04-08 (this week) -> first penalty day 04-22: nothing owed;
       no status history, current status intention
    P2 taskforce received 2019-12-01: under 6 months; no history, registered
    P4 regular received 2020-02-01: under 6 months; its history starts on 04-13 (preparing):
       on 04-12 it was just registered
Stock: Taskforce 4 (S1, S2, S4, P2), regular 2 (S3, P4).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from reports_setup import weekly_register

from verkeerstoren.cli import django_setup
from verkeerstoren.cli import main as cli

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def register_day(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.REGISTER_AS_OF = "2020-04-20"
    monkeypatch.setattr(django_setup, "setup_django", lambda migrate=True: None)


@pytest.fixture
def register() -> dict[str, Any]:
    return weekly_register()


def streams(taskforce: Any, regular: Any, both: Any) -> dict[str, Any]:
    return {"taskforce": taskforce, "regular": regular, "all": both}


def test_every_figure_of_the_week_as_worked_out_by_hand(
    register: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["report", "weekly", "--week", "2020-W15", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["from"], data["to"], data["as_of"], data["regime"]) == (
        "2020-04-06", "2020-04-12", "2020-04-12", "awb",
    )  # fmt: skip
    assert data["decisions"] == streams(2, 1, 3)
    assert data["teams"] == [
        {"team": "T2", "name": "Team Zwolle", "stream": "regular", "decision_team": False,
         "target": 1, "decided": 0},
        {"team": "T1", "name": "Team Ter Apel", "stream": "taskforce", "decision_team": False,
         "target": 2, "decided": 2},
    ]  # fmt: skip
    assert data["outside_plan"] == streams(0, 1, 1)
    assert data["stock"] == streams(4, 2, 6)
    assert data["stock_by_age"] == {
        "0-6": streams(2, 1, 3),  # S1, P2 | P4
        "6-9": streams(1, 0, 1),  # S2
        "9-15": streams(0, 1, 1),  # S3
        "15+": streams(1, 0, 1),  # S4
    }
    expected_status = {s: streams(0, 0, 0) for s in (
        "registered", "preparing", "ready_for_hearing", "hearing_planned", "heard", "intention",
        "response",
    )}  # fmt: skip
    expected_status["registered"] = streams(1, 1, 2)  # P2 | P4
    expected_status["preparing"] = streams(1, 0, 1)  # S1
    expected_status["ready_for_hearing"] = streams(1, 0, 1)  # S2
    expected_status["heard"] = streams(0, 1, 1)  # S3
    expected_status["intention"] = streams(1, 0, 1)  # S4
    assert data["stock_by_status"] == expected_status
    assert data["overdue"] == streams(1, 1, 2)  # S4 | S3
    assert data["overdue_with_notice"] == streams(1, 1, 2)
    assert data["notices_received"] == streams(1, 0, 1)  # S4's of 04-08
    assert data["hearings"] == {"held": streams(0, 1, 1), "cancelled": streams(1, 0, 1)}
    none = {"owed_eur": 0.0, "accrued_eur": 0.0, "burn_eur_per_week": 0.0}
    s3 = {"owed_eur": 812.0, "accrued_eur": 245.0, "burn_eur_per_week": 245.0}
    assert data["penalties"] == streams(none, s3, s3)
    (p,) = data["plans"]
    assert (p["version"], p["stream"], p["as_of"]) == (
        register["version"].pk,
        "taskforce",
        "2020-03-30",
    )
    assert (p["cost"], p["lower_bound"], p["gap_eur"], p["gap_pct"]) == (1000.0, 900.0, 100.0, 10.0)
    forecast = data["forecast"]
    assert forecast["run"] == register["forecast"].pk
    assert forecast["clearance"]["p50_date"] == "2020-11-01"
    assert [r["p50"] for r in forecast["stock"]] == [6]  # the stock rows only


def test_an_earlier_day_of_the_week_counts_what_was_known_then(
    register: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    # As of Wed 04-08: P3 (04-07) and P1 (04-08) decided; U1 (04-09) not yet, so U1 is open.
    # S3 owes 24 days on 04-08: 322 + 10 x 35 = 672, accrued since 04-05: 672 - 567 = 105.
    # S2's hearing was not yet cancelled, S3's not yet held; S4's notice came on 04-08 itself.
    assert cli(["report", "weekly", "--week", "2020-W15", "--as-of", "2020-04-08", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["as_of"], data["complete"]) == ("2020-04-08", False)
    assert data["decisions"] == streams(2, 0, 2)
    assert data["outside_plan"] == streams(0, 0, 0)
    assert data["stock"] == streams(4, 3, 7)
    assert data["penalties"]["regular"] == {
        "owed_eur": 672.0, "accrued_eur": 105.0, "burn_eur_per_week": 245.0,
    }  # fmt: skip
    assert data["hearings"] == {"held": streams(0, 0, 0), "cancelled": streams(0, 0, 0)}
    assert data["notices_received"] == streams(1, 0, 1)
    assert data["stock_by_status"]["hearing_planned"] == streams(1, 1, 2)  # S2, S3


def test_a_week_that_names_none_or_has_not_begun_exits_2(
    register: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli(["report", "weekly", "--week", "2020-W54", "--json"]) == 2
    assert "--week: 2020-W54 is not a week" in capsys.readouterr().err
    assert cli(["report", "weekly", "--week", "2020-W18", "--json"]) == 2
    assert "--week: 2020-W18 starts after the register's day (20-4-2020)" in capsys.readouterr().err
