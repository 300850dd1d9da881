# SPDX-License-Identifier: EUPL-1.2
"""Who may see and do what: every access rule of the web pages, the API and the CLI.

Roles are the Django groups of ``cases.roles`` (DOMAIN.md §4); a user has the union of what
their roles allow, superusers may do everything and anonymous users nothing. Field visibility
is decided here, once, so that pages, API and exports apply the same rule: COA and DT&V never
see asylum motives (features, dossier items); police and legal aid have no register access.

This module depends on ``cases.roles`` and Django's auth users only; the pure core never
imports it.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from typing import Any

from django.conf import settings

from verkeerstoren.cases.roles import Role


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
    # The auditor: the audit trail, and the cases it names (no motives, no legal figures).
    Role.AUDITOR: Visibility(True, False, False, False, False, True),
}

NO_ACCESS = Visibility(False, False, False, False, False, False)
FULL_ACCESS = Visibility(True, True, True, True, True, True)

IND_ROLES = frozenset({Role.IND_PLANNER, Role.IND_TEAM_LEAD, Role.IND_MANAGEMENT})
# Starting plan runs, pinning and publishing change what teams will work on: planners and team
# leads. Management reads plans. Chain partners get their own views of planned dates elsewhere:
# plans name cases and officers.
PLAN_EDIT_ROLES = frozenset({Role.IND_PLANNER, Role.IND_TEAM_LEAD})
# Forecasts hold aggregates only, but they are planning figures of IND and COA (reception
# occupancy is COA's figure): DT&V, police, legal aid and auditors have no task that needs them.
FORECAST_ROLES = frozenset({*IND_ROLES, Role.COA_PLANNER})
# Legal events, status changes, dossier items and the hearing mode are IND's facts: the
# planners and team leads who work the cases. Management reads them.
FACT_ROLES = frozenset({Role.IND_PLANNER, Role.IND_TEAM_LEAD})
# The police register applicants at the gate (they take the V-number and the intake data) but
# do not read the register; IND planners and team leads register them too.
APPLICATION_ROLES = frozenset({*FACT_ROLES, Role.POLICE})
# Reports (weekly, quarterly, trends) hold aggregates only, but they are IND's steering figures:
# management, team leads and planners read and make them.
REPORT_ROLES = frozenset({Role.IND_MANAGEMENT, Role.IND_TEAM_LEAD, Role.IND_PLANNER})
# The chain dashboards (DOMAIN.md §4): each partner its own page of aggregates and the cases it
# acts on, never motives. Management's control tower is for IND management and the team leads.
COA_DASHBOARD_ROLES = frozenset({Role.COA_PLANNER})
DTV_DASHBOARD_ROLES = frozenset({Role.DTV_PLANNER})
MANAGEMENT_DASHBOARD_ROLES = frozenset({Role.IND_MANAGEMENT, Role.IND_TEAM_LEAD})
# The intake table (Regietafel): IND planners and team leads chair it and route each applicant;
# COA confirms reception, DT&V follows the departure-relevant cases, the police see the intake
# data they supplied. Each sees its own columns of the table (web/intaketable).
INTAKE_CHAIR_ROLES = frozenset({Role.IND_PLANNER, Role.IND_TEAM_LEAD})
INTAKE_TABLE_ROLES = frozenset(
    {*INTAKE_CHAIR_ROLES, Role.COA_PLANNER, Role.DTV_PLANNER, Role.POLICE}
)


def roles_of(user: Any) -> frozenset[Role]:
    """The roles (groups) of a signed-in user; none for anonymous users."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    # Kept on the user object: a request asks several times (menu, page, visibility), and
    # each request loads its user afresh, so a change of groups counts from the next request.
    cached: frozenset[Role] | None = getattr(user, "_verkeerstoren_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        user._verkeerstoren_roles = cached
    return cached


def _superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) and bool(
        getattr(user, "is_authenticated", False)
    )


def _has_any(user: Any, roles: frozenset[Role]) -> bool:
    return _superuser(user) or bool(roles_of(user) & roles)


def visibility_for(user: Any) -> Visibility:
    """The union of what the user's roles may see; superusers see everything."""
    if _superuser(user):
        return FULL_ACCESS
    result = NO_ACCESS
    for role in roles_of(user):
        v = VISIBILITY[role]
        result = Visibility(*(a or b for a, b in zip(astuple(result), astuple(v), strict=True)))
    return result


def may_view_register(user: Any) -> bool:
    """The case list and case pages."""
    return visibility_for(user).register


def may_see_person(user: Any) -> bool:
    """The person pseudonym, which links a case to the person's other cases: only IND, which
    decides on all of them, needs that link. Chain partners see cases, not persons."""
    return _has_any(user, IND_ROLES)


