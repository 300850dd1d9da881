# SPDX-License-Identifier: EUPL-1.2
"""A schedule of hearings: who, where and when, with its weight and the bound it is measured by."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class ScheduledHearing:
    """One hearing placed: its first slot ``slot`` of ``day``; it lasts the hearing's length."""

    hearing: str
    day: int
    slot: int
    room: str
    officer: str
    interpreter: str | None = None


@dataclass(frozen=True)
class Schedule:
    """Outcome of :func:`~verkeerstoren.planning.hearings.solve.solve_hearings`.

    ``scheduled`` in the instance's hearing order (hearings left out are absent);
    ``upper_bound`` is never below the best possible weight, so ``gap_pct`` =
    100 * (upper_bound - scheduled_weight) / upper_bound bounds how far the schedule can be from
    the optimum. ``status`` is ``optimal`` when the bound is reached, else ``feasible``.
    """

    scheduled: tuple[ScheduledHearing, ...]
    scheduled_weight: int
    upper_bound: int
    seconds: float
    status: str = "feasible"

    @property
    def gap_pct(self) -> float:
        """100 * (upper_bound - scheduled_weight) / upper_bound (0 when the bound is 0)."""
        if self.upper_bound <= 0:
            return 0.0
        return 100.0 * (self.upper_bound - self.scheduled_weight) / self.upper_bound


def schedule_to_dict(schedule: Schedule) -> dict[str, Any]:
    """The CLI's JSON form (docs/formats.md, "Hearing schedule")."""
    return {
        "scheduled": [asdict(s) for s in schedule.scheduled],
        "scheduled_weight": schedule.scheduled_weight,
        "upper_bound": schedule.upper_bound,
        "gap_pct": round(schedule.gap_pct, 4),
        "seconds": round(schedule.seconds, 3),
        "status": schedule.status,
    }
