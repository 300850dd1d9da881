# SPDX-License-Identifier: EUPL-1.2
"""Each write endpoint records its fact through cases.facts: the fact is in the database with
its user and source, the case's version (ETag) moves on and its law figures follow; a fact the
history contradicts is a 400 naming the field and writes nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from api_helpers import call, invalid_names, problem, token_for
from django.test import Client

import factories as f
from verkeerstoren.cases.models import Case, DossierItem, LawFigures, LegalEvent, StatusChange
from verkeerstoren.cases.roles import Role

pytestmark = pytest.mark.django_db

NOTICE = {"kind": "notice_of_default", "date": "2025-01-10"}


@pytest.fixture
def planner() -> tuple[object, str]:
    user = f.user("planner", Role.IND_PLANNER)
    return user, token_for(user)


def _events(case: Case) -> str:
    return f"/cases/{case.reference}/legal-events"


def _nothing_written(case: Case, version: int = 1) -> None:
    case.refresh_from_db()
    assert case.version == version
    assert not LegalEvent.objects.filter(case=case).exists()


def test_notice_of_default_on_an_overdue_case_starts_the_penalty_clock(
    client: Client, planner: tuple[object, str]
) -> None:
    user, token = planner
    case = f.case(received=dt.date(2024, 1, 2))
    response = call(client, "POST", _events(case), token, NOTICE, if_match='"1"')
    assert response.status_code == 201, response.content
    assert response["ETag"] == '"2"'
    body = json.loads(response.content)
    assert body["kind"] == "notice_of_default" and body["inForce"] is True
    assert body["recordedAt"].endswith("Z")
    event = LegalEvent.objects.get(case=case)
    assert event.source == "api" and event.recorded_by == user
    assert event.history.get().history_user == user
    figures = LawFigures.objects.get(case=case)
    assert figures.notice_received == dt.date(2025, 1, 10)
    assert figures.first_penalty_day == dt.date(2025, 1, 24)  # two weeks after the notice
    # The case page of the API shows the same figures and the new ETag.
    read = call(client, "GET", f"/cases/{case.reference}", token)
    assert read["ETag"] == '"2"'
    assert json.loads(read.content)["law"]["firstPenaltyDay"] == "2025-01-24"


def test_decision_before_the_application_is_400_naming_the_date(
    client: Client, planner: tuple[object, str]
) -> None:
    case = f.case(received=dt.date(2024, 3, 1))
    decision = {"kind": "decision_sent", "date": "2024-02-01", "outcome": "grant"}
    body = problem(call(client, "POST", _events(case), planner[1], decision), 400)
    assert invalid_names(body) == {"date"}
    _nothing_written(case)
    assert case.status == "registered"


def test_suspension_ending_before_it_starts_is_400_naming_the_end(
    client: Client, planner: tuple[object, str]
) -> None:
    case = f.case(received=dt.date(2024, 1, 2))
    suspension = {
        "kind": "suspension",
        "date": "2024-05-01",
        "endDate": "2024-04-01",
        "reason": "court",
    }
    body = problem(call(client, "POST", _events(case), planner[1], suspension), 400)
    assert invalid_names(body) == {"endDate"}
    _nothing_written(case)


def test_notice_on_a_decided_case_is_400_and_the_decision_moves_the_status(
    client: Client, planner: tuple[object, str]
) -> None:
    case = f.case(received=dt.date(2024, 1, 2))
    decision = {"kind": "decision_sent", "date": "2024-06-01", "outcome": "grant"}
    assert call(client, "POST", _events(case), planner[1], decision).status_code == 201
    case.refresh_from_db()
    assert case.status == "decided" and case.version == 2
    body = problem(call(client, "POST", _events(case), planner[1], NOTICE), 400)
    assert invalid_names(body) == {"date"}
    case.refresh_from_db()
    assert case.version == 2
    assert LegalEvent.objects.filter(case=case).count() == 1


def test_a_correction_supersedes_the_event_and_both_stay(
    client: Client, planner: tuple[object, str]
) -> None:
    case = f.case(received=dt.date(2024, 1, 2))
    first = json.loads(call(client, "POST", _events(case), planner[1], NOTICE).content)
    correction = {"supersedes": first["id"], "date": "2025-02-03", "reason": "typo in the date"}
    response = call(client, "POST", _events(case), planner[1], correction, if_match='"2"')
    assert response.status_code == 201, response.content
    assert json.loads(response.content)["supersedes"] == first["id"]
    listed = json.loads(call(client, "GET", _events(case), planner[1]).content)
    assert [(e["date"], e["inForce"]) for e in listed] == [
        ("2025-01-10", False),
        ("2025-02-03", True),
    ]
    assert LawFigures.objects.get(case=case).first_penalty_day == dt.date(2025, 2, 17)
    # A second correction of the same event clashes with the history: 409, nothing written.
    again = {"supersedes": first["id"], "date": "2025-02-04", "reason": "again"}
    body = problem(call(client, "POST", _events(case), planner[1], again), 409)
    assert invalid_names(body) == {"supersedes"}
    assert LegalEvent.objects.filter(case=case).count() == 2


def test_a_retraction_takes_the_event_out_of_the_law(
    client: Client, planner: tuple[object, str]
) -> None:
    case = f.case(received=dt.date(2024, 1, 2))
    first = json.loads(call(client, "POST", _events(case), planner[1], NOTICE).content)
    retract = {"supersedes": first["id"], "retraction": True, "reason": "wrong case"}
    assert call(client, "POST", _events(case), planner[1], retract).status_code == 201
    assert LawFigures.objects.get(case=case).first_penalty_day is None
    body = problem(
        call(client, "POST", _events(case), planner[1], {"retraction": True, "reason": "x"}), 400
    )
    assert "retraction" in invalid_names(body)
    body = problem(
        call(client, "POST", _events(case), planner[1], {"supersedes": 99999, "reason": "x"}), 400
    )
    assert invalid_names(body) == {"supersedes"}


def test_wrong_types_are_400_naming_each_field(client: Client, planner: tuple[object, str]) -> None:
    case = f.case(received=dt.date(2024, 1, 2))
    extension = {"kind": "extension", "date": "2024-06-01", "months": "6", "reason": 7}
    body = problem(call(client, "POST", _events(case), planner[1], extension), 400)
    assert invalid_names(body) == {"months", "reason"}
    bad_date = {"kind": "notice_of_default", "date": "2025-02-30"}
    assert invalid_names(
        problem(call(client, "POST", _events(case), planner[1], bad_date), 400)
    ) == {"date"}
    v_number = {"kind": "extension", "date": "2024-06-01", "months": 6, "reason": "V1234567890"}
    response = call(client, "POST", _events(case), planner[1], v_number)
    assert invalid_names(problem(response, 400)) == {"reason"}
    assert b"1234567890" not in response.content
    _nothing_written(case)


def test_stale_if_match_on_a_post_writes_nothing(
    client: Client, planner: tuple[object, str]
) -> None:
    case = f.case(received=dt.date(2024, 1, 2))
    response = call(client, "POST", _events(case), planner[1], NOTICE, if_match='"5"')
    problem(response, 412)
    assert response["ETag"] == '"1"'
    _nothing_written(case)


def test_status_change_along_the_process_and_a_jump_refused(
    client: Client, planner: tuple[object, str]
) -> None:
    user, token = planner
    case = f.case(received=dt.date(2024, 1, 2))
    path = f"/cases/{case.reference}/status-changes"
    body = problem(
        call(client, "POST", path, token, {"status": "heard", "date": "2024-03-01"}), 400
    )
    assert invalid_names(body) == {"status"}
    case.refresh_from_db()
    assert case.status == "registered" and case.version == 1
    response = call(client, "POST", path, token, {"status": "preparing", "date": "2024-03-01"})
    assert response.status_code == 201, response.content
    assert response["ETag"] == '"2"'
    change = StatusChange.objects.get(case=case, status="preparing")
    assert change.source == "api" and change.recorded_by == user
    listed = json.loads(call(client, "GET", path, token).content)
    assert [c["status"] for c in listed] == ["preparing"]


def test_dossier_items_completed_make_the_case_ready(
    client: Client, planner: tuple[object, str]
) -> None:
    token = planner[1]
    case = f.case(received=dt.date(2024, 1, 2))
    DossierItem.objects.create(case=case, kind="identity_documents")
    DossierItem.objects.create(case=case, kind="medical_advice")
    base = f"/cases/{case.reference}/dossier-items"
    for kind in ("identity_documents", "medical_advice"):
        response = call(client, "POST", f"{base}/{kind}/completion", token, {"date": "2024-02-01"})
        assert response.status_code == 201, response.content
    case.refresh_from_db()
    assert case.status == "ready_for_hearing"
    items = json.loads(call(client, "GET", base, token).content)
    assert all(i["done"] and i["doneDate"] == "2024-02-01" for i in items)
    problem(call(client, "POST", f"{base}/guardian/completion", token, {"date": "2024-02-01"}), 404)
    body = problem(
        call(client, "POST", f"{base}/medical_advice/completion", token, {"date": "2024-02-02"}),
        409,
    )
    assert invalid_names(body) == {"kind"}


def test_hearing_mode_written_needs_consent(client: Client, planner: tuple[object, str]) -> None:
    token = planner[1]
    case = f.case()
    path = f"/cases/{case.reference}"
    body = problem(
        call(client, "PATCH", path, token, {"hearingMode": "written"}, if_match='"1"'), 400
    )
    assert invalid_names(body) == {"consent"}
    body = problem(call(client, "PATCH", path, token, {"hearingMode": "loud"}, if_match='"1"'), 400)
    assert invalid_names(body) == {"hearingMode"}
    response = call(
        client, "PATCH", path, token, {"hearingMode": "written", "consent": True}, if_match='"1"'
    )
    assert response.status_code == 200, response.content
    assert response["ETag"] == '"2"'
    data = json.loads(response.content)
    assert data["hearingMode"] == "written" and data["writtenHearingConsent"] is True


def test_register_an_application_never_answers_the_v_number(client: Client) -> None:
    f.location("TA", "Ter Apel")
    token = token_for(f.user("agent", Role.POLICE))
    application = {
        "vNumber": "1234567890",
        "nationality": "ERI",
        "language": "ti",
        "received": "2026-01-05",
        "location": "TA",
        "birthDate": "2000-05-01",
        "documents": ["passport"],
        "features": ["lgbti"],
    }
    response = call(client, "POST", "/applications", token, application)
    assert response.status_code == 201, response.content
    assert b"1234567890" not in response.content
    body = json.loads(response.content)
    assert response["Location"].endswith(f"/api/v1/cases/{body['reference']}")
    case = Case.objects.get(reference=body["reference"])
    assert case.person != "1234567890" and case.intake.source == "api"
    assert case.feature_codes() == ["lgbti"]
    assert set(case.dossier_items.values_list("kind", flat=True)) >= {"identity_documents"}
    # The police register applicants but do not read the register.
    problem(call(client, "GET", f"/cases/{body['reference']}", token), 403)


def test_an_application_with_bad_intake_is_400_and_writes_nothing(client: Client) -> None:
    f.location("TA", "Ter Apel")
    token = token_for(f.user("agent", Role.POLICE))
    application = {
        "vNumber": "12345",
        "nationality": "ERI",
        "language": "ti",
        "received": "2026-01-05",
        "location": "XX",
        "birthDate": "2027-01-01",
    }
    response = call(client, "POST", "/applications", token, application)
    body = problem(response, 400)
    assert invalid_names(body) == {"vNumber", "location", "birthDate"}
    assert b"12345" not in response.content
    assert not Case.objects.exists()


def test_roles_that_may_not_record_facts_get_403(client: Client) -> None:
    case = f.case(received=dt.date(2024, 1, 2))
    for role in (Role.IND_MANAGEMENT, Role.COA_PLANNER, Role.DTV_PLANNER, Role.LEGAL_AID):
        token = token_for(f.user(f"u-{role.value}", role))
        problem(call(client, "POST", _events(case), token, NOTICE), 403)
        problem(call(client, "POST", "/applications", token, {}), 403)
    _nothing_written(case)