def may_see_audit(user: Any) -> bool:
    """The audit trail: history of changes and the access log."""
    return visibility_for(user).audit


def may_view_planning(user: Any) -> bool:
    """Plan runs, versions and worklists: the IND roles."""
    return _has_any(user, IND_ROLES)


def may_edit_planning(user: Any) -> bool:
    """Start plan runs, pin, publish and re-plan: IND planners and team leads."""
    return _has_any(user, PLAN_EDIT_ROLES)


def may_forecast(user: Any) -> bool:
    """Start forecasts and comparisons and read their results: the IND roles and COA."""
    return _has_any(user, FORECAST_ROLES)


def may_record_facts(user: Any) -> bool:
    """Record legal events, status changes, dossier items and the hearing mode of a case: IND
    planners and team leads."""
    return _has_any(user, FACT_ROLES)


def may_move_clock(user: Any) -> bool:
    """Move the demo clock: a demo administrator (superuser or staff), and only in the demo."""
    if not getattr(settings, "VERKEERSTOREN_DEMO", False):
        return False
    staff = bool(getattr(user, "is_staff", False)) and bool(
        getattr(user, "is_authenticated", False)
    )
    return _superuser(user) or staff


def may_register_applications(user: Any) -> bool:
    """Register a new application: IND planners, team leads and the police."""
    return _has_any(user, APPLICATION_ROLES)


def may_view_reports(user: Any) -> bool:
    """Read, download and make reports: IND management, team leads and planners."""
    return _has_any(user, REPORT_ROLES)


def may_see_intake_table(user: Any) -> bool:
    """The intake table page (each role its own columns): the chair, COA, DT&V and the police."""
    return _has_any(user, INTAKE_TABLE_ROLES)


def may_chair_intake(user: Any) -> bool:
    """Confirm or override the intake table's proposals: IND planners and team leads."""
    return _has_any(user, INTAKE_CHAIR_ROLES)


def may_confirm_reception(user: Any) -> bool:
    """Confirm an applicant's reception and set the reception places: COA planners."""
    return _has_any(user, frozenset({Role.COA_PLANNER}))


def may_view_departures(user: Any) -> bool:
    """The intake table's departure-relevant cases: DT&V planners."""
    return _has_any(user, frozenset({Role.DTV_PLANNER}))


def may_edit_intake_rules(user: Any) -> bool:
    """Upload a new version of the intake table's rules: an administrator (superuser)."""
    return _superuser(user)


def may_see_intake_decision(user: Any) -> bool:
    """The intake decision on the case page (route, proposal against decision): the IND roles."""
    return _has_any(user, IND_ROLES)


def may_see_reception_decision(user: Any) -> bool:
    """COA's reception decision on the case page: the IND roles and COA."""
    return _has_any(user, frozenset({*IND_ROLES, Role.COA_PLANNER}))


def may_view_coa_dashboard(user: Any) -> bool:
    """The COA dashboard (reception occupancy, expected outflow): COA planners."""
    return _has_any(user, COA_DASHBOARD_ROLES)


def may_view_dtv_dashboard(user: Any) -> bool:
    """The DT&V dashboard (tracks 1 and 2, likely refusals nearing decision): DT&V planners."""
    return _has_any(user, DTV_DASHBOARD_ROLES)


def may_view_management_dashboard(user: Any) -> bool:
    """The management dashboard (the control tower at a glance): IND management and team leads."""
    return _has_any(user, MANAGEMENT_DASHBOARD_ROLES)


# Hearing schedules: planners and team leads make them; the IND roles read every agenda; legal
# aid sees the planning list of its own clients only (which lawyer a person has is personal
# data); COA sees the transport list (who must be where when), never motives.
HEARING_SCHEDULE_ROLES = frozenset({Role.IND_PLANNER, Role.IND_TEAM_LEAD})


def may_schedule_hearings(user: Any) -> bool:
    """Make a week's hearing schedule and record disruptions: IND planners and team leads."""
    return _has_any(user, HEARING_SCHEDULE_ROLES)


def may_view_hearings(user: Any) -> bool:
    """Every hearing schedule, agenda, room board and planning list: the IND roles."""
    return _has_any(user, IND_ROLES)


def may_view_own_hearings(user: Any) -> bool:
    """The planning list of one's own clients' hearings: legal aid (a lawyer's account)."""
    return _has_any(user, frozenset({Role.LEGAL_AID}))


def may_view_transport_list(user: Any) -> bool:
    """COA's transport list (who must be at which location on which day): COA planners."""
    return _has_any(user, frozenset({Role.COA_PLANNER}))
