# SPDX-License-Identifier: EUPL-1.2
"""A small register with a published plan whose week 0 has four hearings, built by hand.

Ter Apel (TA): rooms TA-H1 (plain) and TA-H2 (video); officers O1 (f) and O2 (m); interpreters
I1 (Arabic, on site at TA, f) and I2 (Arabic, remote, m); lawyers A1 and A2. The published plan
(as of Monday 2020-04-06, 4 weeks) puts in week 0: C1 and C2 (Arabic, oral, officer O1, lawyers
A1 and A2), C3 (Tigrinya, oral, O2: no interpreter speaks it) and C4 (a written hearing, O2).
The week's working days are Mon 6 to Thu 9 April 2020 (Good Friday is an Atw holiday); the
register's day is Friday 3 April, so every day is ahead.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import factories as f
from verkeerstoren.cases import models as cm
from verkeerstoren.plans.models import PlanAssignment, PlanRun, PlanVersion

AS_OF = dt.date(2020, 4, 6)
REGISTER_DAY = dt.date(2020, 4, 3)
WEEK_DAYS = [dt.date(2020, 4, 6), dt.date(2020, 4, 7), dt.date(2020, 4, 8), dt.date(2020, 4, 9)]


def published_plan(assignments: list[tuple[cm.Case, cm.Staff, str]]) -> PlanVersion:
    """A published plan version with these (case, officer, mode) in week 0."""
    run = PlanRun.objects.create(
        status="done", as_of=AS_OF, horizon_weeks=4, stream="taskforce", time_limit=1.0
    )
    figures = {
        name: 0.0
        for name in ("cost", "lower_bound", "gap_pct", "seconds", "fifo_cost", "edf_cost",
                     "expected_penalty_eur", "late_days", "fifo_penalty_eur", "fifo_late_days",
                     "edf_penalty_eur", "edf_late_days")
    }  # fmt: skip
    version = PlanVersion.objects.create(
        run=run, status="published", as_of=AS_OF, horizon_weeks=4, stream="taskforce",
        solver_status="optimal", case_count=len(assignments), planned_count=len(assignments),
        staff_count=2, published_at=dt.datetime(2020, 4, 3, tzinfo=dt.UTC), **figures,
    )  # fmt: skip
    for case, officer, mode in assignments:
        PlanAssignment.objects.create(
            version=version,
            case=case,
            officer=officer,
            team=officer.team,
            week=0,
            mode=mode,
            cost=0.0,
        )
    return version


@pytest.fixture
def hearing_register(settings: Any) -> dict[str, Any]:
    """The register above; returns its rows by code."""
    settings.REGISTER_AS_OF = REGISTER_DAY.isoformat()
    ta = f.location("TA", "Ter Apel")
    rooms = {
        "TA-H1": cm.HearingRoom.objects.create(code="TA-H1", location=ta),
        "TA-H2": cm.HearingRoom.objects.create(code="TA-H2", location=ta, video=True),
    }
    team = f.TeamFactory(location=ta)
    o1 = f.StaffFactory(code="O1", team=team, gender="f", can_hear=True, can_decide=True)
    o2 = f.StaffFactory(code="O2", team=team, gender="m", can_hear=True, can_decide=True)
    i1 = cm.Interpreter.objects.create(
        code="I1", languages="ar", mode="on_site", gender="f", locations="TA"
    )
    i2 = cm.Interpreter.objects.create(code="I2", languages="ar;fr", mode="remote", gender="m")
    a1 = cm.Lawyer.objects.create(code="A1", name="mr. A. Jansen", max_per_day=1)
    a2 = cm.Lawyer.objects.create(code="A2", name="mr. B. Smit")
    common = {"stream": "taskforce", "status": "ready_for_hearing", "received": dt.date(2019, 6, 1)}
    c1 = f.case(reference="C1", lawyer=a1, person="p1" * 32, **common)
    c2 = f.case(reference="C2", lawyer=a2, person="p2" * 32, **common)
    c3 = f.case(reference="C3", language="ti", nationality="ERI", person="p3" * 32, **common)
    c4 = f.case(reference="C4", written_hearing_opt_in=True, person="p4" * 32, **common)
    version = published_plan([(c1, o1, "oral"), (c2, o1, "oral"), (c3, o2, "oral"),
                              (c4, o2, "written")])  # fmt: skip
    return {
        "version": version, "rooms": rooms, "officers": {"O1": o1, "O2": o2},
        "interpreters": {"I1": i1, "I2": i2}, "lawyers": {"A1": a1, "A2": a2},
        "cases": {"C1": c1, "C2": c2, "C3": c3, "C4": c4}, "location": ta,
    }  # fmt: skip
