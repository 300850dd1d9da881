# SPDX-License-Identifier: EUPL-1.2
"""The chain dashboards (COA, DT&V, management) on a small register (SQLite and PostgreSQL).

The register's day is Monday 2020-04-20. Facts are recorded through the fact services; the plan
is a stored version published through plans.services; the forecast is a real run of the engine.

    case  location  track  type           received    decided (sent)  plan (as of Mon 6-4)
    C1    Ter Apel  4      regular        2020-03-02  2020-04-08      team T1, week 0 (6-4)
    C2    Ter Apel  4      complex        2020-03-03  -               team T1, week 0
    C3    Ter Apel  1      regular        2020-03-16  2020-04-14      team T2, week 1 (13-4)
    C4    Zevenaar  2      regular        2020-03-18  2020-04-15      team T2, week 1
    C5    Zevenaar  4      court re-entry 2020-01-10  2020-04-01      -
    P1    Zevenaar  4      regular        2019-09-02  -               -  (notice received 5-3)
    C6    Ter Apel  2      regular        2020-04-16  -               -

Ter Apel has 10 reception places; Zevenaar none set. The forecast scenario starts Wed
2020-04-01 with 100 regular cases and exactly 10 decisions a week, and grant rates regular 60%,
complex 30%, court re-entry 50%; nobody stays in reception after a decision, so the persons in
reception at the end of week w are the pending cases, 100 - 10 (w + 1).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

import factories as f
from verkeerstoren.cases.facts import record_legal_event
from verkeerstoren.cases.models import AccessLog, Case, DossierItem, Team
from verkeerstoren.cases.roles import Role
from verkeerstoren.forecasts import services as forecasts
from verkeerstoren.forecasts.tasks import execute_run
from verkeerstoren.intaketable.models import ReceptionCapacity
from verkeerstoren.plans import services as plans
from verkeerstoren.plans.models import PlanAssignment, PlanRun, PlanVersion
from verkeerstoren.web.common import labels
from verkeerstoren.web.dashboards.coa import coa_figures
from verkeerstoren.web.dashboards.dtv import dtv_figures
from verkeerstoren.web.dashboards.management import management_figures

pytestmark = pytest.mark.django_db

DAY = dt.date(2020, 4, 20)  # the register's day
PLAN_DAY = dt.date(2020, 4, 6)  # the plan's as-of day (a Monday)
COA, DTV, MANAGEMENT = "/dashboards/coa/", "/dashboards/dtv/", "/dashboards/management/"
BANNER = "Cijfers naar de stand van {} (het recht van die dag)"

SCENARIO: dict[str, Any] = {
    "name": "dash",
    "start_date": "2020-04-01",
    "horizon_weeks": 8,
    "seed": 3,
    "working_stock": 0,
    "case_types": [
        {
            "name": "regular",
            "term_weeks": 26,
            "hours_oral": 20,
            "grant_share": 0.6,
            "initial_stock": [{"age_weeks": [0, 9], "count": 100}],
        },
        {"name": "complex", "term_weeks": 26, "hours_oral": 20, "grant_share": 0.3},
        {"name": "court_reentry", "term_weeks": 26, "hours_oral": 20, "grant_share": 0.5},
    ],
    "inflow": {
        "rate_per_week": [{"from": 0, "value": 0}],
        "type_shares": {"regular": 1, "complex": 0, "court_reentry": 0},
    },
    "capacity": {
        "mode": "decisions",
        "decisions_per_week": [{"from": 0, "value": 10}],
        "distribution": "fixed",
    },
}


@pytest.fixture(autouse=True)
def _settings(settings: Any) -> Iterator[None]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REGISTER_AS_OF = DAY.isoformat()
    with translation.override("nl"):
        yield


def _case(ref: str, location: Any, received: dt.date, **fields: Any) -> Case:
    return f.case(reference=ref, location=location, received=received, **fields)


def _decide(case: Case, on: dt.date, outcome: str, user: Any) -> None:
    case.refresh_from_db()
    record_legal_event(
        case, "decision_sent", on, user=user, expected_version=case.version, outcome=outcome
    )


@pytest.fixture
def register() -> dict[str, Case]:
    ta, zv = f.location("TA", "Ter Apel"), f.location("ZV", "Zevenaar")
    ReceptionCapacity.objects.create(location=ta, places=10)
    clerk = f.user("clerk", Role.IND_PLANNER)
    cases = {
        "C1": _case("C1", ta, dt.date(2020, 3, 2), features=["lgbti"]),
        "C2": _case("C2", ta, dt.date(2020, 3, 3), complexity="complex", features=["conversion"]),
        "C3": _case("C3", ta, dt.date(2020, 3, 16), track="1", features=["medical"]),
        "C4": _case("C4", zv, dt.date(2020, 3, 18), track="2", features=["trafficking"]),
        "C5": _case("C5", zv, dt.date(2020, 1, 10), kind="court_reentry"),
        "P1": _case("P1", zv, dt.date(2019, 9, 2)),
        "C6": _case("C6", ta, dt.date(2020, 4, 16), track="2", features=["amv"]),
    }
    for c in cases.values():
        DossierItem.objects.create(case=c, kind="language_analysis")
    _decide(cases["C1"], dt.date(2020, 4, 8), "grant", clerk)
    _decide(cases["C3"], dt.date(2020, 4, 14), "dublin_transfer", clerk)
    _decide(cases["C4"], dt.date(2020, 4, 15), "refusal", clerk)
    _decide(cases["C5"], dt.date(2020, 4, 1), "refusal", clerk)
    p1 = cases["P1"]
    p1.refresh_from_db()
    record_legal_event(
        p1, "notice_of_default", dt.date(2020, 3, 5), user=clerk, expected_version=p1.version
    )
    return cases


def _publish(cases: dict[str, Case]) -> PlanVersion:
    """A plan as of Mon 6-4 of four weeks: C1, C2 for team T1 in week 0, C3, C4 for T2 in week 1."""
    t1 = Team.objects.create(code="T1", name="Team 1", location=f.location(), stream="taskforce")
    t2 = Team.objects.create(code="T2", name="Team 2", location=f.location(), stream="taskforce")
    run = PlanRun.objects.create(as_of=PLAN_DAY, horizon_weeks=4, stream="all", time_limit=1.0)
    figures: dict[str, Any] = dict.fromkeys(
        ["cost", "lower_bound", "gap_pct", "seconds", "fifo_cost", "edf_cost",
         "expected_penalty_eur", "late_days", "fifo_penalty_eur", "fifo_late_days",
         "edf_penalty_eur", "edf_late_days"],
        0.0,
    )  # fmt: skip
    version = PlanVersion.objects.create(
        run=run, as_of=PLAN_DAY, horizon_weeks=4, stream="all", solver_status="optimal",
        case_count=5, planned_count=4, staff_count=0, **figures,
    )  # fmt: skip
    for ref, team, week in (("C1", t1, 0), ("C2", t1, 0), ("C3", t2, 1), ("C4", t2, 1)):
        PlanAssignment.objects.create(
            version=version, case=cases[ref], team=team, week=week, cost=0.0
        )
    return plans.publish(version, f.user("lead", Role.IND_TEAM_LEAD))


def _forecast() -> Any:
    run = forecasts.start_forecast(SCENARIO, f.user("coa-fc", Role.COA_PLANNER), replications=20)
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == "done", run.error
    return run


@pytest.fixture
def chain(register: dict[str, Case]) -> dict[str, Any]:
    """The register with its published plan and a finished forecast."""
    return {"cases": register, "version": _publish(register), "run": _forecast()}


def login(client: Client, *roles: Role, username: str = "u") -> Client:
    client.force_login(f.user(username, *roles))
    return client


def text(response: Any) -> str:
    """The page's text with tags removed and whitespace collapsed."""
    body = re.sub(r"<script[^>]*>.*?</script>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def row(page: str, first_cell: str) -> str:
    """The text of the table row whose header cell starts with ``first_cell``."""
    found = re.search(
        rf'<tr class="utrecht-table__row">\s*<th scope="row"[^>]*>(?:<a [^>]*>)?'
        rf"{re.escape(first_cell)}.*?</tr>",
        page,
        flags=re.S,
    )
    assert found, first_cell
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", found.group(0)))).strip()


# --- COA ---------------------------------------------------------------------------------------


def test_coa_figures_on_the_plan_day(chain: dict[str, Any]) -> None:
    fig = coa_figures(PLAN_DAY)
    # Open on 6-4: C1, C2, C3 at Ter Apel (C6 not yet received); C4 and P1 at Zevenaar (C5 was
    # decided on 1-4).
    occupancy = {o.code: (o.open_cases, o.places, o.free) for o in fig.occupancy}
    assert occupancy == {"TA": (3, 10, 7), "ZV": (2, None, None)}
    # Week 0: C1 and C2, first applications at 60% grant each; C2 is complex (conversion), but
    # COA is not shown what follows from motives: 2 decisions, 1.2 grants, 0.8 refusals.
    # Week 1: C3 (track 1) and C4 (track 2): no grant, 2 refusals.
    outflow = [
        (w.start, w.decisions, round(w.grants, 6), round(w.refusals, 6)) for w in fig.outflow
    ]
    assert outflow == [(dt.date(2020, 4, 6), 2, 1.2, 0.8), (dt.date(2020, 4, 13), 2, 0.0, 2.0)]
    assert fig.rates.run_pk == chain["run"].pk
    assert fig.rates.rows() == [("regular", 0.6, True), ("complex", 0.3, True),
                                ("court_reentry", 0.5, True)]  # fmt: skip
    # The reception band from the week ending on or after 6-4: week 0 ends Tue 7-4 with
    # 100 - 10 = 90 persons; every replication decides exactly 10, so P5 = P50 = P95.
    first = fig.reception_rows[0]
    assert (first["date"], first["p5"], first["p50"], first["p95"]) == ("2020-04-07", 90, 90, 90)
    assert [r["p50"] for r in fig.reception_rows] == [90, 80, 70, 60, 50, 40, 30, 20]


def test_coa_page_shows_occupancy_outflow_forecast_and_rates(
    client: Client, chain: dict[str, Any]
) -> None:
    response = login(client, Role.COA_PLANNER).get(f"{COA}?asOf=2020-04-06")
    assert response.status_code == 200
    page = response.content.decode()
    assert BANNER.format("6-4-2020") in text(response)
    assert row(page, "Ter Apel") == "Ter Apel 3 10 7 30%"
    assert row(page, "Zevenaar") == "Zevenaar 2 niet ingesteld — —"
    assert row(page, "Alle locaties") == "Alle locaties 5 10"
    assert row(page, "6-4-2020") == "6-4-2020 2 1,2 0,8"
    assert row(page, "13-4-2020") == "13-4-2020 2 0,0 2,0"
    assert row(page, "Alle weken") == "Alle weken 4 1,2 2,8"
    assert row(page, "Gewone zaak") == "Gewone zaak 60%"
    assert row(page, "Complexe zaak") == "Complexe zaak 30%"
    assert row(page, "7-4-2020") == "7-4-2020 90 90 90"
    page_text = text(response)
    assert "Deze prognose is niet naar locatie gesplitst" in page_text
    # Three charts, each drawn from a JSON spec (no inline script), each with a table.
    for slug in ("occupancy", "reception", "outflow"):
        assert f'data-vega-spec="chart-{slug}-spec"' in page
        assert f'<script id="chart-{slug}-spec" type="application/json">' in page
    assert 'id="hearing-transport"' in page


def test_coa_page_on_the_register_day(client: Client, chain: dict[str, Any]) -> None:
    response = login(client, Role.COA_PLANNER).get(COA)
    page = response.content.decode()
    assert "as-of-banner" not in page
    # On 20-4 C1 and C3 are decided and C6 has arrived: 2 open at Ter Apel; P1 at Zevenaar.
    assert row(page, "Ter Apel") == "Ter Apel 2 10 8 20%"
    assert row(page, "Zevenaar") == "Zevenaar 1 niet ingesteld — —"
    # The plan's weeks 0 and 1 are over: nothing planned in the coming eight weeks.
    assert 'id="outflow-empty"' in page and 'id="outflow-table"' not in page


def test_coa_without_plan_or_forecast_says_so(client: Client, register: dict[str, Case]) -> None:
    page = login(client, Role.COA_PLANNER).get(COA).content.decode()
    assert 'id="outflow-no-plan"' in page and 'id="reception-none"' in page
    # The rates fall back to the template of the register forecast (scenarios/tf2020.json).
    assert "tf2020" in text_of(page)
    assert row(page, "Gewone zaak") == "Gewone zaak 55%"


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_a_forecast_that_starts_later_is_not_used_before_its_start(
    client: Client, chain: dict[str, Any]
) -> None:
    page = login(client, Role.COA_PLANNER).get(f"{COA}?asOf=2020-03-31").content.decode()
    assert 'id="reception-none"' in page
    # No published plan made by then either (the plan is as of 6-4).
    assert 'id="outflow-no-plan"' in page


# --- DT&V --------------------------------------------------------------------------------------


def test_dtv_figures_on_the_plan_day(chain: dict[str, Any]) -> None:
    fig = dtv_figures(PLAN_DAY)
    tracks = [(t.track, t.location, t.week, t.cases) for t in fig.tracks]
    # C3 (received Mon 16-3) and C4 (Wed 18-3) were registered in the week of Mon 16-3.
    assert tracks == [("1", "Ter Apel", dt.date(2020, 3, 16), 1),
                      ("2", "Zevenaar", dt.date(2020, 3, 16), 1)]  # fmt: skip
    likely = [(r.reference, r.week_start, r.outcome, r.refusal_probability) for r in fig.likely]
    # C1 and C2 are refused with 40% only: C2 is complex (conversion, 30% grant), but a chance
    # from that would show DT&V a motive, so both count as first applications (60% grant).
    # C3 and C4 are never granted.
    assert likely == [
        ("C3", dt.date(2020, 4, 13), "dublin_transfer", 1.0),
        ("C4", dt.date(2020, 4, 13), "refusal", 1.0),
    ]


def test_dtv_page_lists_likely_refusals_and_logs_each_case(
    client: Client, chain: dict[str, Any]
) -> None:
    response = login(client, Role.DTV_PLANNER, username="dtv").get(f"{DTV}?asOf=2020-04-06")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/cases/C2/"' not in page and "70%" not in page  # complex: not inferable
    assert row(page, "C3").startswith("C3 Spoor 1 (Dublin) Ter Apel 13-4-2020")
    assert row(page, "C3").endswith("100%")
    assert 'href="/cases/C1/"' not in page  # 40% refusal: not likely
    assert row(page, "Spoor 1 (Dublin)") == "Spoor 1 (Dublin) Ter Apel 16-3-2020 1"
    assert row(page, "Spoor 2 (veilig land)") == "Spoor 2 (veilig land) Zevenaar 16-3-2020 1"
    assert "boven 50%" in text(response)
    logged = AccessLog.objects.filter(activity="dashboards.dtv", username="dtv")
    assert sorted(logged.values_list("object_ref", flat=True)) == ["C3", "C4"]
    assert {r.subject for r in logged} == {chain["cases"][r].person for r in ("C3", "C4")}
    assert all("asOf=2020-04-06" in r.detail and r.action == "list" for r in logged)


def test_dtv_page_on_the_register_day(client: Client, chain: dict[str, Any]) -> None:
    page = login(client, Role.DTV_PLANNER).get(DTV).content.decode()
    # On 20-4: C3 and C4 are decided; C6 (track 2, Thu 16-4) was registered in the week of 13-4.
    assert row(page, "Spoor 2 (veilig land)") == "Spoor 2 (veilig land) Ter Apel 13-4-2020 1"
    assert 'id="track-1-total">0<' in page and 'id="track-2-total">1<' in page
    assert 'id="likely-empty"' in page
    assert not AccessLog.objects.filter(activity="dashboards.dtv").exists()


# --- management --------------------------------------------------------------------------------


def test_management_figures_on_the_register_day(chain: dict[str, Any]) -> None:
    fig = management_figures(DAY)
    assert fig.open_cases == 3  # C2, P1, C6
    (burn,) = fig.burn_downs
    assert burn.start_stock == 5  # open on 6-4: C1, C2, C3, C4, P1
    points = {p.week: (p.end, p.actual, p.planned) for p in burn.points}
    # End of 29-3: C5 still open (decided 1-4): six. End of 5-4: five. End of 12-4: C1 decided
    # (8-4): four. End of 19-4: C3, C4 decided, C6 arrived: three. Later weeks: after the day.
    assert points[-2] == (dt.date(2020, 3, 29), 6, None)
    assert points[-1] == (dt.date(2020, 4, 5), 5, None)
    # The plan: 5 - 2 after week 0, 5 - 4 after week 1 and after.
    assert points[0] == (dt.date(2020, 4, 12), 4, 3)
    assert points[1] == (dt.date(2020, 4, 19), 3, 1)
    assert points[2] == (dt.date(2020, 4, 26), None, 1)
    assert points[3] == (dt.date(2020, 5, 3), None, 1)
    assert len(burn.points) == 12 + 4
    # The forecast band within the chart: the weeks ending 7-4 to 28-4.
    assert [r["date"] for r in fig.stock_rows[0]] == [
        "2020-04-07", "2020-04-14", "2020-04-21", "2020-04-28"
    ]  # fmt: skip
    # P1: deadline 2-3, notice received 5-3, penalties from 19-3 (DOMAIN.md §3.2): days 1-14 at
    # EUR 23, 15-28 at 35, 29-42 at 45.
    weeks = {w.end: (w.accrued_eur, w.total_eur) for w in fig.penalties}
    assert weeks[dt.date(2020, 3, 16)] == (0, 0)
    assert weeks[dt.date(2020, 3, 23)] == (5 * 23, 115)  # 19-23 March
    assert weeks[dt.date(2020, 3, 30)] == (7 * 23, 276)
    assert weeks[dt.date(2020, 4, 6)] == (2 * 23 + 5 * 35, 497)
    assert weeks[dt.date(2020, 4, 13)] == (7 * 35, 742)
    assert weeks[dt.date(2020, 4, 20)] == (2 * 35 + 5 * 45, 1037)
    assert len(fig.penalties) == 12 and fig.penalties_in_weeks_eur == 1037
    # Weeks 0 and 1 have ended. T1: target 2 in week 0, decided 1 (C1); week 1 target 0, met.
    # T2: week 0 target 0, met; week 1 target 2, decided 2 (C3, C4), met.
    teams = {t.code: (t.weeks_over, t.weeks_met, t.target_to_date, t.actual_to_date)
             for t in fig.teams}  # fmt: skip
    assert teams == {"T1": (2, 1, 2, 1), "T2": (2, 2, 2, 2)}
    assert fig.teams_on_target == 1


def test_management_page(client: Client, chain: dict[str, Any]) -> None:
    response = login(client, Role.IND_MANAGEMENT).get(MANAGEMENT)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="figure-open">3<' in page
    assert 'id="figure-penalties-total">€ 1.037<' in page
    assert 'id="figure-teams">1 van 2<' in page
    assert row(page, "12-4-2020") == "12-4-2020 4 3"
    assert row(page, "26-4-2020") == "26-4-2020 — 1"
    week = "14-4-2020 \u2013 20-4-2020"  # from - to, with an en dash
    assert row(page, week) == f"{week} € 295 € 1.037"
    assert row(page, "T1") == "T1 Taskforce 2 1 2 1 -1"
    assert row(page, "T2") == "T2 Taskforce 2 2 2 2 0"
    for slug in ("burndown-0", "penalties", "targets"):
        assert f'data-vega-spec="chart-{slug}-spec"' in page
    # Aggregates only: no case reference on the page, and nothing in the access log.
    assert not re.search(r"\b(C[1-6]|P1)\b", text(response))
    assert not AccessLog.objects.exists()


def test_management_as_of_the_plan_day(client: Client, chain: dict[str, Any]) -> None:
    response = login(client, Role.IND_TEAM_LEAD).get(f"{MANAGEMENT}?asOf=2020-04-06")
    page = response.content.decode()
    assert BANNER.format("6-4-2020") in text(response)
    # The home page's figure of that day (tests/integration/test_as_of_pages.py): EUR 497.
    assert 'id="figure-penalties-total">€ 497<' in page
    assert 'id="figure-open">5<' in page
    assert 'id="figure-teams">0 van 2<' in page  # no plan week has ended on 6-4
    assert row(page, "12-4-2020") == "12-4-2020 — 3"


def test_management_without_a_plan_shows_the_register_stock(
    client: Client, register: dict[str, Case]
) -> None:
    fig = management_figures(DAY)
    (burn,) = fig.burn_downs
    assert burn.version is None
    assert [(p.end, p.actual) for p in burn.points[-3:]] == [
        (dt.date(2020, 4, 6), 5), (dt.date(2020, 4, 13), 4), (dt.date(2020, 4, 20), 3)
    ]  # fmt: skip
    page = login(client, Role.IND_MANAGEMENT).get(MANAGEMENT).content.decode()
    assert 'id="burndown-no-plan"' in page and 'id="targets-none"' in page


# --- the as-of switch --------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "role"), [(COA, Role.COA_PLANNER), (DTV, Role.DTV_PLANNER),
                                           (MANAGEMENT, Role.IND_MANAGEMENT)])  # fmt: skip
