# SPDX-License-Identifier: EUPL-1.2
"""The background task: export the week, solve it (keeping what fits on a re-schedule), check
the schedule with the independent checker, store its hearings.

Status changes go through runs.services; the stage and the solver's progress are written to the
run row as they happen (the worker runs in autocommit mode) so the polling page can show them.
The hearings, the figures and the run's "done" commit together, and the run becomes the week's
current schedule in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import structlog
from django.db import transaction
from django_tasks import task
from simple_history.utils import bulk_create_with_history

from verkeerstoren.cases.audit import audited
from verkeerstoren.planning.hearings.checker import check_schedule
from verkeerstoren.planning.hearings.instance import HearingInputError, checked
from verkeerstoren.planning.hearings.schedule import ScheduledHearing
from verkeerstoren.planning.hearings.solve import solve_hearings
from verkeerstoren.runs import services as runs
from verkeerstoren.runs.models import WORKER_LOST

from . import keep
from .changes import changed, who_to_tell
from .export import HearingExportError, WeekInstance, build_week_instance
from .models import Hearing, HearingScheduleRun

logger = structlog.get_logger(__name__)

SEED = 0  # fixed: the same register gives the same schedule (when solved within the limit)


def _update(run_id: int, **fields: Any) -> None:
    # Progress within "running", not a transition: no history row.
    HearingScheduleRun.objects.filter(pk=run_id).update(**fields)


def execute_run(run_id: int) -> HearingScheduleRun | None:
    """Run a queued schedule run; the run when done, None when it failed."""
    runs.fail_stalled(HearingScheduleRun)
    try:
        run = runs.mark_running(HearingScheduleRun.objects.get(pk=run_id), stage="exporting")
    except runs.RunTransitionError:
        return None  # a re-delivered task must not redo a finished run
    try:
        with runs.keep_alive(run):
            _compute(run)
    except HearingExportError as exc:
        _fail(run, str(exc), code=exc.code)
        return None
    except HearingInputError as exc:
        _fail(run, str(exc))
        return None
    except runs.RunTransitionError:
        logger.warning("hearing_run_no_longer_running", run_id=run_id)
        return None
    except Exception as exc:
        logger.exception("hearing_run_failed", run_id=run_id)
        _fail(run, str(exc))
        raise
    except BaseException:
        _fail(run, "The worker was stopped during the run.", code=WORKER_LOST)
        raise
    run.refresh_from_db()
    return run


def _fail(run: HearingScheduleRun, error: str, **details: Any) -> None:
    try:
        runs.fail(run, error, **details)
    except runs.RunTransitionError:
        logger.warning("hearing_run_no_longer_running", run_id=run.pk)


@dataclass(frozen=True)
class Outcome:
    placed: list[ScheduledHearing]  # cases only
    weight: int
    bound: int
    seconds: float
    status: str
    violations: list[str]
    kept: int


def _compute(run: HearingScheduleRun) -> None:
    week = build_week_instance(run.version, run.week)
    inst = checked(week.instance)
    previous = _previous(run, week) if run.reschedule_of_id else []

    def progress(_phase: str, used: float, _weight: int, _bound: int) -> None:
        _update(run.pk, progress=round(used, 3))

    def solve(instance: Any) -> Any:
        return solve_hearings(instance, run.time_limit, SEED, progress)

    _update(run.pk, stage="solving")
    if previous:
        placed, kept, res, schedule = keep.reschedule(inst, week.blocked, previous, solve)
        weights = {h.id: h.weight for h in inst.hearings}
        kept_weight = sum(weights[s.hearing] for s in kept)
        bound = kept_weight + schedule.upper_bound - res.blocker_weight
    else:
        schedule = solve(inst)
        placed = keep.place_blocked_rooms(week.blocked, schedule.scheduled)
        kept = []
        bound = schedule.upper_bound - week.blocker_weight
    _update(run.pk, stage="checking")
    # The placeholders stay in for the check: they are how a room out of use is an instance.
    violations = check_schedule(inst, placed)
    real = week.real(placed)
    weights = {h.id: h.weight for h in inst.hearings}
    weight = sum(weights[s.hearing] for s in real)
    outcome = Outcome(real, weight, max(bound, weight), schedule.seconds, schedule.status,
                      violations, len(kept))  # fmt: skip
    _update(run.pk, stage="storing")
    _store(run, week, outcome)


def _place(week: WeekInstance, s: ScheduledHearing) -> dict[str, Any]:
    return {
        "day": week.days[s.day].isoformat(), "slot": s.slot, "room": s.room,
        "officer": s.officer, "interpreter": s.interpreter,
    }  # fmt: skip


def _previous(run: HearingScheduleRun, week: WeekInstance) -> list[ScheduledHearing]:
    """The placements of the schedule being re-planned, in this week's day indices."""
    rows = Hearing.objects.filter(
        run_id=run.reschedule_of_id, status=Hearing.Status.SCHEDULED, day__isnull=False
    ).select_related("case", "room", "officer", "interpreter")
    out = []
    for h in rows.order_by("case__reference"):
        if h.day not in week.days or h.room is None or h.officer is None or h.slot is None:
            continue
        out.append(
            ScheduledHearing(
                hearing=h.case.reference,
                day=week.day_index(h.day),
                slot=h.slot,
                room=h.room.code,
                officer=h.officer.code,
                interpreter=h.interpreter.code if h.interpreter else None,
            )
        )
    return out


