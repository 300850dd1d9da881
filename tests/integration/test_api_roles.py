# SPDX-License-Identifier: EUPL-1.2
"""Who may call which API operation: every role, anonymous and a superuser, over every operation
of ``api.urls.ENDPOINTS``, against a table written out by hand from DOMAIN.md §4 and the access
rules the web app applies (not computed from ``verkeerstoren.access``).

Each role's row is checked on fresh data, with requests that are valid for a role that may make
them, so a 2xx means allowed and a 403 means refused (401 without a token). Then: COA and DT&V
never receive feature codes or dossier items (keys and values of every answer they may read),
and each case read through the API leaves one access-log row per case, via ``api``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from api_helpers import call, token_for
from django.test import Client

import factories as f
from verkeerstoren import glossary as g
from verkeerstoren.api.urls import ENDPOINTS
from verkeerstoren.cases.facts import Application, record_legal_event, register_application
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.cases.models import AccessLog, Case
from verkeerstoren.cases.roles import Role
from verkeerstoren.forecasts.services import start_forecast
from verkeerstoren.plans.models import PlanRun, PlanVersion

pytestmark = pytest.mark.django_db

ANONYMOUS, SUPERUSER = "anonymous", "superuser"

# The operations, in the order of the table's columns: (name, method, route of ENDPOINTS).
OPERATIONS = [
    ("openapi", "GET", "openapi.json"),
    ("listCases", "GET", "cases"),
    ("getCase", "GET", "cases/<str:reference>"),
    ("updateCase", "PATCH", "cases/<str:reference>"),
    ("listLegalEvents", "GET", "cases/<str:reference>/legal-events"),
    ("recordLegalEvent", "POST", "cases/<str:reference>/legal-events"),
    ("listStatusChanges", "GET", "cases/<str:reference>/status-changes"),
    ("changeStatus", "POST", "cases/<str:reference>/status-changes"),
    ("listDossierItems", "GET", "cases/<str:reference>/dossier-items"),
    ("completeDossierItem", "POST", "cases/<str:reference>/dossier-items/<str:kind>/completion"),
    ("listCaseHearings", "GET", "cases/<str:reference>/hearings"),
    ("registerApplication", "POST", "applications"),
    ("listPlanVersions", "GET", "plan-versions"),
    ("getPlanVersion", "GET", "plan-versions/<int:pk>"),
    ("listAssignments", "GET", "plan-versions/<int:pk>/assignments"),
    ("getTeamTargets", "GET", "team-targets"),
    ("listForecastRuns", "GET", "forecast-runs"),
    ("startForecastRun", "POST", "forecast-runs"),
    ("getForecastRun", "GET", "forecast-runs/<int:pk>"),
]

# role -> expected status per operation (columns as OPERATIONS). The IND planner and team lead
# record facts; management reads the register (no features, no dossier), plans and forecasts;
# COA sees cases and their status history (no legal figures, features or dossier) and
# forecasts; DT&V sees cases with their legal figures and status history, no plans or
# forecasts; the police only register applications; legal aid has nothing; the auditor sees
# the cases the audit trail names (no legal figures, no history). The document is public.
#                         oas  lst  get  pat  lev  lev+ stc  stc+ dos  dos+ hea  app  plv  pv1  asg  tgt  frl  fr+  fr1
MATRIX: dict[str, tuple[int, ...]] = {
    Role.IND_PLANNER:    (200, 200, 200, 200, 200, 201, 200, 201, 200, 201, 200, 201, 200, 200, 200, 200, 200, 201, 200),
    Role.IND_TEAM_LEAD:  (200, 200, 200, 200, 200, 201, 200, 201, 200, 201, 200, 201, 200, 200, 200, 200, 200, 201, 200),
    Role.IND_MANAGEMENT: (200, 200, 200, 403, 200, 403, 200, 403, 403, 403, 200, 403, 200, 200, 200, 200, 200, 201, 200),
    Role.COA_PLANNER:    (200, 200, 200, 403, 403, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 201, 200),
    Role.DTV_PLANNER:    (200, 200, 200, 403, 200, 403, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    Role.POLICE:         (200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 201, 403, 403, 403, 403, 403, 403, 403),
    Role.LEGAL_AID:      (200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    Role.AUDITOR:        (200, 200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403),
    ANONYMOUS:           (200, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
    SUPERUSER:           (200, 200, 200, 200, 200, 201, 200, 201, 200, 201, 200, 201, 200, 200, 200, 200, 200, 201, 200),
}  # fmt: skip

SCENARIO: dict[str, Any] = {
    "name": "roles",
    "start_date": "2020-04-01",
    "horizon_weeks": 4,
    "seed": 1,
    "working_stock": 10,
    "case_types": [
        {
            "name": "regular",
            "term_weeks": 26,
            "hours_oral": 20,
            "initial_stock": [{"age_weeks": [0, 20], "count": 20}],
        }
    ],
    "capacity": {
        "mode": "decisions",
        "decisions_per_week": [{"from": 0, "value": 5}],
        "distribution": "fixed",
    },
}
SECRET_CODES = {c.value for c in g.Feature} | {d.value for d in g.DossierItemKind}


def _application(received: dt.date, number: int) -> Case:
    """A case registered through the intake service: features and dossier items included."""
    return register_application(
        Application(
            v_number=f"{number:010d}",
            nationality="SYR",
            language="ar",
            received=received,
            location="TA",
            features=["lgbti", "medical"],
            medical_advice="none",
        )
    )


def _plan_version() -> PlanVersion:
    """A finished draft plan version without assignments (the table is about access only)."""
    as_of = dt.date(2020, 4, 6)
    run = PlanRun.objects.create(
        as_of=as_of, horizon_weeks=4, stream="taskforce", time_limit=1.0, status="done"
    )
    names = ["cost", "lower_bound", "gap_pct", "seconds", "fifo_cost", "edf_cost"]
    names += ["expected_penalty_eur", "late_days", "fifo_penalty_eur", "fifo_late_days"]
    names += ["edf_penalty_eur", "edf_late_days"]
    return PlanVersion.objects.create(
        run=run,
        as_of=as_of,
        horizon_weeks=4,
        stream="taskforce",
        solver_status="feasible",
        case_count=0,
        planned_count=0,
        staff_count=0,
        **dict.fromkeys(names, 1.0),
    )


@pytest.fixture
def world() -> dict[str, Any]:
    """Fresh cases for the reads and for each write, a plan version and a forecast run."""
    f.location("TA")
    today = register_as_of()
    names = ("read", "event", "status", "dossier")
    cases = {name: _application(today - dt.timedelta(days=30), i) for i, name in enumerate(names)}
    record_legal_event(cases["read"], "extension", today, months=6, reason="Ruling expected")
    item = cases["dossier"].dossier_items.order_by("kind").first()
    assert item is not None
    return {
        "cases": cases,
        "item": item.kind,
        "plan": _plan_version().pk,
        "run": start_forecast(SCENARIO, None, replications=10).pk,
        "today": today,
    }


def _request(name: str, world: dict[str, Any]) -> tuple[str, str, Any, dict[str, str]]:
    """Method, path, body and headers of a valid request for operation ``name``."""
    cases, today = world["cases"], world["today"].isoformat()
    ref = cases["read"].reference
    return {
        "openapi": ("GET", "/openapi.json", None, {}),
        "listCases": ("GET", "/cases", None, {}),
        "getCase": ("GET", f"/cases/{ref}", None, {}),
        "updateCase": ("PATCH", f"/cases/{ref}", {"hearingMode": "video"}, {"If-Match": "*"}),
        "listLegalEvents": ("GET", f"/cases/{ref}/legal-events", None, {}),
        "recordLegalEvent": (
            "POST",
            f"/cases/{cases['event'].reference}/legal-events",
            {"kind": "extension", "date": today, "months": 6, "reason": "Medical advice awaited"},
            {},
        ),
        "listStatusChanges": ("GET", f"/cases/{ref}/status-changes", None, {}),
        "changeStatus": (
            "POST",
            f"/cases/{cases['status'].reference}/status-changes",
            {"status": "preparing", "date": today},
            {},
        ),
        "listDossierItems": ("GET", f"/cases/{ref}/dossier-items", None, {}),
        "completeDossierItem": (
            "POST",
            f"/cases/{cases['dossier'].reference}/dossier-items/{world['item']}/completion",
            {"date": today},
            {},
        ),
        "listCaseHearings": ("GET", f"/cases/{ref}/hearings", None, {}),
        "registerApplication": (
            "POST",
            "/applications",
            {
                "vNumber": "9876543210",
                "nationality": "ERI",
                "language": "ti",
                "received": today,
                "location": "TA",
            },
            {},
        ),
        "listPlanVersions": ("GET", "/plan-versions", None, {}),
        "getPlanVersion": ("GET", f"/plan-versions/{world['plan']}", None, {}),
        "listAssignments": ("GET", f"/plan-versions/{world['plan']}/assignments", None, {}),
        "getTeamTargets": ("GET", "/team-targets", None, {}),
        "listForecastRuns": ("GET", "/forecast-runs", None, {}),
        "startForecastRun": (
            "POST",
            "/forecast-runs",
            {"scenario": SCENARIO, "replications": 10},
            {},
        ),
        "getForecastRun": ("GET", f"/forecast-runs/{world['run']}", None, {}),
    }[name]


def _token(role: str) -> str | None:
    if role == ANONYMOUS:
        return None
    if role == SUPERUSER:
        return token_for(f.user("admin", superuser=True))
    return token_for(f.user(f"user-{role}", Role(role)))


def test_the_table_covers_every_operation_of_the_api() -> None:
    listed = {(method, route) for route, _view, _name, methods in ENDPOINTS for method in methods}
    assert {(method, route) for _name, method, route in OPERATIONS} == listed
    assert len(OPERATIONS) == len(listed)
    assert set(MATRIX) == {*Role, ANONYMOUS, SUPERUSER}
    assert all(len(row) == len(OPERATIONS) for row in MATRIX.values())


@pytest.mark.parametrize("role", list(MATRIX))
def test_each_role_gets_what_the_table_says(
    client: Client, role: str, world: dict[str, Any]
) -> None:
    token = _token(role)
    got = {}
    for name, _method, _route in OPERATIONS:
        method, path, body, headers = _request(name, world)
        response = call(client, method, path, token, body, **headers)
        got[name] = response.status_code
        if response.status_code >= 400:
            assert response["Content-Type"].startswith("application/problem+json"), name
    expected = dict(zip([name for name, _m, _r in OPERATIONS], MATRIX[role], strict=True))
    assert got == expected


def _strings(value: Any) -> set[str]:
    """Every key and every string value anywhere in a JSON document."""
    if isinstance(value, dict):
        return set(value) | {s for v in value.values() for s in _strings(v)}
    if isinstance(value, list):
        return {s for v in value for s in _strings(v)}
    return {value} if isinstance(value, str) else set()


def _readable(client: Client, token: str, world: dict[str, Any]) -> list[Any]:
    """The answers of every case read the role may make (2xx only)."""
    answers = []
    for name in (
        "listCases",
        "getCase",
        "listLegalEvents",
        "listStatusChanges",
        "listDossierItems",
    ):
        method, path, body, headers = _request(name, world)
        response = call(client, method, path, token, body, **headers)
        if response.status_code == 200:
            answers.append(json.loads(response.content))
    return answers


@pytest.mark.parametrize("role", [Role.COA_PLANNER, Role.DTV_PLANNER])
def test_coa_and_dtv_never_receive_features_or_dossier_items(
    client: Client, role: Role, world: dict[str, Any]
) -> None:
    answers = _readable(client, token_for(f.user("partner", role)), world)
    assert len(answers) >= 3  # list, case, status history (and legal events for DT&V)
    seen = {s for answer in answers for s in _strings(answer)}
    keys = {s.lower() for s in seen}
    assert not {k for k in keys if "feature" in k or "dossier" in k}
    assert not seen & SECRET_CODES
    # The same reads by an IND planner do carry them, so the check above can fail.
    planner = _readable(client, token_for(f.user("planner", Role.IND_PLANNER)), world)
    shown = {s for answer in planner for s in _strings(answer)}
    assert {"features", "lgbti", "medical", world["item"]} <= shown


def test_each_case_read_through_the_api_is_one_access_log_row(
    client: Client, world: dict[str, Any]
) -> None:
    user = f.user("planner", Role.IND_PLANNER)
    token = token_for(user)
    cases = world["cases"]
    listed = json.loads(call(client, "GET", "/cases?pageSize=3&sort=reference", token).content)
    shown = [row["reference"] for row in listed["results"]]
    assert shown == sorted(c.reference for c in cases.values())[:3]
    ref = cases["read"].reference
    for path in ("", "/legal-events", "/status-changes", "/dossier-items"):
        assert call(client, "GET", f"/cases/{ref}{path}", token).status_code == 200
    rows = AccessLog.objects.filter(user=user)
    assert all(r.via == "api" and r.action in ("list", "read") for r in rows)
    by_activity: dict[str, list[str]] = {}
    for r in rows.order_by("pk"):
        by_activity.setdefault(r.activity, []).append(r.object_ref)
    assert by_activity == {
        "api.case.list": shown,
        "api.case.read": [ref],
        "api.case.legal_events": [ref],
        "api.case.status_changes": [ref],
        "api.case.dossier_items": [ref],
    }
    # Each row names the person the case is about (the pseudonym), as the web's rows do.
    persons = {c.reference: c.person for c in cases.values()}
    assert all(r.subject == persons[r.object_ref] for r in rows)