def test_a_bad_date_is_a_message_at_the_field_and_the_register_day_is_shown(
    client: Client, chain: dict[str, Any], url: str, role: Role
) -> None:
    response = login(client, role).get(f"{url}?asOf=2020-13-01")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_asOf_error"' in page and "as-of-banner" not in page
    assert response.context["as_of"].shown_day == DAY


# --- who sees what -----------------------------------------------------------------------------

# Written out from the brief and DOMAIN.md §4: (COA, DT&V, management).
MATRIX: dict[str, tuple[int, int, int]] = {
    "ind_planner": (0, 0, 0),
    "ind_team_lead": (0, 0, 1),
    "ind_management": (0, 0, 1),
    "coa_planner": (1, 0, 0),
    "dtv_planner": (0, 1, 0),
    "police": (0, 0, 0),
    "legal_aid": (0, 0, 0),
    "auditor": (0, 0, 0),
}


def test_the_matrix_names_every_role() -> None:
    assert set(MATRIX) == {r.value for r in Role}


@pytest.mark.parametrize("who", [*MATRIX, "superuser"])
def test_who_may_open_which_dashboard(client: Client, chain: dict[str, Any], who: str) -> None:
    if who == "superuser":
        client.force_login(f.user("root", superuser=True))
        expected = (1, 1, 1)
    else:
        client.force_login(f.user(who, Role(who)))
        expected = MATRIX[who]
    home = client.get("/").content.decode()
    for url, allowed in zip((COA, DTV, MANAGEMENT), expected, strict=True):
        assert client.get(url).status_code == (200 if allowed else 403), url
        assert (f'href="{url}"' in home) == bool(allowed), url


