# SPDX-License-Identifier: EUPL-1.2
"""Browser acceptance of hearings: a planner makes the week's schedule and re-schedules after an
interpreter falls ill; a lawyer (legal aid) sees only its clients' hearings; COA sees its
transport list without motives. The register is tests/integration/hearing_setup.py's; runs go
through the real database task backend and the `db_worker` command, in the test process."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_helpers import assert_accessible
from django.core.management import call_command
from playwright.sync_api import expect

import factories as f
from integration import hearing_setup
from verkeerstoren.cases.models import CaseFeature
from verkeerstoren.cases.roles import Role
from verkeerstoren.hearings.models import Hearing, HearingScheduleRun, LawyerAccount
from verkeerstoren.hearings.tasks import execute_run

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

hearing_register = hearing_setup.hearing_register  # the fixture (hearing_setup.py)


def sign_in(page: Any, base_url: str, username: str, target: str) -> None:
    page.goto(f"{base_url}/login/?next={target}")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f.PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(base_url + target)  # not the login page's ?next=


def work() -> None:
    call_command("db_worker", batch=True, startup_delay=False, interval=0, reload=False)


def test_a_planner_schedules_the_week_and_re_schedules_after_an_interpreter_falls_ill(
    live_server: Any, page: Any, hearing_register: dict[str, Any], settings: Any
) -> None:
    f.user("planner", Role.IND_PLANNER)
    sign_in(page, live_server.url, "planner", "/hearings/")
    page.locator("#id_week").fill("0")
    page.locator("#id_time_limit").fill("3")
    assert_accessible(page, "hearings start page")
    page.locator("#schedule-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/hearings/runs/\d+/$"))
    work()
    link = page.locator("#hearing-week-link")
    expect(link).to_be_visible(timeout=10_000)
    link.click()
    table = page.locator("#hearing-table")
    expect(table).to_contain_text("C1")
    expect(table).to_contain_text("C2")
    assert_accessible(page, "week's hearing schedule")
    c1 = Hearing.objects.get(run__current=True, case__reference="C1")
    # The interpreter of C1 falls ill in C1's slot: record it and re-schedule.
    page.locator("#id_kind").select_option("interpreter")
    page.locator("#id_code").fill(c1.interpreter.code)
    page.locator("#id_start").fill(c1.day.isoformat())
    page.locator("#id_end").fill(c1.day.isoformat())
    page.locator(f"#id_slots_{c1.slot}").check()
    page.locator("#id_reason").fill("ill")
    page.locator("#disruption-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/hearings/runs/\d+/$"))
    work()
    tell = page.locator("#who-to-tell")
    expect(tell).to_be_visible(timeout=10_000)
    expect(tell).to_contain_text("C1")
    expect(tell).to_contain_text("A1")
    assert_accessible(page, "re-schedule result")
    current = HearingScheduleRun.objects.get(current=True)
    assert current.reschedule_of_id is not None and current.violations == []

    # C2's day has come: the officer records it as held from the week's page, by keyboard.
    c2 = Hearing.objects.get(run=current, case__reference="C2")
    assert c2.day is not None
    settings.REGISTER_AS_OF = c2.day.isoformat()
    page.goto(f"{live_server.url}/hearings/weeks/{current.week_start.isoformat()}/")
    page.locator(f"#outcome-reason-{c2.pk}").focus()
    page.keyboard.press("Tab")  # the reason's next control: "Gehouden"
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Gehoor van C2 vastgelegd als gehouden.")
    row = page.locator("#hearing-table tr", has_text="C2")
    expect(row.locator("td[data-status=held]")).to_have_text("gehouden")
    expect(page.locator(f"#outcome-{c2.pk}")).to_have_count(0)
    assert Hearing.objects.get(pk=c2.pk).case.status == "heard"


def _schedule(hearing_register: dict[str, Any]) -> None:
    from verkeerstoren.hearings import services

    run = services.start_schedule(None, hearing_register["version"], 0, 3.0)
    assert execute_run(run.pk) is not None


def test_a_lawyer_sees_only_its_clients_hearings(
    live_server: Any, page: Any, hearing_register: dict[str, Any]
) -> None:
    _schedule(hearing_register)
    lawyer = f.user("lawyer", Role.LEGAL_AID)
    LawyerAccount.objects.create(user=lawyer, lawyer=hearing_register["lawyers"]["A1"])
    sign_in(page, live_server.url, "lawyer", "/hearings/planning-list/")
    table = page.locator("#hearing-table")
    expect(table).to_contain_text("C1")
    expect(table).not_to_contain_text("C2")
    expect(page.locator("#lawyer-name")).to_have_text("mr. A. Jansen")
    assert_accessible(page, "lawyer's planning list")
    response = page.goto(f"{live_server.url}/hearings/weeks/2020-04-06/")
    assert response is not None and response.status == 403


def test_coa_sees_its_transport_list_without_motives(
    live_server: Any, page: Any, hearing_register: dict[str, Any]
) -> None:
    CaseFeature.objects.create(case=hearing_register["cases"]["C1"], feature="lgbti")
    _schedule(hearing_register)
    f.user("coa", Role.COA_PLANNER)
    sign_in(page, live_server.url, "coa", "/hearings/transport/")
    table = page.locator("#transport-table")
    expect(table).to_contain_text("C1")
    expect(table).to_contain_text("Ter Apel")
    html = str(page.content())
    for hidden in ("lgbti", "LGBTI", "O1", "I1", "A1", "Jansen"):
        assert hidden not in html, hidden
    assert_accessible(page, "COA transport list")
