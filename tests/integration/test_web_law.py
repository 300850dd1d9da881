# SPDX-License-Identifier: EUPL-1.2
"""The law engine's figures in the web UI: case page, case list and home page (both databases).

Every expected date and amount below is computed by hand in a comment from the statute's rules
(DOMAIN.md §3), not read back from the engine, so that a wrong engine or a wrong wiring fails.
Dates: the register's as-of date is Monday 2020-04-06, before the temporary law (2020-07-10), so
the general Awb regime applies. Tariff for notices received in 2020: EUR 23 (days 1-14),
35 (15-28), 45 (29-42).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

import factories as f
from verkeerstoren.cases import queries
from verkeerstoren.cases.importing import import_path
from verkeerstoren.cases.law_figures import refresh_law_figures
from verkeerstoren.cases.models import AccessLog, Case, LawFigures, LegalEvent
from verkeerstoren.cases.roles import Role

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).parent / "data" / "small"
AS_OF = dt.date(2020, 4, 6)


@pytest.fixture(autouse=True)
def register_date(settings: Any) -> Iterator[None]:
    # The default PBKDF2 hasher costs ~0.5 s per user; these tests are not about hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(REGISTER_AS_OF=AS_OF.isoformat()):
        yield


def login(client: Client, *roles: Role, username: str = "u") -> Client:
    client.force_login(f.user(username, *roles))
    return client


@pytest.fixture
def planner(client: Client) -> Client:
    return login(client, Role.IND_PLANNER, username="planner")


@pytest.fixture
def coa(client: Client) -> Client:
    return login(client, Role.COA_PLANNER, username="coa")


def refs(response: Any) -> list[str]:
    return [c.reference for c in response.context["page"].object_list]


def text(response: Any) -> str:
    """The page's text with tags removed and whitespace collapsed, for phrase checks."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def event(case: Case, kind: str, day: dt.date, **values: Any) -> None:
    LegalEvent.objects.create(case=case, kind=kind, date=day, **values)


@pytest.fixture
def penalty_cases() -> dict[str, Case]:
    """Hand-made cases around the as-of date 2020-04-06, with their figures refreshed.

    No extensions, and none received in a group-extension period: deadline = received + 6 months,
    moved to the next working day. First penalty day = max(deadline, notice received) + 14 days.
    """
    d = dt.date
    cases = {
        # A: 2019-08-01 + 6 months = Sat 2020-02-01 -> Mon 2020-02-03; overdue 29 + 34 = 63 days.
        # Notice 02-10 -> first day 02-24; by 04-06 that is 43 days, capped at 42 (ended 04-05):
        # owed 14*23 + 14*35 + 14*45 = 1,442, nothing added on 04-06.
        "A": f.case(reference="P-A", received=d(2019, 8, 1)),
        # B: deadline Mon 2020-03-02, overdue 35. Notice 03-05 -> first day 03-19; 04-06 is
        # penalty day 19: owed 14*23 + 5*35 = 497, today adds 35.
        "B": f.case(reference="P-B", received=d(2019, 9, 2)),
        # C: deadline Fri 2020-03-20, overdue 17, no notice: nothing owed.
        "C": f.case(reference="P-C", received=d(2019, 9, 20)),
        # D: deadline Wed 2020-07-15: not overdue.
        "D": f.case(reference="P-D", received=d(2020, 1, 15)),
        # E: deadline Tue 2019-12-03, overdue 28+31+31+29+6 = 125. Court: decide within 56 days of
        # 2020-02-01, i.e. by 03-28; EUR 100 a day from 03-29 to 04-06 = 9 days = 900, +100 today.
        "E": f.case(reference="P-E", received=d(2019, 6, 3)),
        # F: deadline Mon 2020-03-16 (overdue 21); notice 03-30 -> first day 04-13: upcoming.
        "F": f.case(reference="P-F", received=d(2019, 9, 16)),
        # G: deadline Mon 2020-05-04 (not overdue); notice 05-06 -> first day 05-20: beyond the
        # four weeks (04-07 .. 05-04).
        "G": f.case(reference="P-G", received=d(2019, 11, 4)),
        # H: deadline Wed 2020-04-01 (overdue 5); notice 04-20 -> first day 05-04: the window's
        # last day, so upcoming.
        "H": f.case(reference="P-H", received=d(2019, 10, 1)),
        # I: deadline Mon 2020-03-09 (overdue 28); notice 03-23 -> first day 04-06 = the as-of
        # day itself: penalty day 1, owed 23, today adds 23. Running, so not "upcoming".
        "I": f.case(reference="P-I", received=d(2019, 9, 9)),
        # J: as F but notice 03-31 -> first day 04-14, and manifestly unfounded: no penalty is
        # owed (Awb 4:17 lid 3), so it is not an upcoming penalty. Overdue 21.
        "J": f.case(reference="P-J", received=d(2019, 9, 16), manifestly_unfounded=True),
        # K: as F (first day 04-13) but decided 2020-04-03: the penalty never starts. Overdue 21
        # (the engine counts days past the deadline also for decided cases).
        "K": f.case(reference="P-K", received=d(2019, 9, 16), status="decided"),
    }
    notices = {"A": (2, 10), "B": (3, 5), "F": (3, 30), "G": (5, 6), "H": (4, 20)}
    notices |= {"I": (3, 23), "J": (3, 31), "K": (3, 30)}
    for name, (month, day) in notices.items():
        event(cases[name], "notice_of_default", d(2020, month, day))
    event(
        cases["E"],
        "court_ruling",
        d(2020, 2, 1),
        decision_term_days=56,
        daily_eur=100,
        cap_eur=7500,
    )
    event(cases["K"], "decision_sent", d(2020, 4, 3))
    assert refresh_law_figures(AS_OF) == len(cases)
    return cases


