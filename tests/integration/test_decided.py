# SPDX-License-Identifier: EUPL-1.2
"""One decision day per case, and its three users agree: law figures, team targets, planner.

The tiny register (plan weeks start on Monday 2020-04-06: week 0 is 6-12 Apr, week 1 13-19 Apr,
week 2 20-26 Apr):

* SENT: decision sent on Tue 14 Apr, status "decided" recorded on Thu 16 Apr -> 14 Apr (week 1).
* WITHDRAWN: status "closed" on Wed 22 Apr, no decision sent -> 22 Apr (week 2).
* LAGGING: decision sent on Wed 8 Apr, status still "heard" -> 8 Apr (week 0).
* OPEN: no decision -> not decided.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import factories as f
from verkeerstoren.cases import models as cm
from verkeerstoren.cases.decided import decided_dates
from verkeerstoren.cases.law_figures import all_histories, history_of
from verkeerstoren.plans.models import PlanAssignment, PlanRun, PlanVersion
from verkeerstoren.plans.register_instance import build_register_instance
from verkeerstoren.plans.targets import team_targets

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2020, 4, 6)  # a Monday
EXPECTED = {
    "SENT": dt.date(2020, 4, 14),
    "WITHDRAWN": dt.date(2020, 4, 22),
    "LAGGING": dt.date(2020, 4, 8),
}


@pytest.fixture
def register() -> dict[str, cm.Case]:
    cases = {
        "SENT": f.case(reference="SENT", status="decided", outcome="grant"),
        "WITHDRAWN": f.case(reference="WITHDRAWN", status="closed", outcome="withdrawn"),
        "LAGGING": f.case(reference="LAGGING", status="heard"),
        "OPEN": f.case(reference="OPEN", status="heard"),
    }
    for c in cases.values():
        c.received = dt.date(2020, 1, 6)
        c.save(update_fields=["received"])
        cm.StatusChange.objects.create(case=c, status="registered", date=dt.date(2020, 1, 6))
    sent = cm.LegalEvent.objects.create
    sent(case=cases["SENT"], kind="decision_sent", date=dt.date(2020, 4, 14))
    cm.StatusChange.objects.create(
        case=cases["SENT"], status="decided", outcome="grant", date=dt.date(2020, 4, 16)
    )
    cm.StatusChange.objects.create(
        case=cases["WITHDRAWN"], status="closed", outcome="withdrawn", date=dt.date(2020, 4, 22)
    )
    sent(case=cases["LAGGING"], kind="decision_sent", date=dt.date(2020, 4, 8))
    return cases


def test_the_decision_day_is_the_decision_sent_else_reaching_decided_or_closed(
    register: dict[str, cm.Case],
) -> None:
    by_ref = {register[ref].pk: ref for ref in register}
    assert {by_ref[pk]: day for pk, day in decided_dates().items()} == EXPECTED
    assert decided_dates([register["OPEN"].pk, register["SENT"].pk]) == {
        register["SENT"].pk: EXPECTED["SENT"]
    }


def test_the_law_engine_sees_the_same_decision_day(register: dict[str, cm.Case]) -> None:
    expected = {ref: EXPECTED.get(ref) for ref in register}
    assert {h.id: h.decided for h in all_histories()} == expected
    assert {ref: history_of(c).decided for ref, c in register.items()} == expected


def _version(cases: dict[str, cm.Case]) -> PlanVersion:
    """A stored plan of 4 weeks that gives every case to one team."""
    team = cm.Team.objects.create(code="T1", name="Team 1", location=f.location())
    run = PlanRun.objects.create(as_of=AS_OF, horizon_weeks=4, stream="all", time_limit=1.0)
    figures: dict[str, Any] = dict.fromkeys(
        ["cost", "lower_bound", "gap_pct", "seconds", "fifo_cost", "edf_cost",
         "expected_penalty_eur", "late_days", "fifo_penalty_eur", "fifo_late_days",
         "edf_penalty_eur", "edf_late_days"],
        0.0,
    )  # fmt: skip
    version = PlanVersion.objects.create(
        run=run, as_of=AS_OF, horizon_weeks=4, stream="all", solver_status="optimal",
        case_count=4, planned_count=4, staff_count=0, **figures,
    )  # fmt: skip
    for week, c in enumerate(cases.values()):
        PlanAssignment.objects.create(version=version, case=c, team=team, week=week, cost=0.0)
    return version


def test_team_targets_count_each_case_in_the_week_of_its_decision_day(
    register: dict[str, cm.Case],
) -> None:
    version = _version(register)
    # On Mon 27 Apr weeks 0-2 have ended: LAGGING in week 0, SENT in 1, WITHDRAWN in 2.
    (row,) = team_targets(version, dt.date(2020, 4, 27)).rows
    assert row.actual == (1, 1, 1, None)
    # On Mon 20 Apr only weeks 0 and 1 have ended; WITHDRAWN is not decided yet.
    (row,) = team_targets(version, dt.date(2020, 4, 20)).rows
    assert row.actual == (1, 1, None, None)


def test_the_planner_takes_only_cases_not_decided_by_its_as_of_date(
    register: dict[str, cm.Case],
) -> None:
    def planned(as_of: dt.date) -> set[str]:
        built = build_register_instance(as_of, 2, stream="all")
        return {c.id for c in built.instance.cases}

    # SENT and WITHDRAWN have a decided/closed status; LAGGING's decision was sent on 8 Apr.
    assert planned(dt.date(2020, 4, 7)) == {"LAGGING", "OPEN"}
    assert planned(dt.date(2020, 4, 8)) == {"OPEN"}
