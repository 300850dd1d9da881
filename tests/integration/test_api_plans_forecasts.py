# SPDX-License-Identifier: EUPL-1.2
"""Plans and forecasts through the API: plan versions, their assignments (logged as reads of
the cases they name) and the published plan's team targets for the IND roles; forecast runs
started through forecasts.services and read back, for the IND roles and COA."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from api_helpers import call, invalid_names, problem, token_for
from django.test import Client, override_settings
from planning_setup import register, start_and_run  # noqa: F401 - the register fixture

import factories as f
from verkeerstoren.cases.models import AccessLog
from verkeerstoren.cases.roles import Role
from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.plans import services
from verkeerstoren.plans.models import PlanAssignment

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SCENARIO: dict[str, Any] = {
    "name": "small",
    "start_date": "2020-04-01",
    "horizon_weeks": 8,
    "seed": 7,
    "working_stock": 100,
    "case_types": [
        {
            "name": "regular",
            "term_weeks": 26,
            "hours_oral": 20,
            "initial_stock": [{"age_weeks": [0, 39], "count": 500}],
        }
    ],
    "capacity": {
        "mode": "decisions",
        "decisions_per_week": [{"from": 0, "value": 0}, {"from": 1, "value": 60}],
        "distribution": "fixed",
    },
    "penalties": {"notice_probability": 0.5, "notice_delay_weeks": 2},
}


@pytest.mark.usefixtures("register")
def test_plan_versions_assignments_and_team_targets(client: Client) -> None:
    planner = f.user("planner", Role.IND_PLANNER)
    run = start_and_run(planner)
    version = run.version
    token = token_for(planner)
    listed = json.loads(call(client, "GET", "/plan-versions", token).content)
    assert [v["id"] for v in listed["results"]] == [version.pk]
    assert listed["results"][0]["status"] == "draft"
    detail = json.loads(call(client, "GET", f"/plan-versions/{version.pk}", token).content)
    assert detail["caseCount"] == version.case_count and detail["asOf"] == "2020-04-06"
    assert detail["createdAt"].endswith("Z")
    problem(call(client, "GET", "/plan-versions/99999", token), 404)

    page = json.loads(
        call(client, "GET", f"/plan-versions/{version.pk}/assignments", token).content
    )
    assert page["count"] == PlanAssignment.objects.filter(version=version).count()
    shown = {a["case"] for a in page["results"]}
    logged = AccessLog.objects.filter(activity="api.plan.assignments", via="api")
    assert set(logged.values_list("object_ref", flat=True)) == shown
    planned = [a for a in page["results"] if a["officer"]]
    assert planned, page
    officer = planned[0]["officer"]
    mine = json.loads(
        call(
            client, "GET", f"/plan-versions/{version.pk}/assignments?officer={officer}", token
        ).content
    )
    assert {a["officer"] for a in mine["results"]} == {officer}
    bad = problem(
        call(client, "GET", f"/plan-versions/{version.pk}/assignments?week=x", token), 400
    )
    assert invalid_names(bad) == {"week"}

    # No published plan: no targets. Published: the targets of its teams, week by week.
    assert json.loads(call(client, "GET", "/team-targets", token).content)["plans"] == []
    services.publish(version, planner)
    targets = json.loads(call(client, "GET", "/team-targets?stream=taskforce", token).content)
    (plan,) = targets["plans"]
    assert plan["planVersion"] == version.pk and len(plan["weeks"]) == version.horizon_weeks
    assert sum(plan["totals"]) == sum(t["total"] for t in plan["teams"]) > 0
    assert (
        json.loads(call(client, "GET", "/team-targets?stream=regular", token).content)["plans"]
        == []
    )
    assert invalid_names(problem(call(client, "GET", "/team-targets?stream=x", token), 400)) == {
        "stream"
    }


@pytest.mark.parametrize("role", [Role.COA_PLANNER, Role.DTV_PLANNER, Role.POLICE, Role.AUDITOR])
def test_plans_are_for_the_ind_roles(client: Client, role: Role) -> None:
    token = token_for(f.user("other", role))
    for path in (
        "/plan-versions",
        "/plan-versions/1",
        "/plan-versions/1/assignments",
        "/team-targets",
    ):
        problem(call(client, "GET", path, token), 403)


@override_settings(TASKS=IMMEDIATE)
def test_start_a_forecast_run_and_read_its_result(client: Client) -> None:
    user = f.user("coa", Role.COA_PLANNER)
    token = token_for(user)
    response = call(
        client, "POST", "/forecast-runs", token, {"scenario": SCENARIO, "replications": 20}
    )
    assert response.status_code == 201, response.content
    run = ForecastRun.objects.get()
    assert run.created_by == user and run.replications == 20
    assert response["Location"].endswith(f"/api/v1/forecast-runs/{run.pk}")
    detail = json.loads(call(client, "GET", f"/forecast-runs/{run.pk}", token).content)
    assert detail["status"] == "done" and detail["progress"] == 100
    # The scenario comes back in its own format (snake_case keys), not camelized.
    assert detail["scenario"]["start_date"] == "2020-04-01"
    assert detail["result"] is not None
    listed = json.loads(call(client, "GET", "/forecast-runs", token).content)
    assert [r["id"] for r in listed["results"]] == [run.pk] and "result" not in listed["results"][0]


def test_a_wrong_scenario_is_400_naming_its_field_and_starts_nothing(client: Client) -> None:
    token = token_for(f.user("planner", Role.IND_PLANNER))
    broken = copy.deepcopy(SCENARIO)
    broken["horizon_weeks"] = 0
    body = problem(call(client, "POST", "/forecast-runs", token, {"scenario": broken}), 400)
    assert invalid_names(body) == {"scenario.horizon_weeks"}
    body = problem(call(client, "POST", "/forecast-runs", token, {"replications": 5}), 400)
    assert invalid_names(body) == {"scenario", "source"}
    body = problem(
        call(client, "POST", "/forecast-runs", token, {"source": "example:../../etc/passwd"}), 400
    )
    assert invalid_names(body) == {"source"}
    body = problem(
        call(client, "POST", "/forecast-runs", token, {"scenario": SCENARIO, "replications": 0}),
        400,
    )
    assert invalid_names(body) == {"replications"}
    assert not ForecastRun.objects.exists()


def test_a_forecast_from_an_example_source(client: Client) -> None:
    token = token_for(f.user("planner", Role.IND_PLANNER))
    response = call(client, "POST", "/forecast-runs", token, {"source": "example:tf2020"})
    assert response.status_code == 201, response.content
    assert ForecastRun.objects.get().status == "queued"  # the worker runs it


@pytest.mark.parametrize("role", [Role.DTV_PLANNER, Role.POLICE, Role.LEGAL_AID, Role.AUDITOR])
def test_forecasts_are_for_ind_and_coa(client: Client, role: Role) -> None:
    token = token_for(f.user("other", role))
    problem(call(client, "GET", "/forecast-runs", token), 403)
    problem(call(client, "POST", "/forecast-runs", token, {"scenario": SCENARIO}), 403)
    assert not ForecastRun.objects.exists()
