# SPDX-License-Identifier: EUPL-1.2
"""Browser acceptance: sign in, list, filter, open a case — in Chromium, checked with axe-core."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from browser_helpers import assert_accessible, screenshot_path
from playwright.sync_api import expect

import factories as f
from verkeerstoren.cases.law_figures import refresh_law_figures
from verkeerstoren.cases.models import LegalEvent, StatusChange
from verkeerstoren.cases.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SCREENSHOT = screenshot_path("case-list")


@pytest.fixture
def register() -> None:
    f.user("planner", Role.IND_PLANNER)
    zwolle = f.location("ZW", "Zwolle")
    statuses = ["registered", "preparing", "heard", "intention", "decided"]
    for i in range(75):
        c = f.case(
            reference=f"TF-{i:07d}",
            status=statuses[i % len(statuses)],
            stream="taskforce" if i % 3 else "regular",
            nationality=["SYR", "ERI", "TUR"][i % 3],
            location=zwolle if i % 4 == 0 else f.location(),
            features=["lgbti"] if i % 7 == 0 else [],
        )
        StatusChange.objects.create(case=c, status="registered", date=c.received)
        if i % 5 == 0:
            LegalEvent.objects.create(
                case=c, kind="extension", date=c.received + dt.timedelta(days=180), months=9
            )
    refresh_law_figures()  # deadline columns in the list, penalty figures on the home page


def test_sign_in_list_filter_and_open_a_case(live_server: Any, page: Any, register: None) -> None:
    page.goto(f"{live_server.url}/cases/")
    # Not signed in: the login page, in Dutch.
    expect(page).to_have_url(re.compile(r"/login/\?next="))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert_accessible(page, "login")

    page.get_by_label("Gebruikersnaam").fill("planner")
    page.get_by_label("Wachtwoord").fill(f.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    # Back to the case list it asked for.
    expect(page.get_by_role("heading", level=1)).to_have_text("Zaken")
    expect(page.locator("#results-heading")).to_contain_text("75 zaken gevonden")
    expect(page.locator("#case-list tbody tr")).to_have_count(50)
    assert_accessible(page, "case list")
    page.screenshot(path=SCREENSHOT, full_page=False)

    # Filter on status: htmx swaps the list in place and pushes the URL.
    page.get_by_label("Status").select_option("heard")
    page.get_by_role("button", name="Filters toepassen").click()
    expect(page.locator("#results-heading")).to_contain_text("15 zaken gevonden")
    expect(page).to_have_url(re.compile(r"status=heard"))
    statuses = page.locator("#case-list tbody tr td:nth-child(7)").all_inner_texts()
    assert statuses and set(statuses) == {"Gehoord"}
    assert_accessible(page, "filtered case list")

    # Sort by reference, descending (two clicks on the column header).
    page.get_by_role("link", name="Zaaknummer").click()
    expect(page).to_have_url(re.compile(r"sort=reference"))
    page.get_by_role("link", name="Zaaknummer").click()
    expect(page).to_have_url(re.compile(r"sort=-reference"))
    first = page.locator("#case-list tbody tr th a").first
    expect(first).to_have_text("TF-0000072")

    # Open a case.
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zaak TF-0000072")
    expect(page.get_by_role("heading", name="Statusgeschiedenis")).to_be_visible()
    expect(page.get_by_role("heading", name="Termijn en dwangsom")).to_be_visible()
    expect(page.locator("#law")).to_contain_text("Uiterste beslisdatum")
    expect(page.get_by_role("heading", name="Juridische tijdlijn")).to_be_visible()
    expect(page.locator("#law tbody tr").first).to_contain_text("Aanvraag ontvangen")
    assert_accessible(page, "case page")

    # Switch to English and stay on the page.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Case TF-0000072")


def test_paging_and_skip_link(live_server: Any, page: Any, register: None) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill("planner")
    page.get_by_label("Wachtwoord").fill(f.PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    assert_accessible(page, "home")

    # The skip link is the first thing the keyboard reaches.
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Naar de inhoud")

    page.get_by_role("link", name="Zaken", exact=True).click()
    page.get_by_role("link", name="Volgende").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page.locator("#case-list tbody tr")).to_have_count(25)
    expect(page.locator('[aria-current="page"].utrecht-pagination__page-link')).to_contain_text("2")
    # After the in-place update, focus moves to the result count for screen-reader users.
    expect(page.locator("#results-heading")).to_be_focused()
