# SPDX-License-Identifier: EUPL-1.2
"""Pages viewed as of another day (``?asOf=``): home, case list and case page (both databases).

The register's day is Monday 2020-04-06. Case N-1 was received Mon 2019-09-02, so its deadline
is Mon 2020-03-02 (6 months, DOMAIN.md §3.1); its notice of default was received Thu 2020-03-05,
so its first penalty day is 03-05 + 14 days = 2020-03-19 (§3.2). As of 03-04 the notice is not
known yet: no first penalty day. As of 03-20: penalty days 03-19 and 03-20, 2 x EUR 23 = 46.
As of the register's day: 14 x 23 + 5 x 35 = 497.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any

import planning_setup
import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

import factories as f
from verkeerstoren.cases.facts import change_status
from verkeerstoren.cases.law_figures import refresh_law_figures
from verkeerstoren.cases.models import AccessLog, Case, LegalEvent
from verkeerstoren.cases.roles import Role

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2020, 4, 6)
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
SESSIONS = '"django_session"'
BANNER = "Cijfers naar de stand van {} (het recht van die dag)"


@pytest.fixture(autouse=True)
def register_date(settings: Any) -> Iterator[None]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(REGISTER_AS_OF=AS_OF.isoformat()):
        yield


@pytest.fixture
def planner(client: Client) -> Client:
    client.force_login(f.user("planner", Role.IND_PLANNER))
    return client


@pytest.fixture
def n() -> Case:
    case = f.case(reference="N-1", received=dt.date(2019, 9, 2), stream="taskforce")
    LegalEvent.objects.create(case=case, kind="notice_of_default", date=dt.date(2020, 3, 5))
    # Received after 03-04: not in the register on that day.
    f.case(reference="L-1", received=dt.date(2020, 3, 10), stream="taskforce")
    refresh_law_figures(AS_OF)
    return case


def text(response: Any) -> str:
    """The page's text with tags removed and whitespace collapsed, for phrase checks."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def writes(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(WRITES) and SESSIONS not in q["sql"]
    ]


# --- case page ---------------------------------------------------------------------------------


def test_case_page_before_the_notice_shows_no_first_penalty_day(planner: Client, n: Case) -> None:
    response = planner.get("/cases/N-1/?asOf=2020-03-04")
    assert response.status_code == 200
    page = text(response)
    assert BANNER.format("4-3-2020") in page
    assert "Berekend per 4 maart 2020" in page
    assert "Eerste dwangsomdag —" in page
    assert "Dagen over de termijn 2 " in page  # 03-03 and 03-04
    assert response.context["law"].first_penalty_day is None
    # The timeline is that day's: no notice in it yet.
    kinds = [e.kind for e in response.context["case_law"].timeline]
    assert "notice_of_default" not in kinds


def test_case_page_after_the_notice_shows_the_first_penalty_day(planner: Client, n: Case) -> None:
    response = planner.get("/cases/N-1/?asOf=2020-03-20")
    page = text(response)
    assert BANNER.format("20-3-2020") in page
    assert "Eerste dwangsomdag 19 maart 2020" in page
    assert "Nu verschuldigd in totaal € 46,00" in page
    assert "Dwangsom per dag nu € 23,00" in page
    assert response.context["law"].penalty_eur == 46
    # The expected exposure is that day's too (computed now, never saved).
    assert response.context["case_law"].figures.as_of == dt.date(2020, 3, 20)
    assert LegalEvent.objects.count() == 1


def test_case_page_of_a_case_not_yet_received(planner: Client, n: Case) -> None:
    page = text(planner.get("/cases/L-1/?asOf=2020-03-04"))
    assert "stond toen nog niet in het register" in page


def test_the_register_day_has_no_banner(planner: Client, n: Case) -> None:
    for url in ("/cases/N-1/", "/cases/N-1/?asOf=2020-04-06"):
        response = planner.get(url)
        assert "as-of-banner" not in response.content.decode()
        assert response.context["law"].penalty_eur == 497


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2020-02-30", "Vul een bestaande datum in als jjjj-mm-dd."),
        ("morgen", "Vul een bestaande datum in als jjjj-mm-dd."),
        ("1999-12-31", "Kies een dag op of na 1-1-2000."),
        ("2025-04-07", "uiterlijk vijf jaar na de dag van het register (tot en met 6-4-2025)"),
    ],
)
def test_a_bad_date_is_a_message_at_the_field(
    planner: Client, n: Case, value: str, message: str
) -> None:
    for url in (f"/cases/N-1/?asOf={value}", f"/?asOf={value}", f"/cases/?asOf={value}"):
        response = planner.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert message in html.unescape(body), url
        assert 'id="id_asOf_error"' in body, url  # at the field
        assert "as-of-banner" not in body, url
    # The case page shows the register's day's figures.
    response = planner.get(f"/cases/N-1/?asOf={value}")
    assert response.context["law"].penalty_eur == 497


def test_the_last_accepted_day_is_five_years_on(planner: Client, n: Case) -> None:
    response = planner.get("/cases/N-1/?asOf=2025-04-06")
    assert BANNER.format("6-4-2025") in text(response)


# --- home page ---------------------------------------------------------------------------------


