# SPDX-License-Identifier: EUPL-1.2
"""A hearing recorded as held or cancelled: the hearing's status, the case's process step and
the weekly report's counts change together; refusals write nothing; a re-schedule keeps them.

The register is hearing_setup's: the week of Monday 6 April 2020 (working days 6 to 9 April),
cases C1 to C3 heard orally, C4 written, all "ready for hearing".
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import hearing_setup
import pytest
from django.test import Client

import factories as f
from verkeerstoren.cases import models as cm
from verkeerstoren.cases.roles import Role
from verkeerstoren.cli import django_setup
from verkeerstoren.cli import main as cli
from verkeerstoren.hearings import services
from verkeerstoren.hearings.models import Disruption, Hearing, HearingScheduleRun
from verkeerstoren.hearings.tasks import execute_run

pytestmark = pytest.mark.django_db

hearing_register = hearing_setup.hearing_register  # the fixture (hearing_setup.py)
WEEK = "/hearings/weeks/2020-04-06/"
THURSDAY = dt.date(2020, 4, 9)


@pytest.fixture
def week(hearing_register: dict[str, Any], settings: Any) -> dict[str, Any]:
    """The week scheduled (made on Friday 3 April); the register's day is then Thursday 9 April."""
    planner = f.user("planner", Role.IND_PLANNER)
    run = services.start_schedule(planner, hearing_register["version"], 0, 5.0)
    done = execute_run(run.pk)
    assert done is not None and done.status == "done"
    settings.REGISTER_AS_OF = THURSDAY.isoformat()
    placed = {h.case.reference: h for h in Hearing.objects.filter(run=done, day__isnull=False)}
    assert {"C1", "C2"} <= set(placed), "C1 and C2 have an interpreter and a room"
    return {**hearing_register, "run": done, "placed": placed, "planner": planner}


def steps(case: cm.Case) -> list[tuple[str, dt.date]]:
    return list(case.status_history.order_by("date", "id").values_list("status", "date"))


