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

from verkeerstoren.cases import models as cm
from verkeerstoren.cases.audit import actor, audited
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


def set_status(user: Any, hearing: Hearing, status: str) -> Hearing:
    """Record that a scheduled hearing was held or cancelled (a fact, with who and when)."""
    allowed = {Hearing.Status.HELD, Hearing.Status.CANCELLED}
    if status not in allowed or hearing.status != Hearing.Status.SCHEDULED:
        raise HearingError("status", _("Only a scheduled hearing can be held or cancelled."))
    hearing.status = status
    with audited(hearing, user, f"hearing {status}"):
        hearing.save(update_fields=["status"])
    return hearing
