# SPDX-License-Identifier: EUPL-1.2
"""Hearing pages: make the week's schedule, disrupt and re-schedule, the lawyer's planning list
(legal aid sees its own clients only), COA's transport list without motives, CSV and ICS."""

from __future__ import annotations

import csv
import io
from typing import Any

import hearing_setup
import pytest
from django.test import Client
from icalendar import Calendar

import factories as f
from verkeerstoren.cases.models import AccessLog, CaseFeature
from verkeerstoren.cases.roles import Role
from verkeerstoren.hearings.models import Hearing, HearingScheduleRun, LawyerAccount
from verkeerstoren.hearings.tasks import execute_run

pytestmark = pytest.mark.django_db

hearing_register = hearing_setup.hearing_register  # the fixture (hearing_setup.py)
WEEK = "/hearings/weeks/2020-04-06/"


def _login(client: Client, *roles: Role, name: str = "u") -> Any:
    user = f.user(name, *roles)
    client.force_login(user)
    return user


def _scheduled(client: Client) -> HearingScheduleRun:
    response = client.post("/hearings/", {"week": "0", "time_limit": "5"})
    assert response.status_code == 302, response.content.decode()[:500]
    run = HearingScheduleRun.objects.get()
    assert response["Location"] == f"/hearings/runs/{run.pk}/"
    done = execute_run(run.pk)
    assert done is not None and done.status == "done"
    return done


def test_a_planner_makes_the_schedule_and_re_schedules_after_a_disruption(
    client: Client, hearing_register: dict[str, Any]
) -> None:
    _login(client, Role.IND_PLANNER)
    run = _scheduled(client)
    page = client.get(WEEK).content.decode()
    assert "C1" in page and "C2" in page and "C4" in page
    c1 = Hearing.objects.get(run=run, case__reference="C1")
    assert client.get(f"/hearings/runs/{run.pk}/status/").status_code == 200
    # Bad input: the message is at the field and nothing is recorded.
    bad = client.post(WEEK, {"kind": "interpreter", "code": "NOPE", "start": "2020-04-07",
                             "end": "2020-04-07", "slots": ["0"]})  # fmt: skip
    assert bad.status_code == 400 and "id_code_error" in bad.content.decode()
    assert HearingScheduleRun.objects.count() == 1
    response = client.post(WEEK, {
        "kind": "interpreter", "code": c1.interpreter.code, "start": c1.day.isoformat(),
        "end": c1.day.isoformat(), "slots": [str(c1.slot)], "reason": "ill",
    })  # fmt: skip
    assert response.status_code == 302
    again = HearingScheduleRun.objects.exclude(pk=run.pk).get()
    done = execute_run(again.pk)
    assert done is not None and done.current and done.violations == []
    status = client.get(f"/hearings/runs/{again.pk}/status/").content.decode()
    assert "who-to-tell" in status and "C1" in status and "A1" in status
    # The list names cases: each read is logged, and its days read d-m-yyyy.
    logged = AccessLog.objects.filter(activity="hearings.schedule", detail=f"run {again.pk}")
    assert "C1" in set(logged.values_list("object_ref", flat=True))
    assert f"{c1.day.day}-{c1.day.month}-{c1.day.year}" in status
    assert c1.day.isoformat() not in status


def test_a_lawyer_sees_only_its_own_clients(
    client: Client, hearing_register: dict[str, Any]
) -> None:
    _login(client, Role.IND_PLANNER, name="planner")
    _scheduled(client)
    lawyer = _login(client, Role.LEGAL_AID, name="lawyer")
    LawyerAccount.objects.create(user=lawyer, lawyer=hearing_register["lawyers"]["A1"])
    page = client.get("/hearings/planning-list/?lawyer=A2").content.decode()
    assert "C1" in page and "C2" not in page and "C3" not in page  # ?lawyer= is ignored
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/hearings/planning-list/?format=csv").content.decode())
        )
    )
    assert [r["case"] for r in rows] == ["C1"]
    assert "officer" not in rows[0] and "interpreter" not in rows[0]
    assert client.get(WEEK).status_code == 403
    assert client.get("/cases/C1/").status_code in (403, 404)
    logged = AccessLog.objects.filter(username="lawyer", activity="hearings.lawyer")
    assert list(logged.values_list("object_ref", flat=True)) == ["C1"] * logged.count()


