# SPDX-License-Identifier: EUPL-1.2
"""Browser acceptance of the demo clock: the demo admin moves it a week, and the published
plan's team targets then show the week's progress.

The register is tests/integration/data/small after the cut-off split, planned for 8 weeks from
Monday 6 April 2020 by the real planner and published. A week later (Monday 13 April) plan week
0 has ended; the plan puts fewer than ten cases in it, so the demo decides every one of them
(synth.daily: 9 in 10, the missed count rounded down) and the progress table shows them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import assert_accessible, screenshot_path
from playwright.sync_api import expect

import factories as f
from verkeerstoren.cases.importing import import_path
from verkeerstoren.cases.law_figures import refresh_law_figures
from verkeerstoren.cases.models import Staff, StaffCompetency
from verkeerstoren.cases.services import apply_cutoff_split
from verkeerstoren.cutoff import CutoffRule
from verkeerstoren.plans import services
from verkeerstoren.plans.models import PlanAssignment, PlanVersion
from verkeerstoren.plans.tasks import execute_run

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SMALL = Path(__file__).parents[1] / "integration" / "data" / "small"
SCREENSHOT = screenshot_path("demo-clock")
AS_OF = "2020-04-06"


@pytest.fixture
def published(settings: Any) -> PlanVersion:
    settings.VERKEERSTOREN_DEMO = True
    settings.REGISTER_AS_OF = AS_OF
    import_path(SMALL)
    apply_cutoff_split(CutoffRule())
    # The competencies the planning tests give the small register's officers (planning_setup).
    s001, s003 = Staff.objects.get(code="S001"), Staff.objects.get(code="S003")
    StaffCompetency.objects.create(staff=s001, competency="amv", level="medior")
    StaffCompetency.objects.create(staff=s003, competency="conversion", level="senior")
    StaffCompetency.objects.create(staff=s003, competency="medical", level="senior")
    refresh_law_figures()
    admin = f.user("admin", superuser=True)
    run = services.start_plan_run(admin, dt.date.fromisoformat(AS_OF), 8, "taskforce", 3.0)
    execute_run(run.pk)
    run.refresh_from_db()
    return services.publish(run.version, admin)


def test_the_demo_clock_moves_a_week_and_team_target_progress_appears(
    live_server: Any, page: Any, published: PlanVersion
) -> None:
    week0 = PlanAssignment.objects.filter(version=published, week=0, team__isnull=False)
    assert 0 < week0.count() < 10  # the precondition of the module docstring
    page.goto(f"{live_server.url}/login/?next=/planning/versions/{published.pk}/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill(f.PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(f"{live_server.url}/planning/versions/{published.pk}/")

    # Before: the register day is 6 April and no plan week has ended.
    expect(page.locator("#clock-day")).to_have_text("6-4-2020")
    expect(page.locator("#progress-table")).to_have_count(0)
    assert_accessible(page, "plan version with the demo clock")

    page.locator("#clock-week-button").click()
    # The move runs to the end (synchronously) and brings the admin back to the same page.
    expect(page.locator("#clock-day")).to_have_text("13-4-2020", timeout=60_000)
    expect(page).to_have_url(re.compile(rf"/planning/versions/{published.pk}/$"))
    expect(page.get_by_role("status").filter(has_text="13-4-2020")).to_be_visible()

    # Progress of week 0: each team's decided count is its target, and more than zero.
    table = page.locator("#progress-table")
    expect(table).to_be_visible()
    decided = 0
    rows = table.locator("tbody tr")
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        target, actual = int(cells.nth(0).inner_text()), int(cells.nth(1).inner_text())
        assert actual == target
        decided += actual
    assert decided == week0.count() > 0
    page.screenshot(path=SCREENSHOT, full_page=True)
    assert_accessible(page, "plan version after a week")
