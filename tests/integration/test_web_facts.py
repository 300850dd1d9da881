# SPDX-License-Identifier: EUPL-1.2
"""Recording facts through the web forms (web/facts), on SQLite and PostgreSQL.

Each form goes through the real view, the real service of cases.facts and the real database.
The register's day is Monday 2020-04-06 (before the temporary law of 2020-07-10, so the Awb's
penalty rules apply; notices received in 2020 pay EUR 23 for days 1-14 and 35 for days 15-28).
Expected dates and amounts are worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client, override_settings

import factories as f
from verkeerstoren.cases.law_figures import refresh_law_figures
from verkeerstoren.cases.models import Case, DossierItem, LawFigures, LegalEvent, StatusChange
from verkeerstoren.cases.roles import Role

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2020, 4, 6)
V_NUMBER = "4821630957"  # synthetic


@pytest.fixture(autouse=True)
def register_day(settings: Any) -> Iterator[None]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(REGISTER_AS_OF=AS_OF.isoformat()):
        yield


def login(client: Client, *roles: Role, username: str = "u") -> Client:
    client.force_login(f.user(username, *roles))
    return client


@pytest.fixture
def planner(client: Client) -> Client:
    return login(client, Role.IND_PLANNER, username="planner")


def overdue(reference: str = "P-B", status: str = "heard", **values: Any) -> Case:
    """Received 2019-09-02: deadline 2019-09-02 + 6 months = Mon 2020-03-02, overdue on 04-06."""
    case = f.case(reference=reference, received=dt.date(2019, 9, 2), status=status, **values)
    StatusChange.objects.create(case=case, status="registered", date=case.received)
    if status != "registered":
        StatusChange.objects.create(case=case, status=status, date=dt.date(2020, 1, 6))
    return case


def page_text(response: Any) -> str:
    """The page's text without tags, whitespace collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def error_at(response: Any, control_id: str) -> str:
    """The message shown at the control with this id (the element its aria-describedby names)."""
    body = response.content.decode()
    found = re.search(rf'id="{re.escape(control_id)}_error">(.*?)</div>', body, re.S)
    assert found, f"no message at {control_id}"
    control = re.search(rf'<[^>]+id="{re.escape(control_id)}"[^>]*>', body)
    assert control and f"{control_id}_error" in control.group(0), "message not linked to control"
    return html.unescape(found.group(1)).strip()


def post(client: Client, url: str, case: Case, prefix: str, **values: Any) -> Any:
    """POST a fact form of ``case`` with the version shown on its page."""
    data = {f"{prefix}-{k}": v for k, v in values.items()}
    data.setdefault(f"{prefix}-version", case.version)
    return client.post(url, data)


def event_url(case: Case, kind: str) -> str:
    return f"/cases/{case.reference}/events/{kind}/"


# --- each form records its fact -----------------------------------------------------------------


def test_a_notice_of_default_changes_the_case_page_and_the_overview(planner: Client) -> None:
    case = overdue()
    refresh_law_figures(AS_OF)
    before = page_text(planner.get("/"))
    assert "Tot nu toe verschuldigd € 0" in before

    response = post(
        planner, event_url(case, "notice_of_default"), case, "notice_of_default", date="2020-03-05"
    )
    assert response.status_code == 302
    assert response["Location"].startswith(f"/cases/{case.reference}/?done=legal")
    event = LegalEvent.objects.get(case=case)
    assert (event.kind, event.date, event.recorded_by.username) == (
        "notice_of_default",
        dt.date(2020, 3, 5),
        "planner",
    )
    page = page_text(planner.get(response["Location"]))
    assert "Vastgelegd: Ingebrekestelling." in page
    # Notice 03-05, after the deadline 03-02: first penalty day 03-05 + 14 = 03-19. On 04-06 it
    # is penalty day 19: 14 x 23 + 5 x 35 = 497 owed, 35 a day.
    assert "Eerste dwangsomdag 19 maart 2020" in page
    assert "Nu verschuldigd in totaal € 497,00" in page
    assert "Dwangsom per dag nu € 35,00" in page
    figures = LawFigures.objects.get(case=case)
    assert figures.first_penalty_day == dt.date(2020, 3, 19) and figures.penalty_eur == 497
    # The overview reads the refreshed figures: 497 owed, 7 x 35 = 245 a week.
    after = page_text(planner.get("/"))
    assert "Tot nu toe verschuldigd € 497" in after
    assert "Dwangsommen per week in het huidige tempo € 245" in after