# --- case page ---------------------------------------------------------------------------------


def test_case_page_shows_the_deadline_computed_by_hand(planner: Client) -> None:
    import_path(SMALL)
    refresh_law_figures(AS_OF)
    response = planner.get("/cases/TF-0000002/")
    assert response.status_code == 200
    law = response.context["case_law"]
    # TF-0000002: 2019-11-20 + 6 months = 2020-05-20; the suspension 2020-03-16..05-31 starts
    # before it and lasts 16 + 30 + 31 = 77 days -> 2020-08-05, a Wednesday.
    assert law.assessment.deadline == dt.date(2020, 8, 5)
    page = text(response)
    assert "Termijn en dwangsom" in page
    assert "Uiterste beslisdatum 5 augustus 2020" in page
    assert "Berekend per 6 april 2020" in page
    assert "77 dagen" in page  # the timeline explains the suspension's effect
    # The timeline runs in date order: received, suspension, as-of date, deadline.
    kinds = [entry.kind for entry in law.timeline]
    assert kinds == ["received", "suspension", "as_of", "deadline"]
    days = [entry.day for entry in law.timeline]
    assert days == sorted(days)
    assert days[0] == dt.date(2019, 11, 20) and days[-1] == dt.date(2020, 8, 5)


def test_case_page_shows_penalties_and_the_fixing_task(
    planner: Client, penalty_cases: dict[str, Case]
) -> None:
    response = planner.get("/cases/P-B/")
    page = text(response)
    # B: first day 2020-03-19; the 42nd day is 03-19 + 41 = 04-29; the penalty must be fixed
    # two weeks later, by 2020-05-13 (Awb 4:18). As of 04-06: 497 owed, 35 a day.
    assert "Eerste dwangsomdag 19 maart 2020" in page
    assert "€ 497,00" in page
    assert "Dwangsom per dag nu € 35,00" in page
    assert "13 mei 2020" in page
    assert "Dagen over de termijn 35" in page
    kinds = [e.kind for e in response.context["case_law"].timeline]
    assert kinds == [
        "received",
        "deadline",
        "notice_of_default",
        "first_penalty_day",
        "as_of",
        "fixing_decision_due",
    ]


