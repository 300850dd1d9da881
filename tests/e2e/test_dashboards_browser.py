# SPDX-License-Identifier: EUPL-1.2
"""Browser acceptance of the chain dashboards: COA and DT&V show their data and no motives.

The register's day is Monday 2020-04-06. Ter Apel has 7 reception places and three open cases
(Z-1 regular, Z-2 complex, Z-3 on track 1), Zevenaar one (Z-4 on track 2); every case carries a
feature that reveals a motive. The published plan puts Z-1 and Z-2 in the week of 6-4, Z-3 and
Z-4 in the week of 13-4. The forecast (a real run of the engine, in the test process) has grant
rates regular 60% and complex 30%. The partners are not shown what follows from motives, so Z-2
counts as a regular case (60%) as Z-1 does: Z-3 and Z-4 (100%) are likely refusals, Z-1 and
Z-2 (40%) are not.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from browser_helpers import assert_accessible, screenshot_path
from playwright.sync_api import expect

import factories as f
from verkeerstoren.cases.models import Team
from verkeerstoren.cases.roles import Role
from verkeerstoren.forecasts import services as forecasts
from verkeerstoren.forecasts.tasks import execute_run
from verkeerstoren.intaketable.models import ReceptionCapacity
from verkeerstoren.plans import services as plans
from verkeerstoren.plans.models import PlanAssignment, PlanRun, PlanVersion

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DAY = dt.date(2020, 4, 6)
MOTIVES = ("LHBTI", "LGBTI", "Bekering", "Conversion", "Medisch", "Mensenhandel", "lgbti")
SCENARIO: dict[str, Any] = {
    "name": "browser-dash",
    "start_date": "2020-04-01",
    "horizon_weeks": 6,
    "seed": 1,
    "case_types": [
        {
            "name": "regular",
            "term_weeks": 26,
            "hours_oral": 20,
            "grant_share": 0.6,
            "initial_stock": [{"age_weeks": [0, 9], "count": 50}],
        },
        {"name": "complex", "term_weeks": 26, "hours_oral": 20, "grant_share": 0.3},
    ],
    "inflow": {"rate_per_week": [{"from": 0, "value": 0}], "type_shares": {"regular": 1}},
    "capacity": {
        "mode": "decisions",
        "decisions_per_week": [{"from": 0, "value": 5}],
        "distribution": "fixed",
    },
}


@pytest.fixture
def chain(settings: Any) -> None:
    settings.REGISTER_AS_OF = DAY.isoformat()
    ta, zv = f.location("TA", "Ter Apel"), f.location("ZV", "Zevenaar")
    ReceptionCapacity.objects.create(location=ta, places=7)
    cases = {
        "Z-1": f.case(reference="Z-1", location=ta, received=dt.date(2020, 3, 2), features=["lgbti"]),
        "Z-2": f.case(reference="Z-2", location=ta, received=dt.date(2020, 3, 3),
                      complexity="complex", features=["conversion"]),
        "Z-3": f.case(reference="Z-3", location=ta, received=dt.date(2020, 3, 16), track="1",
                      features=["medical"]),
        "Z-4": f.case(reference="Z-4", location=zv, received=dt.date(2020, 3, 18), track="2",
                      features=["trafficking"]),
    }  # fmt: skip
    team = Team.objects.create(code="T1", name="Team 1", location=ta, stream="taskforce")
    run = PlanRun.objects.create(as_of=DAY, horizon_weeks=4, stream="all", time_limit=1.0)
    zero: dict[str, Any] = dict.fromkeys(
        ["cost", "lower_bound", "gap_pct", "seconds", "fifo_cost", "edf_cost",
         "expected_penalty_eur", "late_days", "fifo_penalty_eur", "fifo_late_days",
         "edf_penalty_eur", "edf_late_days"],
        0.0,
    )  # fmt: skip
    version = PlanVersion.objects.create(
        run=run, as_of=DAY, horizon_weeks=4, stream="all", solver_status="optimal",
        case_count=4, planned_count=4, staff_count=0, **zero,
    )  # fmt: skip
    for ref, week in (("Z-1", 0), ("Z-2", 0), ("Z-3", 1), ("Z-4", 1)):
        PlanAssignment.objects.create(
            version=version, case=cases[ref], team=team, week=week, cost=0
        )
    plans.publish(version, f.user("lead", Role.IND_TEAM_LEAD))
    forecast = forecasts.start_forecast(SCENARIO, f.user("coa", Role.COA_PLANNER), replications=10)
    execute_run(forecast.pk)
    f.user("dtv", Role.DTV_PLANNER)


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f.PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/$"))


def assert_no_motives(page: Any) -> None:
    body = page.locator("main").inner_text()
    found = [m for m in MOTIVES if re.search(rf"\b{m}\b", body)]
    assert not found, found


def test_coa_sees_occupancy_outflow_and_no_motives(
    live_server: Any, page: Any, chain: None
) -> None:
    sign_in(page, live_server.url, "coa")
    # The menu leads to COA's own dashboard, by keyboard too.
    link = page.get_by_role("link", name="Dashboard COA")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/dashboards/coa/$"))
    expect(page.locator("h1")).to_contain_text("Dashboard COA")
    # Ter Apel: 3 open cases of 7 places, 4 free, 43%.
    ter_apel = page.locator("#occupancy-table tbody tr").filter(has_text="Ter Apel")
    expect(ter_apel.locator("td")).to_have_text(["3", "7", "4", "43%"])
    # Week of 6-4: Z-1 and Z-2 at 60% each: 1,2 expected grants and 0,8 refusals.
    week = page.locator("#outflow-table tbody tr").filter(has_text="6-4-2020")
    expect(week.locator("td")).to_have_text(["2", "1,2", "0,8"])
    expect(page.locator("#reception-national")).to_be_visible()
    for slug in ("occupancy", "reception", "outflow"):
        expect(page.locator(f"#chart-{slug} svg").first).to_be_visible()
    assert_no_motives(page)
    page.screenshot(path=screenshot_path("dashboard-coa"), full_page=True)
    assert_accessible(page, "COA dashboard")


def test_dtv_sees_likely_refusals_and_no_motives(live_server: Any, page: Any, chain: None) -> None:
    sign_in(page, live_server.url, "dtv")
    page.get_by_role("link", name="Dashboard DT&V").click()
    expect(page).to_have_url(re.compile(r"/dashboards/dtv/$"))
    rows = page.locator("#likely-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first.locator("th")).to_have_text("Z-3")
    expect(rows.first.locator("td")).to_contain_text(["Spoor 1 (Dublin)", "Ter Apel", "13-4-2020"])
    expect(rows.first.locator("td").last).to_have_text("100%")
    for hidden in ("Z-1", "Z-2", "70%"):
        expect(page.locator("#likely-table")).not_to_contain_text(hidden)
    expect(page.locator("#track-1-total")).to_have_text("1")
    expect(page.locator("#chart-tracks svg").first).to_be_visible()
    assert_no_motives(page)
    page.screenshot(path=screenshot_path("dashboard-dtv"), full_page=True)
    assert_accessible(page, "DT&V dashboard")
    # The as-of switch: a day before any case was received shows that day's (empty) figures.
    page.locator("#id_asOf").fill("2020-02-01")
    page.locator("#as-of-switch button[type=submit]").click()
    expect(page.locator("#as-of-banner")).to_contain_text("1-2-2020")
    expect(page.locator("#tracks-empty")).to_be_visible()
    assert_accessible(page, "DT&V dashboard as of another day")


def test_management_sees_the_control_tower(live_server: Any, page: Any, chain: None) -> None:
    sign_in(page, live_server.url, "lead")
    page.get_by_role("link", name="Dashboard management").click()
    expect(page).to_have_url(re.compile(r"/dashboards/management/$"))
    # Four open cases on 6-4; the plan expects 4 - 2 after the week of 6-4.
    expect(page.locator("#figure-open")).to_have_text("4")
    page.locator("summary").first.click()
    week = page.locator("#burndown-table-1 tbody tr").filter(has_text="12-4-2020")
    expect(week.locator("td")).to_have_text(["—", "2"])
    for slug in ("burndown-0", "penalties", "targets"):
        expect(page.locator(f"#chart-{slug} svg").first).to_be_visible()
    page.screenshot(path=screenshot_path("dashboard-management"), full_page=True)
    assert_accessible(page, "management dashboard")
