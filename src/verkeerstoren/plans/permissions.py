"""Who may use planning: IND only (plans name cases and officers; chain partners get their own
views of planned dates elsewhere). Planners and team leads act; management reads."""

from __future__ import annotations

from typing import Any

from verkeerstoren.cases.roles import Role

VIEW_ROLES = frozenset(
    {Role.IND_PLANNER.value, Role.IND_TEAM_LEAD.value, Role.IND_MANAGEMENT.value}
)
# Starting runs, pinning and publishing change what teams will work on: planners and team leads.
EDIT_ROLES = frozenset({Role.IND_PLANNER.value, Role.IND_TEAM_LEAD.value})


def _in(user: Any, roles: frozenset[str]) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return bool(user.groups.filter(name__in=roles).exists())


def may_view_planning(user: Any) -> bool:
    """True for superusers and the IND roles."""
    return _in(user, VIEW_ROLES)


def may_edit_planning(user: Any) -> bool:
    """True for superusers, IND planners and team leads."""
    return _in(user, EDIT_ROLES)