def test_anonymous_users_are_sent_to_the_login(client: Client) -> None:
    for url in (COA, DTV, MANAGEMENT):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def _motive_words() -> list[str]:
    """Feature and dossier-item codes and their labels in both languages.

    Less the Dublin feature's own word: track 1 is called Dublin, and the tracks are what COA
    and DT&V are meant to see (the Dublin claim, a dossier item, is still checked).
    """
    words: list[str] = []
    for vocabulary in ("feature", "dossier_item"):
        for code, label in labels.LABELS[vocabulary].items():
            words.append(str(code))
            for language in ("nl", "en"):
                with translation.override(language):
                    words.append(str(label))
    return [w for w in words if w.lower() != "dublin"]


@pytest.mark.parametrize(("url", "role"), [(COA, Role.COA_PLANNER), (DTV, Role.DTV_PLANNER)])
def test_coa_and_dtv_pages_hold_no_features_motives_or_dossier_items(
    client: Client, chain: dict[str, Any], url: str, role: Role
) -> None:
    client = login(client, role)
    for query in ("", "?asOf=2020-04-06"):
        page = client.get(url + query).content.decode()
        lowered = page.lower()
        found = [w for w in _motive_words() if re.search(rf"\b{re.escape(w.lower())}\b", lowered)]
        assert not found, (url, query, found)
        # Nor the pseudonym that links a case to the person's other cases.
        assert not any(c.person in page for c in chain["cases"].values())
