# SPDX-License-Identifier: EUPL-1.2
"""Browser acceptance of the intake table (web/intaketable), keyboard only, checked with axe-core.

The chair (an IND planner) settles a day of 30 applicants at the table with the keyboard: "c"
confirms each routine row and one row is overridden ("o", the form, a reason, Enter). Then all
30 have an intake decision, the case page shows the override, and the planning instance has the
earliest week and the competences as constraints. COA and DT&V each sign in and see their
columns and nothing more.

The register's day is Monday 6 April 2020. 25 applicants were registered on Friday 3 April and
5 on Wednesday 1 April (left from an earlier day). Capacity is ample (worked out by hand): eight
hearing officers at Ter Apel with 2 hearings a week each (36 h x 0.4 // 6), one of them with the
AMV and LGBTI competences, an interpreter for each language (8 hearings a week), 100 reception
places; so every applicant fits in its first possible week: 13 April for Friday's applicants
(3 days of registration and 6 of rest end on Sunday 12 April), 6 April for Wednesday's (they end
on Friday 10 April, a working day of that week).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from browser_helpers import assert_accessible, screenshot_path
from playwright.sync_api import expect

import factories as f
from verkeerstoren.cases import models as m
from verkeerstoren.cases.facts import Application, complete_dossier_item, register_application
from verkeerstoren.cases.roles import Role
from verkeerstoren.intaketable.models import IntakeDecision, ReceptionCapacity
from verkeerstoren.plans.register_instance import InstanceParameters, build_cases

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DAY = dt.date(2020, 4, 6)
FRIDAY, WEDNESDAY = dt.date(2020, 4, 3), dt.date(2020, 4, 1)
SCREENSHOT = screenshot_path("intake-table")
MIX = [  # (nationality, language) of the plain applicants, after DOMAIN.md §5's main mix
    ("SYR", "ar"), ("ERI", "ti"), ("TUR", "tr"), ("IRN", "fa"), ("AFG", "fa"), ("IRQ", "ar"),
    ("YEM", "ar"), ("NGA", "en"),
]  # fmt: skip


def register(v: int, **kw: Any) -> m.Case:
    values: dict[str, Any] = {
        "v_number": f"{2000000000 + v}", "nationality": "SYR", "language": "ar",
        "received": FRIDAY, "location": "TA", "birth_date": dt.date(1990, 1, 1),
    }  # fmt: skip
    values.update(kw)
    return register_application(Application(**values))


@pytest.fixture
def day(settings: Any) -> dict[str, m.Case]:
    settings.REGISTER_AS_OF = DAY.isoformat()
    ta = f.location("TA", "Ter Apel")
    team = f.TeamFactory(location=ta)
    for n in range(8):
        f.StaffFactory(code=f"O{n}", location=ta, team=team, can_hear=True)
    specialist = m.Staff.objects.get(code="O7")
    for code in ("amv", "lgbti"):
        m.StaffCompetency.objects.create(staff=specialist, competency=code, level="senior")
    for n, lang in enumerate(("ar", "ar", "ti", "tr", "fa", "en")):
        m.Interpreter.objects.create(code=f"I{n}", languages=lang, mode="on_site", gender="f")
    ReceptionCapacity.objects.create(location=ta, places=100)
    f.user("chair", Role.IND_PLANNER)
    f.user("coa", Role.COA_PLANNER)
    f.user("dtv", Role.DTV_PLANNER)
    special = {
        "father": register(1, family_group="F1", family_members=2, birth_date=dt.date(1985, 5, 1)),
        "mother": register(2, family_group="F1", family_members=2, gender="f"),
        "child": register(3, family_group="F1", family_members=2, birth_date=dt.date(2012, 3, 1)),
        "minor": register(4, unaccompanied=True, birth_date=dt.date(2003, 9, 1), language="ti",
                          nationality="ERI"),
        "dublin": register(5, eurodac_hit=True, documents=["passport"]),
        "safe": register(6, nationality="MAR"),
        "lgbti": register(7, features=["lgbti"], nationality="IRN", language="fa"),
        "override": register(8, nationality="AFG", language="fa"),
    }  # fmt: skip
    for n in range(9, 26):
        nationality, language = MIX[n % len(MIX)]
        register(n, nationality=nationality, language=language)
    for n in range(26, 31):
        register(n, received=WEDNESDAY)
    assert m.Case.objects.count() == 30
    return special


def sign_in(page: Any, base_url: str, username: str, next_url: str) -> None:
    """Sign in with the keyboard: type, Tab, type, Enter."""
    page.goto(f"{base_url}/login/?next={next_url}")
    page.get_by_label("Gebruikersnaam").focus()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(f.PASSWORD)
    page.keyboard.press("Enter")
    # The whole URL: the login page's own ``?next=`` also ends with ``next_url``.
    expect(page).to_have_url(base_url + next_url)
    page.wait_for_load_state()  # the whole page parsed, not only the navigation committed


def focused_case(page: Any) -> str:
    """The reference of the row that has the focus ("" when the focus is not on a row)."""
    return str(
        page.evaluate(
            "(() => { const b = document.activeElement.closest('tbody[data-case]');"
            " return b && document.activeElement.matches('tr[data-row]') ? b.dataset.case : ''; })()"
        )
    )


def tab_to(page: Any, suffix: str, limit: int = 20) -> None:
    """Press Tab until the focused control's name ends with ``suffix``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.name || ''")
        if name.endswith(suffix):
            return
    raise AssertionError(f"no control {suffix} within {limit} Tabs")


