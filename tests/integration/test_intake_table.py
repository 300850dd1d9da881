# SPDX-License-Identifier: EUPL-1.2
"""The intake table in the register: proposals under the register's capacity, routes and
reception decisions as facts, rule versions, and the route reaching the planner."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import factories as f
from verkeerstoren.cases import models as m
from verkeerstoren.cases.facts import (
    Application,
    FactError,
    StaleError,
    complete_dossier_item,
    register_application,
)
from verkeerstoren.cases.roles import Role
from verkeerstoren.intake.rules import DEFAULT_FILE
from verkeerstoren.intaketable.capacity import register_capacity
from verkeerstoren.intaketable.models import IntakeDecision, ReceptionCapacity, RuleFile
from verkeerstoren.intaketable.proposals import active_rules, day_rows
from verkeerstoren.intaketable.services import confirm_reception, decide_route, upload_rules
from verkeerstoren.plans.register_instance import InstanceParameters, build_cases

pytestmark = pytest.mark.django_db
DAY = dt.date(2020, 4, 6)  # a Monday


@pytest.fixture(autouse=True)
def _day(settings: Any) -> None:
    settings.REGISTER_AS_OF = DAY.isoformat()


@pytest.fixture
def register() -> None:
    ta, zw = f.location("TA", "Ter Apel"), f.location("ZW", "Zevenaar")
    # One generalist hearing officer at Ter Apel (36 h: 36 x 0.4 // 6 = 2 hearings a week), one
    # LGBTI specialist at Zevenaar.
    f.StaffFactory(code="GEN", location=ta, team=f.TeamFactory(location=ta), can_hear=True)
    spec = f.StaffFactory(code="SPEC", location=zw, team=f.TeamFactory(location=zw), can_hear=True)
    m.StaffCompetency.objects.create(staff=spec, competency="lgbti", level="senior")
    m.Interpreter.objects.create(code="I1", languages="ar", mode="on_site", gender="f")
    ReceptionCapacity.objects.create(location=ta, places=10)
    ReceptionCapacity.objects.create(location=zw, places=10)


def applicant(v: str, **kw: Any) -> m.Case:
    values: dict[str, Any] = {
        "v_number": v, "nationality": "SYR", "language": "ar", "received": dt.date(2020, 4, 3),
        "location": "TA", "birth_date": dt.date(1990, 1, 1),
    }  # fmt: skip
    values.update(kw)
    return register_application(Application(**values))


def test_the_register_capacity(register: None) -> None:
    cap = register_capacity(DAY)
    assert cap.start == DAY and cap.weeks == 8
    assert {o.id: (o.location, o.free[0]) for o in cap.officers} == {
        "GEN": ("TA", 2),
        "SPEC": ("ZW", 2),
    }
    assert cap.interpreters["ar"][0] == 8
    assert cap.reception == {"TA": 10, "ZW": 10}


def test_the_day_table_proposes_under_capacity(register: None) -> None:
    a = applicant("1000000001", nationality="MAR")  # safe country: track 2
    b = applicant("1000000002", features=["lgbti"])  # only Zevenaar has the competence
    c = applicant("1000000003")
    d = applicant("1000000004")  # Ter Apel's two hearings in week 1 are taken by a and c
    rows, version = day_rows(DAY)
    assert version.startswith("default")
    by = {r.case.reference: r for r in rows}
    assert (by[a.reference].proposal.track, by[a.reference].placement.location) == (2, "TA")
    assert by[b.reference].proposal.competences == ("lgbti",)
    assert by[b.reference].placement.location == "ZW"
    # Received Friday 3 April: registration and rest end on Sunday 12 April, so week 1 (13 April).
    weeks = {ref: r.placement.first_day for ref, r in by.items()}
    assert weeks[a.reference] == weeks[c.reference] == dt.date(2020, 4, 13)
    # d: Ter Apel is full in week 1, Zevenaar's specialist has one hearing left that week.
    assert (by[d.reference].placement.location, weeks[d.reference]) == ("ZW", dt.date(2020, 4, 13))


def test_confirming_routes_the_case_and_reaches_the_planner(register: None) -> None:
    case = applicant("1000000005", eurodac_hit=True, features=["lgbti"])
    chair = f.user("chair", Role.IND_PLANNER)
    (row,) = day_rows(DAY)[0]
    proposal = row.proposal_json("default")
    decision = decide_route(case, proposal, user=chair, expected_version=case.version)
    case.refresh_from_db()
    assert (case.track, case.procedure, case.location.code) == ("1", "AA", "ZW")
    assert (decision.overridden, decision.decided_by) == (False, chair)
    assert decision.proposal["rules"] == "default"
    assert case.intake.earliest_week == dt.date(2020, 4, 13)
    assert "lgbti" in case.feature_codes()
    assert case.dossier_items.filter(kind="dublin_claim").exists()
    assert IntakeDecision.history.get().history_user == chair
    # The planner: no option before the earliest week (week 1 of a plan as of 6 April), once
    # the dossier is complete (open items hold a case back on their own).
    for kind in case.dossier_items.values_list("kind", flat=True):
        complete_dossier_item(case, kind, DAY)
    data = build_cases(m.Case.objects.filter(pk=case.pk), DAY, 4, InstanceParameters())
    assert data.cases[0].ready_week == 1
    assert "lgbti" in data.cases[0].competencies
    # The case has left the table of the next day.
    assert day_rows(DAY + dt.timedelta(days=1))[0] == []


def test_an_override_needs_a_reason_and_is_recorded_against_the_proposal(register: None) -> None:
    case = applicant("1000000006")
    (row,) = day_rows(DAY)[0]
    proposal = row.proposal_json("default")
    with pytest.raises(FactError) as refused:
        decide_route(case, proposal, route={"procedure": "extended"})
    assert "reason" in refused.value.fields
    with pytest.raises(FactError) as bad:
        decide_route(case, proposal, route={"track": "3", "location": "XX"}, reason="x")
    assert {"track", "location"} <= set(bad.value.fields)
    assert not IntakeDecision.objects.exists()
    decided = decide_route(case, proposal, route={"procedure": "extended"}, reason="trauma")
    assert (decided.overridden, decided.procedure, decided.proposal["procedure"]) == (
        True,
        "VA",
        "general",
    )
    with pytest.raises(StaleError):
        decide_route(case, proposal, reason="again", expected_version=1)


def test_coa_confirms_the_routed_location_only(register: None) -> None:
    case = applicant("1000000007")
    (row,) = day_rows(DAY)[0]
    decide_route(case, row.proposal_json("default"))
    with pytest.raises(FactError) as elsewhere:
        confirm_reception(case, location="ZW", transport="coa")
    assert "location" in elsewhere.value.fields
    with pytest.raises(FactError) as bad:
        confirm_reception(case, location="TA", transport="rocket")
    assert "transport" in bad.value.fields
    coa = f.user("coa", Role.COA_PLANNER)
    done = confirm_reception(case, location="TA", transport="coa", user=coa)
    assert (done.location.code, done.transport, done.confirmed_by) == ("TA", "coa", coa)


def test_a_new_rule_version_is_checked_then_used() -> None:
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    with pytest.raises(FactError) as broken:
        upload_rules(text.replace('hit = "FIRST"', 'hit = "SOME"', 1), "typo", user=None)
    assert "text" in broken.value.fields and "hit policy" in broken.value.fields["text"][0]
    with pytest.raises(FactError) as no_note:
        upload_rules(text, " ")
    assert "note" in no_note.value.fields
    assert not RuleFile.objects.exists()
    admin = f.user("admin", superuser=True)
    upload_rules(
        text.replace('version = "2026.1"', 'version = "2026.2"'), "UKR off the list", user=admin
    )
    _rules, version = active_rules()
    assert version == "2026.2"
    assert RuleFile.history.get().history_user == admin
