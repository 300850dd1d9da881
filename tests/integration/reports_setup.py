# SPDX-License-Identifier: EUPL-1.2
"""The small register of the weekly report's tests (test_reports_weekly.py explains every case).

Week 2020-W15 (6 to 12 April 2020), the register's day 20 April 2020; a published plan of the
Taskforce made on 30 March and a finished forecast, so the report has all its charts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

import factories as f
from verkeerstoren.cases.models import Case, LegalEvent, StatusChange, Team
from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.plans.models import PlanAssignment, PlanRun, PlanVersion

d = dt.date
PLAN_AS_OF = d(2020, 3, 30)


def decided(case: Case, day: dt.date) -> None:
    LegalEvent.objects.create(case=case, kind="decision_sent", date=day, outcome="grant")
    Case.objects.filter(pk=case.pk).update(status="decided", outcome="grant")


def status(case: Case, code: str, day: dt.date) -> None:
    StatusChange.objects.create(case=case, status=code, date=day)


def plan(assignments: list[tuple[Case, Team, int]]) -> PlanVersion:
    run = PlanRun.objects.create(
        as_of=PLAN_AS_OF, horizon_weeks=4, stream="taskforce", time_limit=1.0, status="done"
    )
    figures: dict[str, Any] = dict.fromkeys(
        ["seconds", "fifo_cost", "edf_cost", "late_days", "fifo_penalty_eur", "fifo_late_days",
         "edf_penalty_eur", "edf_late_days"],
        0.0,
    )  # fmt: skip
    version = PlanVersion.objects.create(
        run=run, as_of=PLAN_AS_OF, horizon_weeks=4, stream="taskforce", solver_status="optimal",
        case_count=4, planned_count=4, staff_count=2, cost=1000.0, lower_bound=900.0,
        gap_pct=10.0, expected_penalty_eur=800.0, status="published",
        published_at=timezone.now(), **figures,
    )  # fmt: skip
    for case, team, week in assignments:
        PlanAssignment.objects.create(version=version, case=case, team=team, week=week, cost=0.0)
    return version


def weekly_register() -> dict[str, Any]:
    """The cases, teams, plan version and forecast run of the weekly report's tests."""
    place = f.location()
    t1 = Team.objects.create(code="T1", name="Team Ter Apel", location=place, stream="taskforce")
    t2 = Team.objects.create(code="T2", name="Team Zwolle", location=place, stream="regular")
    tf, rg = {"stream": "taskforce"}, {"stream": "regular"}
    c = {
        "P1": f.case(received=d(2019, 11, 1), **tf),
        "P2": f.case(received=d(2019, 12, 1), **tf),
        "P3": f.case(received=d(2019, 11, 1), **tf),
        "P4": f.case(received=d(2020, 2, 1), **rg),
        "U1": f.case(received=d(2019, 11, 1), **rg),
        "S1": f.case(received=d(2020, 1, 10), **tf),
        "S2": f.case(received=d(2019, 10, 12), **tf),
        "S3": f.case(received=d(2019, 4, 1), **rg),
        "S4": f.case(received=d(2018, 12, 1), status="intention", **tf),
    }
    decided(c["P1"], d(2020, 4, 8))
    decided(c["P3"], d(2020, 4, 7))
    decided(c["P4"], d(2020, 4, 14))
    decided(c["U1"], d(2020, 4, 9))
    status(c["S1"], "registered", d(2020, 1, 10))
    status(c["S1"], "preparing", d(2020, 1, 20))
    status(c["S2"], "hearing_planned", d(2020, 4, 1))
    status(c["S2"], "ready_for_hearing", d(2020, 4, 9))
    status(c["S3"], "hearing_planned", d(2020, 3, 20))
    status(c["S3"], "heard", d(2020, 4, 10))
    status(c["P4"], "preparing", d(2020, 4, 13))
    Case.objects.filter(pk__in=[c["S1"].pk]).update(status="preparing")
    Case.objects.filter(pk__in=[c["S2"].pk]).update(status="ready_for_hearing")
    Case.objects.filter(pk__in=[c["S3"].pk]).update(status="heard")
    LegalEvent.objects.create(case=c["S3"], kind="notice_of_default", date=d(2020, 3, 2))
    LegalEvent.objects.create(case=c["S4"], kind="notice_of_default", date=d(2020, 4, 8))
    version = plan([(c["P1"], t1, 1), (c["P2"], t1, 1), (c["P3"], t1, 0), (c["P4"], t2, 1)])
    forecast = ForecastRun.objects.create(
        name="register",
        scenario={},
        replications=10,
        status="done",
        result={
            "scenario": "register-taskforce",
            "start_date": "2020-04-06",
            "replications": 10,
            "working_stock": 100,
            "clearance": {"share_cleared": 0.9, "p5_date": "2020-10-04",
                          "p50_date": "2020-11-01", "p95_date": "2020-12-27"},
            "rows": [
                {"week": 0, "date": "2020-04-12", "metric": "stock", "p5": 5, "p25": 5,
                 "p50": 6, "p75": 6, "p95": 7, "mean": 6},
                {"week": 0, "date": "2020-04-12", "metric": "overdue", "p5": 1, "p25": 1,
                 "p50": 2, "p75": 2, "p95": 2, "mean": 2},
            ],
        },
    )  # fmt: skip
    return {**c, "version": version, "forecast": forecast}
