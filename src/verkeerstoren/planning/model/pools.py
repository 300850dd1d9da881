# SPDX-License-Identifier: EUPL-1.2
"""Aggregate officers with identical eligibility into pools (keeps the bound LP small)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.model.instance import PlanningInstance, Staff


@dataclass(frozen=True)
class Pool:
    """Officers interchangeable for every eligibility rule; hours are summed per week."""

    representative: Staff
    members: tuple[int, ...]
    hours: NDArray[np.float64]  # summed hours per week
    # Most hours one member can give a single case decided in each week: that week's hours,
    # or under the carry-over rule all hours up to that week (an upper bound when the case's
    # ready week is later, which keeps every bound that uses it valid).
    max_member_hours: NDArray[np.float64]


def make_pools(inst: PlanningInstance) -> list[Pool]:
    """Group staff by (location, competencies, can_hear, can_decide, decision_team).

    Pinned officers stay alone so that pins keep meaning in the pooled model. Summing hours of
    interchangeable officers relaxes the per-officer capacity rows, so the pooled LP remains a
    valid lower bound for the per-officer problem.
    """
    pinned = {p.officer for p in inst.pins}
    groups: dict[tuple[object, ...], list[int]] = {}
    for k, s in enumerate(inst.staff):
        if not s.can_decide:
            continue  # cannot hold a case in this model
        key: tuple[object, ...] = (
            ("pinned", s.id)
            if s.id in pinned
            else (
                s.location,
                tuple(sorted(s.competencies.items())),
                s.can_hear,
                s.can_decide,
                s.decision_team,
            )
        )
        groups.setdefault(key, []).append(k)
    pools = []
    weeks = range(inst.horizon_weeks)
    for members in groups.values():
        hours = np.array([[inst.staff[k].hours_in_week(w) for w in weeks] for k in members])
        one_case = np.cumsum(hours, axis=1) if inst.carry_over else hours
        pools.append(
            Pool(inst.staff[members[0]], tuple(members), hours.sum(axis=0), one_case.max(axis=0))
        )
    return pools