@pytest.mark.parametrize(
    ("kind", "values", "stored"),
    [
        ("extension", {"date": "2020-02-03", "months": "9", "reason": "complex"}, {"months": 9}),
        (
            "suspension",
            {"date": "2020-03-16", "end_date": "2020-03-31", "reason": "force majeure"},
            {"end_date": dt.date(2020, 3, 31)},
        ),
        (
            "court_ruling",
            {
                "date": "2020-03-02",
                "decision_term_days": "56",
                "daily_eur": "100.00",
                "cap_eur": "7500",
            },
            {"decision_term_days": 56, "daily_eur": 100, "cap_eur": 7500},
        ),
        ("appeal", {"date": "2020-03-20"}, {}),
        ("notice_of_default", {"date": "2020-03-05", "sent_date": "2020-03-03"}, {
            "sent_date": dt.date(2020, 3, 3)
        }),
    ],
)  # fmt: skip
def test_each_event_form_records_its_event(
    planner: Client, kind: str, values: dict[str, str], stored: dict[str, Any]
) -> None:
    case = overdue()
    response = post(planner, event_url(case, kind), case, kind, **values)
    assert response.status_code == 302
    event = LegalEvent.objects.get(case=case)
    assert event.kind == kind and event.date.isoformat() == values["date"]
    for name, value in stored.items():
        assert getattr(event, name) == value
    if "reason" in values:
        assert event.reason == values["reason"]
    case.refresh_from_db()
    assert case.version == 2  # one fact, one version step


