# SPDX-License-Identifier: EUPL-1.2
"""Two API clients write to the same case with the same ETag at the same moment: one wins, the
other gets 412 problem+json with the case's current ETag, and the case holds exactly the
winner's fact.

Each client is a thread with its own Django test client and its own database connection
(closed when the thread ends); both read the case, then wait at a barrier and send their write
with the ETag they read, so their transactions overlap. On PostgreSQL the fact services lock
the case row and raise its version in one conditional UPDATE, so the second writer waits and
then finds the version moved on. The race is run several times, for a legal event and for the
hearing mode.

The SQLite test database is in memory with a shared cache, where a second writer gets "table is
locked" at once instead of waiting for the file lock as the file database of a deployment does;
on SQLite the threads therefore take turns through a lock of their own (as in test_races.py).
The concurrency itself is proven in the PostgreSQL pass of ./dev test.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import threading
from typing import Any

import pytest
from api_helpers import PROBLEM_JSON, call, token_for
from django.db import connection, connections
from django.test import Client

import factories as f
from verkeerstoren.cases.facts import refresh_case_law
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.cases.models import Case, LegalEvent
from verkeerstoren.cases.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 8


def race(token: str, writes: list[tuple[str, str, dict[str, Any], str]]) -> list[Any]:
    """Send each (method, path, body, If-Match) from its own thread, released together."""
    barrier = threading.Barrier(len(writes))
    answers: list[Any] = [None] * len(writes)
    turns: Any = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()

    def one(i: int) -> None:
        method, path, body, if_match = writes[i]
        client = Client()
        try:
            barrier.wait(timeout=30)
            with turns:
                answers[i] = call(client, method, path, token, body, If_Match=if_match)
        except BaseException as exc:  # collected: the test asserts on what happened
            answers[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(writes))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a client hung"
    return answers


def _winner_and_loser(answers: list[Any], version: int) -> int:
    """Index of the one 2xx answer; the other is 412 problem+json naming the new version."""
    codes = [getattr(a, "status_code", a) for a in answers]
    assert sorted(codes) in ([200, 412], [201, 412]), codes
    winner = next(i for i, a in enumerate(answers) if a.status_code < 300)
    loser = answers[1 - winner]
    assert loser["Content-Type"].startswith(PROBLEM_JSON)
    assert json.loads(loser.content)["status"] == 412
    assert answers[winner]["ETag"] == loser["ETag"] == f'"{version + 1}"'
    return winner


@pytest.fixture
def planner_token() -> str:
    return token_for(f.user("planner", Role.IND_PLANNER))


def _case() -> Case:
    case = f.case(received=register_as_of() - dt.timedelta(days=400))
    refresh_case_law(case)
    return case


def test_two_legal_events_on_one_etag_record_only_the_winners(planner_token: str) -> None:
    case = _case()
    path = f"/cases/{case.reference}/legal-events"
    today = register_as_of()
    for round_ in range(ROUNDS):
        version = Case.objects.get(pk=case.pk).version
        read = call(Client(), "GET", f"/cases/{case.reference}", planner_token)
        assert read["ETag"] == f'"{version}"'
        # Two different facts of one day, each valid on its own and neither refused by the
        # other's row (another kind): only the ETag can stop the second.
        day = (today - dt.timedelta(days=ROUNDS - round_)).isoformat()
        bodies = [
            {"kind": "extension", "date": day, "months": 6, "reason": "Medical advice awaited"},
            {"kind": "notice_of_default", "date": day},
        ]
        answers = race(planner_token, [("POST", path, body, read["ETag"]) for body in bodies])
        winner = _winner_and_loser(answers, version)
        events = LegalEvent.objects.filter(case=case, date=day)
        assert [e.kind for e in events] == [bodies[winner]["kind"]]
        assert events.get().history.count() == 1
    # Nothing lost or doubled over all rounds: one event and one version step per round.
    case.refresh_from_db()
    assert case.version == 1 + ROUNDS
    assert LegalEvent.objects.filter(case=case).count() == ROUNDS


def test_two_hearing_modes_on_one_etag_keep_only_the_winners(planner_token: str) -> None:
    case = _case()
    path = f"/cases/{case.reference}"
    before = case.history.count()
    modes = ("oral", "video")
    for _round in range(ROUNDS):
        version = Case.objects.get(pk=case.pk).version
        etag = call(Client(), "GET", path, planner_token)["ETag"]
        answers = race(
            planner_token, [("PATCH", path, {"hearingMode": mode}, etag) for mode in modes]
        )
        winner = _winner_and_loser(answers, version)
        case.refresh_from_db()
        assert case.hearing_mode == modes[winner]
        assert json.loads(answers[winner].content)["hearingMode"] == modes[winner]
        latest = case.history.order_by("-history_id").first()
        assert latest is not None and latest.hearing_mode == modes[winner]
    case.refresh_from_db()
    assert case.version == 1 + ROUNDS
    # One history row per won write: the loser's write left nothing behind.
    assert case.history.count() - before == ROUNDS
