# SPDX-License-Identifier: EUPL-1.2
"""Browser acceptance of the forecast pages: a comparison from form to fan charts, in Chromium.

The run goes through the real database task backend and the real `db_worker` command. The worker
runs in the test process: the live server's SQLite test database is in memory, which a separate
worker process could not open. The page is left polling (htmx) until the worker has finished.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_helpers import assert_accessible, screenshot_path
from django.core.management import call_command
from playwright.sync_api import expect

import factories as f
from verkeerstoren.cases.roles import Role
from verkeerstoren.forecasts.models import ForecastRun

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOT = screenshot_path("forecast-comparison")
HORIZON = 20
CHARTS = ("stock", "overdue", "penalties", "reception")


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/?next=/forecasts/compare/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f.PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(f"{base_url}/forecasts/compare/")  # not the login page's ?next=


def test_compare_two_scenarios_and_read_both_fans(live_server: Any, page: Any) -> None:
    f.user("coa", Role.COA_PLANNER)
    sign_in(page, live_server.url, "coa")
    assert_accessible(page, "forecast compare form")

    page.locator("#id_a_source").select_option("example:tf2020")
    page.locator("#id_b_source").select_option("example:tf2020-plus200temps")
    page.locator("#id_replications").fill("30")
    page.locator("#id_horizon_weeks").fill(str(HORIZON))
    page.locator("form.utrecht-form button[type=submit]").click()

    # Queued: the run page shows a progress bar and polls; nothing has run yet.
    expect(page).to_have_url(re.compile(r"/forecasts/runs/\d+/$"))
    expect(page.locator("#forecast-progress")).to_be_visible()
    run = ForecastRun.objects.get()
    assert run.status == "queued" and run.kind == "comparison"

    # The worker picks up the queued task; --batch returns when the queue is empty.
    call_command("db_worker", batch=True, startup_delay=False, interval=0, reload=False)
    run.refresh_from_db()
    assert run.status == "done", run.error

    # The next poll swaps in the results, and vega-embed draws every chart as SVG.
    expect(page.locator("#forecast-results")).to_be_visible(timeout=10_000)
    expect(page.locator("#forecast-progress")).to_have_count(0)
    for slug in CHARTS:
        chart = page.locator(f"#chart-{slug}")
        expect(chart.locator("svg").first).to_be_visible()
        # Both fans: the legend names both scenarios and each band layer draws two areas.
        expect(chart.locator("svg")).to_contain_text("A: tf2020")
        expect(chart.locator("svg")).to_contain_text("B: tf2020-plus200temps")
        assert chart.locator("svg .mark-area path").count() >= 4, slug
        assert chart.locator("svg .mark-line path").count() >= 2, slug
    # The target date (31 Dec 2020) lies beyond a 20-week horizon, so its rule widens the axis.
    target_rule = "svg .mark-rule.role-mark line[stroke='#b3261e']"
    expect(page.locator(f"#chart-stock {target_rule}")).to_have_count(1)
    expect(page.locator(f"#chart-overdue {target_rule}")).to_have_count(0)

    # Table alternatives: per chart a table for A, for B and for the paired difference.
    details = page.locator("#chart-stock").locator("xpath=..").locator("details")
    details.locator("summary").click()
    tables = details.locator("table")
    expect(tables).to_have_count(3)
    expect(tables.first.locator("tbody tr")).to_have_count(HORIZON)
    # The target date is after the horizon: paired differences in the last week only.
    expect(page.locator(".vt-difference-table")).to_have_count(1)
    expect(page.locator("#difference-table-1 tbody tr")).to_have_count(len(CHARTS))
    expect(page.locator("#clearance-table")).to_be_visible()

    page.screenshot(path=SCREENSHOT, full_page=True)
    assert_accessible(page, "forecast comparison result")


def test_a_wrong_scenario_field_is_named_in_the_form(live_server: Any, page: Any) -> None:
    f.user("planner", Role.IND_PLANNER)
    sign_in(page, live_server.url, "planner")
    page.goto(f"{live_server.url}/forecasts/?source=example:tf2020")
    page.locator("#id_notice_probability").fill("30")
    page.locator("details.vt-details summary").first.click()
    editor = page.locator("#id_scenario_json")
    editor.fill(editor.input_value().replace('"horizon_weeks": 96', '"horizon_weeks": "long"'))
    page.locator("button[name=action][value=run]").click()

    error = page.locator("#id_scenario_json_error")
    expect(error).to_contain_text("horizon_weeks")
    expect(editor).to_have_attribute("aria-invalid", "true")
    assert ForecastRun.objects.count() == 0
    assert_accessible(page, "forecast form with an error")
