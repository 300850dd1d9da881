# SPDX-License-Identifier: EUPL-1.2
"""The intake table page (web/intaketable), on SQLite and PostgreSQL.

Every request goes through the real view, the real intaketable services and the real database.
The register's day is Monday 2020-04-06; the applicants were registered on Friday 3 April, so
their first hearing week is the week of 13 April (3 days of registration and 6 of rest end on
Sunday 12 April). Capacity, worked out by hand: two generalists at Ter Apel (36 h x 0.4 // 6 = 2
hearings a week each), an LGBTI specialist at Zevenaar (2 a week), one Arabic interpreter (8 a
week), 10 reception places at each location. So every applicant fits in the week of 13 April:
the LGBTI case at Zevenaar, the others at Ter Apel.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

import factories as f
from verkeerstoren import access
from verkeerstoren.cases import models as m
from verkeerstoren.cases.facts import Application, FactError, register_application
from verkeerstoren.cases.roles import Role
from verkeerstoren.intake.rules import DEFAULT_FILE
from verkeerstoren.intaketable.models import (
    IntakeDecision,
    ReceptionCapacity,
    ReceptionDecision,
    RuleFile,
)
from verkeerstoren.intaketable.proposals import day_rows
from verkeerstoren.intaketable.services import decide_route, set_reception_places
from verkeerstoren.web.intaketable.display import proposal_key

pytestmark = pytest.mark.django_db

DAY = dt.date(2020, 4, 6)
RECEIVED = dt.date(2020, 4, 3)
URL = "/intake-table/"
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(autouse=True)
def _day(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.REGISTER_AS_OF = DAY.isoformat()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.delenv("VERKEERSTOREN_SCENARIOS", raising=False)


def applicant(v: str, user: Any = None, **kw: Any) -> m.Case:
    values: dict[str, Any] = {
        "v_number": v, "nationality": "SYR", "language": "ar", "received": RECEIVED,
        "location": "TA", "birth_date": dt.date(1990, 1, 1),
    }  # fmt: skip
    values.update(kw)
    return register_application(Application(**values), user=user)


@pytest.fixture
def cases() -> dict[str, m.Case]:
    ta, zw = f.location("TA", "Ter Apel"), f.location("ZW", "Zevenaar")
    for code in ("GEN1", "GEN2"):
        f.StaffFactory(code=code, location=ta, team=f.TeamFactory(location=ta), can_hear=True)
    spec = f.StaffFactory(code="SPEC", location=zw, team=f.TeamFactory(location=zw), can_hear=True)
    m.StaffCompetency.objects.create(staff=spec, competency="lgbti", level="senior")
    m.Interpreter.objects.create(code="I1", languages="ar", mode="on_site", gender="f")
    ReceptionCapacity.objects.create(location=ta, places=10)
    ReceptionCapacity.objects.create(location=zw, places=10)
    police = f.user("agent", Role.POLICE)
    return {
        "dublin": applicant("1000000001", police, eurodac_hit=True, documents=["passport"]),
        "safe": applicant("1000000002", police, nationality="MAR"),
        "lgbti": applicant("1000000003", features=["lgbti"]),
        "plain": applicant("1000000004"),
    }


def login(*roles: Role, username: str = "u", superuser: bool = False) -> Client:
    client = Client()
    client.force_login(f.user(username, *roles, superuser=superuser))
    return client


def html_of(response: Any) -> str:
    return str(response.content.decode())


def get(client: Client, **params: str) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return html_of(response)


def row_html(page: str, case: m.Case) -> str:
    """The tbody (or tr) of one case."""
    found = re.search(rf'<(tbody|tr)[^>]*id="case-{re.escape(case.reference)}".*?</\1>', page, re.S)
    assert found, f"no row for {case.reference}"
    return found.group(0)


def key_of(case: m.Case) -> str:
    rows, version = day_rows(DAY)
    row = next(r for r in rows if r.case.pk == case.pk)
    return proposal_key(row.proposal_json(version))


def confirm(client: Client, case: m.Case, htmx: bool = False, **overrides: Any) -> Any:
    case.refresh_from_db()
    prefix = f"confirm-{case.reference}"
    data = {f"{prefix}-version": case.version, f"{prefix}-proposal": key_of(case)}
    data.update({f"{prefix}-{k}": v for k, v in overrides.items()})
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(f"{URL}cases/{case.reference}/confirm/", data, headers=headers)


def override(client: Client, case: m.Case, htmx: bool = False, **values: Any) -> Any:
    case.refresh_from_db()
    prefix = f"override-{case.reference}"
    data: dict[str, Any] = {
        "version": case.version,
        "proposal": key_of(case),
        "track": "4",
        "procedure": "general",
        "location": "TA",
        "week": "2020-04-13",
        "reason": "",
    }
    data.update(values)
    headers = {"HX-Request": "true"} if htmx else {}
    posted = {f"{prefix}-{k}": v for k, v in data.items()}
    return client.post(f"{URL}cases/{case.reference}/override/", posted, headers=headers)


# --- what each role sees ---------------------------------------------------------------------


def test_the_chair_sees_proposals_reasons_sources_and_the_counter(cases: dict[str, m.Case]) -> None:
    page = get(login(Role.IND_PLANNER, username="chair"))
    assert "0 van 4 afgehandeld" in page
    dublin = row_html(page, cases["dublin"])
    assert "Spoor 1 (Dublin)" in dublin
    # The reason in words, the rule's source on hover (title) and in the rules' details.
    assert "Eurodac-treffer: een andere lidstaat kan verantwoordelijk zijn" in dublin
    assert 'title="Dublin III Regulation (EU) No 604/2013: a Eurodac hit' in dublin
    assert "<code>track.eurodac</code>" in dublin
    assert "13-4-2020" in dublin and "Ter Apel" in dublin
    assert 'data-routine="true"' in dublin
    safe = row_html(page, cases["safe"])
    assert "Spoor 2 (veilig land)" in safe and "Nationaliteit op de lijst van veilige" in safe
    lgbti = row_html(page, cases["lgbti"])
    assert "LHBTI verklaard" in lgbti and "Zevenaar" in lgbti
    assert "Bevestigen" in lgbti and "Afwijken van het voorstel" in lgbti


def test_a_capacity_the_proposal_would_exceed_is_shown(cases: dict[str, m.Case]) -> None:
    # No interpreter speaks Tigrinya: no week in the horizon fits.
    short = applicant("1000000005", language="ti")
    page = get(login(Role.IND_PLANNER, username="chair"))
    row = row_html(page, short)
    assert "Geen week binnen de horizon past:" in row
    assert "Geen tolk voor ti vrij" in row
    assert 'data-routine="false"' in row  # one key press does not confirm it


def test_coa_sees_who_where_when_and_nothing_about_motives(cases: dict[str, m.Case]) -> None:
    chair = f.user("chair", Role.IND_PLANNER)
    lgbti = cases["lgbti"]
    rows, version = day_rows(DAY)
    row = next(r for r in rows if r.case.pk == lgbti.pk)
    decide_route(
        lgbti,
        row.proposal_json(version),
        route={"procedure": "extended"},
        reason="verhaal vraagt meer tijd",
        user=chair,
        expected_version=lgbti.version,
    )
    page = get(login(Role.COA_PLANNER, username="coa"))
    for case in cases.values():
        assert case.reference in page
    assert "Ter Apel" in page and "Zevenaar" in page and "13-4-2020" in page
    assert f'name="reception-{lgbti.reference}-transport"' in page
    for hidden in (
        "lgbti", "LHBTI", "Bekering", "competence.", "track.", "Eurodac", "Redenen",
        "Competenties", "Spoor", "SYR", "MAR", "verhaal vraagt meer tijd", "Afgeweken",
        "procedure", "Algemene asielprocedure",
    ):  # fmt: skip
        assert hidden not in page, hidden
    # COA's own figures: the reception places per location.
    assert 'name="places-TA-places"' in page


def test_dtv_sees_the_departure_relevant_rows_only(cases: dict[str, m.Case]) -> None:
    page = get(login(Role.DTV_PLANNER, username="dtv"))
    assert cases["dublin"].reference in page and cases["safe"].reference in page
    # tf2020's regular grant share is 0.55: a track-4 case is not a likely refusal.
    assert cases["lgbti"].reference not in page and cases["plain"].reference not in page
    assert "Spoor 1 (Dublin)" in page and "Spoor 2 (veilig land)" in page
    for hidden in ("lgbti", "LHBTI", "competence.", "track.", "Redenen", "SYR", "MAR", "Eurodac"):
        assert hidden not in page, hidden
    assert "Bevestigen" not in page


def test_dtv_sees_likely_refusals_by_the_forecasts_grant_share(
    cases: dict[str, m.Case], settings: Any, tmp_path: Path
) -> None:
    scenario = json.loads((SCENARIOS / "tf2020.json").read_text(encoding="utf-8"))
    for case_type in scenario["case_types"]:
        if case_type["name"] == "regular":
            case_type["grant_share"] = 0.3  # a refusal is now likelier than a grant
    (tmp_path / "tf2020.json").write_text(json.dumps(scenario), encoding="utf-8")
    settings.FORECAST_SCENARIO_DIR = str(tmp_path)
    page = get(login(Role.DTV_PLANNER, username="dtv"))
    plain = row_html(page, cases["plain"])
    assert "Afwijzing waarschijnlijk" in plain and "Spoor 4" in plain
    # The LGBTI case is listed as every regular case is, not for its complexity.
    assert cases["lgbti"].reference in page and "LHBTI" not in page


def test_dtv_follows_the_decided_track(cases: dict[str, m.Case]) -> None:
    plain = cases["plain"]
    rows, version = day_rows(DAY)
    row = next(r for r in rows if r.case.pk == plain.pk)
    decide_route(plain, row.proposal_json(version), route={"track": 2}, reason="herhaald")
    page = get(login(Role.DTV_PLANNER, username="dtv"))
    assert "Spoor 2 (veilig land)" in row_html(page, plain)


def test_the_police_see_the_intake_data_they_supplied(cases: dict[str, m.Case]) -> None:
    page = get(login(Role.POLICE, username="agent2"))
    dublin = row_html(page, cases["dublin"])
    assert "Paspoort" in dublin and "SYR" in dublin and "ja" in dublin
    assert "MAR" in row_html(page, cases["safe"])
    # Registered by IND (or a script), not by the police: not theirs.
    assert cases["lgbti"].reference not in page and cases["plain"].reference not in page
    for hidden in ("Spoor", "Bevestigen", "Redenen", "Ter Apel", "13-4-2020", "LHBTI"):
        assert hidden not in page, hidden


@pytest.mark.parametrize("role", [Role.LEGAL_AID, Role.AUDITOR, Role.IND_MANAGEMENT])
def test_other_roles_get_403(cases: dict[str, m.Case], role: Role) -> None:
    client = login(role)
    assert client.get(URL).status_code == 403
    assert confirm(client, cases["plain"]).status_code == 403
    assert not m.AccessLog.objects.filter(activity="intake.table").exists()


def test_anonymous_users_are_sent_to_the_login() -> None:
    response = Client().get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_access_rules() -> None:
    rules = (
        access.may_see_intake_table,
        access.may_chair_intake,
        access.may_confirm_reception,
        access.may_view_departures,
        access.may_edit_intake_rules,
        access.may_see_intake_decision,
        access.may_see_reception_decision,
    )
    expected = {  # table, chair, reception, departures, rules, case: route, case: reception
        Role.IND_PLANNER: (1, 1, 0, 0, 0, 1, 1),
        Role.IND_TEAM_LEAD: (1, 1, 0, 0, 0, 1, 1),
        Role.IND_MANAGEMENT: (0, 0, 0, 0, 0, 1, 1),
        Role.COA_PLANNER: (1, 0, 1, 0, 0, 0, 1),
        Role.DTV_PLANNER: (1, 0, 0, 1, 0, 0, 0),
        Role.POLICE: (1, 0, 0, 0, 0, 0, 0),
        Role.LEGAL_AID: (0, 0, 0, 0, 0, 0, 0),
        Role.AUDITOR: (0, 0, 0, 0, 0, 0, 0),
    }
    for role, row in expected.items():
        user = f.user(f"u-{role.value}", role)
        assert tuple(int(rule(user)) for rule in rules) == row, role
    admin = f.user("admin", superuser=True)
    assert all(rule(admin) for rule in rules)


# --- every read is logged --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.IND_PLANNER, {"dublin", "safe", "lgbti", "plain"}),
        (Role.COA_PLANNER, {"dublin", "safe", "lgbti", "plain"}),
        (Role.DTV_PLANNER, {"dublin", "safe"}),
        (Role.POLICE, {"dublin", "safe"}),
    ],
)
def test_each_read_logs_the_cases_shown(
    cases: dict[str, m.Case], role: Role, shown: set[str]
) -> None:
    client = login(role, username="reader")
    get(client)
    logged = m.AccessLog.objects.filter(activity="intake.table")
    assert {r.object_ref for r in logged} == {cases[k].reference for k in shown}
    assert {r.subject for r in logged} == {cases[k].person for k in shown}
    assert all(r.username == "reader" and r.action == "list" for r in logged)
    assert all("day=2020-04-06" in r.detail for r in logged)


# --- IND's decisions -------------------------------------------------------------------------


def test_a_confirm_records_the_route_and_htmx_gets_the_row_and_the_counter(
    cases: dict[str, m.Case],
) -> None:
    client = login(Role.IND_PLANNER, username="chair")
    lgbti = cases["lgbti"]
    response = confirm(client, lgbti, htmx=True)
    assert response.status_code == 200
    body = html_of(response)
    assert body.lstrip().startswith("<tbody")  # only that applicant's rows
    assert f'id="case-{lgbti.reference}"' in body and 'data-settled="true"' in body
    assert "Bevestigd door chair" in body
    assert re.search(r'id="settled-count"[^>]*hx-swap-oob="true"[^>]*>1 van 4 afgehandeld', body)
    assert cases["plain"].reference not in body
    decision = IntakeDecision.objects.get(case=lgbti)
    assert (decision.track, decision.procedure, decision.location.code) == ("4", "AA", "ZW")
    assert (decision.overridden, decision.decided_by.username, decision.register_day) == (
        False,
        "chair",
        DAY,
    )
    assert decision.proposal["competences"] == ["lgbti"] and decision.proposal["week"] == (
        "2020-04-13"
    )
    lgbti.refresh_from_db()
    assert lgbti.intake.earliest_week == dt.date(2020, 4, 13)
    # The settled row stays on the day's table; the row read again is logged.
    page = get(client)
    assert "1 van 4 afgehandeld" in page and 'data-settled="true"' in row_html(page, lgbti)
    assert m.AccessLog.objects.filter(activity="intake.table", action="read").count() == 1


def test_a_plain_confirm_redirects_to_the_table(cases: dict[str, m.Case]) -> None:
    client = login(Role.IND_PLANNER, username="chair")
    response = confirm(client, cases["plain"])
    assert response.status_code == 302
    assert response["Location"] == f"{URL}#case-{cases['plain'].reference}"
    assert IntakeDecision.objects.filter(case=cases["plain"]).exists()


def test_an_override_without_a_reason_is_refused_at_the_field(cases: dict[str, m.Case]) -> None:
    client = login(Role.IND_PLANNER, username="chair")
    plain = cases["plain"]
    version = plain.version
    for htmx, status in ((False, 400), (True, 200)):
        response = override(client, plain, htmx=htmx, procedure="extended")
        assert response.status_code == status
        body = html_of(response)
        error = re.search(rf'id="id_override-{plain.reference}-reason_error">([^<]*)<', body)
        assert error and "Geef een reden." in error.group(1)
        assert "Er is niets vastgelegd." in body
        # The form keeps the chair's entry, open.
        assert re.search(r'<details class="vt-override" data-override open>', body)
    assert not IntakeDecision.objects.exists()
    plain.refresh_from_db()
    assert plain.version == version and plain.procedure == "AA"


def test_an_override_with_a_reason_is_recorded_against_the_proposal(
    cases: dict[str, m.Case],
) -> None:
    client = login(Role.IND_PLANNER, username="chair")
    plain = cases["plain"]
    response = override(
        client,
        plain,
        htmx=True,
        procedure="extended",
        competences=["medical"],
        reason="medisch advies komt later",
    )
    body = html_of(response)
    assert "Afgeweken door chair" in body and "Reden: medisch advies komt later" in body
    assert "voorgesteld: Algemene asielprocedure (AA)" in body
    decision = IntakeDecision.objects.get(case=plain)
    assert (decision.overridden, decision.procedure, decision.proposal["procedure"]) == (
        True,
        "VA",
        "general",
    )
    assert decision.competence_list() == ["medical"]
    assert decision.reason == "medisch advies komt later"


def test_a_stale_version_is_a_message_on_the_row(cases: dict[str, m.Case]) -> None:
    client = login(Role.IND_PLANNER, username="chair")
    plain = cases["plain"]
    plain.refresh_from_db()
    seen = plain.version - 1  # another writer moved the case on since
    response = confirm(client, plain, version=seen)
    assert response.status_code == 409
    row = row_html(html_of(response), plain)
    assert "gewijzigd sinds u de tafel opende" in row and 'role="alert"' in row
    htmx = confirm(client, plain, htmx=True, version=seen)
    assert htmx.status_code == 200 and "gewijzigd sinds u de tafel opende" in html_of(htmx)
    assert not IntakeDecision.objects.exists()


def test_a_decision_on_a_proposal_that_moved_is_refused(cases: dict[str, m.Case]) -> None:
    client = login(Role.IND_PLANNER, username="chair")
    response = confirm(client, cases["plain"], proposal="0" * 16)
    assert response.status_code == 409
    assert "Het voorstel is gewijzigd" in html_of(response)
    assert not IntakeDecision.objects.exists()


def test_posts_need_the_csrf_token(cases: dict[str, m.Case]) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(f.user("chair", Role.IND_PLANNER))
    plain = cases["plain"]
    plain.refresh_from_db()
    prefix = f"confirm-{plain.reference}"
    data = {f"{prefix}-version": plain.version, f"{prefix}-proposal": key_of(plain)}
    url = f"{URL}cases/{plain.reference}/confirm/"
    assert browser.post(url, data).status_code == 403
    assert not IntakeDecision.objects.exists()
    page = html_of(browser.get(URL))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    assert browser.post(url, data | {"csrfmiddlewaretoken": token.group(1)}).status_code == 302
    assert IntakeDecision.objects.filter(case=plain).exists()


def test_posts_need_the_right_role(cases: dict[str, m.Case]) -> None:
    plain = cases["plain"]
    coa, dtv = login(Role.COA_PLANNER, username="coa"), login(Role.DTV_PLANNER, username="dtv")
    police, chair = login(Role.POLICE, username="p"), login(Role.IND_PLANNER, username="chair")
    assert confirm(coa, plain).status_code == 403
    assert override(police, plain, reason="x").status_code == 403
    reception = f"{URL}cases/{plain.reference}/reception/"
    answer = {f"reception-{plain.reference}-location": "TA"}
    assert (
        dtv.post(reception, answer | {f"reception-{plain.reference}-transport": "coa"}).status_code
        == 403
    )
    assert chair.post(f"{URL}reception-places/TA/", {"places-TA-places": 3}).status_code == 403
    assert coa.post(f"{URL}rules/", {"text": "x", "note": "y"}).status_code == 403
    assert not IntakeDecision.objects.exists() and not ReceptionDecision.objects.exists()
    assert ReceptionCapacity.objects.get(location__code="TA").places == 10


def test_only_the_register_days_table_takes_decisions(cases: dict[str, m.Case]) -> None:
    client = login(Role.IND_PLANNER, username="chair")
    page = get(client, day="2020-04-03")
    assert "de tafel van deze dag is alleen om te lezen" in page
    assert cases["plain"].reference in page and "Bevestigen" not in page
    bad = get(client, day="2020-13-45")
    assert re.search(r'id="id_day_error">[^<]*geldige datum', bad)
    assert cases["plain"].reference in bad and "Bevestigen" in bad  # the register's day


# --- COA -------------------------------------------------------------------------------------


def test_coa_confirms_the_reception_at_the_routed_location(cases: dict[str, m.Case]) -> None:
    lgbti = cases["lgbti"]
    chair = login(Role.IND_PLANNER, username="chair")
    confirm(chair, lgbti)  # routed to Zevenaar
    coa = login(Role.COA_PLANNER, username="coa")
    url = f"{URL}cases/{lgbti.reference}/reception/"
    prefix = f"reception-{lgbti.reference}"
    # A location other than IND's: the service refuses it, nothing is written.
    refused = coa.post(url, {f"{prefix}-location": "TA", f"{prefix}-transport": "coa"})
    assert refused.status_code == 400
    assert "De IND heeft deze zaak naar een andere locatie geleid." in html_of(refused)
    bad = coa.post(
        url,
        {f"{prefix}-location": "ZW", f"{prefix}-transport": "rocket"},
        headers={"HX-Request": "1"},
    )
    assert re.search(rf'id="id_{prefix}-transport_error"', html_of(bad))
    assert not ReceptionDecision.objects.exists()
    done = coa.post(
        url, {f"{prefix}-location": "ZW", f"{prefix}-transport": "coa"}, headers={"HX-Request": "1"}
    )
    body = html_of(done)
    assert "Vervoer door COA naar Zevenaar, bevestigd door coa" in body
    assert "1 van 4 afgehandeld" in body
    reception = ReceptionDecision.objects.get(case=lgbti)
    assert (reception.location.code, reception.transport, reception.confirmed_by.username) == (
        "ZW",
        "coa",
        "coa",
    )


def test_coa_sets_the_reception_places(cases: dict[str, m.Case]) -> None:
    coa = login(Role.COA_PLANNER, username="coa")
    refused = coa.post(f"{URL}reception-places/TA/", {"places-TA-places": "-3"})
    assert refused.status_code == 400
    assert re.search(r'id="id_places-TA-places_error"', html_of(refused))
    assert ReceptionCapacity.objects.get(location__code="TA").places == 10
    saved = coa.post(f"{URL}reception-places/TA/", {"places-TA-places": "25"})
    assert saved.status_code == 302
    row = ReceptionCapacity.objects.get(location__code="TA")
    assert (row.places, row.updated_by.username) == (25, "coa")
    assert row.history.first().history_user.username == "coa"


def test_the_reception_places_service_refuses_bad_input() -> None:
    f.location("TA", "Ter Apel")
    with pytest.raises(FactError) as unknown:
        set_reception_places("XX", 5)
    assert "location" in unknown.value.fields
    for bad in (-1, 100_001, True):
        with pytest.raises(FactError) as refused:
            set_reception_places("TA", bad)  # type: ignore[arg-type]
        assert "places" in refused.value.fields
    assert not ReceptionCapacity.objects.exists()
    made = set_reception_places("TA", 40)
    assert made.places == 40 and set_reception_places("TA", 35).places == 35
    assert ReceptionCapacity.objects.get().places == 35
    assert ReceptionCapacity.history.count() == 2


# --- the case page ---------------------------------------------------------------------------


def test_the_case_page_shows_the_decisions_by_role(cases: dict[str, m.Case]) -> None:
    lgbti = cases["lgbti"]
    chair = login(Role.IND_PLANNER, username="chair")
    override(
        chair,
        lgbti,
        procedure="extended",
        location="ZW",
        competences=["lgbti"],
        reason="tolk ter plaatse",
    )
    coa = login(Role.COA_PLANNER, username="coa")
    prefix = f"reception-{lgbti.reference}"
    coa.post(
        f"{URL}cases/{lgbti.reference}/reception/",
        {f"{prefix}-location": "ZW", f"{prefix}-transport": "public"},
    )
    url = f"/cases/{lgbti.reference}/"

    def section(client: Client) -> str:
        page = html_of(client.get(url))
        found = re.search(
            r'<section aria-labelledby="intake-decision-heading".*?</section>', page, re.S
        )
        return found.group(0) if found else ""

    ind = section(chair)
    assert "Het voorstel van de tafel en het besluit van de IND" in ind
    assert "Afgeweken" in ind and "chair" in ind and "tolk ter plaatse" in ind
    assert "LHBTI" in ind and "13-4-2020" in ind
    assert "Opvang (COA)" in ind and "ov-kaartje" in ind
    management = section(login(Role.IND_MANAGEMENT, username="mgmt"))
    assert "Het voorstel van de tafel" in management
    assert "LHBTI" not in management and "tolk ter plaatse" not in management
    coa_section = section(coa)
    assert "Opvang (COA)" in coa_section and "Het voorstel van de tafel" not in coa_section
    assert "tolk ter plaatse" not in coa_section


# --- the rule versions -----------------------------------------------------------------------


def test_the_rules_page_checks_a_new_version_and_lists_every_version() -> None:
    admin = login(username="admin", superuser=True)
    assert login(Role.IND_PLANNER, username="chair").get(f"{URL}rules/").status_code == 403
    page = html_of(admin.get(f"{URL}rules/"))
    assert "In gebruik: versie default 2026.1" in page and "Nog geen versie geplaatst" in page
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    broken = admin.post(
        f"{URL}rules/", {"text": text.replace('hit = "FIRST"', 'hit = "SOME"', 1), "note": "typo"}
    )
    assert broken.status_code == 400
    error = re.search(r'id="id_text_error">([^<]*)<', html_of(broken))
    assert error and "De regels zijn niet te gebruiken" in error.group(1)
    assert "hit policy" in error.group(1)
    no_note = admin.post(f"{URL}rules/", {"text": text, "note": ""})
    assert re.search(r'id="id_note_error">[^<]*Geef een reden', html_of(no_note))
    assert not RuleFile.objects.exists()
    new = text.replace('version = "2026.1"', 'version = "2026.2"')
    assert admin.post(f"{URL}rules/", {"text": new, "note": "UKR van de lijst"}).status_code == 302
    page = html_of(admin.get(f"{URL}rules/"))
    assert "In gebruik: versie 2026.2" in page
    assert re.search(r"2026\.2</th>.*?admin.*?UKR van de lijst", page, re.S)
    assert RuleFile.objects.get().created_by.username == "admin"
