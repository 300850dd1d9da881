# SPDX-License-Identifier: EUPL-1.2
"""Roles of DOMAIN.md §4 as Django groups.

What each role may see and do is decided in ``verkeerstoren.access``.
"""

from __future__ import annotations

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


def ensure_roles() -> None:
    """Create one Django group per role (idempotent)."""
    from django.contrib.auth.models import Group

    for role in Role:
        Group.objects.get_or_create(name=role.value)
