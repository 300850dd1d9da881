# SPDX-License-Identifier: EUPL-1.2
"""Reading cases through the API: each role sees what it sees in the web app, pages are
bounded, filters and sorts are validated, and every case shown is an access-log row via api."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from api_helpers import call, invalid_names, problem, token_for
from django.test import Client

import factories as f
from verkeerstoren.cases.facts import record_legal_event
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.cases.models import AccessLog, Case
from verkeerstoren.cases.roles import Role

pytestmark = pytest.mark.django_db


def _overdue_case(**kwargs: object) -> Case:
    case = f.case(received=dt.date(2024, 1, 2), features=["lgbti"], **kwargs)
    record_legal_event(case, "notice_of_default", dt.date(2025, 1, 10))
    return case


def test_coa_never_receives_features_law_or_dossier(client: Client) -> None:
    case = _overdue_case()
    token = token_for(f.user("coa", Role.COA_PLANNER))
    detail = json.loads(call(client, "GET", f"/cases/{case.reference}", token).content)
    assert detail["reference"] == case.reference
    assert "features" not in detail and "law" not in detail
    assert b"lgbti" not in call(client, "GET", f"/cases/{case.reference}", token).content
    listed = json.loads(call(client, "GET", "/cases", token).content)["results"]
    assert listed and not {"deadline", "overdueDays", "exposureEur"} & set(listed[0])
    for part in ("legal-events", "dossier-items"):
        problem(call(client, "GET", f"/cases/{case.reference}/{part}", token), 403)
    # Filtering or sorting on what the role may not see would reveal it: refused by name.
    assert invalid_names(problem(call(client, "GET", "/cases?overdue=true", token), 400)) == {
        "overdue"
    }
    assert invalid_names(problem(call(client, "GET", "/cases?sort=-deadline", token), 400)) == {
        "sort"
    }


def test_dtv_sees_the_law_but_no_features(client: Client) -> None:
    case = _overdue_case()
    token = token_for(f.user("dtv", Role.DTV_PLANNER))
    detail = json.loads(call(client, "GET", f"/cases/{case.reference}", token).content)
    assert "features" not in detail
    assert detail["law"]["firstPenaltyDay"] == "2025-01-24"
    problem(call(client, "GET", f"/cases/{case.reference}/dossier-items", token), 403)
    assert call(client, "GET", f"/cases/{case.reference}/legal-events", token).status_code == 200


def test_planner_sees_features_and_law_figures(client: Client) -> None:
    case = _overdue_case()
    token = token_for(f.user("planner", Role.IND_PLANNER))
    response = call(client, "GET", f"/cases/{case.reference}", token)
    detail = json.loads(response.content)
    assert detail["features"] == ["lgbti"]
    law = detail["law"]
    assert law["deadline"] == "2024-07-02" and law["overdueDays"] > 0
    assert law["asOf"] == register_as_of().isoformat()
    assert response["ETag"] == f'"{detail["version"]}"'
    listed = json.loads(call(client, "GET", "/cases?overdue=true&sort=-deadline", token).content)
    assert [c["reference"] for c in listed["results"]] == [case.reference]
    assert listed["results"][0]["overdueDays"] == law["overdueDays"]


def test_reads_are_logged_per_case_via_api(client: Client) -> None:
    cases = [f.case() for _ in range(3)]
    user = f.user("planner", Role.IND_PLANNER)
    token = token_for(user)
    call(client, "GET", "/cases?pageSize=2", token)
    rows = list(AccessLog.objects.filter(activity="api.case.list"))
    assert len(rows) == 2
    assert {r.object_ref for r in rows} == {cases[0].reference, cases[1].reference}
    assert all(r.via == "api" and r.user == user and r.action == "list" for r in rows)
    assert all(r.session and r.trace_id for r in rows)
    assert len({r.trace_id for r in rows}) == 1  # one request
    call(client, "GET", f"/cases/{cases[2].reference}", token)
    read = AccessLog.objects.get(activity="api.case.read")
    assert read.object_ref == cases[2].reference and read.subject == cases[2].person
    assert read.via == "api"
    call(client, "GET", f"/cases/{cases[2].reference}/legal-events", token)
    assert AccessLog.objects.filter(activity="api.case.legal_events", via="api").count() == 1
    # A refused read logs nothing.
    police = token_for(f.user("agent", Role.POLICE))
    call(client, "GET", f"/cases/{cases[0].reference}", police)
    assert AccessLog.objects.count() == 4


def test_pages_are_bounded_and_linked(client: Client) -> None:
    for _ in range(25):
        f.case()
    token = token_for(f.user("planner", Role.IND_PLANNER))
    first = json.loads(call(client, "GET", "/cases?pageSize=10&sort=reference", token).content)
    assert first["count"] == 25 and first["page"] == 1 and first["pageSize"] == 10
    assert len(first["results"]) == 10 and first["previous"] is None
    assert "page=2" in first["next"] and "pageSize=10" in first["next"]
    last = json.loads(call(client, "GET", "/cases?pageSize=10&page=3", token).content)
    assert len(last["results"]) == 5 and last["next"] is None
    default = json.loads(call(client, "GET", "/cases", token).content)
    assert default["pageSize"] == 20
    problem(call(client, "GET", "/cases?pageSize=10&page=4", token), 404)
    for bad in ("page=0", "page=-1", "page=x", "pageSize=0", "pageSize=1000", "page=%D9%A1"):
        problem(call(client, "GET", f"/cases?{bad}", token), 400)


def test_filters_and_sort(client: Client) -> None:
    old = f.case(received=dt.date(2024, 1, 5), status="heard", stream="taskforce")
    new = f.case(received=dt.date(2024, 3, 5), status="registered", kind="repeat")
    token = token_for(f.user("planner", Role.IND_PLANNER))

    def refs(query: str) -> list[str]:
        response = call(client, "GET", f"/cases?{query}", token)
        assert response.status_code == 200, response.content
        return [c["reference"] for c in json.loads(response.content)["results"]]

    assert refs("status=heard") == [old.reference]
    assert refs("stream=taskforce") == [old.reference]
    assert refs("kind=repeat") == [new.reference]
    assert refs("location=TA&track=4") == [old.reference, new.reference]
    assert refs("sort=-received") == [new.reference, old.reference]
    assert refs("location=ZZ") == []
    for bad in ("status=flying", "kind=x", "sort=colour", "overdue=maybe", "track=3"):
        name = bad.split("=")[0]
        assert invalid_names(problem(call(client, "GET", f"/cases?{bad}", token), 400)) == {name}
