# SPDX-License-Identifier: EUPL-1.2
"""The Content-Security-Policy in Chromium: the pages work under it and break none of its rules.

The policy allows no inline script, no eval and no inline style. A page that needed one of them
would show a CSP violation: Chromium reports each as a console message ("Refused to ...") and as
a ``securitypolicyviolation`` event, which an init script (run by Playwright, outside the page's
policy) records. The forecast run page must still draw its Vega charts: Vega compiles its
expressions with ``new Function`` unless it is given the vendored interpreter.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

import factories as f
from verkeerstoren.cases.roles import Role
from verkeerstoren.forecasts import services
from verkeerstoren.forecasts.tasks import execute_run

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHARTS = ("stock", "overdue", "penalties", "reception")
SCENARIO: dict[str, Any] = {
    "name": "csp",
    "start_date": "2020-04-01",
    "horizon_weeks": 8,
    "seed": 3,
    "working_stock": 100,
    "case_types": [
        {
            "name": "regular",
            "term_weeks": 26,
            "hours_oral": 20,
            "initial_stock": [{"age_weeks": [0, 39], "count": 300}],
        }
    ],
    "capacity": {
        "mode": "decisions",
        "decisions_per_week": [{"from": 0, "value": 40}],
        "distribution": "fixed",
    },
    "penalties": {"notice_probability": 0.5, "notice_delay_weeks": 2},
}

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline"));
});
"""
CSP_WORDS = re.compile(r"Refused to|Content Security Policy|unsafe-eval|unsafe-inline", re.I)


class Problems:
    """Console messages, uncaught page errors and CSP violation events of one page."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.console: list[str] = []
        self.errors: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        # A missing resource is named by its response (Chromium's console message is not).
        self.missing: list[str] = []
        page.on("response", self._note_missing)

    def _note_missing(self, response: Any) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.missing.append(f"{response.status} {response.url}")

    def assert_none(self, where: str) -> None:
        violations = self.page.evaluate("window.__cspViolations")
        csp_console = [m for m in self.console if CSP_WORDS.search(m)]
        assert violations == [], f"{where}: CSP violations {violations}"
        assert csp_console == [], f"{where}: CSP console messages {csp_console}"
        assert self.errors == [], f"{where}: page errors {self.errors}"
        assert self.missing == [], f"{where}: failed responses {self.missing}"
        console_errors = [
            m for m in self.console if m.startswith("error") and "Failed to load resource" not in m
        ]
        assert console_errors == [], f"{where}: console errors {console_errors}"


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(f.PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_the_pages_and_their_charts_keep_to_the_policy(live_server: Any, page: Any) -> None:
    planner = f.user("planner", Role.IND_PLANNER)
    case = f.case()
    run = services.start_forecast(SCENARIO, planner, replications=10)
    execute_run(run.pk)
    problems = Problems(page)

    page.goto(f"{live_server.url}/login/")
    header = page.request.get(f"{live_server.url}/login/").headers["content-security-policy"]
    assert "script-src 'self'" in header and "unsafe" not in header
    problems.assert_none("login page")
    sign_in(page, live_server.url, "planner")

    for path in ("/", "/cases/", f"/cases/{case.reference}/", "/planning/", "/forecasts/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("main h1").first).to_be_visible()
        problems.assert_none(path)

    # The case list filters through htmx: a swap must not need eval or inline style either.
    page.goto(f"{live_server.url}/cases/")
    with page.expect_response(lambda r: "/cases/" in r.url and r.request.headers.get("hx-request")):
        page.locator("#case-filters button[type=submit]").click()
    expect(page.locator("#case-list")).to_be_visible()
    problems.assert_none("/cases/ after filtering")

    page.goto(f"{live_server.url}/forecasts/runs/{run.pk}/")
    for slug in CHARTS:
        drawn = page.locator(f"#chart-{slug}").locator("svg, canvas").first
        expect(drawn).to_be_visible()
    assert page.locator(f"#chart-{CHARTS[0]} svg .mark-area path").count() >= 1
    problems.assert_none("forecast run page")
