"""Plan and result types shared by the planning solver, the baselines and the checker."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    """Outcome of :func:`verkeerstoren.planning.assign.solve_plan`."""

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
