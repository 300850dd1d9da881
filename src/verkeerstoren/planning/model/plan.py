# SPDX-License-Identifier: EUPL-1.2
"""Plan and result types, and a plan's cost, shared by the solver, the baselines and the checker."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from verkeerstoren.planning.model.instance import PlanningInstance


@dataclass(frozen=True)
class CaseAssignment:
    """Where a case goes; ``officer``/``week`` None means not planned within the horizon.

    ``prepare_by`` / ``draft_by`` name the external firm doing that package, None = the officer.
    """

    case: str
    officer: str | None = None
    week: int | None = None
    mode: str | None = None
    prepare_by: str | None = None
    draft_by: str | None = None


@dataclass(frozen=True)
class Plan:
    """A complete plan: one assignment per case, in instance order, and its total cost."""

    assignments: tuple[CaseAssignment, ...]
    cost: float


@dataclass(frozen=True)
class PlanResult:
    """Outcome of :func:`verkeerstoren.planning.solve.solve_plan`."""

    plan: Plan
    lower_bound: float
    seconds: float
    status: str  # "optimal" (proven) or "feasible"
    baselines: dict[str, float] = field(default_factory=dict)

    @property
    def cost(self) -> float:
        """Total cost of the plan."""
        return self.plan.cost

    @property
    def gap_pct(self) -> float:
        """Distance of the cost above the lower bound, in % of the cost (0 when optimal)."""
        if self.plan.cost <= 0:
            return 0.0
        return max(0.0, 100.0 * (self.plan.cost - self.lower_bound) / self.plan.cost)


def plan_cost(inst: PlanningInstance, assignments: tuple[CaseAssignment, ...]) -> float:
    """Total cost of a plan (completion-week costs plus paid firm hours)."""
    firms = {f.id: f for f in inst.firms}
    total = 0.0
    for case, a in zip(inst.cases, assignments, strict=True):
        if a.week is None or a.mode is None:
            total += case.cost_beyond
            continue
        total += case.cost_by_week[a.week]
        e = case.effort[a.mode]
        if a.prepare_by is not None:
            total += e.prepare * firms[a.prepare_by].cost_per_hour
        if a.draft_by is not None:
            total += e.draft * firms[a.draft_by].cost_per_hour
    return total
