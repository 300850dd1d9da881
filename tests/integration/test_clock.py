# SPDX-License-Identifier: EUPL-1.2
"""The demo clock: moving the register's day records the period's facts through the services.

The register is tests/integration/data/small after the cut-off split (planning_setup), with a
published 8-week plan of the Taskforce made by the real planner from Monday 6 April 2020. Days
worked out by hand: a week from Monday 6 April ends on Monday 13 April; of the days passed,
7, 8 and 9 April are working days (10 April is Good Friday, 13 April Easter Monday). The plan
puts fewer than ten cases in week 0, so the teams decide all of them (synth.daily decides 9 in
10 planned cases, rounding the missed count down).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from planning_setup import AS_OF, register, start_and_run  # noqa: F401 - fixture

import factories as f
from verkeerstoren import glossary as g
from verkeerstoren.cases import models as m
from verkeerstoren.cases.clock import ClockError
from verkeerstoren.cases.decided import decided_dates
from verkeerstoren.cases.law_figures import refresh_law_figures, register_as_of
from verkeerstoren.cases.roles import Role
from verkeerstoren.demo import advance
from verkeerstoren.plans import services
from verkeerstoren.plans.models import PlanAssignment
from verkeerstoren.plans.targets import team_targets

pytestmark = pytest.mark.django_db

WEEK_LATER = dt.date(2020, 4, 13)
DECISION_DAYS = {dt.date(2020, 4, 7), dt.date(2020, 4, 8), dt.date(2020, 4, 9)}


@pytest.fixture
def demo(settings: Any, register: None) -> Any:  # noqa: F811 - the planning_setup fixture
    """The demo with its register, law figures as of 6 April and a published plan; the admin."""
    settings.VERKEERSTOREN_DEMO = True
    settings.REGISTER_AS_OF = AS_OF.isoformat()
    refresh_law_figures()
    admin = f.user("admin", superuser=True)
    run = start_and_run()
    services.publish(run.version, admin)
    return admin


def period_facts() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """What the demo recorded: its new cases and its legal events and status steps."""
    cases = list(
        m.Case.objects.filter(reference__startswith="VT-")
        .order_by("reference")
        .values_list("reference", "nationality", "language", "received", "location__code", "kind")
    )
    events = list(
        m.LegalEvent.objects.filter(source="demo")
        .order_by("case__reference", "kind", "date")
        .values_list("case__reference", "kind", "date", "sent_date", "outcome")
    )
    steps = list(
        m.StatusChange.objects.filter(source="demo")
        .order_by("case__reference", "date", "id")
        .values_list("case__reference", "status", "date")
    )
    return cases, events + steps


def test_refused_outside_the_demo(settings: Any) -> None:
    settings.VERKEERSTOREN_DEMO = False
    settings.REGISTER_AS_OF = AS_OF.isoformat()
    with pytest.raises(ClockError) as refused:
        advance(7, f.user("admin", superuser=True))
    assert refused.value.field is None and "demo" in refused.value.message
    assert not m.RegisterClock.objects.exists()
    assert register_as_of() == AS_OF


@pytest.mark.parametrize("days", [0, -1, 29, True, "7", 1.5, None])
def test_bad_days_are_refused_at_the_field_with_nothing_written(settings: Any, days: Any) -> None:
    settings.VERKEERSTOREN_DEMO = True
    settings.REGISTER_AS_OF = AS_OF.isoformat()
    before = m.Case.objects.count()
    with pytest.raises(ClockError) as refused:
        advance(days, f.user("admin", superuser=True))
    assert refused.value.field == "days"
    assert not m.RegisterClock.objects.exists()
    assert m.Case.objects.count() == before


def test_a_week_records_the_period_through_the_services(demo: Any) -> None:
    admin = demo
    version = PlanAssignment.objects.filter(version__status="published").first().version  # type: ignore[union-attr]
    week0 = set(
        PlanAssignment.objects.filter(version=version, week=0, team__isnull=False).values_list(
            "case_id", flat=True
        )
    )
    assert 0 < len(week0) < 10  # the precondition of the module docstring
    cases_before = m.Case.objects.count()

    result = advance(7, admin)

    assert (result.before, result.after) == (AS_OF, WEEK_LATER)
    assert register_as_of() == WEEK_LATER
    # The clock row and its history name the user who moved it.
    clock = m.RegisterClock.objects.get(pk=1)
    assert (clock.today, clock.moved_by) == (WEEK_LATER, admin)
    moved = clock.history.latest()  # type: ignore[attr-defined]
    assert moved.history_user == admin and "+7" in moved.history_change_reason

    # New applications on the working days, each a full intake with its own history.
    new = m.Case.objects.filter(reference__startswith="VT-")
    assert new.count() == result.count("registrations") > 0
    assert m.Case.objects.count() == cases_before + new.count()
    assert set(new.values_list("received", flat=True)) <= DECISION_DAYS
    assert m.Intake.objects.filter(case__in=new).count() == new.count()
    for case in new[:5]:
        created = case.history.earliest()  # type: ignore[attr-defined]
        assert created.history_user == admin and created.history_type == "+"

    # Every case the plan put in week 0 is decided on a working day of that week, recorded as
    # the admin through the services (the decision as a legal event, or a withdrawal).
    decided = decided_dates(week0)
    assert set(decided) == week0
    assert set(decided.values()) <= DECISION_DAYS
    for cid in week0:
        case = m.Case.objects.get(pk=cid)
        assert case.status == g.Status.DECIDED and case.outcome
        last = case.status_history.order_by("-date", "-id").first()
        assert last is not None and last.recorded_by == admin and last.source == "demo"
        if case.outcome != g.Outcome.WITHDRAWN:
            event = case.legal_events.get(kind=g.LegalEventKind.DECISION_SENT)
            assert event.recorded_by == admin and event.outcome == case.outcome
    # No case outside the plan's week 0 was decided in the period.
    in_period = {c for c, day in decided_dates().items() if AS_OF < day <= WEEK_LATER}
    assert in_period == week0

    # The team targets count them: week 0 is over and its actual decisions are the planned ones.
    targets = team_targets(version, register_as_of())
    assert targets.weeks_over == 1
    assert sum(row.actual[0] or 0 for row in targets.rows) == len(week0)

    # Every case's law figures are derived once more, as of the new day.
    assert m.LawFigures.objects.count() == m.Case.objects.count()
    assert set(m.LawFigures.objects.values_list("as_of", flat=True)) == {WEEK_LATER}


def test_the_same_state_gives_the_same_facts_and_a_failure_leaves_nothing(demo: Any) -> None:
    cases_before = m.Case.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        advance(7, demo)
        first = period_facts()
        raise RuntimeError("undo the move")
    # Nothing of the move is left: not the clock, not a fact, not a figure.
    assert not m.RegisterClock.objects.exists()
    assert m.Case.objects.count() == cases_before
    assert period_facts() == ([], [])
    assert set(m.LawFigures.objects.values_list("as_of", flat=True)) == {AS_OF}
    advance(7, demo)
    assert first[0] and period_facts() == first


def test_the_clock_only_moves_forward_day_by_day(demo: Any) -> None:
    days = [advance(1, demo).after, advance(1, demo).after, advance(3, demo).after]
    assert days == [dt.date(2020, 4, 7), dt.date(2020, 4, 8), dt.date(2020, 4, 11)]
    history = list(
        m.RegisterClock.history.order_by("history_id").values_list("today", flat=True)  # type: ignore[attr-defined]
    )
    assert history == days
    # Facts of a day are dated that day: nothing before the start or after the new day.
    received = set(
        m.Case.objects.filter(reference__startswith="VT-").values_list("received", flat=True)
    )
    assert received and received <= {dt.date(2020, 4, 7), dt.date(2020, 4, 8), dt.date(2020, 4, 9)}


# --- the web control --------------------------------------------------------------------------


def test_the_header_shows_the_clock_to_the_demo_admin_only(demo: Any, client: Client) -> None:
    client.force_login(demo)
    page = client.get("/").content.decode()
    assert 'id="clock-day"' in page and "6-4-2020" in page
    client.force_login(f.user("planner", Role.IND_PLANNER))
    assert 'id="clock-day"' not in client.get("/").content.decode()


def test_a_planner_may_not_move_the_clock(demo: Any, client: Client) -> None:
    client.force_login(f.user("planner", Role.IND_PLANNER))
    assert client.post("/demo-clock/advance/", {"days": "7", "next": "/"}).status_code == 403
    assert not m.RegisterClock.objects.exists()


def test_outside_the_demo_the_admin_may_not_either(
    demo: Any, settings: Any, client: Client
) -> None:
    settings.VERKEERSTOREN_DEMO = False
    client.force_login(demo)
    assert client.post("/demo-clock/advance/", {"days": "1", "next": "/"}).status_code == 403
    assert 'id="clock-day"' not in client.get("/").content.decode()


def test_the_admin_moves_the_clock_from_the_page(demo: Any, client: Client) -> None:
    client.force_login(demo)
    answer = client.post("/demo-clock/advance/", {"days": "1", "next": "/planning/"})
    assert answer.status_code == 302 and answer["Location"] == "/planning/"
    assert register_as_of() == dt.date(2020, 4, 7)
    page = client.get("/planning/").content.decode()
    assert "7-4-2020" in page and "Registerdag verzet naar 7-4-2020" in page
    # Through htmx: the answer sends the browser back to the page.
    answer = client.post(
        "/demo-clock/advance/", {"days": "1", "next": "/"}, headers={"HX-Request": "true"}
    )
    assert answer.status_code == 204 and answer["HX-Redirect"] == "/"
    assert register_as_of() == dt.date(2020, 4, 8)


def test_bad_days_from_the_page_name_the_field(demo: Any, client: Client) -> None:
    client.force_login(demo)
    # A day or a week only: four weeks is for the command line (the request would outlast the
    # web server's timeout on a large register).
    answer = client.post("/demo-clock/advance/", {"days": "28", "next": "https://evil.example/"})
    assert answer.status_code == 302 and answer["Location"] == "/"  # never off-site
    page = client.get("/").content.decode()
    assert "Dagen:" in page
    assert not m.RegisterClock.objects.exists()


# --- the command line -------------------------------------------------------------------------


def cli(tmp_path: Path, *args: str, demo: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "VERKEERSTOREN_DEMO")}
    env |= {"VERKEERSTOREN_VAR": str(tmp_path), "VERKEERSTOREN_AS_OF": "2020-04-06"}
    if demo:
        env["VERKEERSTOREN_DEMO"] = "1"
    command = [sys.executable, "-m", "verkeerstoren.cli", "clock", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def test_the_command_refuses_outside_the_demo_and_bad_days(tmp_path: Path) -> None:
    outside = cli(tmp_path, "advance", "--week", demo=False)
    assert outside.returncode == 2 and "only the demo has a clock" in outside.stderr
    assert "Traceback" not in outside.stderr
    bad = cli(tmp_path, "advance", "--days", "29", demo=True)
    assert bad.returncode == 2 and "--days" in bad.stderr and "1 to 28" in bad.stderr
    shown = cli(tmp_path, "show", "--json", demo=True)
    assert shown.returncode == 0 and '"registerDay": "2020-04-06"' in shown.stdout
