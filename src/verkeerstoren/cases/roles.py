"""Roles of DOMAIN.md §4 as Django groups, and what each may see.

Field visibility is decided here, once, so that web pages, API and exports apply the same rule:
COA and DT&V never see asylum motives (features, dossier items), lawyers only planning data.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from enum import StrEnum


class Role(StrEnum):
    IND_PLANNER = "ind_planner"
    IND_TEAM_LEAD = "ind_team_lead"
    IND_MANAGEMENT = "ind_management"
    COA_PLANNER = "coa_planner"
    DTV_PLANNER = "dtv_planner"
    POLICE = "police"
    LEGAL_AID = "legal_aid"
    AUDITOR = "auditor"


@dataclass(frozen=True)
class Visibility:
    """What a role may see of a case."""

    register: bool  # may open the case list and case pages at all
    features: bool  # specialisms / features: these reveal asylum motives (LGBTI, conversion, ...)
    legal: bool  # legal events, deadlines, penalties
    dossier: bool  # dossier items
    history: bool  # status history
    audit: bool  # audit and access logs


VISIBILITY: dict[Role, Visibility] = {
    Role.IND_PLANNER: Visibility(True, True, True, True, True, False),
    Role.IND_TEAM_LEAD: Visibility(True, True, True, True, True, False),
    Role.IND_MANAGEMENT: Visibility(True, False, True, False, True, False),
    # COA: who is where and expected outflow; never motives (DOMAIN.md §4).
    Role.COA_PLANNER: Visibility(True, False, False, False, True, False),
    # DT&V: track 1/2 and likely refusals nearing decision; no motives.
    Role.DTV_PLANNER: Visibility(True, False, True, False, True, False),
    Role.POLICE: Visibility(False, False, False, False, False, False),
    Role.LEGAL_AID: Visibility(False, False, False, False, False, False),
    Role.AUDITOR: Visibility(True, False, False, False, False, True),
}

NO_ACCESS = Visibility(False, False, False, False, False, False)
FULL_ACCESS = Visibility(True, True, True, True, True, True)


def visibility_for(user: object) -> Visibility:
    """The union of what the user's roles may see; superusers see everything."""
    if getattr(user, "is_superuser", False):
        return FULL_ACCESS
    groups = getattr(user, "groups", None)
    if groups is None:
        return NO_ACCESS
    names = set(groups.values_list("name", flat=True))
    result = NO_ACCESS
    for role in Role:
        if role.value in names:
            v = VISIBILITY[role]
            result = Visibility(*(a or b for a, b in zip(astuple(result), astuple(v), strict=True)))
    return result


def ensure_roles() -> None:
    """Create one Django group per role (idempotent)."""
    from django.contrib.auth.models import Group

    for role in Role:
        Group.objects.get_or_create(name=role.value)
