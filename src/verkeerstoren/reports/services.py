# SPDX-License-Identifier: EUPL-1.2
"""Use cases: check a report request and queue its version; the schedule's due reports.

The request is checked here (build.request), before anything is stored, so a bad period never
becomes a failed version: the caller gets a ReportError naming the field and nothing is queued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.runs import services as runs

from .build import ReportError, request
from .models import ReportVersion
from .periods import Kind, last_complete
from .tasks import make_report

# What the schedule makes, in this order: the weekly report on Monday (the week before), the
# quarterly report and the monthly trends on the first day (the quarter and month before).
SCHEDULED: tuple[Kind, ...] = (Kind.WEEKLY, Kind.TRENDS, Kind.QUARTERLY)


def start_report(
    kind: str, code: str, user: Any, *, as_of: date | None = None, scheduled: bool = False
) -> ReportVersion:
    """Check the request and queue its version; ReportError naming the field otherwise."""
    req = request(kind, code, as_of)
    return runs.start(
        ReportVersion,
        user,
        make_report.enqueue,
        kind=req.kind.value,
        period=req.period.code,
        period_start=req.period.start,
        period_end=req.period.end,
        as_of=req.as_of,
        scheduled=scheduled,
    )


def retry(version: ReportVersion, user: Any) -> ReportVersion:
    """A new version of a failed one's request (which stays failed)."""
    if version.status != ReportVersion.Status.FAILED:
        raise ReportError("version", "only a failed version can be made again")
    return start_report(version.kind, version.period, user, as_of=version.as_of)


@dataclass(frozen=True)
class Due:
    """What the schedule did about one kind: the period and the version, or why none."""

    kind: Kind
    period: str
    version: ReportVersion | None
    made: bool
    reason: str = ""


def run_schedule(today: date | None = None) -> list[Due]:
    """Queue the reports that are due and not yet made (idempotent: run it as often as you like).

    Due is the latest complete period of each kind before the register's day: on a Monday the
    week before, on the first day of a month or quarter the month or quarter before. A period
    whose scheduled version exists (whatever its status) is left alone.
    """
    today = today or register_as_of()
    out: list[Due] = []
    for kind in SCHEDULED:
        period = last_complete(kind, today)
        existing = ReportVersion.objects.filter(
            kind=kind.value, period=period.code, scheduled=True
        ).first()
        if existing is not None:
            out.append(Due(kind, period.code, existing, made=False, reason="exists"))
            continue
        try:
            with transaction.atomic():
                version = start_report(kind.value, period.code, None, scheduled=True)
        except ReportError as exc:
            out.append(Due(kind, period.code, None, made=False, reason=exc.message))
        except IntegrityError:  # another schedule run made it at the same moment
            again = ReportVersion.objects.filter(
                kind=kind.value, period=period.code, scheduled=True
            ).first()
            out.append(Due(kind, period.code, again, made=False, reason="exists"))
        else:
            out.append(Due(kind, period.code, version, made=True))
    return out
