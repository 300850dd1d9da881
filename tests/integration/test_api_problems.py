# SPDX-License-Identifier: EUPL-1.2
"""The API's errors are problem+json (RFC 9457) with the status they say, every response has
API-Version, a trailing slash is a 404 and not a redirect, and the document is public."""

from __future__ import annotations

import json

import pytest
from api_helpers import API, call, invalid_names, problem, token_for
from django.test import Client

import factories as f
from verkeerstoren import __version__
from verkeerstoren.cases.models import LegalEvent
from verkeerstoren.cases.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner_token() -> str:
    return token_for(f.user("planner", Role.IND_PLANNER))


def test_openapi_document_is_public_with_contact_version_and_servers(client: Client) -> None:
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response["API-Version"] == __version__
    doc = json.loads(response.content)
    assert doc["openapi"].startswith("3.")
    assert doc["info"]["version"] == __version__
    assert set(doc["info"]["contact"]) == {"name", "email", "url"}
    assert doc["servers"][0]["url"].endswith("/api/v1")
    assert "/cases" in doc["paths"] and "/cases/{reference}/legal-events" in doc["paths"]
    # Error responses are documented as problem+json, and API-Version on every response.
    listing = doc["paths"]["/cases"]["get"]["responses"]
    assert "application/problem+json" in listing["400"]["content"]
    assert all("API-Version" in r["headers"] for r in listing.values())
    # Properties are lowerCamelCase.
    props = doc["components"]["schemas"]["CaseOut"]["properties"]
    assert "writtenHearingConsent" in props and "written_hearing_consent" not in props


def test_no_token_is_401_with_bearer_challenge(client: Client) -> None:
    body = problem(call(client, "GET", "/cases"), 401)
    assert body["detail"]
    response = call(client, "GET", "/cases")
    assert response["WWW-Authenticate"] == "Bearer"
    assert response["API-Version"] == __version__


def test_wrong_token_is_401(client: Client) -> None:
    problem(call(client, "GET", "/cases", "not-a-token"), 401)


def test_session_login_does_not_authorise_the_api(client: Client) -> None:
    user = f.user("web", Role.IND_PLANNER)
    client.force_login(user)
    problem(call(client, "GET", "/cases"), 401)


def test_role_without_register_is_403(client: Client) -> None:
    token = token_for(f.user("agent", Role.POLICE))
    problem(call(client, "GET", "/cases", token), 403)
    problem(call(client, "GET", f"/cases/{f.case().reference}", token), 403)


def test_unknown_case_and_unknown_address_are_404(client: Client, planner_token: str) -> None:
    problem(call(client, "GET", "/cases/NOPE-1", planner_token), 404)
    problem(call(client, "GET", "/no-such-thing", planner_token), 404)


def test_trailing_slash_is_404_not_a_redirect(client: Client, planner_token: str) -> None:
    response = call(client, "GET", "/cases/", planner_token)
    problem(response, 404)
    assert "Location" not in response
    assert response["API-Version"] == __version__
    # A POST to no endpoint is a 404 problem too (no CSRF page, no redirect).
    problem(call(client, "POST", "/cases/", planner_token, {}), 404)
    problem(call(client, "POST", "/nothing", None, {}), 404)


def test_debug_does_not_turn_api_404s_into_html(
    client: Client, planner_token: str, settings: object
) -> None:
    settings.DEBUG = True  # type: ignore[attr-defined]
    problem(call(client, "GET", "/cases/", planner_token), 404)
    problem(call(client, "GET", "/no-such-thing", planner_token), 404)


def test_method_not_allowed_is_405(client: Client, planner_token: str) -> None:
    response = call(client, "DELETE", "/cases", planner_token)
    problem(response, 405)
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("method", ["OPTIONS", "TRACE", "PUT", "DELETE"])
def test_undeclared_methods_are_405_before_anything_else(
    client: Client, planner_token: str, method: str
) -> None:
    response = call(client, method, "/cases?colour=red", planner_token)
    problem(response, 405)
    assert response["Allow"] == "GET, HEAD"


def test_an_empty_query_value_is_400(client: Client, planner_token: str) -> None:
    body = problem(call(client, "GET", "/cases?status=&location=", planner_token), 400)
    assert invalid_names(body) == {"status", "location"}


def test_unknown_query_parameter_is_400_naming_it(client: Client, planner_token: str) -> None:
    body = problem(call(client, "GET", "/cases?colour=red", planner_token), 400)
    assert invalid_names(body) == {"colour"}
    body = problem(call(client, "GET", "/cases?status=flying", planner_token), 400)
    assert invalid_names(body) == {"status"}
    body = problem(call(client, "GET", "/cases?pageSize=101", planner_token), 400)
    assert invalid_names(body) == {"pageSize"}
    problem(call(client, "GET", "/cases?page=7", planner_token), 404)