def test_home_as_of_a_day(planner: Client, n: Case) -> None:
    before = planner.get("/?asOf=2020-03-04")
    page = text(before)
    assert BANNER.format("4-3-2020") in page
    # One case in the register on 03-04 (L-1 came on 03-10); no penalty starts 03-05 .. 04-01.
    counts, penalties = before.context["counts"], before.context["penalties"]
    assert (counts.total, counts.open, counts.taskforce_stock) == (1, 1, 1)
    assert penalties.upcoming == [] and penalties.owed_eur == 0
    after = planner.get("/?asOf=2020-03-05")
    penalties = after.context["penalties"]
    assert [(u.reference, u.first_penalty_day) for u in penalties.upcoming] == [
        ("N-1", dt.date(2020, 3, 19))
    ]
    assert "19-3-2020" in text(after)  # the upcoming table's date
    # The register's day: both cases, N-1's penalty running (497 owed).
    today = planner.get("/")
    assert today.context["counts"].total == 2
    assert today.context["penalties"].owed_eur == 497
    assert "as-of-banner" not in today.content.decode()


def test_home_as_of_logs_the_upcoming_penalties_it_names(planner: Client, n: Case) -> None:
    planner.get("/?asOf=2020-03-05")
    rows = AccessLog.objects.filter(activity="register.penalties")
    assert [r.object_ref for r in rows] == ["N-1"]


# --- case list ---------------------------------------------------------------------------------


def test_case_list_shows_the_page_as_of_a_day(planner: Client, n: Case) -> None:
    response = planner.get("/cases/?asOf=2020-03-04&reference=N-")
    page = text(response)
    assert BANNER.format("4-3-2020") in page
    assert "filteren en sorteren gebruiken de cijfers van de dag van het register (6-4-2020)" in (
        page
    )
    (row,) = response.context["page"].object_list
    # As of 03-04: 2 days overdue; on the register's day 35 (the cache the filters use).
    assert row.law_overdue_days == 2
    assert row.law_deadline == dt.date(2020, 3, 2)
    assert n.law.overdue_days == 35
    # The filter form carries the day along; the switch carries the filters along.
    body = response.content.decode()
    assert '<input type="hidden" name="asOf" value="2020-03-04">' in body
    assert '<input type="hidden" name="reference" value="N-">' in body


def test_case_list_shows_a_dash_for_a_case_not_yet_received(planner: Client, n: Case) -> None:
    response = planner.get("/cases/?asOf=2020-03-04&reference=L-")
    (row,) = response.context["page"].object_list
    assert row.law_deadline is None and row.law_overdue_days is None


def test_case_list_as_of_logs_each_case_read(planner: Client, n: Case) -> None:
    planner.get("/cases/?asOf=2020-03-04")
    rows = AccessLog.objects.filter(activity="register.case.list")
    assert sorted(r.object_ref for r in rows) == ["L-1", "N-1"]
    assert all("asOf=2020-03-04" in r.detail for r in rows)


# --- no writes on GET --------------------------------------------------------------------------


def test_as_of_pages_write_nothing_but_their_access_log(planner: Client, n: Case) -> None:
    # The home page names no case as of 03-04 and the case page logs its one read.
    assert writes(planner, "/?asOf=2020-03-04") == []
    sql = writes(planner, "/cases/N-1/?asOf=2020-03-20")
    assert len(sql) == 1 and AccessLog._meta.db_table in sql[0]
    sql = writes(planner, "/cases/?asOf=2020-03-04")
    assert len(sql) == 1 and AccessLog._meta.db_table in sql[0]  # one bulk insert
    assert AccessLog.objects.filter(action="read", object_ref="N-1").exists()


# --- planning: team targets --------------------------------------------------------------------

register = planning_setup.register  # the small register of the planning tests


def test_team_targets_as_of_a_day(register: None, client: Client, settings: Any) -> None:
    user = f.user("lead", Role.IND_TEAM_LEAD)
    version = planning_setup.start_and_run(user).version
    # The plan starts Mon 2020-04-06; RG-0000005 (team KDT-DBS) is decided Wed 04-08, in week 0,
    # which ends Sun 04-12. The register's day is 04-20: weeks 0 and 1 are over.
    settings.REGISTER_AS_OF = "2020-04-20"
    change_status(
        Case.objects.get(reference="RG-0000005"), "decided", dt.date(2020, 4, 8), outcome="grant"
    )
    client.force_login(user)
    url = f"/planning/versions/{version.pk}/"
    today = client.get(url).context["targets"]
    assert today.weeks_over == 2
    as_of = client.get(url, {"asOf": "2020-04-13"})
    assert BANNER.format("13-4-2020") in text(as_of)
    targets = as_of.context["targets"]
    kdt = next(r for r in targets.rows if r.code == "KDT-DBS")
    assert targets.weeks_over == 1 and kdt.actual[:2] == (1, None)
    # As of 04-07 no week is over and the decision of 04-08 is not known yet.
    early = client.get(url, {"asOf": "2020-04-07"}).context["targets"]
    assert early.weeks_over == 0


def test_home_as_of_shows_no_penalties_to_a_role_without_legal_visibility(
    client: Client, n: Case
) -> None:
    client.force_login(f.user("coa", Role.COA_PLANNER))
    response = client.get("/?asOf=2020-03-09")
    assert BANNER.format("9-3-2020") in text(response)
    assert "penalties" not in response.context
    assert 'id="penalties-heading"' not in response.content.decode()
    assert response.context["counts"].total == 1  # L-1 came on 03-10
    assert not AccessLog.objects.exists()
