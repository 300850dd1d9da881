# SPDX-License-Identifier: EUPL-1.2
"""A GET of a planning or forecast page writes nothing to the database.

Runs in every state are on the pages, including runs whose worker stopped: the pages say so, and
the worker side fails them (tests/integration/test_runs.py). The only write a GET may make is the
access-log row of a page that names cases (a read of personal data is logged). The session's
idle timer (SESSION_SAVE_EVERY_REQUEST) is saved on every request by Django's session middleware;
that bookkeeping of the login is left out of the count.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import factories as f
from verkeerstoren.cases.importing import import_path
from verkeerstoren.cases.models import AccessLog, Staff, StaffCompetency
from verkeerstoren.cases.roles import Role
from verkeerstoren.cases.services import apply_cutoff_split
from verkeerstoren.cutoff import CutoffRule
from verkeerstoren.forecasts import services as forecast_services
from verkeerstoren.forecasts.models import STALL_AFTER, ForecastRun
from verkeerstoren.forecasts.tasks import execute_run as execute_forecast
from verkeerstoren.plans import services as plan_services
from verkeerstoren.plans.models import STALL_GRACE, Pin, PlanRun
from verkeerstoren.plans.tasks import execute_run as execute_plan

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).parent / "data" / "small"
AS_OF = dt.date(2020, 4, 6)
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
SESSIONS = '"django_session"'
SCENARIO: dict[str, Any] = {
    "name": "tiny",
    "start_date": "2020-04-01",
    "horizon_weeks": 4,
    "seed": 1,
    "working_stock": 10,
    "case_types": [
        {
            "name": "regular",
            "term_weeks": 26,
            "hours_oral": 20,
            "initial_stock": [{"age_weeks": [0, 10], "count": 50}],
        }
    ],
    "capacity": {
        "mode": "decisions",
        "decisions_per_week": [{"from": 0, "value": 10}],
        "distribution": "fixed",
    },
    "penalties": {"notice_probability": 0.5, "notice_delay_weeks": 2},
}


@pytest.fixture(autouse=True)
def _settings(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REGISTER_AS_OF = AS_OF.isoformat()


def writes(client: Client, url: str) -> list[str]:
    """The statements that changed the database while GETting ``url`` (which must succeed)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(WRITES) and SESSIONS not in q["sql"]
    ]


def _stall(model: Any, pk: int, started: dt.datetime) -> None:
    model.objects.filter(pk=pk).update(status="running", started_at=started)


@pytest.fixture
def plans() -> dict[str, Any]:
    """A done run with its version, a failed one, a queued one, a busy one and a stalled one."""
    import_path(SMALL)
    apply_cutoff_split(CutoffRule())
    # S003 (decision team) may take the court re-entry RG-0000005 (conversion, medical).
    s003 = Staff.objects.get(code="S003")
    StaffCompetency.objects.create(staff=s003, competency="conversion", level="senior")
    StaffCompetency.objects.create(staff=s003, competency="medical", level="senior")
    done = plan_services.start_plan_run(None, AS_OF, 8, "taskforce", 2.0)
    execute_plan(done.pk)
    done.refresh_from_db()
    assert done.status == "done", done.error
    failed = plan_services.start_plan_run(None, AS_OF, 8, "regular", 2.0)
    execute_plan(failed.pk)  # no open cases in the regular stream
    queued = plan_services.start_plan_run(None, AS_OF, 8, "taskforce", 2.0)
    busy = plan_services.start_plan_run(None, AS_OF, 8, "taskforce", 2.0)
    stalled = plan_services.start_plan_run(None, AS_OF, 8, "taskforce", 2.0)
    now = timezone.now()
    _stall(PlanRun, busy.pk, now)
    _stall(PlanRun, stalled.pk, now - STALL_GRACE - dt.timedelta(minutes=5))
    return {
        "version": done.version,
        "runs": [done, failed, queued, busy, stalled],
        "stalled": stalled,
    }


@pytest.fixture
def forecasts() -> dict[str, Any]:
    done = forecast_services.start_forecast(SCENARIO, None, replications=5)
    execute_forecast(done.pk)
    queued = forecast_services.start_forecast(SCENARIO, None, replications=5)
    stalled = forecast_services.start_forecast(SCENARIO, None, replications=5)
    _stall(ForecastRun, stalled.pk, timezone.now() - STALL_AFTER - dt.timedelta(minutes=5))
    return {"runs": [done, queued, stalled], "stalled": stalled}


def test_planning_pages_write_nothing(client: Client, plans: dict[str, Any]) -> None:
    client.force_login(f.user("planner", Role.IND_PLANNER))
    version = plans["version"]
    urls = ["/planning/", f"/planning/versions/{version.pk}/"]
    for run in plans["runs"]:
        urls += [f"/planning/runs/{run.pk}/", f"/planning/runs/{run.pk}/status/"]
    for url in urls:
        assert writes(client, url) == [], url
    stalled = plans["stalled"]
    stalled.refresh_from_db()
    assert stalled.status == "running" and stalled.finished_at is None
    # The page still tells the planner the run's worker stopped (Dutch by default).
    page = client.get(f"/planning/runs/{stalled.pk}/status/").content.decode()
    assert 'id="plan-run-stalled"' in page and "gestopt zonder resultaat" in page


def test_a_worklist_writes_only_its_access_log_row(client: Client, plans: dict[str, Any]) -> None:
    client.force_login(f.user("planner", Role.IND_PLANNER))
    version = plans["version"]
    officer = version.assignments.filter(officer__isnull=False).first().officer.code
    sql = writes(client, f"/planning/versions/{version.pk}/?officer={officer}")
    # One bulk insert: a row per case on the worklist.
    assert len(sql) == 1 and AccessLog._meta.db_table in sql[0]
    worklist = version.assignments.filter(officer__code=officer).count()
    assert AccessLog.objects.filter(action="list", activity="planning.worklist").count() == worklist


def test_pinned_cases_write_only_their_access_log_rows(
    client: Client, plans: dict[str, Any]
) -> None:
    client.force_login(f.user("planner", Role.IND_PLANNER))
    version = plans["version"]
    assignment = version.assignments.filter(officer__isnull=False).first()
    Pin.objects.create(case=assignment.case, officer=assignment.officer, week_start=AS_OF)
    sql = writes(client, f"/planning/versions/{version.pk}/")
    assert len(sql) == 1 and AccessLog._meta.db_table in sql[0]
    assert AccessLog.objects.get().object_ref == assignment.case.reference


def test_forecast_pages_write_nothing(client: Client, forecasts: dict[str, Any]) -> None:
    client.force_login(f.user("coa", Role.COA_PLANNER))
    urls = ["/forecasts/", "/forecasts/compare/"]
    for run in forecasts["runs"]:
        urls += [f"/forecasts/runs/{run.pk}/", f"/forecasts/runs/{run.pk}/status/"]
    urls.append(f"/forecasts/?from_run={forecasts['runs'][0].pk}")
    for url in urls:
        assert writes(client, url) == [], url
    stalled = forecasts["stalled"]
    stalled.refresh_from_db()
    assert stalled.status == "running"
    page = client.get(f"/forecasts/runs/{stalled.pk}/status/").content.decode()
    assert "gestopt zonder resultaat" in page and "hx-get" not in page