def test_malformed_deep_and_huge_json_are_400_and_write_nothing(
    client: Client, planner_token: str
) -> None:
    case = f.case()
    path = f"/cases/{case.reference}/legal-events"
    problem(call(client, "POST", path, planner_token, raw=b'{"kind": '), 400)
    deep = "[" * 5000 + "]" * 5000
    problem(call(client, "POST", path, planner_token, raw=deep), 400)
    huge = json.dumps({"kind": "notice_of_default", "date": "2025-01-10", "reason": "x" * 70_000})
    problem(call(client, "POST", path, planner_token, raw=huge), 400)
    problem(call(client, "POST", path, planner_token, raw=b"\xff\xfe"), 400)
    problem(call(client, "POST", path, planner_token, raw="[1, 2]"), 400)
    assert not LegalEvent.objects.exists()


def test_form_bodies_are_415(client: Client, planner_token: str) -> None:
    case = f.case()
    response = call(
        client,
        "POST",
        f"/cases/{case.reference}/legal-events",
        planner_token,
        raw="kind=notice_of_default",
        content_type="application/x-www-form-urlencoded",
    )
    problem(response, 415)


def test_unknown_body_field_is_400_naming_it(client: Client, planner_token: str) -> None:
    case = f.case()
    body = problem(
        call(
            client,
            "POST",
            f"/cases/{case.reference}/legal-events",
            planner_token,
            {"kind": "notice_of_default", "date": "2025-01-10", "colour": "red", "end_date": None},
        ),
        400,
    )
    # snake_case is not the API's spelling: end_date is as unknown as colour.
    assert invalid_names(body) == {"colour", "end_date"}
    assert not LegalEvent.objects.exists()


def test_a_v_number_as_a_key_is_never_echoed(client: Client, planner_token: str) -> None:
    case = f.case()
    response = call(
        client,
        "POST",
        f"/cases/{case.reference}/legal-events",
        planner_token,
        {"kind": "notice_of_default", "date": "2025-01-10", "1234567890": 1},
    )
    problem(response, 400)
    assert b"1234567890" not in response.content


def test_stale_if_match_is_412_and_missing_if_match_on_patch_is_428(
    client: Client, planner_token: str
) -> None:
    case = f.case()
    path = f"/cases/{case.reference}"
    problem(call(client, "PATCH", path, planner_token, {"hearingMode": "oral"}), 428)
    response = call(client, "PATCH", path, planner_token, {"hearingMode": "oral"}, if_match='"7"')
    problem(response, 412)
    assert response["ETag"] == '"1"'
    body = problem(
        call(client, "PATCH", path, planner_token, {"hearingMode": "oral"}, if_match="seven"),
        400,
    )
    assert invalid_names(body) == {"If-Match"}
    case.refresh_from_db()
    assert case.hearing_mode == "" and case.version == 1


def test_the_same_event_twice_is_409(client: Client, planner_token: str) -> None:
    case = f.case()
    path = f"/cases/{case.reference}/legal-events"
    event = {"kind": "notice_of_default", "date": "2025-01-10"}
    assert call(client, "POST", path, planner_token, event).status_code == 201
    body = problem(call(client, "POST", path, planner_token, event), 409)
    assert invalid_names(body) == {"date"}
    assert LegalEvent.objects.count() == 1


def test_problems_speak_the_accept_language(client: Client) -> None:
    token = token_for(f.user("agent", Role.POLICE))
    english = problem(call(client, "GET", "/cases", token, Accept_Language="en"), 403)
    dutch = problem(call(client, "GET", "/cases", token, Accept_Language="nl"), 403)
    assert english["detail"] != dutch["detail"]


def test_html_is_not_acceptable_but_still_answered_as_problem(
    client: Client, planner_token: str
) -> None:
    problem(call(client, "GET", "/cases", planner_token, Accept="text/html"), 406)


def test_web_404_stays_html(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "API-Version" not in response


def test_every_endpoint_answers_with_api_version_and_a_problem_without_token(
    client: Client,
) -> None:
    from verkeerstoren.api.urls import ENDPOINTS

    for route, _view, name, methods in ENDPOINTS:
        path = "/" + route.replace("<str:reference>", "Z-1").replace("<str:kind>", "guardian")
        path = path.replace("<int:pk>", "1")
        for method in methods:
            response = call(client, method, path, None, {} if method != "GET" else None)
            assert response["API-Version"] == __version__, (method, path)
            if name == "openapi":
                assert response.status_code == 200
            else:
                problem(response, 401)