def test_a_decision_sent_decides_the_case(planner: Client) -> None:
    case = overdue(status="response")
    response = post(
        planner,
        event_url(case, "decision_sent"),
        case,
        "decision_sent",
        date="2020-04-02",
        outcome="grant",
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("decided", "grant")
    assert case.status_history.filter(status="decided", date=dt.date(2020, 4, 2)).exists()


def test_a_correction_supersedes_the_event_and_both_stay_listed(planner: Client) -> None:
    case = overdue()
    post(
        planner, event_url(case, "notice_of_default"), case, "notice_of_default", date="2020-03-05"
    )
    original = LegalEvent.objects.get(case=case)
    case.refresh_from_db()
    prefix = f"correct-{original.pk}"
    url = f"/cases/{case.reference}/events/{original.pk}/correction/"
    response = post(planner, url, case, prefix, date="2020-03-09", reason="typing error")
    assert response.status_code == 302
    corrected = LegalEvent.objects.get(supersedes=original)
    assert corrected.date == dt.date(2020, 3, 9) and corrected.reason == "typing error"
    page = page_text(planner.get(f"/cases/{case.reference}/"))
    assert "Gecorrigeerd door de gebeurtenis van 9-3-2020: typing error." in page
    assert "Correctie van de gebeurtenis van 5-3-2020." in page
    # The law reads the correction: 03-09 + 14 = first penalty day 03-23.
    assert "Eerste dwangsomdag 23 maart 2020" in page
    # Only the event in force can be corrected again.
    body = planner.get(f"/cases/{case.reference}/").content.decode()
    assert f"/events/{original.pk}/correction/" not in body
    assert f"/events/{corrected.pk}/correction/" in body


def test_a_retraction_takes_the_event_out_of_the_law(planner: Client) -> None:
    case = overdue()
    post(
        planner, event_url(case, "notice_of_default"), case, "notice_of_default", date="2020-03-05"
    )
    original = LegalEvent.objects.get(case=case)
    case.refresh_from_db()
    url = f"/cases/{case.reference}/events/{original.pk}/correction/"
    prefix = f"correct-{original.pk}"
    response = post(planner, url, case, prefix, retract="on", reason="wrong case")
    assert response.status_code == 302
    assert LegalEvent.objects.filter(case=case).count() == 2
    assert LegalEvent.objects.get(supersedes=original).retraction
    page = page_text(planner.get(f"/cases/{case.reference}/"))
    assert "Ingetrokken: wrong case." in page
    assert "Eerste dwangsomdag —" in page
    assert LawFigures.objects.get(case=case).penalty_eur == 0


def test_a_correction_needs_a_reason(planner: Client) -> None:
    case = overdue()
    original = LegalEvent.objects.create(
        case=case, kind="notice_of_default", date=dt.date(2020, 3, 5)
    )
    url = f"/cases/{case.reference}/events/{original.pk}/correction/"
    prefix = f"correct-{original.pk}"
    response = post(planner, url, case, prefix, date="2020-03-09", reason="")
    assert response.status_code == 400
    assert error_at(response, f"id_{prefix}-reason") == "Dit veld is vereist."
    assert LegalEvent.objects.filter(case=case).count() == 1


def test_the_status_form_offers_the_next_steps_and_moves_the_case(planner: Client) -> None:
    case = overdue(status="heard")
    page = planner.get(f"/cases/{case.reference}/").content.decode()
    select = re.search(r'<select name="status-status".*?</select>', page, re.S)
    assert select is not None
    # heard -> intention, or a decision (process.NEXT).
    assert re.findall(r'<option value="([a-z_]+)"', select.group(0)) == ["intention", "decided"]
    assert 'name="status-date" value="2020-04-06"' in page  # the register's day
    response = post(
        planner,
        f"/cases/{case.reference}/status/",
        case,
        "status",
        status="intention",
        date="2020-04-06",
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "intention"
    assert case.status_history.filter(status="intention", date=AS_OF).exists()


def test_completing_the_last_dossier_item_makes_the_case_ready_for_hearing(planner: Client) -> None:
    case = overdue(status="preparing")
    DossierItem.objects.create(
        case=case, kind="identity_documents", done=True, done_date=dt.date(2020, 2, 1)
    )
    DossierItem.objects.create(case=case, kind="medical_advice")
    body = planner.get(f"/cases/{case.reference}/").content.decode()
    button = '>Gereed melden<span class="vt-visually-hidden">: Medisch advies (BMA/FMMU)</span>'
    assert button in body  # the button's name says which item
    assert body.count(">Gereed melden<") == 1  # the done item has none
    response = post(
        planner,
        f"/cases/{case.reference}/dossier/medical_advice/complete/",
        case,
        "dossier-medical_advice",
    )
    assert response.status_code == 302
    item = DossierItem.objects.get(case=case, kind="medical_advice")
    assert (item.done, item.done_date, item.done_by.username) == (True, AS_OF, "planner")
    case.refresh_from_db()
    assert case.status == "ready_for_hearing"
    page = page_text(planner.get(response["Location"]))
    assert "Medisch advies (BMA/FMMU) ja 6-4-2020 planner" in page  # who and when
    assert (
        ">Gereed melden<" not in planner.get(response["Location"]).content.decode()
    )  # no open item left


def test_a_written_hearing_with_consent_is_recorded(planner: Client) -> None:
    case = overdue()
    response = post(
        planner,
        f"/cases/{case.reference}/hearing-mode/",
        case,
        "hearing",
        mode="written",
        consent="on",
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.hearing_mode, case.written_hearing_opt_in) == ("written", True)
    assert "Manier van horen Schriftelijk" in page_text(planner.get(f"/cases/{case.reference}/"))


def application(**values: Any) -> dict[str, Any]:
    data = {
        "v_number": V_NUMBER,
        "nationality": "eri",
        "language": "ti",
        "received": "2020-04-03",
        "location": "TA",
        "kind": "first",
        "family_members": "0",
        "documents": ["passport"],
        "features": ["lgbti"],
    }
    return data | values


def test_a_new_application_becomes_a_case_named_by_its_reference(planner: Client) -> None:
    f.location()
    response = planner.post("/cases/new/", application())
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.reference}/"
    assert (case.nationality, case.language, case.received, case.status) == (
        "ERI",  # typed in lower case, stored as the ISO code
        "ti",
        dt.date(2020, 4, 3),
        "registered",
    )
    assert V_NUMBER not in case.person and len(case.person) == 64
    assert case.intake.document_list() == ["passport"]
    assert case.feature_codes() == ["lgbti"]
    follow = planner.get(response["Location"])
    assert f"Aanvraag geregistreerd als zaak {case.reference}." in page_text(follow)
    assert V_NUMBER not in follow.content.decode()


# --- bad input: the message at the field, nothing written ---------------------------------------


def test_a_suspension_ending_before_it_starts_is_refused_at_the_end(planner: Client) -> None:
    case = overdue()
    response = post(
        planner,
        event_url(case, "suspension"),
        case,
        "suspension",
        date="2020-03-16",
        end_date="2020-03-01",
        reason="force majeure",
    )
    assert response.status_code == 400
    assert error_at(response, "id_suspension-end_date") == "Het einde ligt voor het begin."
    assert not LegalEvent.objects.filter(case=case).exists()
    case.refresh_from_db()
    assert case.version == 1


def test_a_decision_before_the_application_is_refused_at_the_date(planner: Client) -> None:
    case = overdue(status="response")
    response = post(
        planner,
        event_url(case, "decision_sent"),
        case,
        "decision_sent",
        date="2019-08-30",
        outcome="grant",
    )
    assert response.status_code == 400
    assert (
        error_at(response, "id_decision_sent-date")
        == "Deze datum ligt voor de ontvangst van de aanvraag."
    )
    assert not LegalEvent.objects.filter(case=case).exists()
    case.refresh_from_db()
    assert case.status == "response"


def test_a_notice_after_the_decision_is_refused_at_the_date(planner: Client) -> None:
    case = overdue(status="decided", outcome="refusal")
    LegalEvent.objects.create(
        case=case, kind="decision_sent", date=dt.date(2020, 3, 20), outcome="refusal"
    )
    response = post(
        planner, event_url(case, "notice_of_default"), case, "notice_of_default", date="2020-03-25"
    )
    assert response.status_code == 400
    assert (
        error_at(response, "id_notice_of_default-date") == "De zaak was voor deze datum al beslist."
    )
    assert LegalEvent.objects.filter(case=case).count() == 1


def test_a_status_jump_the_process_does_not_allow_is_refused_at_the_status(planner: Client) -> None:
    case = overdue(status="registered")
    response = post(
        planner,
        f"/cases/{case.reference}/status/",
        case,
        "status",
        status="heard",
        date="2020-04-06",
    )
    assert response.status_code == 400
    assert error_at(response, "id_status-status") == (
        "Het proces staat deze stap vanuit de huidige status niet toe."
    )
    case.refresh_from_db()
    assert case.status == "registered"
    assert case.status_history.count() == 1


def test_a_written_hearing_without_consent_is_refused_at_the_consent(planner: Client) -> None:
    case = overdue()
    response = post(
        planner, f"/cases/{case.reference}/hearing-mode/", case, "hearing", mode="written"
    )
    assert response.status_code == 400
    assert error_at(response, "id_hearing-consent") == (
        "Schriftelijk horen vraagt om vastgelegde toestemming van de aanvrager."
    )
    case.refresh_from_db()
    assert (case.hearing_mode, case.version) == ("", 1)


@pytest.mark.parametrize("typed", ["12345", "48216309571", "V-number"])
def test_an_invalid_v_number_is_refused_at_the_field_and_never_shown(
    planner: Client, typed: str
) -> None:
    f.location()
    response = planner.post("/cases/new/", application(v_number=typed))
    assert response.status_code == 400
    assert error_at(response, "id_v_number") == "Dit is geen geldig V-nummer."
    assert typed not in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("values", "control", "message"),
    [
        # The form's own check of the code (lower case is taken as upper case).
        ({"nationality": "SY"}, "id_nationality", "Geef een ISO 3166-code van drie letters, bijvoorbeeld SYR."),
        # The service's check against the register's day (2020-04-06).
        ({"received": "2021-01-01"}, "id_received", "Deze datum ligt na de dag van het register."),
        ({"location": "XX"}, "id_location", None),
    ],
)  # fmt: skip
def test_a_refused_application_never_shows_the_v_number_again(
    planner: Client, values: dict[str, str], control: str, message: str | None
) -> None:
    f.location()
    response = planner.post("/cases/new/", application(**values))
    assert response.status_code == 400
    shown = error_at(response, control)
    assert message is None or shown == message
    body = response.content.decode()
    assert V_NUMBER not in body
    assert 'name="v_number"' in body and 'autocomplete="off"' in body
    assert 'value="ti"' in body  # the other fields keep what was typed
    assert not Case.objects.exists()