def main_html(page: Any) -> str:
    return str(page.content())


def test_the_chair_settles_a_day_with_the_keyboard_and_coa_and_dtv_see_their_columns(
    live_server: Any, browser: Any, page: Any, day: dict[str, m.Case]
) -> None:
    sign_in(page, live_server.url, "chair", "/intake-table/")
    counter = page.locator("#settled-count")
    expect(counter).to_have_text("0 van 30 afgehandeld")
    assert_accessible(page, "intake table (chair)")
    # Keyboard-first: the first undecided row has the focus as the page opens.
    expect(page.locator("tr[data-row]:focus")).to_have_count(1)
    override_ref = day["override"].reference
    settled = 0
    while settled < 30:
        reference = focused_case(page)
        assert reference, "the focus is on an undecided row"
        if reference == override_ref:
            page.keyboard.press("o")
            expect(page.locator(":focus")).to_have_attribute(
                "name", f"override-{override_ref}-track"
            )
            page.keyboard.press("Tab")  # the procedure
            page.keyboard.type("Verlengde")  # the select's type-ahead: extended procedure
            tab_to(page, "-reason")
            page.keyboard.type("Traumatische ervaring: meer tijd nodig")
            if settled == 0:
                assert_accessible(page, "intake table (override form)")
            page.keyboard.press("Enter")
        else:
            page.keyboard.press("c")
        settled += 1
        expect(counter).to_have_text(f"{settled} van 30 afgehandeld")
        if settled < 30:
            # The focus moves on to the next undecided row.
            expect(page.locator("tr[data-row][data-settled=false]:focus")).to_have_count(1)
    page.screenshot(path=SCREENSHOT, full_page=True)
    assert_accessible(page, "intake table (settled)")
    assert page.locator("tr[data-row][data-settled=true]").count() == 30

    # Every applicant has a decision; one is the override with its reason.
    assert IntakeDecision.objects.count() == 30
    assert IntakeDecision.objects.filter(overridden=True).count() == 1
    decided = IntakeDecision.objects.get(overridden=True)
    assert decided.case == day["override"]
    assert (decided.procedure, decided.proposal["procedure"]) == ("VA", "general")
    assert decided.reason == "Traumatische ervaring: meer tijd nodig"
    assert all(d.decided_by.username == "chair" for d in IntakeDecision.objects.all())
    # The family is one route: one location and the family's most extensive track (4).
    family = IntakeDecision.objects.filter(case__family_group="F1")
    assert {(d.track, d.location.code) for d in family} == {("4", "TA")}
    assert not IntakeDecision.objects.get(case=day["child"]).heard  # with parents, under 15
    assert IntakeDecision.objects.get(case=day["dublin"]).track == "1"
    assert IntakeDecision.objects.get(case=day["minor"]).competence_list() == ["amv"]

    # The case page shows the decision: proposal against decision, who, and why.
    page.goto(f"{live_server.url}/cases/{override_ref}/")
    section = page.locator("#intake-decision")
    expect(section).to_contain_text("Afgeweken")
    expect(section).to_contain_text("Traumatische ervaring: meer tijd nodig")
    expect(section.locator("tbody tr").nth(1)).to_contain_text(
        "Algemene asielprocedure (AA)Verlengde asielprocedure (VA)"
    )
    assert_accessible(page, "case page with the intake decision")

    # The planner: the earliest week (13 April: week 1 of a plan from 6 April) and the
    # competences, once the dossier is complete (open items hold a case back on their own).
    for key, competence in (("lgbti", "lgbti"), ("minor", "amv")):
        case = day[key]
        for kind in case.dossier_items.values_list("kind", flat=True):
            complete_dossier_item(case, kind, DAY)
        data = build_cases(m.Case.objects.filter(pk=case.pk), DAY, 4, InstanceParameters())
        assert data.cases[0].ready_week == 1, key
        assert competence in data.cases[0].competencies, key

    # COA: reference, family, location, first week, transport; nothing about motives.
    coa = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL").new_page()
    sign_in(coa, live_server.url, "coa", "/intake-table/")
    html = main_html(coa)
    for case in day.values():
        assert case.reference in html
    assert "13-4-2020" in html and "F1" in html
    assert coa.locator("select[name$=-transport]").count() == 30
    for hidden in (
        "lgbti", "LHBTI", "Competenties", "Redenen", "Spoor", "Eurodac", "Traumatische",
        "SYR", "IRN", "MAR", "AFG", "amv", "Alleenstaande minderjarige", "procedure",
    ):  # fmt: skip
        assert hidden not in html, hidden
    assert_accessible(coa, "intake table (COA)")
    coa.context.close()

    # DT&V: the departure-relevant rows only (track 1 and 2), no motives.
    dtv = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nl-NL").new_page()
    sign_in(dtv, live_server.url, "dtv", "/intake-table/")
    html = main_html(dtv)
    rows = dtv.locator("#intake-table tbody tr")
    expect(rows).to_have_count(2)
    assert day["dublin"].reference in html and day["safe"].reference in html
    assert "Spoor 1 (Dublin)" in html and "Spoor 2 (veilig land)" in html
    for hidden in ("lgbti", "LHBTI", "Competenties", "Redenen", "Traumatische", "SYR", "MAR"):
        assert hidden not in html, hidden
    assert day["lgbti"].reference not in html and day["override"].reference not in html
    assert_accessible(dtv, "intake table (DT&V)")
    dtv.context.close()
