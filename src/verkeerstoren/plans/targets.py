# SPDX-License-Identifier: EUPL-1.2
"""Team targets (teamdoelstellingen, DOMAIN.md §1.9) derived from a plan version.

The target of a team in a week is the number of decisions the plan puts on the team's officers
in that week; summed over the teams it is the plan's decisions per week. Progress compares it
with what actually happened: a planned case counts as decided in the week of its decision day
(cases/decided.py), for the team the plan gave it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from verkeerstoren.cases import models as cm
from verkeerstoren.cases.decided import decided_dates
from verkeerstoren.weeks import end_of

from .models import PlanAssignment, PlanVersion


@dataclass(frozen=True)
class TeamRow:
    """One team: target per week, actual decisions per week (None for weeks not yet over)."""

    code: str
    name: str
    decision_team: bool
    targets: tuple[int, ...]
    actual: tuple[int | None, ...]

    @property
    def total(self) -> int:
        return sum(self.targets)

    @property
    def target_to_date(self) -> int:
        return sum(t for t, a in zip(self.targets, self.actual, strict=True) if a is not None)

    @property
    def actual_to_date(self) -> int:
        return sum(a for a in self.actual if a is not None)

    @property
    def difference(self) -> int:
        """Decided minus target over the weeks that have ended (negative = behind)."""
        return self.actual_to_date - self.target_to_date


@dataclass(frozen=True)
class TeamTargets:
    """Targets of every team with planned decisions, per week of the version."""

    weeks: tuple[tuple[int, date], ...]
    rows: tuple[TeamRow, ...]

    @property
    def totals(self) -> tuple[int, ...]:
        """Planned decisions per week over all teams."""
        return tuple(sum(r.targets[w] for r in self.rows) for w in range(len(self.weeks)))

    @property
    def weeks_over(self) -> int:
        """How many weeks have ended (have actual figures)."""
        return sum(a is not None for a in self.rows[0].actual) if self.rows else 0


def team_targets(version: PlanVersion, today: date) -> TeamTargets:
    """Targets and progress of ``version`` as known on ``today``."""
    horizon = version.horizon_weeks
    weeks = tuple((w, version.week_start(w)) for w in range(horizon))
    counts: dict[int, list[int]] = defaultdict(lambda: [0] * horizon)
    planned = (
        PlanAssignment.objects.filter(version=version, team__isnull=False, week__isnull=False)
        .values("team_id", "week")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in planned:
        counts[row["team_id"]][row["week"]] += row["n"]
    actual = _actual(version, today)
    teams = cm.Team.objects.in_bulk(list(counts))
    over = [end_of(version.as_of, w) < today for w, _ in weeks]
    rows = [
        TeamRow(
            code=team.code,
            name=team.name,
            decision_team=team.decision_team,
            targets=tuple(counts[pk]),
            actual=tuple(actual.get((pk, w), 0) if over[w] else None for w in range(horizon)),
        )
        for pk, team in sorted(teams.items(), key=lambda kv: kv[1].code)
    ]
    return TeamTargets(weeks, tuple(rows))


def _actual(version: PlanVersion, today: date) -> dict[tuple[int, int], int]:
    """(team pk, week) -> planned cases decided in that week, as recorded by ``today``."""
    team_of = dict(
        PlanAssignment.objects.filter(version=version, team__isnull=False).values_list(
            "case_id", "team_id"
        )
    )
    if not team_of:
        return {}
    end = version.week_start(version.horizon_weeks)
    out: dict[tuple[int, int], int] = defaultdict(int)
    for cid, day in decided_dates(team_of).items():
        if version.as_of <= day < end and day <= today:
            out[(team_of[cid], version.week_of(day))] += 1
    return dict(out)