def _store(run: HearingScheduleRun, week: WeekInstance, out: Outcome) -> None:
    inst = week.instance
    by_id = {h.id: h for h in inst.hearings}
    placed = {s.hearing: s for s in out.placed}
    before = _before(run)
    rows: list[Hearing] = []
    changes: list[dict[str, Any]] = []
    for hid, case_pk in week.case_pk.items():
        h = by_id[hid]
        s = placed.get(hid)
        after = _place(week, s) if s else None
        prior = before.pop(hid, None)
        if run.reschedule_of_id and changed(prior, after):
            changes.append(who_to_tell(hid, h.lawyer, prior, after))
        rows.append(
            Hearing(
                run=run, case_id=case_pk, mode=h.mode,
                status=Hearing.Status.SCHEDULED if s else Hearing.Status.UNSCHEDULED,
                location_id=week.location_pk[h.location],
                day=week.days[s.day] if s else None, slot=s.slot if s else None,
                length=h.length,
                room_id=week.room_pk[s.room] if s else None,
                officer_id=week.officer_pk[s.officer] if s else week.officer_pk.get(h.officer or ""),
                interpreter_id=week.interpreter_pk[s.interpreter] if s and s.interpreter else None,
                lawyer_id=week.lawyer_pk.get(h.lawyer or ""),
                weight=h.weight,
                changed=bool(run.reschedule_of_id) and changed(prior, after),
            )
        )  # fmt: skip
    for case_pk, location_pk, officer_pk, due in week.written.values():
        rows.append(
            Hearing(run=run, case_id=case_pk, mode="written", status=Hearing.Status.SCHEDULED,
                    location_id=location_pk, officer_id=officer_pk, due_date=due)
        )  # fmt: skip
    with transaction.atomic():
        rows += _settled(run, {h.case_id for h in rows})
        bulk_create_with_history(
            rows, Hearing, default_user=run.created_by,
            default_change_reason=f"hearing schedule run {run.pk}"[:100],
        )  # fmt: skip
        _make_current(run)
        runs.finish(
            run,
            hearing_count=len(week.case_pk) + len(week.written),
            scheduled_count=len(out.placed),
            written_count=len(week.written),
            scheduled_weight=out.weight,
            upper_bound=out.bound,
            gap_pct=round(100.0 * (out.bound - out.weight) / out.bound, 4) if out.bound else 0.0,
            seconds=round(out.seconds, 3),
            solver_status=out.status,
            violations=out.violations,
            changes=changes,
            kept_count=out.kept,
            progress=1.0,
            current=True,
        )


def _before(run: HearingScheduleRun) -> dict[str, dict[str, Any]]:
    if not run.reschedule_of_id:
        return {}
    out = {}
    rows = Hearing.objects.filter(run_id=run.reschedule_of_id, status=Hearing.Status.SCHEDULED)
    for h in rows.exclude(mode="written").select_related("case", "room", "officer", "interpreter"):
        out[h.case.reference] = {
            "day": h.day.isoformat() if h.day else None, "slot": h.slot,
            "room": h.room.code if h.room else None,
            "officer": h.officer.code if h.officer else None,
            "interpreter": h.interpreter.code if h.interpreter else None,
        }  # fmt: skip
    return out


def _settled(run: HearingScheduleRun, taken: set[int]) -> list[Hearing]:
    """The week's held and cancelled hearings in the schedule being superseded, carried into the
    new one unchanged (they are facts, not plans) unless the new run scheduled the case again."""
    settled = Hearing.objects.filter(
        run__week_start=run.week_start,
        run__current=True,
        status__in=(Hearing.Status.HELD, Hearing.Status.CANCELLED),
    ).exclude(case_id__in=taken)
    out = []
    for h in settled:
        h.pk = None
        h.run = run
        h.changed = False
        h._state.adding = True
        out.append(h)
    return out


def _make_current(run: HearingScheduleRun) -> None:
    """The run becomes its week's schedule in force; the one before stays in the history."""
    for old in HearingScheduleRun.objects.select_for_update().filter(
        week_start=run.week_start, current=True
    ):
        old.current = False
        with audited(old, run.created_by, f"superseded by run {run.pk}"):
            old.save(update_fields=["current"])


def placed_ids(rows: Sequence[Hearing]) -> list[str]:
    """References of the hearings with a day and slot (for tests and pages)."""
    return [h.case.reference for h in rows if h.placed]


@task()
def run_schedule(run_id: int) -> None:
    """Background entry point (Django Tasks): see :func:`execute_run`."""
    execute_run(run_id)