def test_case_page_shows_the_court_penalty(planner: Client, penalty_cases: dict[str, Case]) -> None:
    response = planner.get("/cases/P-E/")
    page = text(response)
    assert "Rechterlijke dwangsom € 900,00" in page
    assert "Bestuurlijke dwangsom € 0,00" in page
    timeline = {e.kind: e.day for e in response.context["case_law"].timeline}
    assert timeline["court_penalty_start"] == dt.date(2020, 3, 29)
    assert timeline["court_ruling"] == dt.date(2020, 2, 1)


def test_case_page_shows_why_no_penalty_is_owed(
    planner: Client, penalty_cases: dict[str, Case]
) -> None:
    page = text(planner.get("/cases/P-J/"))
    assert "14 april 2020" in page
    assert "kennelijk ongegrond" in page


def test_a_suspension_without_end_date_is_refused(planner: Client) -> None:
    # The engine cannot derive a deadline from an open period; the database refuses it.
    from django.db import IntegrityError, transaction

    c = f.case(reference="S-1", received=dt.date(2020, 1, 6))
    with pytest.raises(IntegrityError), transaction.atomic():
        event(c, "suspension", dt.date(2020, 3, 16))
    assert planner.get("/cases/S-1/").status_code == 200


def test_case_page_in_english(planner: Client, penalty_cases: dict[str, Case]) -> None:
    planner.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = text(planner.get("/cases/P-B/"))
    assert "Decision term and penalty payments" in page and "Legal timeline" in page
    assert "First penalty day March 19, 2020" in page
    assert "€ 497.00" in page


# --- case list ----------------------------------------------------------------------------------


def test_sorting_by_deadline_orders_the_rows(
    planner: Client, penalty_cases: dict[str, Case]
) -> None:
    f.case(reference="P-Z")  # added after the refresh: no figures yet, so it sorts last
    # Deadlines (see the fixture): E 2019-12-03, A 02-03, B 03-02, I 03-09, F = J = K 03-16
    # (ties by reference), C 03-20, H 04-01, G 05-04, D 07-15.
    ascending = ["P-E", "P-A", "P-B", "P-I", "P-F", "P-J", "P-K", "P-C", "P-H", "P-G", "P-D"]
    assert refs(planner.get("/cases/?sort=deadline")) == [*ascending, "P-Z"]
    assert refs(planner.get("/cases/?sort=-deadline")) == [*reversed(ascending), "P-Z"]
    body = planner.get("/cases/?sort=deadline").content.decode()
    assert 'aria-sort="ascending"' in body
    assert "Uiterste beslisdatum" in body and "Verwacht dwangsomrisico" in body


def test_list_rows_show_the_figures_and_a_dash_without_them(
    planner: Client, penalty_cases: dict[str, Case]
) -> None:
    f.case(reference="P-Z")  # added after the refresh: no figures yet
    body = planner.get("/cases/?sort=deadline").content.decode()
    row = re.compile(
        r'<tr class="utrecht-table__row">\s*<th scope="row".*?>([\w-]+)</a>.*?</tr>', re.S
    )
    cells = {
        m.group(1): re.findall(r"<td[^>]*>(.*?)</td>", m.group(0), re.S) for m in row.finditer(body)
    }
    # P-E (see the fixture): deadline 3 December 2019, 125 days overdue on 6 April 2020.
    assert cells["P-E"][-3:-1] == ["3-12-2019", "125"]
    assert cells["P-E"][-1].startswith("€&nbsp;")
    assert cells["P-Z"][-3:] == ["—", "—", "—"]


