"""The transitions of a run: the only code that changes a run's status.

Each transition locks the run's row, checks that the move is allowed (queued → running or
failed; running → done or failed; done and failed are final), writes it and records it in the
run's history with the user and the transition as the reason. A move that is not allowed raises
:class:`RunTransitionError` and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from verkeerstoren.cases.audit import actor, audited

from .models import Run

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
    """A worker took the run: queued → running, from now."""
    return _move(run, Status.RUNNING, "running", started_at=timezone.now(), **fields)


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

    Called by the workers (before each run) and when a run is queued, never by a page: pages
    only read ``Run.looks_stalled``.
    """
    now = now or timezone.now()
    failed = 0
    for run in model._default_manager.filter(status=Status.RUNNING, started_at__isnull=False):
        if not run.is_stalled(now):
            continue
        try:
            fail(run, STALLED, reason="stalled")
        except RunTransitionError:
            continue  # it finished (or failed) while we looked
        failed += 1
    return failed


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
