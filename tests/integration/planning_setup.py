# SPDX-License-Identifier: EUPL-1.2
"""The small register the planning integration tests plan with, and how they start a run.

The register is tests/integration/data/small after the cut-off split, plus a few competencies:
four open Taskforce cases (TF-0000001..3, RG-0000005) and two officers who may decide
(S001 in team TF-TAP-1 at Ter Apel, S003 in the decision team KDT-DBS at Den Bosch).
Plans start on Monday 2020-04-06 and run 8 weeks; the expected values in the tests are worked
out by hand for the behaviour parameters ``BEHAVIOUR``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

import factories as f
from verkeerstoren.cases.importing import import_path
from verkeerstoren.cases.models import Staff, StaffCompetency
from verkeerstoren.cases.roles import Role
from verkeerstoren.cases.services import apply_cutoff_split
from verkeerstoren.cutoff import CutoffRule
from verkeerstoren.plans import services
from verkeerstoren.plans.models import PlanRun
from verkeerstoren.plans.tasks import execute_run

SMALL = Path(__file__).parent / "data" / "small"
AS_OF = dt.date(2020, 4, 6)  # a Monday
HORIZON = 8
BEHAVIOUR = {
    "notice_probability": 0.5,
    "notice_delay_days": 30,
    "appeal_probability": 0.1,
    "appeal_to_judgment_days": 56,
    "court_decision_term_days": 56,
    "court_daily_eur": 100.0,
    "court_cap_eur": 7500.0,
}


@pytest.fixture
def register() -> None:
    """The small register after the cut-off split, with the competencies the tests rely on."""
    import_path(SMALL)
    apply_cutoff_split(CutoffRule())
    s001 = Staff.objects.get(code="S001")
    s003 = Staff.objects.get(code="S003")
    # S001 (Ter Apel) takes minors; S003 (KDT Den Bosch) already has LGBTI senior.
    StaffCompetency.objects.create(staff=s001, competency="amv", level="medior")
    StaffCompetency.objects.create(staff=s003, competency="conversion", level="senior")
    StaffCompetency.objects.create(staff=s003, competency="medical", level="senior")


def start_and_run(user: Any = None, **kwargs: Any) -> PlanRun:
    """Start a plan run of the Taskforce (3 s) and execute it here; the run as stored."""
    run = services.start_plan_run(user, AS_OF, HORIZON, "taskforce", 3.0, **kwargs)
    execute_run(run.pk)
    run.refresh_from_db()
    return run


def login(client: Client, *roles: Role, username: str = "u") -> Client:
    """Sign the client in as a new user with these roles."""
    client.force_login(f.user(username, *roles))
    return client