@pytest.mark.parametrize("sort", ["deadline", "-deadline", "-overdue_days", "exposure"])
def test_paging_a_law_sort_crosses_to_the_cases_without_figures(
    penalty_cases: dict[str, Case], sort: str
) -> None:
    # Pages of 4 over 11 cases with figures and 3 without: page 3 holds the last 3 with figures
    # and the first without, page 4 only cases without figures (by reference, in the sort's
    # direction). Together they must be the whole list, each case once, in the full order.
    for ref in ("P-X", "P-Y", "P-Z"):
        f.case(reference=ref)
    filters = queries.CaseFilters(sort=sort)
    expected = [c.reference for c in queries.filtered_cases(filters, law=True)]
    assert expected[-3:] == (
        ["P-Z", "P-Y", "P-X"] if sort.startswith("-") else ["P-X", "P-Y", "P-Z"]
    )
    pages = [queries.case_page(filters, n, per_page=4, law=True) for n in (1, 2, 3, 4)]
    assert pages[0].paginator.count == 14 and pages[0].paginator.num_pages == 4
    assert [c.reference for p in pages for c in p.object_list] == expected
    assert pages[3].object_list[0].law_deadline is None


def test_sorting_by_overdue_days_and_exposure(
    planner: Client, penalty_cases: dict[str, Case]
) -> None:
    # Overdue: E 125, A 63, B 35, I 28, F = J = K 21, C 17, H 5, D = G 0.
    assert refs(planner.get("/cases/?sort=-overdue_days")) == [
        "P-E", "P-A", "P-B", "P-I", "P-K", "P-J", "P-F", "P-C", "P-H", "P-G", "P-D",
    ]  # fmt: skip
    exposure = dict(LawFigures.objects.values_list("case__reference", "exposure_eur"))
    by_exposure = refs(planner.get("/cases/?sort=exposure"))
    assert [exposure[r] for r in by_exposure] == sorted(exposure.values())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("overdue=yes", "ABCEFHIJK"),
        ("overdue=no", "DG"),
        ("min_overdue_days=30", "ABE"),
        ("min_overdue_days=21&overdue=yes", "ABEFIJK"),
        ("penalty_running=yes", "BEI"),
        ("penalty_running=no", "ACDFGHJK"),
        ("deadline_from=2020-03-09&deadline_to=2020-03-16", "FIJK"),
        ("deadline_from=2020-04-01", "DGH"),
    ],
)
def test_law_filters_filter(
    planner: Client, penalty_cases: dict[str, Case], query: str, expected: str
) -> None:
    f.case(reference="P-Z")  # no figures: unknown, so it matches no law filter
    response = planner.get(f"/cases/?{query}")
    assert sorted(refs(response)) == [f"P-{x}" for x in expected]


def test_list_columns_show_the_figures(planner: Client, penalty_cases: dict[str, Case]) -> None:
    response = planner.get("/cases/?reference=P-E")
    page = text(response)
    assert "Dagen over de termijn" in page
    assert re.search(r"3-12-2019 125 € [\d.]+,\d\d", page)
    assert "Termijnen en dwangsommen per 6 april 2020" in page


def test_list_query_count_does_not_grow_with_law_rows(planner: Client) -> None:
    for i in range(3):
        f.case(reference=f"N-{i}")
    refresh_law_figures(AS_OF)
    planner.get("/")  # the session's first request renews it: not part of the count
    with CaptureQueriesContext(connection) as few:
        planner.get("/cases/?sort=exposure&overdue=no")
    for i in range(3, 40):
        f.case(reference=f"N-{i}")
    refresh_law_figures(AS_OF)
    with CaptureQueriesContext(connection) as many:
        planner.get("/cases/?sort=exposure&overdue=no")
    assert len(many) == len(few)


# --- home page ------------------------------------------------------------------------------------


