# SPDX-License-Identifier: EUPL-1.2
"""The transitions of a run: the only code that changes a run's status.

Each transition locks the run's row, checks that the move is allowed (queued → running or
failed; running → done or failed; done and failed are final), writes it and records it in the
run's history with the user and the transition as the reason. A move that is not allowed raises
:class:`RunTransitionError` and writes nothing.

A worker keeps a running run's heartbeat fresh (:func:`keep_alive`); :func:`fail_stalled` fails
the runs whose heartbeat stopped (their worker was killed) together with their task rows. The
workers call it before each run, :func:`start` when a run is queued, and the ``run_watchdog``
command every few seconds (docs/decisions/0013-run-recovery.md).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, TypeVar

import structlog
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks_db.models import DBTaskResult

from verkeerstoren.cases.audit import actor, audited

from .models import WORKER_LOST, Run

logger = structlog.get_logger(__name__)

R = TypeVar("R", bound=Run)

Status = Run.Status
ALLOWED: dict[str, frozenset[str]] = {
    Status.QUEUED: frozenset({Status.RUNNING, Status.FAILED}),
    Status.RUNNING: frozenset({Status.DONE, Status.FAILED}),
    Status.DONE: frozenset(),
    Status.FAILED: frozenset(),
}
ERROR_MAX = 2000
# Stored as the msgid; pages translate it when they show it.
STALLED = gettext_noop(
    "The run stopped without a result (its background worker stopped). Start it again."
)


class RunTransitionError(RuntimeError):
    """A status change the lifecycle does not allow (e.g. finishing a run that failed)."""

    def __init__(self, run: Run, target: str) -> None:
        super().__init__(f"{run} is {run.status}; it cannot become {target}")
        self.status = run.status
        self.target = target


def start(model: type[R], user: Any, enqueue: Callable[[int], Any], **fields: Any) -> R:
    """Create a queued run and hand it to the task queue (``enqueue(pk)``) in one transaction.

    With the database task backend the run and its task commit together, so a worker never
    picks up a task whose run is not yet visible, and neither exists alone. Runs of the same
    kind whose worker stopped are failed first.
    """
    fail_stalled(model)
    with transaction.atomic():
        run = model(status=Status.QUEUED, created_by=actor(user), **fields)
        with audited(run, user, "queued"):
            run.save()
        result = enqueue(run.pk)
        # The task id is bookkeeping, not a transition: no history row of its own.
        model._default_manager.filter(pk=run.pk).update(task_id=str(result.id))
    run.refresh_from_db()
    return run


def mark_running(run: R, **fields: Any) -> R:
    """A worker took the run: queued → running, from now (its first heartbeat)."""
    now = timezone.now()
    return _move(run, Status.RUNNING, "running", started_at=now, heartbeat_at=now, **fields)


def finish(run: R, **fields: Any) -> R:
    """The run has its result: running → done."""
    values = {**run.cleared_when_finished, "finished_at": timezone.now(), **fields}
    return _move(run, Status.DONE, "done", **values)


def fail(
    run: R,
    error: str,
    *,
    code: str = "",
    params: dict[str, Any] | None = None,
    reason: str = "failed",
    user: Any = None,
) -> R:
    """The run ends without a result: queued or running → failed, with why."""
    values = {
        **run.cleared_when_finished,
        "finished_at": timezone.now(),
        "error": error[:ERROR_MAX],
        "error_code": code,
        "error_params": params or {},
    }
    return _move(run, Status.FAILED, reason, user=user, **values)


def fail_stalled(model: type[Run], now: datetime | None = None) -> int:
    """Fail the runs of ``model`` whose worker stopped mid-run; how many were failed.

    A run without a heartbeat for ``RUN_HEARTBEAT_TIMEOUT`` seconds lost its worker
    (``error_code`` ``worker_lost``); one past its allowed duration has a stuck worker. The
    run's task row (django-tasks-db), which no worker will finish, is failed as well. Called by
    the workers (before each run), when a run is queued and by the ``run_watchdog`` command,
    never by a page: pages only read ``Run.looks_stalled``.
    """
    now = now or timezone.now()
    failed = 0
    for run in model._default_manager.filter(status=Status.RUNNING, started_at__isnull=False):
        if run.heartbeat_lost(now):
            error, code = "The run's background worker stopped before it finished.", WORKER_LOST
        elif run.overran(now):
            error, code = STALLED, ""
        else:
            continue
        try:
            fail(run, error, code=code, reason="stalled")
        except RunTransitionError:
            continue  # it finished (or failed) while we looked
        _fail_task(run.task_id, now)
        failed += 1
    return failed + _fail_never_started(model, now)


def _fail_never_started(model: type[Run], now: datetime) -> int:
    """Fail queued runs whose task a worker took over a timeout ago without starting the run
    (it died between taking the task and starting the run): no worker takes that task again."""
    queued = {
        run.task_id: run
        for run in model._default_manager.filter(status=Status.QUEUED).exclude(task_id="")
        if _is_uuid(run.task_id)
    }
    if not queued:
        return 0
    cutoff = now - timedelta(seconds=settings.RUN_HEARTBEAT_TIMEOUT)
    taken = DBTaskResult.objects.filter(pk__in=list(queued), started_at__lt=cutoff).exclude(
        status="READY"
    )
    failed = 0
    for task_id in taken.values_list("pk", flat=True):
        run = queued[str(task_id)]
        try:
            fail(
                run,
                "The worker that took this run stopped before starting it.",
                code=WORKER_LOST,
                reason="stalled",
            )
        except RunTransitionError:
            continue  # it started (or failed) while we looked
        _fail_task(run.task_id, now)
        failed += 1
    return failed


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def fail_all_stalled(now: datetime | None = None) -> int:
    """:func:`fail_stalled` for every kind of run the project has; how many were failed."""
    models = [m for m in apps.get_models() if issubclass(m, Run)]
    return sum(fail_stalled(m, now) for m in models)


def _fail_task(task_id: str, now: datetime) -> None:
    # The worker that claimed the task is gone: its row would stay RUNNING for ever.
    if not _is_uuid(task_id):
        return  # not a task of the database backend
    DBTaskResult.objects.filter(pk=task_id, status="RUNNING").update(
        status="FAILED",
        finished_at=now,
        exception_class_path="verkeerstoren.runs.services.WorkerLost",
        traceback="The worker running this task stopped sending heartbeats.",
    )


def beat(run: Run) -> bool:
    """Record that the worker of a running run is alive (not a transition: no history row)."""
    model = type(run)
    updated = model._default_manager.filter(pk=run.pk, status=Status.RUNNING).update(
        heartbeat_at=timezone.now()
    )
    return updated == 1


@contextmanager
def keep_alive(run: Run, interval: float | None = None) -> Iterator[None]:
    """Beat for ``run`` every ``interval`` seconds (``RUN_HEARTBEAT_INTERVAL``) while the block
    runs: a small thread with its own database connection, stopped when the block ends."""
    every = settings.RUN_HEARTBEAT_INTERVAL if interval is None else interval
    stop = threading.Event()

    def loop() -> None:
        try:
            while not stop.wait(every):
                try:
                    if not beat(run):
                        return  # finished or failed meanwhile: nothing left to keep alive
                except Exception:  # a busy database: the next beat tries again
                    logger.warning("run_heartbeat_failed", run_id=run.pk, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    thread = threading.Thread(target=loop, name=f"heartbeat-{run.pk}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _move(run: R, target: str, reason: str, *, user: Any = None, **fields: Any) -> R:
    with transaction.atomic():
        current: R = type(run)._default_manager.select_for_update().get(pk=run.pk)
        if target not in ALLOWED[current.status]:
            raise RunTransitionError(current, target)
        current.status = target
        for name, value in fields.items():
            setattr(current, name, value)
        with audited(current, user, reason):
            current.save(update_fields=["status", *fields])
    return current
