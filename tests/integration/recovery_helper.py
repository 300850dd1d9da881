# SPDX-License-Identifier: EUPL-1.2
"""Commands the worker-loss test runs as separate processes against its own database.

``python recovery_helper.py ACTION [ARG]`` with DATABASE_URL naming that database:

- ``setup``: migrate, import the small register (planning_setup) and queue a plan run; its id.
- ``worker``: a real ``db_worker`` whose solver first sleeps a minute (a long run to kill).
- ``state RUN``: the run's status, error code, heartbeat, version and task status as JSON.
- ``check RUN SECONDS``: the watchdog's check as it would run SECONDS after the run's last
  heartbeat (a fixed instant, so a slow process start cannot age the heartbeat); how many failed.
- ``retry RUN``: press "Try again" on the run's page as a planner; the new run's id.

Each prints one JSON value on its last line of stdout.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE), str(HERE.parent)]


def main(action: str, *args: str) -> Any:
    from verkeerstoren.cli.django_setup import setup_django

    setup_django()
    from django.core.management import call_command

    if action == "setup":
        return setup(call_command)
    if action == "worker":
        return worker(call_command)
    if action == "state":
        return state(int(args[0]))
    if action == "check":
        return check(int(args[0]), float(args[1]))
    if action == "retry":
        return retry(int(args[0]))
    raise SystemExit(f"unknown action {action}")


def setup(call_command: Any) -> int:
    from planning_setup import AS_OF, HORIZON, SMALL

    from verkeerstoren.cases.importing import import_path
    from verkeerstoren.cases.models import Staff, StaffCompetency
    from verkeerstoren.cases.services import apply_cutoff_split
    from verkeerstoren.cutoff import CutoffRule
    from verkeerstoren.plans import services

    call_command("migrate", verbosity=0)
    import_path(SMALL)  # the small register of planning_setup, with what S003 needs
    apply_cutoff_split(CutoffRule())
    s003 = Staff.objects.get(code="S003")
    StaffCompetency.objects.create(staff=s003, competency="conversion", level="senior")
    StaffCompetency.objects.create(staff=s003, competency="medical", level="senior")
    return services.start_plan_run(None, AS_OF, HORIZON, "taskforce", 2.0).pk


def worker(call_command: Any) -> None:
    from verkeerstoren.plans import tasks

    solve = tasks.solve_plan

    def slow_solve(*args: Any, **kwargs: Any) -> Any:
        time.sleep(60)  # the test kills the worker meanwhile
        return solve(*args, **kwargs)

    tasks.solve_plan = slow_solve  # type: ignore[assignment]
    call_command("db_worker", interval=0.1)


def state(run_id: int) -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    from verkeerstoren.plans.models import PlanRun, PlanVersion

    run = PlanRun.objects.get(pk=run_id)
    task = DBTaskResult.objects.filter(pk=run.task_id).first()
    return {
        "status": run.status,
        "stage": run.stage,
        "error_code": run.error_code,
        "started_at": run.started_at.isoformat() if run.started_at else None,
        "heartbeat_at": run.heartbeat_at.isoformat() if run.heartbeat_at else None,
        "version": PlanVersion.objects.filter(run=run).exists(),
        "assignments": PlanVersion.objects.filter(run=run).values("assignments").count(),
        "task": task.status if task else None,
        "page": run_page(run_id),
    }


def check(run_id: int, seconds: float) -> int:
    from datetime import timedelta

    from verkeerstoren.plans.models import PlanRun
    from verkeerstoren.runs import services

    beat = PlanRun.objects.get(pk=run_id).heartbeat_at
    assert beat is not None
    return services.fail_all_stalled(now=beat + timedelta(seconds=seconds))


def _client() -> Any:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    import factories as f
    from verkeerstoren.cases.roles import Role

    settings.ALLOWED_HOSTS = ["testserver"]
    user = User.objects.filter(username="planner").first() or f.user("planner", Role.IND_PLANNER)
    client = Client()
    client.force_login(user)
    return client


def run_page(run_id: int) -> str:
    return _client().get(f"/planning/runs/{run_id}/").content.decode()


def retry(run_id: int) -> int:
    from verkeerstoren.plans.models import PlanRun

    before = set(PlanRun.objects.values_list("pk", flat=True))
    response = _client().post(f"/planning/runs/{run_id}/retry/")
    assert response.status_code == 302, response.status_code
    (new,) = set(PlanRun.objects.values_list("pk", flat=True)) - before
    return new


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:])))  # noqa: T201  # the test reads stdout
