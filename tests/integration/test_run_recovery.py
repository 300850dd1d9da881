# SPDX-License-Identifier: EUPL-1.2
"""Recovery from dead workers: heartbeats, the watchdog, "Try again", and no partial results.

A running run's worker beats every RUN_HEARTBEAT_INTERVAL seconds; a run without a beat for
RUN_HEARTBEAT_TIMEOUT seconds is failed with error_code "worker_lost" (and its task row with
it) by the workers, on enqueue and by ``run_watchdog``. The last test kills a real
``db_worker`` process mid-run with SIGKILL, on a database of its own (a SQLite file, or a
PostgreSQL database when the suite runs on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import planning_setup
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from planning_setup import AS_OF, HORIZON, login, start_and_run
from test_runs import SCENARIO

import factories as f
from verkeerstoren.cases.roles import Role
from verkeerstoren.forecasts import services as forecast_services
from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.plans import services as plan_services
from verkeerstoren.plans.models import PlanAssignment, PlanRun, PlanVersion
from verkeerstoren.runs import services as runs

register = planning_setup.register  # the fixture: the small register (planning_setup.py)
HELPER = Path(__file__).with_name("recovery_helper.py")


def _running(model: Any, run: Any, heartbeat: dt.datetime) -> None:
    # A worker took the run; its last beat was at ``heartbeat`` (the test plays the worker).
    model.objects.filter(pk=run.pk).update(
        status="running", started_at=heartbeat, heartbeat_at=heartbeat
    )


def _task_running(run: Any) -> None:
    DBTaskResult.objects.filter(pk=run.task_id).update(status="RUNNING", started_at=timezone.now())


@pytest.mark.django_db
def test_a_run_without_heartbeat_for_the_timeout_is_failed_as_worker_lost(settings: Any) -> None:
    settings.RUN_HEARTBEAT_TIMEOUT = 60
    now = timezone.now()
    lost = plan_services.start_plan_run(None, AS_OF, 4, "taskforce", 600.0)
    alive = plan_services.start_plan_run(None, AS_OF, 4, "taskforce", 600.0)
    _running(PlanRun, lost, now - dt.timedelta(seconds=61))
    _running(PlanRun, alive, now - dt.timedelta(seconds=50))
    _task_running(lost)
    _task_running(alive)
    assert runs.fail_stalled(PlanRun, now) == 1
    lost.refresh_from_db()
    alive.refresh_from_db()
    assert (lost.status, lost.error_code) == ("failed", "worker_lost")
    assert alive.status == "running"  # far within its 600 s, and its worker still beats
    # The task row no worker will finish is failed too; the living one is left alone.
    assert DBTaskResult.objects.get(pk=lost.task_id).status == "FAILED"
    assert DBTaskResult.objects.get(pk=alive.task_id).status == "RUNNING"
    # The page says why, in Dutch by default, and offers "Try again" to a planner.
    client = login(Client(), Role.IND_PLANNER)
    page = client.get(f"/planning/runs/{lost.pk}/").content.decode()
    assert "gestopt zonder resultaat: het achtergrondproces" in page
    assert 'id="plan-run-retry"' in page and "Opnieuw proberen" in page
    assert "Controleer de pins" not in page  # no advice about pins for a lost worker


@pytest.mark.django_db
def test_a_queued_run_whose_task_a_lost_worker_took_is_failed(settings: Any) -> None:
    settings.RUN_HEARTBEAT_TIMEOUT = 60
    now = timezone.now()
    taken_long_ago, taken_just_now, waiting = (
        plan_services.start_plan_run(None, AS_OF, 4, "taskforce", 600.0) for _ in range(3)
    )
    # A worker took the task (claimed it) and died before it started the run.
    DBTaskResult.objects.filter(pk=taken_long_ago.task_id).update(
        status="RUNNING", started_at=now - dt.timedelta(seconds=61)
    )
    DBTaskResult.objects.filter(pk=taken_just_now.task_id).update(
        status="RUNNING", started_at=now - dt.timedelta(seconds=10)
    )
    assert runs.fail_stalled(PlanRun, now) == 1
    for run in (taken_long_ago, taken_just_now, waiting):
        run.refresh_from_db()
    assert (taken_long_ago.status, taken_long_ago.error_code) == ("failed", "worker_lost")
    assert DBTaskResult.objects.get(pk=taken_long_ago.task_id).status == "FAILED"
    assert taken_just_now.status == "queued" and waiting.status == "queued"
    assert DBTaskResult.objects.get(pk=waiting.task_id).status == "READY"


@pytest.mark.django_db
def test_the_watchdog_command_fails_stalled_runs_of_every_kind(settings: Any) -> None:
    settings.RUN_HEARTBEAT_TIMEOUT = 5
    old = timezone.now() - dt.timedelta(seconds=30)
    plan = plan_services.start_plan_run(None, AS_OF, 4, "taskforce", 600.0)
    forecast = forecast_services.start_forecast(SCENARIO, None, replications=5)
    _running(PlanRun, plan, old)
    _running(ForecastRun, forecast, old)
    call_command("run_watchdog", once=True)
    plan.refresh_from_db()
    forecast.refresh_from_db()
    assert (plan.status, plan.error_code) == ("failed", "worker_lost")
    assert (forecast.status, forecast.error_code) == ("failed", "worker_lost")
    assert forecast.result is None and forecast.finished_at is not None
    client = login(Client(), Role.COA_PLANNER)
    page = client.get(f"/forecasts/runs/{forecast.pk}/").content.decode()
    assert "gestopt zonder resultaat: het achtergrondproces" in page
    assert 'id="forecast-run-retry"' in page


@pytest.mark.django_db(transaction=True)
def test_keep_alive_beats_from_its_own_thread_and_stops_with_the_block() -> None:
    run = plan_services.start_plan_run(None, AS_OF, 4, "taskforce", 2.0)
    run = runs.mark_running(run)
    first = run.heartbeat_at
    assert first is not None and first == run.started_at
    with runs.keep_alive(run, interval=0.05):
        time.sleep(0.5)
        assert any(t.name == f"heartbeat-{run.pk}" for t in threading.enumerate())
    run.refresh_from_db()
    assert run.heartbeat_at > first
    assert not any(t.name == f"heartbeat-{run.pk}" for t in threading.enumerate())
    last = run.heartbeat_at
    time.sleep(0.2)
    run.refresh_from_db()
    assert run.heartbeat_at == last  # no beats once the block ended
    # A finished run is not kept alive: the thread stops by itself and writes nothing.
    done = runs.finish(run)
    with runs.keep_alive(done, interval=0.05):
        time.sleep(0.2)
    done.refresh_from_db()
    assert done.heartbeat_at == last


@pytest.mark.django_db
def test_try_again_starts_a_new_plan_run_with_the_same_inputs(register: None) -> None:
    lost = plan_services.start_plan_run(None, AS_OF, HORIZON, "taskforce", 3.0)
    runs.fail(runs.mark_running(lost), "lost", code="worker_lost")
    client = login(Client(enforce_csrf_checks=True), Role.IND_PLANNER)
    # Without the CSRF token the form is refused.
    assert client.post(f"/planning/runs/{lost.pk}/retry/").status_code == 403
    client = login(Client(), Role.IND_PLANNER, username="p2")
    response = client.post(f"/planning/runs/{lost.pk}/retry/")
    new = PlanRun.objects.exclude(pk=lost.pk).get()
    assert response.status_code == 302 and response["Location"] == f"/planning/runs/{new.pk}/"
    assert (new.status, new.as_of, new.horizon_weeks, new.stream, new.time_limit) == (
        "queued",
        AS_OF,
        HORIZON,
        "taskforce",
        3.0,
    )
    assert new.staff_scope == lost.staff_scope and new.created_by.username == "p2"
    lost.refresh_from_db()
    assert lost.status == "failed"  # stays failed in the history
    # A run that did not fail is not retried; a reader may not retry.
    done = start_and_run()
    assert client.post(f"/planning/runs/{done.pk}/retry/").status_code == 302
    assert PlanRun.objects.count() == 3
    reader = login(Client(), Role.IND_MANAGEMENT, username="m")
    assert reader.post(f"/planning/runs/{lost.pk}/retry/").status_code == 403
    assert client.get(f"/planning/runs/{lost.pk}/retry/").status_code == 405


@pytest.mark.django_db
def test_try_again_starts_a_new_forecast_or_comparison_with_the_same_scenarios() -> None:
    coa = f.user("coa", Role.COA_PLANNER)
    b = {**SCENARIO, "name": "b", "seed": 2}
    forecast = forecast_services.start_forecast(SCENARIO, coa, "mine", replications=7)
    comparison = forecast_services.start_comparison(SCENARIO, b, coa, replications=9)
    for run in (forecast, comparison):
        runs.fail(runs.mark_running(run), "lost", code="worker_lost")
    client = Client()
    client.force_login(coa)
    for run in (forecast, comparison):
        response = client.post(f"/forecasts/runs/{run.pk}/retry/")
        new = ForecastRun.objects.order_by("-pk").first()
        assert new.pk != run.pk and response["Location"] == f"/forecasts/runs/{new.pk}/"
        assert (new.status, new.kind, new.name, new.replications) == (
            "queued",
            run.kind,
            run.name,
            run.replications,
        )
        assert new.scenario == run.scenario and new.scenario_b == run.scenario_b
    queued = ForecastRun.objects.order_by("-pk").first()
    client.post(f"/forecasts/runs/{queued.pk}/retry/")  # not failed: nothing new
    assert ForecastRun.objects.count() == 4


# --- a real worker killed mid-run ------------------------------------------------------------


@pytest.fixture
def own_database(tmp_path: Path) -> Iterator[str]:
    """A DATABASE_URL of an empty database for the worker processes (same engine as the suite)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        yield f"sqlite:///{tmp_path / 'recovery.sqlite3'}"
        return
    import psycopg

    name = f"vt_recovery_{uuid.uuid4().hex[:10]}"
    params = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"]}
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{db['USER']}@"
    try:
        yield f"postgres://{auth}{params['host']}:{params['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env(url: str, tmp: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "VERKEERSTOREN_VAR": str(tmp),
        "VERKEERSTOREN_RUN_HEARTBEAT_INTERVAL": "0.5",
        "VERKEERSTOREN_RUN_HEARTBEAT_TIMEOUT": "3",
        "LOG_LEVEL": "WARNING",
    }


