"""Who may use forecasts: the IND roles, and COA (reception occupancy is their figure)."""

from __future__ import annotations

from typing import Any

from verkeerstoren.cases.roles import Role

# Forecasts hold aggregates only, but they are planning figures of IND and COA: DT&V, police,
# legal aid and auditors have no task that needs them (DOMAIN.md §4).
FORECAST_ROLES = frozenset(
    {
        Role.IND_PLANNER.value,
        Role.IND_TEAM_LEAD.value,
        Role.IND_MANAGEMENT.value,
        Role.COA_PLANNER.value,
    }
)


def may_forecast(user: Any) -> bool:
    """True for superusers and members of a forecast role."""
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return bool(user.groups.filter(name__in=FORECAST_ROLES).exists())
