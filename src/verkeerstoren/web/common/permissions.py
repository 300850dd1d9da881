"""Who may see what, beyond cases.roles.Visibility, for the web pages."""

from __future__ import annotations

from typing import Any

from verkeerstoren.cases.roles import Role

# The person pseudonym links a case to the person's other cases; only IND, which decides on all
# of them, needs that link (DOMAIN.md §4). Chain partners see cases, not persons.
IND_ROLES = frozenset({Role.IND_PLANNER.value, Role.IND_TEAM_LEAD.value, Role.IND_MANAGEMENT.value})


def may_see_person(user: Any) -> bool:
    """True for superusers and members of an IND role."""
    if getattr(user, "is_superuser", False):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.groups.filter(name__in=IND_ROLES).exists())