def report_hearings(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> dict[str, Any]:
    monkeypatch.setattr(django_setup, "setup_django", lambda migrate=True: None)  # the test DB
    assert cli(["report", "weekly", "--week", "2020-W15", "--json"]) == 0
    return dict(json.loads(capsys.readouterr().out)["hearings"])


def test_held_makes_the_case_heard_on_the_hearing_day_and_the_report_counts_it(
    week: dict[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    c1 = week["placed"]["C1"]
    before = steps(c1.case)
    services.set_status(week["planner"], c1, "held", "  ")
    c1.refresh_from_db()
    assert (c1.status, c1.reason) == ("held", "")
    case = cm.Case.objects.get(reference="C1")
    assert case.status == "heard"
    # Planned and heard are both dated on the day the hearing took place, after what was there.
    assert steps(case) == [*before, ("hearing_planned", c1.day), ("heard", c1.day)]
    assert case.status_history.get(status="heard").recorded_by.username == "planner"
    assert c1.history.first().history_change_reason == "hearing held"
    assert report_hearings(capsys, monkeypatch) == {
        "held": {"taskforce": 1, "regular": 0, "all": 1},
        "cancelled": {"taskforce": 0, "regular": 0, "all": 0},
    }


def test_cancelled_takes_the_case_back_with_its_reason_and_the_report_counts_it(
    week: dict[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    c2 = week["placed"]["C2"]
    services.set_status(week["planner"], c2, "cancelled", "Applicant ill")
    c2.refresh_from_db()
    assert (c2.status, c2.reason) == ("cancelled", "Applicant ill")
    case = cm.Case.objects.get(reference="C2")
    assert case.status == "ready_for_hearing"
    assert steps(case)[-2:] == [("hearing_planned", THURSDAY), ("ready_for_hearing", THURSDAY)]
    assert report_hearings(capsys, monkeypatch)["cancelled"] == {
        "taskforce": 1,
        "regular": 0,
        "all": 1,
    }


def test_a_written_hearing_is_held_on_the_day_the_account_is_recorded(
    week: dict[str, Any],
) -> None:
    c4 = Hearing.objects.get(run=week["run"], case__reference="C4")
    assert c4.mode == "written" and c4.day is None
    services.set_status(week["planner"], c4, "held")
    assert steps(cm.Case.objects.get(reference="C4"))[-1] == ("heard", THURSDAY)


def unchanged(week: dict[str, Any]) -> dict[str, Any]:
    """What a refusal must leave as it is: every hearing's status, every case's history."""
    return {
        "hearings": sorted(Hearing.objects.values_list("pk", "status", "reason")),
        "steps": {c.reference: steps(c) for c in cm.Case.objects.all()},
        "statuses": sorted(cm.Case.objects.values_list("reference", "status")),
    }


@pytest.mark.parametrize(
    ("what", "field", "words"),
    [
        ("future", "status", "op of na die dag"),
        ("twice", "status", "Alleen een ingeroosterd gehoor"),
        ("unknown", "status", "gehouden of geannuleerd"),
        ("long_reason", "reason", "binnen 200 tekens"),
        ("not_ready", "status", "dossier"),
        ("heard_elsewhere", "status", "al gehoord"),
        ("superseded", "status", "geldende rooster"),
        ("before_last_step", "status", "voor de laatste statuswijziging"),
    ],
)
def test_refusals_name_the_problem_and_write_nothing(
    week: dict[str, Any], settings: Any, what: str, field: str, words: str
) -> None:
    c1 = week["placed"]["C1"]
    status, reason = "held", ""
    if what == "future":
        settings.REGISTER_AS_OF = (c1.day - dt.timedelta(days=1)).isoformat()
    elif what == "twice":
        services.set_status(week["planner"], c1, "cancelled")
    elif what == "unknown":
        status = "scheduled"
    elif what == "long_reason":
        reason = "x" * 201
    elif what == "not_ready":
        cm.Case.objects.filter(pk=c1.case_id).update(status="preparing")
    elif what == "heard_elsewhere":
        cm.Case.objects.filter(pk=c1.case_id).update(status="heard")
    elif what == "superseded":
        HearingScheduleRun.objects.filter(pk=week["run"].pk).update(current=False)
    elif what == "before_last_step":
        # A later step of the case is on record: the hearing day would go back in its history.
        settings.REGISTER_AS_OF = "2020-04-10"
        cm.StatusChange.objects.create(
            case_id=c1.case_id, status="ready_for_hearing", date=dt.date(2020, 4, 10)
        )
    before = unchanged(week)
    with pytest.raises(services.HearingError) as refused:
        services.set_status(week["planner"], c1, status, reason)
    assert refused.value.field == field
    assert words in refused.value.message
    assert unchanged(week) == before


def test_a_re_schedule_keeps_the_held_and_cancelled_hearings(
    week: dict[str, Any], settings: Any
) -> None:
    # Monday: C1 was heard in the morning and C2 cancelled; Tuesday to Thursday are still ahead.
    monday = dt.date(2020, 4, 6)
    c1, c2 = week["placed"]["C1"], week["placed"]["C2"]
    Hearing.objects.filter(pk=c1.pk).update(day=monday, slot=0)
    settings.REGISTER_AS_OF = monday.isoformat()
    services.set_status(week["planner"], Hearing.objects.get(pk=c1.pk), "held")
    services.set_status(week["planner"], c2, "cancelled", "Lawyer ill")
    _, again = services.disrupt(
        week["planner"], "room", "TA-H2", THURSDAY, THURSDAY, [0, 1], "repairs"
    )
    assert again is not None
    done = execute_run(again.pk)
    assert done is not None and done.current, HearingScheduleRun.objects.get(pk=again.pk).error
    rows = {h.case.reference: h for h in Hearing.objects.filter(run=done)}
    # The held hearing is a fact: carried over as it was, once.
    assert (rows["C1"].status, rows["C1"].day, rows["C1"].slot) == ("held", monday, 0)
    assert Hearing.objects.filter(run=done, case__reference="C1").count() == 1
    # The cancelled case is ready for its hearing again, so the re-schedule plans it anew.
    assert rows["C2"].status in ("scheduled", "unscheduled")
    if rows["C2"].day is not None:
        assert rows["C2"].day > monday


def test_the_week_page_records_an_outcome_for_fact_roles_only(
    client: Client, week: dict[str, Any]
) -> None:
    c1 = week["placed"]["C1"]
    url = f"/hearings/{c1.pk}/outcome/"
    client.force_login(f.user("boss", Role.IND_MANAGEMENT))
    page = client.get(WEEK).content.decode()
    assert url not in page  # management reads the week, records nothing
    assert client.post(url, {"status": "held"}).status_code == 403
    assert client.get(url).status_code in (403, 405)
    client.force_login(week["planner"])
    page = client.get(f"{WEEK}?officer=O1").content.decode()
    assert (
        f'action="{url}"' in page
        and 'name="next" value="/hearings/weeks/2020-04-06/?officer=O1"' in page
    )
    # Off-site ``next`` is not followed: back to the week's page.
    response = client.post(url, {"status": "held", "next": "https://example.org/"})
    assert (response.status_code, response["Location"]) == (302, WEEK)
    assert Hearing.objects.get(pk=c1.pk).status == "held"
    shown = client.get(WEEK).content.decode()
    assert "Gehoor van C1 vastgelegd als gehouden." in shown
    # A refusal is a message naming the case; nothing changes.
    again = client.post(url, {"status": "cancelled", "next": WEEK}, follow=True)
    assert "C1: Alleen een ingeroosterd gehoor" in again.content.decode()
    assert Hearing.objects.get(pk=c1.pk).status == "held"


def test_recording_an_outcome_needs_the_csrf_token(week: dict[str, Any]) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(week["planner"])
    c1 = week["placed"]["C1"]
    assert browser.post(f"/hearings/{c1.pk}/outcome/", {"status": "held"}).status_code == 403
    assert Hearing.objects.get(pk=c1.pk).status == "scheduled"


def test_the_case_page_records_the_outcome_and_shows_the_reason(
    client: Client, week: dict[str, Any]
) -> None:
    c2 = week["placed"]["C2"]
    url = f"/hearings/{c2.pk}/outcome/"
    client.force_login(f.user("boss", Role.IND_MANAGEMENT))
    page = client.get("/cases/C2/").content.decode()
    assert 'id="case-hearing"' in page and url not in page  # management: reads, records nothing
    client.force_login(week["planner"])
    page = client.get("/cases/C2/").content.decode()
    assert f'action="{url}"' in page and 'name="next" value="/cases/C2/"' in page
    response = client.post(
        url, {"status": "cancelled", "reason": "Tolk ziek", "next": "/cases/C2/"}
    )
    assert (response.status_code, response["Location"]) == (302, "/cases/C2/")
    page = client.get("/cases/C2/").content.decode()
    assert "Geannuleerd" in page or "geannuleerd" in page
    assert "Reden: Tolk ziek" in page and url not in page


@pytest.mark.parametrize("start", ["0001-01-03", "9999-12-31", "1999-12-31"])
def test_a_disruption_day_out_of_range_is_refused_at_the_field(
    client: Client, week: dict[str, Any], start: str
) -> None:
    client.force_login(week["planner"])
    response = client.post(WEEK, {"kind": "room", "code": "TA-H1", "start": start,
                                  "end": start, "slots": ["0"]})  # fmt: skip
    assert response.status_code == 400
    assert "id_start_error" in response.content.decode()
    assert not Disruption.objects.exists() and HearingScheduleRun.objects.count() == 1


def test_a_scheduled_hearing_is_recorded_at_the_hearing_not_by_a_status_change(
    client: Client, week: dict[str, Any]
) -> None:
    """The case page's status form and the API refuse *heard* while the hearing is scheduled
    (the message names its day), and write nothing; once held, the case goes on as usual."""
    from api_helpers import call, invalid_names, problem, token_for

    c1 = week["placed"]["C1"]
    case = cm.Case.objects.get(reference="C1")
    client.force_login(week["planner"])
    day = f"{c1.day.day}-{c1.day.month}-{c1.day.year}"
    form = {"status-version": case.version, "status-status": "heard",
            "status-date": THURSDAY.isoformat(), "status-outcome": ""}  # fmt: skip
    response = client.post("/cases/C1/status/", form)
    assert response.status_code == 400
    page = response.content.decode()
    assert "id_status-status_error" in page and f"ingeroosterd gehoor ({day})" in page
    token = token_for(week["planner"])
    path = "/cases/C1/status-changes"
    body = problem(
        call(client, "POST", path, token, {"status": "heard", "date": "2020-04-09"}), 409
    )
    assert invalid_names(body) == {"status"}
    case.refresh_from_db()
    assert case.status == "ready_for_hearing" and not case.status_history.filter(status="heard")
    assert Hearing.objects.get(pk=c1.pk).status == "scheduled"
    # Other steps are not held up: the plan may still move a case along before its hearing.
    response = call(
        client, "POST", path, token, {"status": "hearing_planned", "date": "2020-04-03"}
    )
    assert response.status_code == 201, response.content
    # Held at the hearing: the case is heard, and the next step goes through the status form.
    services.set_status(week["planner"], Hearing.objects.get(pk=c1.pk), "held")
    case.refresh_from_db()
    assert case.status == "heard"
    form = {"status-version": case.version, "status-status": "intention",
            "status-date": THURSDAY.isoformat(), "status-outcome": ""}  # fmt: skip
    assert client.post("/cases/C1/status/", form).status_code == 302


def test_hearings_follow_cases_the_register_moved_on(week: dict[str, Any]) -> None:
    """C1 heard in the register (as the demo clock records it), C2 withdrawn before its hearing:
    held and cancelled; the cases are not moved again; a second pass finds nothing."""
    from verkeerstoren.cases.facts.status import change_status

    c1, c2 = (cm.Case.objects.get(reference=r) for r in ("C1", "C2"))
    change_status(c1, "hearing_planned", dt.date(2020, 4, 6))
    change_status(c1, "heard", dt.date(2020, 4, 7))
    change_status(c2, "decided", dt.date(2020, 4, 7), outcome="withdrawn")
    before = {c.reference: steps(c) for c in cm.Case.objects.all()}
    assert services.follow_register(week["planner"]) == {
        "hearings_held": 1,
        "hearings_cancelled": 1,
    }
    statuses = dict(
        Hearing.objects.filter(run=week["run"]).values_list("case__reference", "status")
    )
    assert (statuses["C1"], statuses["C2"]) == ("held", "cancelled")
    assert statuses["C4"] == "scheduled"  # written, its case still ready for hearing
    assert {c.reference: steps(c) for c in cm.Case.objects.all()} == before
    assert services.follow_register(week["planner"]) == {
        "hearings_held": 0,
        "hearings_cancelled": 0,
    }


def test_the_demo_clock_settles_the_hearings_of_the_days_it_records(
    client: Client, week: dict[str, Any], settings: Any
) -> None:
    """The clock moves from Friday 3 April over the plan's week 0; it decides 9 in 10 of the
    week's cases after their missing steps (the hearing among them): each case it heard has its
    hearing held, and no hearing of a case past its hearing stays scheduled."""
    settings.VERKEERSTOREN_DEMO = True
    settings.REGISTER_AS_OF = "2020-04-03"
    scheduled = set(
        Hearing.objects.filter(run__current=True, status="scheduled").values_list(
            "case__reference", flat=True
        )
    )
    client.force_login(f.user("admin", superuser=True))
    response = client.post("/demo-clock/advance/", {"days": "7", "next": WEEK}, follow=True)
    assert response.redirect_chain == [(WEEK, 302)]
    past = ("heard", "intention", "response", "decided", "closed")
    moved = set(cm.Case.objects.filter(status__in=past).values_list("reference", flat=True))
    assert moved, "the clock decided some of the plan's week"
    rows = {h.case.reference: h for h in Hearing.objects.filter(run__current=True)}
    assert moved & scheduled, "the clock moved on a case with a scheduled hearing"
    for ref in moved & scheduled:
        heard = cm.StatusChange.objects.filter(case__reference=ref, status="heard").exists()
        assert rows[ref].status == ("held" if heard else "cancelled"), ref
    for ref in scheduled - moved:
        assert rows[ref].status == "scheduled", ref
    held = sum(rows[r].status == "held" for r in scheduled)
    cancelled = sum(rows[r].status == "cancelled" for r in scheduled)
    shown = response.content.decode()
    assert f"Gehoren van de verstreken dagen: {held} gehouden, {cancelled} geannuleerd." in shown
