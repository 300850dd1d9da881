# SPDX-License-Identifier: EUPL-1.2
"""Browser acceptance of the reports: management makes the weekly report, reads it and downloads
it as PDF, XLSX and HTML, in Chromium.

The version goes through the real database task backend and the real `db_worker` command, run in
the test process (the live server's SQLite test database is in memory). The page polls (htmx)
until the worker has made the report; vega-embed then draws its charts from the stored specs.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import openpyxl
import pytest
from browser_helpers import assert_accessible, screenshot_path
from django.core.management import call_command
from playwright.sync_api import expect

import factories as f
from verkeerstoren.cases.models import LegalEvent
from verkeerstoren.cases.roles import Role
from verkeerstoren.reports.models import ReportVersion

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOT = screenshot_path("weekly-report")
d = dt.date


@pytest.fixture
def register(settings: Any) -> None:
    # Week 2020-W15 (6-12 April 2020), the register's day 20 April. Two open Taskforce cases
    # (received 2019-10-01: 6 to 9 months old; 2018-12-03: 15 months or more), one regular
    # case decided on Wednesday 8 April.
    settings.REGISTER_AS_OF = "2020-04-20"
    f.case(received=d(2019, 10, 1), stream="taskforce")
    f.case(received=d(2018, 12, 3), stream="taskforce", status="heard")
    decided = f.case(received=d(2019, 11, 4), stream="regular", status="decided", outcome="grant")
    LegalEvent.objects.create(
        case=decided, kind="decision_sent", date=d(2020, 4, 8), outcome="grant"
    )


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/?next=/reports/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f.PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(f"{base_url}/reports/")  # not the login page's ?next=


def test_management_opens_the_weekly_report_and_downloads_all_three_formats(
    live_server: Any, page: Any, register: None
) -> None:
    f.user("manager", Role.IND_MANAGEMENT)
    sign_in(page, live_server.url, "manager")
    expect(page.get_by_role("link", name="Rapportages")).to_have_attribute("aria-current", "page")
    assert_accessible(page, "reports list")

    # The form proposes the last week that ended before the register's day; ask for week 15.
    expect(page.locator("#id_period")).to_have_value("2020-W16")
    page.locator("#id_kind").select_option("weekly")
    page.locator("#id_period").fill("2020-W15")
    page.locator("#report-make button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    expect(page.locator("#report-progress")).to_be_visible()
    version = ReportVersion.objects.get()
    assert version.status == "queued"

    call_command("db_worker", batch=True, startup_delay=False, interval=0, reload=False)
    version.refresh_from_db()
    assert version.status == "done", version.error

    # The next poll swaps in the report; its charts are drawn, each followed by its table.
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(
        "Wekelijkse managementrapportage, week 15 van 2020", timeout=15_000
    )
    expect(page.locator("#report-progress")).to_have_count(0)
    expect(page.locator("#chart-stock-age svg").first).to_be_visible()
    expect(page.locator("#stock-age-table tbody tr")).to_have_count(5)  # four ages and the total
    # Regular directorate: the decision of 8 April; Taskforce: none.
    expect(page.locator("#decisions-table tbody tr").first).to_contain_text("Beslissingen")
    cells = page.locator("#decisions-table tbody tr").first.locator("td")
    expect(cells).to_have_text(["0", "1", "1"])
    page.screenshot(path=SCREENSHOT, full_page=True)
    assert_accessible(page, "weekly report")

    downloads = {}
    for fmt in ("pdf", "xlsx", "html"):
        with page.expect_download() as info:
            page.locator(f"#download-{fmt}").click()
        download = info.value
        assert download.suggested_filename == f"verkeerstoren-weekly-2020-W15-nl.{fmt}"
        with open(download.path(), "rb") as handle:
            downloads[fmt] = handle.read()
    assert downloads["pdf"].startswith(b"%PDF")
    book = openpyxl.load_workbook(io.BytesIO(downloads["xlsx"]), data_only=True)
    assert book.worksheets[0]["A1"].value == "Wekelijkse managementrapportage, week 15 van 2020"
    html = downloads["html"].decode()
    assert '<html lang="nl">' in html and "data:image/svg+xml;base64," in html

    # The report in English, from the same version.
    page.locator("#report-other-language").click()
    expect(heading).to_have_text("Weekly management report, week 15 of 2020")
    with page.expect_download() as info:
        page.locator("#download-pdf").click()
    assert info.value.suggested_filename == "verkeerstoren-weekly-2020-W15-en.pdf"
