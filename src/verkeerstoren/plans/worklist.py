# SPDX-License-Identifier: EUPL-1.2
"""An officer's hours per week beside the hours of the cases a plan decides that week.

Under the carry-over rule (docs/formats.md) the cases decided in a week can need more hours
than the week has: the rest was done in earlier weeks. The work list says so per week, so a
team lead does not read an over-full week as an error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from verkeerstoren.cases import models as cm

from .models import PlanAssignment, PlanVersion
from .register_instance import build_staff
from .services import version_parameters


@dataclass(frozen=True)
class WeekHours:
    """One week of an officer's work list."""

    week: int
    week_start: date
    available: float  # the officer's hours that week, with today's absences
    decided: float  # own hours of the cases the plan decides that week

    @property
    def from_earlier(self) -> float:
        """Hours of those cases done in earlier weeks (carry-over)."""
        return max(0.0, round(self.decided - self.available, 2))


def week_hours(
    version: PlanVersion, officer: str, worklist: Iterable[PlanAssignment]
) -> list[WeekHours]:
    """The weeks in which the officer decides cases, in order, with hours available and used."""
    decided: dict[int, float] = defaultdict(float)
    for a in worklist:
        if a.week is not None:
            decided[a.week] += a.officer_hours
    if not decided:
        return []
    staff, _pks, _teams = build_staff(
        cm.Staff.objects.filter(code=officer),
        version.as_of,
        version.horizon_weeks,
        version_parameters(version),
        relevant=(),
    )
    if not staff or staff[0].hours is None:
        return []
    hours = staff[0].hours
    return [
        WeekHours(w, version.week_start(w), hours[w], round(decided[w], 2))
        for w in sorted(decided)
        if w < len(hours)
    ]
