# SPDX-License-Identifier: EUPL-1.2
"""Every write is in the history with its user and reason (cases.audit); the access log holds
reads only.

The register is tests/integration/data/small after the cut-off split; S003 (decision team) gets
the competencies for the court re-entry RG-0000005, so the plan and its pins can place it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

import factories as f
from verkeerstoren.cases.access import record_access
from verkeerstoren.cases.audit import audited
from verkeerstoren.cases.facts import change_status
from verkeerstoren.cases.importing import import_path
from verkeerstoren.cases.models import AccessLog, Case, Location, Staff, StaffCompetency
from verkeerstoren.cases.roles import Role
from verkeerstoren.cases.services import apply_cutoff_split
from verkeerstoren.cutoff import CutoffRule
from verkeerstoren.plans import services
from verkeerstoren.plans.models import Pin, PlanRun, PlanVersion
from verkeerstoren.plans.tasks import execute_run

pytestmark = pytest.mark.django_db

SMALL = Path(__file__).parent / "data" / "small"
SRC = Path(__file__).resolve().parents[2] / "src" / "verkeerstoren"
AS_OF = dt.date(2020, 4, 6)


@pytest.fixture(autouse=True)
def _settings(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REGISTER_AS_OF = AS_OF.isoformat()


@pytest.fixture
def register() -> None:
    import_path(SMALL)
    apply_cutoff_split(CutoffRule())
    s003 = Staff.objects.get(code="S003")
    StaffCompetency.objects.create(staff=s003, competency="conversion", level="senior")
    StaffCompetency.objects.create(staff=s003, competency="medical", level="senior")


def planned(user: Any) -> PlanVersion:
    run = services.start_plan_run(user, AS_OF, 8, "taskforce", 2.0)
    execute_run(run.pk)
    return PlanRun.objects.get(pk=run.pk).version


def latest(obj: Any) -> Any:
    return obj.history.order_by("-history_date", "-history_id").first()


def test_plan_version_publish_and_pins_are_in_the_history_with_user_and_reason(
    register: None,
) -> None:
    lead = f.user("lead", Role.IND_TEAM_LEAD)
    planner = f.user("planner", Role.IND_PLANNER)
    first = planned(lead)
    created = latest(first)
    assert (created.history_type, created.history_user) == ("+", lead)
    assert created.history_change_reason == f"plan run {first.run.pk}"

    services.publish(first, lead)
    second = planned(planner)
    services.publish(second, planner)
    first.refresh_from_db()
    superseded = latest(first)
    assert (superseded.status, superseded.history_user) == ("superseded", planner)
    assert superseded.history_change_reason == f"superseded by version {second.pk}"
    published = latest(second)
    assert (published.status, published.history_user) == ("published", planner)
    assert published.history_change_reason == "published"

    pin = services.add_pin(planner, second, "RG-0000005", "S003", 2)
    assert (latest(pin).history_user, latest(pin).history_change_reason) == (planner, "pinned")
    replacement = services.add_pin(lead, second, "RG-0000005", "S003", 1)
    pin.refresh_from_db()
    assert (latest(pin).history_user, latest(pin).history_change_reason) == (
        lead,
        "replaced by a new pin",
    )
    services.remove_pin(planner, replacement)
    replacement.refresh_from_db()
    closed = latest(replacement)
    assert (closed.history_user, closed.history_change_reason) == (planner, "removed")
    assert closed.removed_at is not None
    # Writes are audited in the history only; none of them is an access-log row.
    assert not AccessLog.objects.exists()
    assert Pin.history.filter(history_change_reason__isnull=True).count() == 0


def test_a_status_change_has_user_and_reason_and_no_access_log_row(
    register: None, settings: Any
) -> None:
    settings.REGISTER_AS_OF = "2020-05-04"  # the register's day has reached the change
    user = f.user("planner", Role.IND_PLANNER)
    case = Case.objects.get(reference="TF-0000001")
    change_status(case, "hearing_planned", dt.date(2020, 5, 4), user=user)
    last = latest(case)
    assert (last.history_user, last.history_change_reason) == (user, "status hearing_planned")
    assert not AccessLog.objects.exists()


def test_audited_sets_user_and_reason_for_its_block_only() -> None:
    user = f.user("planner", Role.IND_PLANNER)
    location = Location.objects.create(code="ZW", name="Zwolle")
    with audited(location, user, "renamed"):
        location.name = "Zwolle-Zuid"
        location.save()
    location.name = "Zwolle"
    location.save()  # outside the block: no user, no reason left over from it
    rows = list(location.history.order_by("history_date", "history_id"))
    assert [(r.history_user, r.history_change_reason) for r in rows[1:]] == [
        (user, "renamed"),
        (None, None),
    ]
    assert not hasattr(location, "_history_user") and not hasattr(location, "_change_reason")


def test_audited_records_no_user_for_anonymous_visitors() -> None:
    from django.contrib.auth.models import AnonymousUser

    location = Location.objects.create(code="ZW", name="Zwolle")
    with audited(location, AnonymousUser(), "x" * 150):
        location.save()
    row = latest(location)
    assert row.history_user is None and row.history_change_reason == "x" * 100


@pytest.mark.parametrize("action", ["create", "update", "delete"])
def test_the_access_log_refuses_writes(action: str) -> None:
    with pytest.raises(ValueError, match="reads"):
        record_access(None, action, "case", "TF-0000001")
    assert not AccessLog.objects.exists()


def test_no_code_sets_the_history_attributes_by_hand() -> None:
    # One helper sets them (cases/audit.py); a hand assignment elsewhere bypasses it.
    pattern = re.compile(r"\._(history_user|change_reason)\s*=")
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path != SRC / "cases" / "audit.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_no_code_but_the_run_lifecycle_writes_a_run_status() -> None:
    # runs/services.py is the only place that changes a run's status (plans, forecasts, web).
    pattern = re.compile(r"\.update\([^)]*\bstatus\s*=|\brun\.status\s*=|\bforecast\.status\s*=")
    offenders = [
        str(path.relative_to(SRC))
        for folder in ("plans", "forecasts", "web", "cli")
        for path in (SRC / folder).rglob("*.py")
        if "migrations" not in path.parts and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