def test_home_burn_rate_is_seven_times_the_daily_rate(
    planner: Client, penalty_cases: dict[str, Case]
) -> None:
    response = planner.get("/")
    penalties = response.context["penalties"]
    # What 2020-04-06 adds (see the fixture): B 35 (day 19) + E 100 (court) + I 23 (day 1).
    per_day = 35 + 100 + 23
    assert penalties.per_week_eur == pytest.approx(7 * per_day)  # 1,106
    # Owed: admin A 1,442 + B 497 + I 23 = 1,962; court E 900.
    assert penalties.owed_admin_eur == pytest.approx(1962)
    assert penalties.owed_court_eur == pytest.approx(900)
    page = text(response)
    assert "Dwangsommen per week in het huidige tempo € 1.106" in page
    assert "Tot nu toe verschuldigd € 2.862" in page
    assert "Termijnen en dwangsommen per 6 april 2020" in page
    assert "verkeerstoren law refresh" not in page  # the figures are current


def test_home_lists_exactly_the_penalties_starting_in_four_weeks(
    planner: Client, penalty_cases: dict[str, Case]
) -> None:
    response = planner.get("/")
    upcoming = response.context["penalties"].upcoming
    # Window 2020-04-07 .. 05-04: F (04-13) and H (05-04). Not I (starts today), G (05-20),
    # J (no penalty owed), K (decided first), A/B (already started).
    assert [(u.reference, u.first_penalty_day) for u in upcoming] == [
        ("P-F", dt.date(2020, 4, 13)),
        ("P-H", dt.date(2020, 5, 4)),
    ]
    body = response.content.decode()
    assert 'href="/cases/P-F/"' in body and 'href="/cases/P-H/"' in body
    assert "P-I" not in body and "P-J" not in body
    # The table names cases, so the view is logged like a list page.
    logs = list(AccessLog.objects.order_by("object_ref"))  # one row per case in the table
    assert [(log.action, log.object_ref) for log in logs] == [("list", "P-F"), ("list", "P-H")]
    assert all("rows=2" in log.detail for log in logs)


def test_home_says_when_the_figures_need_a_refresh(planner: Client) -> None:
    f.case(reference="R-1")
    page = text(planner.get("/"))
    assert "nog niet berekend" in page and "verkeerstoren law refresh" in page
    refresh_law_figures(dt.date(2020, 3, 1))  # another date than the register's as-of date
    page = text(planner.get("/"))
    assert "per 1 maart 2020" in page and "verkeerstoren law refresh" in page
    refresh_law_figures(AS_OF)
    f.case(reference="R-2")  # a case added after the refresh
    page = text(planner.get("/"))
    assert "1 zaak heeft nog geen cijfers" in page and "verkeerstoren law refresh" in page


# --- who sees it --------------------------------------------------------------------------------


def test_the_overview_of_one_role_is_not_shown_to_another(
    planner: Client, penalty_cases: dict[str, Case]
) -> None:
    # The rendered overview is cached per register state and role; each view is still logged.
    for _ in range(2):
        assert "Dwangsommen per week" in text(planner.get("/"))
    assert AccessLog.objects.filter(object_ref="P-F").count() == 2
    coa = login(Client(), Role.COA_PLANNER, username="coa2")
    home = coa.get("/")
    assert "Dwangsommen per week" not in text(home) and "P-F" not in home.content.decode()


def test_coa_sees_no_deadlines_or_penalties(coa: Client, penalty_cases: dict[str, Case]) -> None:
    home = coa.get("/")
    assert "penalties" not in home.context
    assert "Dwangsommen per week" not in text(home) and "P-F" not in home.content.decode()

    # Law filters and sorts are ignored (filtering would reveal them by elimination).
    response = coa.get("/cases/?overdue=no&sort=deadline&penalty_running=yes")
    assert refs(response) == refs(coa.get("/cases/"))
    assert len(refs(response)) == len(penalty_cases)
    page = text(response)
    assert "Dagen over de termijn" not in page and "Dwangsom loopt" not in page
    assert not hasattr(response.context["page"].object_list[0], "law_deadline")

    detail = coa.get("/cases/P-B/")
    assert "case_law" not in detail.context and detail.context["detail"].law_figures is None
    assert "Termijn en dwangsom" not in text(detail) and "497" not in text(detail)
    assert not AccessLog.objects.filter(detail__contains="upcoming").exists()
