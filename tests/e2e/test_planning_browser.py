# SPDX-License-Identifier: EUPL-1.2
"""Browser acceptance of planning: run a plan, pin a case elsewhere, re-plan, see the pin kept.

Runs go through the real database task backend and the real `db_worker` command, in the test
process (the live server's SQLite test database is in memory; see test_forecast_browser.py).
The register is tests/integration/data/small after the cut-off split, with a few competencies.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import assert_accessible, screenshot_path
from django.core.management import call_command
from playwright.sync_api import expect

import factories as f
from verkeerstoren.cases.importing import import_path
from verkeerstoren.cases.models import Staff, StaffCompetency
from verkeerstoren.cases.roles import Role
from verkeerstoren.cases.services import apply_cutoff_split
from verkeerstoren.cutoff import CutoffRule
from verkeerstoren.plans.models import PlanAssignment, PlanRun

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SMALL = Path(__file__).parents[1] / "integration" / "data" / "small"
SCREENSHOT = screenshot_path("planning-version")


@pytest.fixture
def register(settings: Any) -> None:
    settings.REGISTER_AS_OF = "2020-04-06"
    import_path(SMALL)
    apply_cutoff_split(CutoffRule())
    s001 = Staff.objects.get(code="S001")
    s003 = Staff.objects.get(code="S003")
    StaffCompetency.objects.create(staff=s001, competency="amv", level="medior")
    StaffCompetency.objects.create(staff=s003, competency="conversion", level="senior")
    StaffCompetency.objects.create(staff=s003, competency="medical", level="senior")
    f.user("planner", Role.IND_PLANNER)


def sign_in(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/login/?next=/planning/")
    page.locator("#id_username").fill("planner")
    page.locator("#id_password").fill(f.PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(f"{base_url}/planning/")  # not the login page's ?next=


def run_worker_and_open_version(page: Any) -> None:
    """Let the worker run the queued plan; the polling status then links to the version."""
    expect(page).to_have_url(re.compile(r"/planning/runs/\d+/$"))
    call_command("db_worker", batch=True, startup_delay=False, interval=0, reload=False)
    link = page.locator("#plan-version-link")
    expect(link).to_be_visible(timeout=10_000)
    link.click()
    expect(page).to_have_url(re.compile(r"/planning/versions/\d+/$"))


def test_plan_pin_replan_keeps_the_pin(live_server: Any, page: Any, register: None) -> None:
    sign_in(page, live_server.url)
    expect(page.locator("nav a[href='/planning/']")).to_have_attribute("aria-current", "page")
    assert page.locator("#id_as_of").input_value() == "2020-04-06"
    page.locator("#id_horizon_weeks").fill("8")
    page.locator("#id_time_limit").fill("2")
    assert_accessible(page, "planning start page")
    page.locator("form.utrecht-form button[type=submit]").click()

    # Queued: the run page polls until a worker has run it.
    expect(page.locator("#plan-run-status")).to_contain_text("worker")
    assert PlanRun.objects.get().status == "queued"
    run_worker_and_open_version(page)
    first = PlanRun.objects.get().version
    original = PlanAssignment.objects.get(version=first, case__reference="RG-0000005")
    assert original.week == 0  # the cheapest week for this court re-entry
    expect(page.locator("#targets-table")).to_be_visible()
    expect(page.locator("#baseline-table")).to_contain_text("FIFO")
    assert_accessible(page, "plan version")

    # A pin that breaks a rule: the error is shown at the officer field.
    page.locator("#id_case").fill("TF-0000001")
    page.locator("#id_officer").fill("S001")
    page.locator("#id_week").fill("2")
    page.locator("#pin-button").click()
    expect(page.locator("#id_officer_error")).to_contain_text("KDT")
    expect(page.locator("#id_officer")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "pin form with an error")

    # Pin the court re-entry to another week than the plan chose, then re-plan.
    page.locator("#id_case").fill("RG-0000005")
    page.locator("#id_officer").fill("S003")
    page.locator("#id_week").fill("3")
    page.locator("#pin-button").click()
    expect(page.locator("#pins-table")).to_contain_text("RG-0000005")
    page.locator("#replan-button").click()
    run_worker_and_open_version(page)

    # The new version keeps the pin: S003's work list has the case in week 3, marked pinned.
    page.locator("#id_officer_pick").select_option("S003")
    page.get_by_role("button", name=re.compile("werklijst|work list", re.I)).click()
    row = page.locator("#worklist-table tr", has_text="RG-0000005")
    expect(row).to_contain_text("3 (")
    expect(row.locator(".vt-badge")).to_be_visible()
    second = PlanRun.objects.order_by("-pk").first()
    assert second is not None and second.replan_of_id == first.pk
    kept = PlanAssignment.objects.get(version=second.version, case__reference="RG-0000005")
    assert (kept.officer and kept.officer.code, kept.week, kept.pinned) == ("S003", 3, True)
    page.screenshot(path=SCREENSHOT, full_page=True)
    assert_accessible(page, "plan version with a work list")
