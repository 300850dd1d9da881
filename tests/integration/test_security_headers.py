# SPDX-License-Identifier: EUPL-1.2
"""Response headers: no page is stored by a browser or proxy, every page carries the CSP, and
the session and CSRF cookies are HttpOnly and SameSite."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

import factories as f
from verkeerstoren.cases.roles import Role
from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.web.common.headers import NoStoreMiddleware

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def assert_not_stored(response: Any, url: str) -> None:
    assert response["Cache-Control"] == "no-store", url
    assert response["Pragma"] == "no-cache", url


def test_every_page_and_fragment_of_a_signed_in_user_is_no_store(client: Client) -> None:
    planner = f.user("planner", Role.IND_PLANNER)
    case = f.case()
    run = ForecastRun.objects.create(name="x", scenario={}, replications=10, created_by=planner)
    client.force_login(planner)
    urls = [
        "/",
        "/cases/",
        f"/cases/{case.reference}/",
        "/planning/",
        "/forecasts/",
        "/forecasts/compare/",
        f"/forecasts/runs/{run.pk}/",
        f"/forecasts/runs/{run.pk}/status/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_not_stored(response, url)
    # A case list fragment for htmx as well as the full page.
    fragment = client.get("/cases/", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert_not_stored(fragment, "/cases/ (htmx)")


def test_the_login_page_redirects_and_errors_are_no_store_too(client: Client) -> None:
    for url, status in (("/login/", 200), ("/", 302), ("/no-such-page/", 404)):
        response = client.get(url)
        assert response.status_code == status, url
        assert_not_stored(response, url)


def test_static_files_may_be_cached() -> None:
    middleware = NoStoreMiddleware(lambda request: HttpResponse("body { }"))
    static = middleware(RequestFactory().get("/static/web/app.css"))
    page = middleware(RequestFactory().get("/staticpages/"))
    assert not static.has_header("Cache-Control") and not static.has_header("Pragma")
    assert page["Cache-Control"] == "no-store"


def test_every_page_has_a_policy_without_inline_script_or_eval(client: Client) -> None:
    header = client.get("/login/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in header.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"


def test_the_session_and_csrf_cookies_are_http_only_and_same_site(client: Client) -> None:
    f.user("anna", Role.IND_PLANNER)
    client.get("/login/")
    csrf = client.cookies["csrftoken"]
    assert csrf["httponly"] and csrf["samesite"] == "Lax"
    client.post("/login/", {"username": "anna", "password": f.PASSWORD})
    session = client.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"
    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    language = switched.cookies["django_language"]
    assert language["httponly"] and language["samesite"] == "Lax"
