# SPDX-License-Identifier: EUPL-1.2
"""What the hearing pages and exports read: the hearings of the schedules in force, for a week,
an officer, a location, an interpreter or a lawyer, and COA's transport list."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from .models import Hearing, HearingScheduleRun, LawyerAccount

SHOWN = (Hearing.Status.SCHEDULED, Hearing.Status.HELD)


def in_force() -> QuerySet[Hearing]:
    """Hearings of the current schedules, with what the pages show."""
    return Hearing.objects.filter(run__current=True).select_related(
        "case", "location", "room", "officer", "interpreter", "lawyer", "run"
    )


def week_hearings(week_start: date, **filters: Any) -> list[Hearing]:
    """The week's hearings in force (all statuses), by day and slot; filters by field."""
    qs = in_force().filter(run__week_start=week_start, **filters)
    return list(qs.order_by("day", "slot", "location__code", "room__code", "case__reference"))


def lawyer_of(user: Any) -> Any:
    """The lawyer a legal-aid user acts for, or None."""
    pk = getattr(user, "pk", None)
    if pk is None:
        return None
    account = LawyerAccount.objects.filter(user_id=pk).first()
    return account.lawyer if account else None


def lawyer_hearings(lawyer: Any, from_day: date) -> list[Hearing]:
    """The planning list of a lawyer: their clients' hearings in force from ``from_day``."""
    qs = in_force().filter(lawyer=lawyer, status__in=SHOWN, day__gte=from_day)
    return list(qs.order_by("day", "slot", "case__reference"))


def transport_list(week_start: date) -> list[Hearing]:
    """Who must be at which location on which day: the week's oral and video hearings."""
    qs = in_force().filter(
        run__week_start=week_start, status=Hearing.Status.SCHEDULED, day__isnull=False
    )
    return list(
        qs.exclude(mode="written").order_by("day", "location__code", "slot", "case__reference")
    )


def case_hearing(case: Any) -> Hearing | None:
    """The case's hearing in the newest schedule in force that has one."""
    return in_force().filter(case=case).order_by("-run__week_start").first()


def weeks_in_force() -> list[HearingScheduleRun]:
    """The current schedule of each week, newest week first."""
    return list(HearingScheduleRun.objects.filter(current=True).order_by("-week_start")[:20])
