# SPDX-License-Identifier: EUPL-1.2
"""Who may see and do what, role by role: the table below is written out from DOMAIN.md §4.

COA and DT&V never see motives (features) or dossier items; police and legal aid have no register
access; the auditor reads the audit trail; the IND roles see the register and the person link;
IND planners and team leads plan and publish, IND management reads plans; the IND roles and COA
forecast. The pages are checked against the same table, so a view that bypasses
``verkeerstoren.access`` shows up here.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

import factories as f
from verkeerstoren import access
from verkeerstoren.cases.roles import Role

pytestmark = pytest.mark.django_db

COLUMNS = (
    "register",
    "features",
    "legal",
    "dossier",
    "history",
    "audit",
    "person",
    "view_planning",
    "edit_planning",
    "forecast",
)
# fmt: off
EXPECTED: dict[str, tuple[int, ...]] = {
    #                  reg feat law dos his aud per pla edi for
    "ind_planner":    (1,  1,   1,  1,  1,  0,  1,  1,  1,  1),
    "ind_team_lead":  (1,  1,   1,  1,  1,  0,  1,  1,  1,  1),
    "ind_management": (1,  0,   1,  0,  1,  0,  1,  1,  0,  1),
    "coa_planner":    (1,  0,   0,  0,  1,  0,  0,  0,  0,  1),
    "dtv_planner":    (1,  0,   1,  0,  1,  0,  0,  0,  0,  0),
    "police":         (0,  0,   0,  0,  0,  0,  0,  0,  0,  0),
    "legal_aid":      (0,  0,   0,  0,  0,  0,  0,  0,  0,  0),
    "auditor":        (1,  0,   0,  0,  0,  1,  0,  0,  0,  0),
    "superuser":      (1,  1,   1,  1,  1,  1,  1,  1,  1,  1),
    "no_role":        (0,  0,   0,  0,  0,  0,  0,  0,  0,  0),
}
# fmt: on


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def user_for(who: str) -> Any:
    if who == "superuser":
        return f.user("root", superuser=True)
    if who == "no_role":
        return f.user("nobody")
    return f.user(who, Role(who))


def actual(user: Any) -> tuple[int, ...]:
    v = access.visibility_for(user)
    return tuple(
        int(x)
        for x in (
            v.register,
            v.features,
            v.legal,
            v.dossier,
            v.history,
            v.audit,
            access.may_see_person(user),
            access.may_view_planning(user),
            access.may_edit_planning(user),
            access.may_forecast(user),
        )
    )


def test_every_role_is_in_the_table() -> None:
    assert set(EXPECTED) == {r.value for r in Role} | {"superuser", "no_role"}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_role_permission_matrix(who: str) -> None:
    user = user_for(who)
    got = actual(user)
    wrong = [c for c, e, g in zip(COLUMNS, EXPECTED[who], got, strict=True) if e != g]
    assert not wrong, f"{who}: {wrong}"
    assert access.may_view_register(user) == bool(EXPECTED[who][0])
    assert access.may_see_audit(user) == bool(EXPECTED[who][5])


def test_anonymous_users_may_nothing() -> None:
    assert actual(AnonymousUser()) == (0,) * len(COLUMNS)
    assert actual(None) == (0,) * len(COLUMNS)


def test_two_roles_get_the_union_of_both() -> None:
    # COA forecasts and DT&V sees legal figures; neither sees motives, so neither does the pair.
    user = f.user("both", Role.COA_PLANNER, Role.DTV_PLANNER)
    got = dict(zip(COLUMNS, actual(user), strict=True))
    assert got["legal"] and got["forecast"] and got["history"]
    assert not got["features"] and not got["dossier"] and not got["person"]
    assert not got["view_planning"]


@pytest.mark.parametrize("who", list(EXPECTED))
def test_the_pages_follow_the_table(client: Client, who: str) -> None:
    client.force_login(user_for(who))
    register, planning, forecast = EXPECTED[who][0], EXPECTED[who][7], EXPECTED[who][9]
    assert client.get("/cases/").status_code == (200 if register else 403)
    assert client.get("/planning/").status_code == (200 if planning else 403)
    assert client.get("/forecasts/").status_code == (200 if forecast else 403)
    assert client.get("/audit/").status_code == (200 if EXPECTED[who][5] else 403)
    home = client.get("/").content.decode()
    # The menu offers only what the role may open.
    assert ('href="/planning/"' in home) == bool(planning)
    assert ('href="/forecasts/"' in home) == bool(forecast)
    assert ('href="/audit/"' in home) == bool(EXPECTED[who][5])


@pytest.mark.parametrize("who", [w for w, row in EXPECTED.items() if row[0]])
def test_features_and_the_person_link_on_the_case_page(client: Client, who: str) -> None:
    case = f.case(reference="M-1", features=["lgbti"], person="ab" * 32)
    client.force_login(user_for(who))
    page = client.get(f"/cases/{case.reference}/").content.decode()
    assert ("ab" * 32 in page) == bool(EXPECTED[who][6])
    assert ('id="features-heading"' in page) == bool(EXPECTED[who][1])


# The chain dashboards: COA's for COA planners, DT&V's for DT&V planners, the control tower for
# IND management and team leads (each partner sees only its own page, DOMAIN.md §4).
DASHBOARDS = ("/dashboards/coa/", "/dashboards/dtv/", "/dashboards/management/")
# fmt: off
DASHBOARD_ACCESS: dict[str, tuple[int, int, int]] = {
    #                  coa dtv man
    "ind_planner":    (0,  0,  0),
    "ind_team_lead":  (0,  0,  1),
    "ind_management": (0,  0,  1),
    "coa_planner":    (1,  0,  0),
    "dtv_planner":    (0,  1,  0),
    "police":         (0,  0,  0),
    "legal_aid":      (0,  0,  0),
    "auditor":        (0,  0,  0),
    "superuser":      (1,  1,  1),
    "no_role":        (0,  0,  0),
}
# fmt: on


@pytest.mark.parametrize("who", list(DASHBOARD_ACCESS))
def test_dashboard_rules_and_pages_follow_the_table(client: Client, who: str) -> None:
    assert set(DASHBOARD_ACCESS) == set(EXPECTED)
    user = user_for(who)
    rules = (
        access.may_view_coa_dashboard,
        access.may_view_dtv_dashboard,
        access.may_view_management_dashboard,
    )
    assert tuple(int(rule(user)) for rule in rules) == DASHBOARD_ACCESS[who]
    client.force_login(user)
    home = client.get("/").content.decode()
    for url, allowed in zip(DASHBOARDS, DASHBOARD_ACCESS[who], strict=True):
        assert client.get(url).status_code == (200 if allowed else 403), url
        assert (f'href="{url}"' in home) == bool(allowed), url


HEARING_PAGES = ("/hearings/", "/hearings/weeks/2020-04-06/", "/hearings/transport/")
# fmt: off
HEARING_ACCESS: dict[str, tuple[int, int, int, int]] = {
    #                  schedule view own transport
    "ind_planner":    (1, 1, 0, 0),
    "ind_team_lead":  (1, 1, 0, 0),
    "ind_management": (0, 1, 0, 0),
    "coa_planner":    (0, 0, 0, 1),
    "dtv_planner":    (0, 0, 0, 0),
    "police":         (0, 0, 0, 0),
    "legal_aid":      (0, 0, 1, 0),
    "auditor":        (0, 0, 0, 0),
    "superuser":      (1, 1, 1, 1),
    "no_role":        (0, 0, 0, 0),
}
# fmt: on


@pytest.mark.parametrize("who", list(HEARING_ACCESS))
def test_hearing_rules_and_pages_follow_the_table(client: Client, who: str) -> None:
    assert set(HEARING_ACCESS) == set(EXPECTED)
    user = user_for(who)
    rules = (
        access.may_schedule_hearings,
        access.may_view_hearings,
        access.may_view_own_hearings,
        access.may_view_transport_list,
    )
    expected = HEARING_ACCESS[who]
    assert tuple(int(rule(user)) for rule in rules) == expected
    client.force_login(user)
    view, transport = expected[1], expected[1] or expected[3]
    for url, allowed in zip(HEARING_PAGES, (view, view, transport), strict=True):
        assert client.get(url).status_code == (200 if allowed else 403), url
    planning_list = client.get("/hearings/planning-list/").status_code
    assert planning_list == (200 if view or expected[2] else 403)
