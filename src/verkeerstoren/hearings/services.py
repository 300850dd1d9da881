# SPDX-License-Identifier: EUPL-1.2
"""Use cases of hearing scheduling: make a week's schedule, record a disruption and re-schedule,
mark a hearing held or cancelled.

One function per state change; each validates first (a :class:`HearingError` names the form
field and nothing is written) and records who did it (runs.services and cases.audit).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from verkeerstoren import glossary as g
from verkeerstoren.cases import models as cm
from verkeerstoren.cases.audit import actor, audited
from verkeerstoren.cases.facts.errors import FactError
from verkeerstoren.cases.facts.status import change_status
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.plans.models import PlanVersion
from verkeerstoren.runs import services as runs

from .models import Disruption, Hearing, HearingScheduleRun
from .slots import SLOTS
from .tasks import run_schedule

MAX_TIME_LIMIT_S = 600.0
MAX_DISRUPTION_DAYS = 31


class HearingError(ValueError):
    """A request a planner can correct; ``field`` names the form field (None: the whole form)."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def current_run(week_start: date) -> HearingScheduleRun | None:
    """The schedule in force for the week starting ``week_start``."""
    return HearingScheduleRun.objects.filter(week_start=week_start, current=True).first()


def start_schedule(
    user: Any,
    version: PlanVersion,
    week: int,
    time_limit: float = 30.0,
    *,
    reschedule_of: HearingScheduleRun | None = None,
    disruption: Disruption | None = None,
) -> HearingScheduleRun:
    """Queue the schedule run of plan week ``week`` of a published ``version``."""
    if version.status != PlanVersion.Status.PUBLISHED:
        raise HearingError(None, _("Hearings are scheduled from the published plan only."))
    if not 0 <= week < version.horizon_weeks:
        raise HearingError(
            "week", _("Choose a week between 0 and %(max)s.") % {"max": version.horizon_weeks - 1}
        )
    if not 1 <= time_limit <= MAX_TIME_LIMIT_S:
        raise HearingError(
            "time_limit",
            _("Choose between 1 and %(max)s seconds.") % {"max": int(MAX_TIME_LIMIT_S)},
        )
    return runs.start(
        HearingScheduleRun,
        user,
        run_schedule.enqueue,
        version=version,
        week=week,
        week_start=version.week_start(week),
        time_limit=time_limit,
        reschedule_of=reschedule_of,
        disruption=disruption,
    )


def _resource(kind: str, code: str) -> dict[str, Any]:
    model = {
        Disruption.Kind.INTERPRETER: cm.Interpreter,
        Disruption.Kind.OFFICER: cm.Staff,
        Disruption.Kind.ROOM: cm.HearingRoom,
    }.get(kind)  # type: ignore[call-overload]
    if model is None:
        raise HearingError("kind", _("Choose an interpreter, an officer or a room."))
    found = model.objects.filter(code=code.strip()).first()
    if found is None:
        raise HearingError("code", _("No %(kind)s has this code.") % {"kind": _(kind)})
    return {kind: found}


def disrupt(
    user: Any,
    kind: str,
    code: str,
    start: date,
    end: date,
    slots: Iterable[int],
    reason: str = "",
    *,
    time_limit: float = 30.0,
) -> tuple[Disruption, HearingScheduleRun | None]:
    """Record that a resource is out on ``slots`` of ``start``..``end`` and re-schedule the
    week's schedule in force (kept what still fits); the run is None without one."""
    target = _resource(kind, code)
    chosen = sorted({int(s) for s in slots})
    if not chosen or any(not 0 <= s < SLOTS for s in chosen):
        raise HearingError("slots", _("Choose the morning, the afternoon or both."))
    if end < start:
        raise HearingError("end", _("The last day is before the first day."))
    if (end - start).days >= MAX_DISRUPTION_DAYS:
        raise HearingError(
            "end", _("At most %(days)s days at a time.") % {"days": MAX_DISRUPTION_DAYS}
        )
    # The schedules in force of the weeks the disruption touches.
    affected = HearingScheduleRun.objects.filter(
        current=True, week_start__lte=end, week_start__gt=start - timedelta(days=7)
    ).select_related("version")
    with transaction.atomic():
        disruption = Disruption(
            kind=kind, start=start, end=end, slots=chosen, reason=reason[:200],
            recorded_by=actor(user), **target,
        )  # fmt: skip
        with audited(disruption, user, "disruption recorded"):
            disruption.save()
    run = None
    for current in affected:
        run = start_schedule(
            user, current.version, current.week, time_limit,
            reschedule_of=current, disruption=disruption,
        )  # fmt: skip
    return disruption, run


SETTLED = (Hearing.Status.HELD, Hearing.Status.CANCELLED)
HEARING_SCHEDULED = "hearing_scheduled"  # the refusal code of check_status_change
# Case statuses in which a hearing can take place: the dossier is complete.
HEARABLE = (g.Status.READY_FOR_HEARING.value, g.Status.HEARING_PLANNED.value)
MAX_REASON = 200


