# SPDX-License-Identifier: EUPL-1.2
"""Browser acceptance of recording facts (web/facts), keyboard-driven, checked with axe-core.

1. A back-office employee (the IND planner role) completes a case's dossier item by item; the
   case becomes ready for hearing.
2. A planner records a notice of default on an overdue case and sees the first penalty day and
   the changed exposure on the case page, and the changed figures on the home page.

The register's day is Monday 2020-04-06 (the Awb's penalty rules; 2020 rates 23/35/45 EUR).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from browser_helpers import assert_accessible, screenshot_path
from playwright.sync_api import expect

import factories as f
from verkeerstoren.cases.law_figures import refresh_law_figures
from verkeerstoren.cases.models import Case, DossierItem, LegalEvent, StatusChange
from verkeerstoren.cases.roles import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AS_OF = dt.date(2020, 4, 6)
SCREENSHOT = screenshot_path("case-facts")


@pytest.fixture(autouse=True)
def register_day(settings: Any) -> None:
    settings.REGISTER_AS_OF = AS_OF.isoformat()
    f.user("planner", Role.IND_PLANNER)


def sign_in(page: Any, base_url: str, next_url: str) -> None:
    """Sign in with the keyboard: type, Tab, type, Enter."""
    page.goto(f"{base_url}/login/?next={next_url}")
    page.get_by_label("Gebruikersnaam").fill("planner")
    page.keyboard.press("Tab")
    page.keyboard.type(f.PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(base_url + next_url)  # not the login page's ?next=


def mark_page(page: Any) -> None:
    """A flag in the page's JavaScript state: it survives an htmx swap, not a page load."""
    page.evaluate("window.vtSamePage = true")


def still_same_page(page: Any) -> bool:
    return bool(page.evaluate("window.vtSamePage === true"))


def test_back_office_completes_the_dossier_and_the_case_is_ready_for_hearing(
    live_server: Any, page: Any
) -> None:
    case = f.case(reference="BO-1", received=dt.date(2020, 3, 23), status="preparing")
    StatusChange.objects.create(case=case, status="registered", date=dt.date(2020, 3, 23))
    StatusChange.objects.create(case=case, status="preparing", date=dt.date(2020, 3, 26))
    for kind in ("identity_documents", "language_analysis", "medical_advice"):
        DossierItem.objects.create(case=case, kind=kind)
    sign_in(page, live_server.url, "/cases/BO-1/")
    expect(page.locator(".vt-badge").first).to_have_text("In voorbereiding")
    assert_accessible(page, "case page with dossier forms")
    mark_page(page)

    # Reach the first "complete" button with the keyboard and press it.
    # (Chromium reads the hidden part of the name as a block of its own: "melden : Identiteit...")
    first = page.get_by_role(
        "button", name=re.compile(r"^Gereed melden\s*: Identiteitsdocumenten$")
    )
    first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(
        "Dossieronderdeel gereed: Identiteitsdocumenten"
    )
    # Items are listed by kind code: identity_documents, language_analysis, medical_advice. The
    # focus moves to the next open item's button, so Enter completes it.
    expect(page.locator(":focus")).to_have_text("Gereed melden: Taalanalyse")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Dossieronderdeel gereed: Taalanalyse")
    expect(page.locator(":focus")).to_have_text("Gereed melden: Medisch advies (BMA/FMMU)")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Medisch advies (BMA/FMMU)")

    # No open item left: the case is ready for hearing (and so for planning).
    expect(page.get_by_role("button", name=re.compile("^Gereed melden"))).to_have_count(0)
    expect(page.locator(".vt-badge").first).to_have_text("Gereed voor gehoor")
    history = page.locator("section[aria-labelledby=history-heading] tbody tr")
    expect(history.last).to_contain_text("Gereed voor gehoor")
    dossier = page.locator("section[aria-labelledby=dossier-heading] tbody tr")
    expect(dossier).to_have_count(3)
    for row in dossier.all():
        expect(row).to_contain_text("ja 6-4-2020 planner")  # done, when, by whom
    assert still_same_page(page), "htmx swapped the page in; it was not reloaded"
    assert_accessible(page, "case page after the dossier")
    case.refresh_from_db()
    assert case.status == "ready_for_hearing"
    assert all(i.done and i.done_by.username == "planner" for i in case.dossier_items.all())


def test_planner_records_a_notice_and_sees_the_penalty_on_the_case_and_home_page(
    live_server: Any, page: Any
) -> None:
    # Received 2019-09-02: deadline 2019-09-02 + 6 months = Mon 2020-03-02, overdue on 04-06.
    case = f.case(reference="NB-1", received=dt.date(2019, 9, 2), status="heard")
    StatusChange.objects.create(case=case, status="registered", date=dt.date(2019, 9, 2))
    f.case(reference="NB-2", received=dt.date(2020, 1, 6))  # a case that is not overdue
    refresh_law_figures(AS_OF)

    sign_in(page, live_server.url, "/")
    figures = page.locator("section[aria-labelledby=penalties-heading]")
    expect(figures).to_contain_text(re.compile(r"Tot nu toe verschuldigd\s*€ 0\b"))

    page.goto(f"{live_server.url}/cases/NB-1/")
    law = page.locator("#law")
    expect(law).to_contain_text(re.compile(r"Eerste dwangsomdag\s*—"))
    exposure = page.locator("#law dd").filter(has_text="bij beslissen op")
    exposure_before = exposure.inner_text()
    mark_page(page)

    # Open the notice form with the keyboard, type the day it was received, submit.
    summary = page.locator("summary", has_text="Ingebrekestelling")
    summary.focus()
    page.keyboard.press("Enter")
    date = page.locator("#id_notice_of_default-date")
    expect(date).to_be_visible()
    expect(date).to_have_value("2020-04-06")  # the register's day by default
    date.fill("2020-03-05")
    assert_accessible(page, "notice of default form")
    page.get_by_role("button", name="Vastleggen: Ingebrekestelling").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("Vastgelegd: Ingebrekestelling.")
    # Notice 03-05, after the deadline: first penalty day 03-05 + 14 = 03-19. On 04-06 that is
    # penalty day 19: 14 x 23 + 5 x 35 = EUR 497 owed, 35 a day.
    expect(law).to_contain_text(re.compile(r"Eerste dwangsomdag\s*19 maart 2020"))
    expect(law).to_contain_text(re.compile(r"Nu verschuldigd in totaal\s*€ 497,00"))
    expect(law).to_contain_text(re.compile(r"Dwangsom per dag nu\s*€ 35,00"))
    expect(exposure).not_to_have_text(exposure_before)
    assert still_same_page(page), "htmx swapped the page in; it was not reloaded"
    # The focus is back in the legal events section, on the forms' heading.
    expect(page.locator(":focus")).to_have_text("Juridische gebeurtenis vastleggen")
    legal = page.locator("section[aria-labelledby=legal-heading] tbody")
    expect(legal).to_contain_text("Ingebrekestelling")
    page.screenshot(path=SCREENSHOT, full_page=False)
    assert_accessible(page, "case page after the notice")
    assert LegalEvent.objects.get(case=case).date == dt.date(2020, 3, 5)
    assert Case.objects.get(pk=case.pk).version == 2

    # The overview follows: EUR 497 owed, 7 x 35 = 245 a week.
    page.get_by_role("link", name="Overzicht", exact=True).click()
    expect(figures).to_contain_text(re.compile(r"Tot nu toe verschuldigd\s*€ 497\b"))
    expect(figures).to_contain_text(
        re.compile(r"Dwangsommen per week in het huidige tempo\s*€ 245\b")
    )