def test_a_v_number_in_another_field_is_refused_without_echo(planner: Client) -> None:
    f.location()
    response = planner.post("/cases/new/", application(family_group=V_NUMBER))
    assert response.status_code == 400
    assert "V-nummer" in error_at(response, "id_family_group")
    assert V_NUMBER not in response.content.decode()
    assert not Case.objects.exists()


# --- optimistic locking -------------------------------------------------------------------------


def test_a_stale_version_is_refused_with_the_message(planner: Client) -> None:
    case = overdue()
    seen = case.version
    post(planner, event_url(case, "appeal"), case, "appeal", date="2020-03-20")  # someone else
    response = post(
        planner,
        event_url(case, "notice_of_default"),
        case,
        "notice_of_default",
        date="2020-03-05",
        version=seen,
    )
    assert response.status_code == 409
    assert "De zaak is gewijzigd sinds u deze pagina opende" in page_text(response)
    assert list(LegalEvent.objects.filter(case=case).values_list("kind", flat=True)) == ["appeal"]
    # The page shows the case as it is now, and the form the version it now shows.
    body = response.content.decode()
    assert 'name="notice_of_default-version" value="2"' in body
    assert 'name="notice_of_default-date" value="2020-03-05"' in body


def test_htmx_gets_the_refused_form_with_200_so_that_it_swaps_it_in(planner: Client) -> None:
    case = overdue()
    response = planner.post(
        f"/cases/{case.reference}/hearing-mode/",
        {"hearing-mode": "written", "hearing-version": case.version},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="main"' in response.content.decode()
    assert error_at(response, "id_hearing-consent")


# --- who may record -----------------------------------------------------------------------------


FORMS = ("/events/", "/status/", "/dossier/", "/hearing-mode/")


@pytest.mark.parametrize(
    "role", [Role.IND_MANAGEMENT, Role.COA_PLANNER, Role.DTV_PLANNER, Role.AUDITOR]
)
def test_roles_that_may_not_record_see_no_forms_and_get_403(client: Client, role: Role) -> None:
    case = overdue(status="preparing")
    DossierItem.objects.create(case=case, kind="medical_advice")
    login(client, role)
    page = client.get(f"/cases/{case.reference}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert not any(f"/cases/{case.reference}{part}" in body for part in FORMS)
    assert "hx-post" not in body
    urls = [
        event_url(case, "notice_of_default"),
        f"/cases/{case.reference}/status/",
        f"/cases/{case.reference}/dossier/medical_advice/complete/",
        f"/cases/{case.reference}/hearing-mode/",
    ]
    for url in urls:
        assert client.post(url, {"notice_of_default-date": "2020-03-05"}).status_code == 403
    assert not LegalEvent.objects.exists()
    assert client.get("/cases/new/").status_code == 403


def test_the_police_register_applications_but_record_no_case_facts(client: Client) -> None:
    case = overdue()
    f.location()
    login(client, Role.POLICE)
    assert "Nieuwe aanvraag" in page_text(client.get("/"))
    response = client.post("/cases/new/", application())
    # The police do not read the register: back to the form, with the new reference.
    assert response.status_code == 302 and response["Location"] == "/cases/new/"
    new = Case.objects.exclude(pk=case.pk).get()
    assert f"Aanvraag geregistreerd als zaak {new.reference}." in page_text(
        client.get("/cases/new/")
    )
    assert (
        post(client, event_url(case, "appeal"), case, "appeal", date="2020-03-20").status_code
        == 403
    )


def test_the_menu_offers_a_new_application_only_to_roles_that_may_register(client: Client) -> None:
    login(client, Role.IND_MANAGEMENT)
    assert "Nieuwe aanvraag" not in page_text(client.get("/"))


def test_a_post_without_csrf_token_is_refused() -> None:
    case = overdue()
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(f.user("planner", Role.IND_PLANNER))
    data = {"appeal-date": "2020-03-20", "appeal-version": case.version}
    assert browser.post(event_url(case, "appeal"), data).status_code == 403
    assert not LegalEvent.objects.exists()
    # With the token the case page's form carries, the same POST is recorded.
    page = browser.get(f"/cases/{case.reference}/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    response = browser.post(
        event_url(case, "appeal"), data | {"csrfmiddlewaretoken": token.group(1)}
    )
    assert response.status_code == 302
    assert LegalEvent.objects.filter(case=case, kind="appeal").exists()


def test_the_fact_urls_take_no_get(planner: Client) -> None:
    case = overdue()
    assert planner.get(event_url(case, "appeal")).status_code == 405
    assert planner.get(f"/cases/{case.reference}/status/").status_code == 405