def _helper(env: dict[str, str], *args: str) -> Any:
    done = subprocess.run(  # our own interpreter and script
        [sys.executable, str(HELPER), *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _wait(env: dict[str, str], run_id: int, until: Any, seconds: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while True:
        state = _helper(env, "state", str(run_id))
        if until(state) or time.monotonic() > deadline:
            return state
        time.sleep(0.3)


@pytest.mark.slow
def test_a_worker_killed_mid_run_leaves_nothing_and_a_retry_completes(
    own_database: str, tmp_path: Path
) -> None:
    env = _env(own_database, tmp_path)
    run_id = _helper(env, "setup")
    worker = subprocess.Popen(  # our own interpreter and script
        [sys.executable, str(HELPER), "worker"], env=env, stderr=subprocess.DEVNULL
    )
    try:
        state = _wait(env, run_id, lambda s: s["stage"] == "solving")
        assert state["status"] == "running", state
        # The worker's heartbeat thread beats while the solver works.
        started = state["started_at"]
        state = _wait(env, run_id, lambda s: s["heartbeat_at"] > started, seconds=10)
        assert state["heartbeat_at"] > started, state
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    # Just killed: a check 1 s after the last heartbeat (under the 3 s timeout) leaves the run
    # alone. The check runs at that fixed instant: a slow process start must not age the beat.
    assert _helper(env, "check", str(run_id), "1") == 0
    state = _helper(env, "state", str(run_id))
    assert state["status"] == "running" and state["task"] == "RUNNING", state
    time.sleep(3.5)  # past the 3 s timeout of this test's environment
    watchdog = [sys.executable, "-m", "verkeerstoren.cli", "manage", "run_watchdog", "--once"]
    subprocess.run(watchdog, env=env, check=True, timeout=60)
    state = _helper(env, "state", str(run_id))
    assert (state["status"], state["error_code"], state["task"]) == (
        "failed",
        "worker_lost",
        "FAILED",
    ), state
    assert state["version"] is False and state["assignments"] == 0  # no partial plan
    assert "Opnieuw proberen" in state["page"]
    # "Try again" queues a new run; a fresh worker (no slow solver) makes its plan.
    new_id = _helper(env, "retry", str(run_id))
    fresh = [sys.executable, "-m", "verkeerstoren.cli", "manage", "db_worker", "--batch"]
    subprocess.run(fresh, env=env, check=True, timeout=120, capture_output=True)
    new = _helper(env, "state", str(new_id))
    assert (new["status"], new["version"], new["task"]) == ("done", True, "SUCCESSFUL"), new
    assert new["assignments"] > 0
    old = _helper(env, "state", str(run_id))
    assert old["status"] == "failed" and old["version"] is False


@pytest.mark.django_db
def test_a_plan_run_failed_while_it_solved_stores_no_version(
    register: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verkeerstoren.plans import tasks

    solve = tasks.solve_plan

    def solve_while_the_watchdog_fails_it(inst: Any, **kwargs: Any) -> Any:
        # The watchdog gave up on the run while the solver worked.
        runs.fail(PlanRun.objects.get(status="running"), "lost", code="worker_lost")
        return solve(inst, **kwargs)

    monkeypatch.setattr(tasks, "solve_plan", solve_while_the_watchdog_fails_it)
    run = plan_services.start_plan_run(None, AS_OF, HORIZON, "taskforce", 2.0)
    assert tasks.execute_run(run.pk) is None
    run.refresh_from_db()
    assert (run.status, run.error_code) == ("failed", "worker_lost")
    # The version and its assignments commit only with the run's "done": nothing was kept.
    assert not PlanVersion.objects.exists()
    assert not PlanAssignment.objects.exists()


@pytest.mark.django_db
def test_a_forecast_failed_while_it_ran_keeps_no_result(monkeypatch: pytest.MonkeyPatch) -> None:
    from verkeerstoren.forecasts import tasks

    compute = tasks._compute

    def compute_while_the_watchdog_fails_it(forecast: Any, progress: Any) -> Any:
        runs.fail(ForecastRun.objects.get(pk=forecast.pk), "lost", code="worker_lost")
        return compute(forecast, progress)

    monkeypatch.setattr(tasks, "_compute", compute_while_the_watchdog_fails_it)
    run = forecast_services.start_forecast(SCENARIO, None, replications=5)
    tasks.execute_run(run.pk)
    run.refresh_from_db()
    assert (run.status, run.result, run.progress) == ("failed", None, 0)