def test_coa_transport_list_has_no_motives(
    client: Client, hearing_register: dict[str, Any]
) -> None:
    CaseFeature.objects.create(case=hearing_register["cases"]["C1"], feature="lgbti")
    _login(client, Role.IND_PLANNER, name="planner")
    _scheduled(client)
    _login(client, Role.COA_PLANNER, name="coa")
    page = client.get("/hearings/transport/").content.decode()
    assert "C1" in page and "C2" in page and "Ter Apel" in page
    for hidden in ("lgbti", "LGBTI", "O1", "I1", "A1", "mr. A. Jansen", "TA-H"):
        assert hidden not in page, hidden
    dashboard = client.get("/dashboards/coa/").content.decode()
    assert "transport-table" in dashboard and "C1" in dashboard and "lgbti" not in dashboard
    text = client.get("/hearings/transport/?week=2020-04-06&format=csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["case"] for r in rows} == {"C1", "C2"} and set(rows[0]) == {
        "case",
        "day",
        "slot",
        "location",
        "mode",
    }
    assert client.get(WEEK).status_code == 403


def test_ics_and_csv_exports_are_well_formed(
    client: Client, hearing_register: dict[str, Any]
) -> None:
    _login(client, Role.IND_PLANNER)
    run = _scheduled(client)
    response = client.get(WEEK + "?format=ics")
    assert response["Content-Type"] == "text/calendar"
    cal = Calendar.from_ical(response.content)
    events = [e for e in cal.walk("VEVENT")]
    placed = Hearing.objects.filter(run=run).exclude(day=None, due_date=None)
    assert (
        len(events) == placed.count() == 3
    )  # C1, C2 and the written C4 (all day, on its due date)
    for e in events:
        assert e.decoded("dtstart") < e.decoded("dtend")
    officer = client.get(WEEK + "?officer=O1&format=csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(officer)))
    assert sorted(r["case"] for r in rows) == ["C1", "C2"] and all(
        r["officer"] == "O1" for r in rows
    )
    board = client.get(WEEK + "?location=TA").content.decode()
    assert "C3" in board  # the room board lists what is not scheduled too, with its status


def test_the_case_page_shows_the_hearing(client: Client, hearing_register: dict[str, Any]) -> None:
    _login(client, Role.IND_PLANNER)
    run = _scheduled(client)
    h = Hearing.objects.get(run=run, case__reference="C1")
    page = client.get("/cases/C1/").content.decode()
    assert 'id="case-hearing"' in page and h.day.strftime("%-d-%-m-%Y") in page


def test_the_api_gives_the_case_hearings_to_ind_only(
    client: Client, hearing_register: dict[str, Any]
) -> None:
    from api_helpers import call, token_for

    planner = _login(client, Role.IND_PLANNER)
    run = _scheduled(client)
    h = Hearing.objects.get(run=run, case__reference="C1")
    response = call(client, "GET", "/cases/C1/hearings", token_for(planner))
    assert response.status_code == 200
    [item] = response.json()
    assert item["status"] == "scheduled" and item["day"] == h.day.isoformat()
    assert item["weekStart"] == "2020-04-06" and item["room"] == h.room.code
    [written] = call(client, "GET", "/cases/C4/hearings", token_for(planner)).json()
    assert written["dueDate"] == "2020-04-20" and written["slot"] is None
    coa = f.user("coa", Role.COA_PLANNER)
    assert call(client, "GET", "/cases/C1/hearings", token_for(coa)).status_code == 403
