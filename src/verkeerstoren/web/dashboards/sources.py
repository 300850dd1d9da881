# SPDX-License-Identifier: EUPL-1.2
"""What the dashboards read: the register's cases as of a day, the published plans and the
latest finished forecast.

One rule for "open on a day" (cases.asof): a case is in the register from the day it was
received and open until the day it was decided (cases/decided.py); decided on that day, it no
longer counts. The streams, tracks and locations are the cases' current ones (they carry no
date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from verkeerstoren.cases import models as cm
from verkeerstoren.cases.asof import in_register_on
from verkeerstoren.cases.decided import decided_dates
from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.plans.models import PlanAssignment, PlanVersion
from verkeerstoren.weeks import end_of


@dataclass(frozen=True)
class CaseRow:
    """The columns of one case the dashboards count with (no features, no motives)."""

    pk: int
    reference: str
    person: str  # the pseudonym, for the access log only; never shown
    received: dt.date
    location_id: int
    stream: str
    track: str
    kind: str  # complexity is left out: it follows the motives (outcomes.partner_grant_probability)
    decided: dt.date | None

    def open_on(self, day: dt.date) -> bool:
        """Received by ``day`` and not decided on or before it."""
        return in_register_on(self.received, day) and (self.decided is None or self.decided > day)


_COLUMNS = (
    "pk",
    "reference",
    "person",
    "received",
    "location_id",
    "stream",
    "track",
    "kind",
)


def case_rows(received_by: dt.date) -> list[CaseRow]:
    """Every case received on or before ``received_by``, with its decision day (None: open)."""
    decided = decided_dates()
    rows = cm.Case.objects.filter(received__lte=received_by).order_by("pk").values_list(*_COLUMNS)
    out = []
    for pk, reference, person, received, location, stream, track, kind in rows.iterator(
        chunk_size=10000
    ):
        out.append(
            CaseRow(pk, reference, person, received, location, stream, track, kind, decided.get(pk))
        )
    return out


def published_versions(day: dt.date) -> list[PlanVersion]:
    """The published plans (one per stream) made as of a day on or before ``day``, by stream."""
    return list(
        PlanVersion.objects.filter(status=PlanVersion.Status.PUBLISHED, as_of__lte=day).order_by(
            "stream", "pk"
        )
    )


def latest_forecast(day: dt.date) -> ForecastRun | None:
    """The newest finished forecast (not a comparison) that starts on or before ``day``.

    A forecast that starts later was made for a day still to come, as seen from ``day``.
    """
    runs = ForecastRun.objects.filter(
        status=ForecastRun.Status.DONE, kind=ForecastRun.Kind.FORECAST
    ).defer("result")
    for run in runs.order_by("-created_at", "-pk").iterator(chunk_size=20):
        start = (run.scenario or {}).get("start_date") if isinstance(run.scenario, dict) else None
        try:
            starts = dt.date.fromisoformat(str(start))
        except ValueError:
            continue
        if starts <= day:
            run.refresh_from_db(fields=["result"])
            return run
    return None


def location_names() -> dict[int, tuple[str, str]]:
    """Location pk -> (code, name)."""
    return {
        pk: (code, name) for pk, code, name in cm.Location.objects.values_list("pk", "code", "name")
    }


@dataclass(frozen=True)
class Planned:
    """A case the published plan puts in a week: the week's first day."""

    case_id: int
    week_start: dt.date


def planned_weeks(versions: list[PlanVersion], day: dt.date, weeks: int) -> list[Planned]:
    """The cases the plans put in the weeks from the one containing ``day`` until ``weeks``
    weeks after ``day`` (a plan week that started before ``day`` and has not ended counts).

    As the team targets count them: assignments with a team and a week. A case in two published
    plans (one per stream) keeps the first.
    """
    by_pk = {v.pk: v for v in versions}
    until = day + dt.timedelta(weeks=weeks)
    rows = (
        PlanAssignment.objects.filter(version__in=versions, week__isnull=False, team__isnull=False)
        .order_by("version__stream", "version_id", "case_id")
        .values_list("case_id", "version_id", "week")
    )
    seen: dict[int, Planned] = {}
    for case_id, version_id, week in rows.iterator(chunk_size=10000):
        if week is None:  # filtered above; the column itself may be empty
            continue
        version = by_pk[version_id]
        start = version.week_start(week)
        if end_of(version.as_of, week) >= day and start < until:
            seen.setdefault(case_id, Planned(case_id, start))
    return list(seen.values())