@transaction.atomic
def set_status(user: Any, hearing: Hearing, status: str, reason: str = "") -> Hearing:
    """Record that a scheduled hearing of the schedule in force was held or cancelled.

    The case moves along the process in the same transaction: *held* makes it *heard* on the
    hearing's day (a written hearing: on the register's day, when the account came in);
    *cancelled* takes it back to *ready for hearing* on the register's day. A case still at
    *ready for hearing* is first recorded as *hearing planned* on that day, so the history shows
    the hearing that was planned (the weekly report counts held and cancelled hearings from it).
    """
    if status not in SETTLED:
        raise HearingError("status", _("A hearing is recorded as held or cancelled."))
    reason = reason.strip()
    if len(reason) > MAX_REASON:
        raise HearingError(
            "reason", _("Keep the reason within %(max)s characters.") % {"max": MAX_REASON}
        )
    locked = (
        Hearing.objects.select_for_update(of=("self",))
        .select_related("run", "case")
        .filter(pk=hearing.pk)
        .first()
    )
    if locked is None or locked.status != Hearing.Status.SCHEDULED or not locked.run.current:
        raise HearingError(
            "status",
            _("Only a scheduled hearing of the schedule in force can be held or cancelled."),
        )
    today = register_as_of()
    on = today
    if status == Hearing.Status.HELD and locked.day is not None:
        if locked.day > today:
            raise HearingError(
                "status",
                _("This hearing is on %(day)s: record it as held on or after that day.")
                % {"day": f"{locked.day.day}-{locked.day.month}-{locked.day.year}"},
            )
        on = locked.day
    _move_case(user, locked.case, status, on)
    locked.status = status
    locked.reason = reason
    with audited(locked, user, f"hearing {status}"):
        locked.save(update_fields=["status", "reason"])
    return locked


def check_status_change(case: cm.Case, status: str) -> None:
    """Refuse (FactError at ``status``) a case status change that a scheduled hearing of the
    schedule in force must record: *heard*, or back to *ready for hearing* from *hearing
    planned*, is the hearing held or cancelled (:func:`set_status`), so hearing and case agree."""
    cancel = status == g.Status.READY_FOR_HEARING and case.status == g.Status.HEARING_PLANNED
    if status != g.Status.HEARD and not cancel:
        return
    hearing = (
        Hearing.objects.filter(case=case, run__current=True, status=Hearing.Status.SCHEDULED)
        .order_by("-run__week_start")
        .first()
    )
    if hearing is None:
        return
    on = hearing.day or hearing.due_date
    when = f"{on.day}-{on.month}-{on.year}" if on else ""
    raise FactError(
        {
            "status": [
                _(
                    "This case has a hearing scheduled (%(day)s): record it as held or cancelled "
                    "at the hearing."
                )
                % {"day": when}
            ]
        },
        frozenset({HEARING_SCHEDULED}),
    )


@transaction.atomic
def follow_register(user: Any) -> dict[str, int]:
    """Record the scheduled hearings in force whose case the register has since moved past its
    hearing (the demo clock's days record process steps of their own): *held* when the case's
    history has the step *heard*, else *cancelled* (decided without it: a withdrawal, a decision
    on the file). The case is not moved again. Counts per outcome."""
    past = g.STATUS_ORDER[g.STATUS_ORDER.index(g.Status.HEARD) :]
    moved_on = (
        Hearing.objects.select_for_update(of=("self",))
        .filter(run__current=True, status=Hearing.Status.SCHEDULED)
        .filter(case__status__in=[s.value for s in past])
    )
    heard = set(
        cm.StatusChange.objects.filter(
            status=g.Status.HEARD.value, case__in=moved_on.values("case")
        ).values_list("case_id", flat=True)
    )
    counts = {"hearings_held": 0, "hearings_cancelled": 0}
    for hearing in moved_on:
        held = hearing.case_id in heard
        hearing.status = Hearing.Status.HELD if held else Hearing.Status.CANCELLED
        with audited(hearing, user, f"hearing {hearing.status} (as the register has the case)"):
            hearing.save(update_fields=["status"])
        counts["hearings_held" if held else "hearings_cancelled"] += 1
    return counts


def _move_case(user: Any, case: cm.Case, status: str, on: date) -> None:
    if case.status not in HEARABLE:
        early = g.STATUS_ORDER.index(g.Status(case.status)) < g.STATUS_ORDER.index(
            g.Status.READY_FOR_HEARING
        )
        raise HearingError(
            "status",
            _("The case's dossier is not complete yet: complete its dossier items first.")
            if early
            else _("The case has been heard already."),
        )
    target = g.Status.HEARD if status == Hearing.Status.HELD else g.Status.READY_FOR_HEARING
    steps = [g.Status.HEARING_PLANNED] if case.status == g.Status.READY_FOR_HEARING else []
    try:
        for step in [*steps, target]:
            change_status(case, step.value, on, user=user)
    except FactError as exc:
        raise HearingError("status", " ".join(m for ms in exc.fields.values() for m in ms)) from exc
