# SPDX-License-Identifier: EUPL-1.2
"""The run lifecycle shared by plan and forecast runs (runs.services), against a real database.

queued → running → done or failed, nothing else; every transition leaves one history row with
its reason; a run whose worker stopped is failed by the worker side or when a run is queued.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import factories as f
from verkeerstoren.cases.roles import Role
from verkeerstoren.forecasts import services as forecast_services
from verkeerstoren.forecasts.models import STALL_AFTER, ForecastRun
from verkeerstoren.forecasts.tasks import execute_run as execute_forecast
from verkeerstoren.plans import services as plan_services
from verkeerstoren.plans.models import STALL_GRACE, PlanRun
from verkeerstoren.plans.tasks import execute_run as execute_plan
from verkeerstoren.runs import services as runs

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2020, 4, 6)
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
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def plan_run(user: Any = None) -> PlanRun:
    return plan_services.start_plan_run(user, AS_OF, 4, "taskforce", 2.0)


def reasons(run: Any) -> list[str]:
    return [h.history_change_reason for h in run.history.order_by("history_date", "history_id")]


def test_a_forecast_run_goes_queued_running_done_with_a_history_row_each() -> None:
    user = f.user("coa", Role.COA_PLANNER)
    run = forecast_services.start_forecast(SCENARIO, user, replications=5)
    assert run.status == "queued" and run.task_id and run.created_by == user
    execute_forecast(run.pk)
    run.refresh_from_db()
    assert run.status == "done" and run.progress == 100 and run.result
    assert run.started_at is not None and run.finished_at is not None
    assert run.started_at <= run.finished_at
    assert reasons(run) == ["queued", "running", "done"]
    assert [h.status for h in run.history.order_by("history_date", "history_id")] == [
        "queued",
        "running",
        "done",
    ]
    # Who queued it; the worker's transitions have no user.
    first = run.history.earliest()
    assert first.history_user == user
    assert {h.history_user for h in run.history.exclude(pk=first.pk)} == {None}


def test_a_plan_run_that_cannot_plan_is_failed_through_the_lifecycle() -> None:
    run = plan_run()
    assert execute_plan(run.pk) is None  # an empty register: nothing to plan
    run.refresh_from_db()
    assert run.status == "failed" and run.finished_at is not None and run.stage == ""
    assert "no open cases" in run.error
    assert reasons(run) == ["queued", "running", "failed"]


def test_transitions_the_lifecycle_does_not_allow_raise_and_write_nothing() -> None:
    run = plan_run()
    with pytest.raises(runs.RunTransitionError):
        runs.finish(run)  # queued → done skips running
    run.refresh_from_db()
    assert run.status == "queued" and run.finished_at is None and run.history.count() == 1
    running = runs.mark_running(run, stage="building")
    with pytest.raises(runs.RunTransitionError):
        runs.mark_running(running)  # a second worker may not take it again
    done = runs.finish(running)
    assert (done.status, done.stage) == ("done", "")
    for move in (runs.mark_running, runs.finish, lambda r: runs.fail(r, "late")):
        with pytest.raises(runs.RunTransitionError):
            move(done)  # done is final
    done.refresh_from_db()
    assert done.status == "done" and done.error == ""
    assert reasons(done) == ["queued", "running", "done"]


def test_a_queued_run_may_fail_without_running() -> None:
    run = plan_run()
    failed = runs.fail(run, "cancelled", code="x", params={"a": 1})
    assert (failed.status, failed.error, failed.error_code) == ("failed", "cancelled", "x")
    assert failed.error_params == {"a": 1} and failed.started_at is None
    with pytest.raises(runs.RunTransitionError):
        runs.mark_running(failed)


def test_a_redelivered_task_of_a_finished_run_changes_nothing() -> None:
    run = plan_run()
    execute_plan(run.pk)
    run.refresh_from_db()
    before = (run.status, run.finished_at, run.history.count())
    assert execute_plan(run.pk) is None
    run.refresh_from_db()
    assert (run.status, run.finished_at, run.history.count()) == before


def test_a_run_failed_as_stalled_does_not_finish_when_its_worker_comes_back() -> None:
    run = forecast_services.start_forecast(SCENARIO, None, replications=5)
    running = runs.mark_running(run)
    runs.fail(running, runs.STALLED, reason="stalled")
    with pytest.raises(runs.RunTransitionError):
        runs.finish(running, result={"late": True})
    run.refresh_from_db()
    assert run.status == "failed" and run.result is None


def _stall(
    model: Any, run: Any, started: dt.datetime, heartbeat: dt.datetime | None = None
) -> None:
    # A worker took the run and stopped (set up directly: the test plays the lost worker); its
    # last heartbeat was when it started unless the test says otherwise.
    model.objects.filter(pk=run.pk).update(
        status="running", started_at=started, heartbeat_at=heartbeat or started
    )


def test_stalled_runs_are_failed_by_the_next_worker_and_on_enqueue() -> None:
    now = timezone.now()
    lost_plan, busy_plan, next_plan = plan_run(), plan_run(), plan_run()
    _stall(
        PlanRun, lost_plan, now - dt.timedelta(seconds=2) - STALL_GRACE - dt.timedelta(minutes=1)
    )
    _stall(PlanRun, busy_plan, now)
    lost_forecast = forecast_services.start_forecast(SCENARIO, None, replications=5)
    _stall(ForecastRun, lost_forecast, now - STALL_AFTER - dt.timedelta(minutes=1))

    # A plan worker fails stalled plan runs before it starts its own.
    execute_plan(next_plan.pk)
    lost_plan.refresh_from_db()
    busy_plan.refresh_from_db()
    assert lost_plan.status == "failed" and lost_plan.error_code == "worker_lost"
    assert reasons(lost_plan)[-1] == "stalled"
    assert busy_plan.status == "running"
    lost_forecast.refresh_from_db()
    assert lost_forecast.status == "running"  # a plan worker leaves forecast runs alone

    # Queuing a forecast fails the stalled forecast runs.
    forecast_services.start_forecast(SCENARIO, None, replications=5)
    lost_forecast.refresh_from_db()
    assert lost_forecast.status == "failed" and lost_forecast.finished_at is not None


def test_looks_stalled_is_read_only_and_follows_the_time_allowed() -> None:
    now = timezone.now()
    run = plan_run()
    assert not run.looks_stalled  # queued
    started = now - dt.timedelta(seconds=2) - STALL_GRACE + dt.timedelta(minutes=1)
    _stall(PlanRun, run, started, heartbeat=now)
    run.refresh_from_db()
    assert not run.looks_stalled  # within time limit plus grace, heartbeat fresh
    started = now - dt.timedelta(seconds=2) - STALL_GRACE - dt.timedelta(minutes=1)
    _stall(PlanRun, run, started, heartbeat=now)
    run.refresh_from_db()
    assert run.looks_stalled  # past its time, though its worker still beats
    run.refresh_from_db()
    assert run.status == "running" and run.history.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_migrations_keep_the_status_of_existing_runs() -> None:
    executor = MigrationExecutor(connection)
    old = [("plans", "0002_planrun_error_code_params"), ("forecasts", "0001_initial")]
    executor.migrate(old)
    apps = executor.loader.project_state(old).apps
    OldPlanRun = apps.get_model("plans", "PlanRun")
    OldForecastRun = apps.get_model("forecasts", "ForecastRun")
    done = OldPlanRun.objects.create(
        as_of=AS_OF, horizon_weeks=4, stream="taskforce", time_limit=2.0, status="done"
    )
    failed = OldForecastRun.objects.create(
        name="old", scenario={}, replications=5, status="failed", error="it broke"
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    plan = PlanRun.objects.get(pk=done.pk)
    forecast = ForecastRun.objects.get(pk=failed.pk)
    assert plan.status == "done" and forecast.status == "failed" and forecast.error == "it broke"
    assert forecast.error_code == "" and forecast.error_params == {}
    # Each existing run starts its history with the status it has.
    assert [h.status for h in plan.history.all()] == ["done"]
    assert [h.status for h in forecast.history.all()] == ["failed"]
