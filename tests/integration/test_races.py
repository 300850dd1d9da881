# SPDX-License-Identifier: EUPL-1.2
"""Races settled by the database: publishing and pinning from many clients at the same moment.

Each thread has its own database connection (closed when the thread ends) and all of them wait
at a barrier, so their transactions overlap. On PostgreSQL the publish service locks the
stream's versions and the partial unique indexes refuse a second published version or a second
active pin; on SQLite the IMMEDIATE transactions take turns. Either way: at most one published
version per stream and one active pin per case, and every client gets a result or a clear
conflict, never another exception (or an HTTP 500).

The SQLite test database is in memory with a shared cache, where a second writer gets "table is
locked" at once instead of waiting for the file lock as the file database of a deployment does;
on SQLite the threads therefore take turns through a lock of their own, as the IMMEDIATE
transactions make them do on a file. The concurrency itself is proven on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import planning_setup
import pytest
from django.db import IntegrityError, connection, connections, transaction
from django.test import Client
from planning_setup import AS_OF, HORIZON, login, start_and_run

import factories as f
from verkeerstoren.cases.models import Case
from verkeerstoren.cases.roles import Role
from verkeerstoren.plans import services
from verkeerstoren.plans.models import Pin, PlanRun, PlanVersion

register = planning_setup.register  # the fixture: the small register (planning_setup.py)
pytestmark = pytest.mark.django_db(transaction=True)

TRIALS = 20
PUBLISHERS = 4


def at_once(n: int, work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(i)`` in n threads released together; each one's return value or exception."""
    barrier = threading.Barrier(n)
    outcomes: list[Any] = [None] * n
    turns: Any = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()

    def one(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            with turns:
                outcomes[i] = work(i)
        except BaseException as exc:  # collected: the test asserts on what happened
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    return outcomes


def draft(stream: str = "taskforce") -> PlanVersion:
    """A draft version without assignments (the race is about its status only)."""
    run = PlanRun.objects.create(
        as_of=AS_OF, horizon_weeks=4, stream=stream, time_limit=1.0, status="done"
    )
    figures = dict.fromkeys(
        [
            "cost",
            "lower_bound",
            "gap_pct",
            "seconds",
            "fifo_cost",
            "edf_cost",
            "expected_penalty_eur",
            "late_days",
            "fifo_penalty_eur",
            "fifo_late_days",
            "edf_penalty_eur",
            "edf_late_days",
        ],
        1.0,
    )
    return PlanVersion.objects.create(
        run=run,
        as_of=AS_OF,
        horizon_weeks=4,
        stream=stream,
        solver_status="feasible",
        case_count=0,
        planned_count=0,
        staff_count=0,
        **figures,
    )


def published(stream: str = "taskforce") -> list[int]:
    return list(
        PlanVersion.objects.filter(stream=stream, status="published").values_list("pk", flat=True)
    )


def test_drafts_published_at_once_leave_exactly_one_published_version_every_time() -> None:
    user = f.user("planner", Role.IND_PLANNER)
    other_stream = draft("regular")
    services.publish(other_stream, user)
    for trial in range(TRIALS):
        drafts = [draft() for _ in range(PUBLISHERS)]
        outcomes = at_once(PUBLISHERS, lambda i, d=drafts: services.publish(d[i], user))
        wins = [o for o in outcomes if isinstance(o, PlanVersion)]
        conflicts = [o for o in outcomes if isinstance(o, services.PublishConflict)]
        assert len(wins) + len(conflicts) == PUBLISHERS, (trial, outcomes)
        assert wins, (trial, outcomes)
        now = published()
        assert len(now) == 1, (trial, now)
        # The one published is one that its publisher was told was published (the last of the
        # winners to commit); every other winner was superseded by a later one.
        assert now[0] in {w.pk for w in wins}
        statuses = dict(
            PlanVersion.objects.filter(pk__in=[d.pk for d in drafts]).values_list("pk", "status")
        )
        for w in wins:
            assert statuses[w.pk] in {"published", "superseded"}
        for d in drafts:
            if d.pk not in {w.pk for w in wins}:
                assert statuses[d.pk] == "draft"  # a refused publish changed nothing
    # The other stream's published version is never touched.
    assert published("regular") == [other_stream.pk]


def test_the_database_refuses_a_second_published_version_of_a_stream() -> None:
    first, second = draft(), draft()
    PlanVersion.objects.filter(pk=first.pk).update(status="published")
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanVersion.objects.filter(pk=second.pk).update(status="published")
    # Other streams, and superseded versions, are not limited.
    PlanVersion.objects.filter(pk=draft("regular").pk).update(status="published")
    PlanVersion.objects.filter(pk=second.pk).update(status="superseded")
    assert published() == [first.pk]


def test_a_publish_the_database_refuses_becomes_a_conflict_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Played: another publish committed after this one looked for the published version (what
    # the row lock prevents); the unique index still refuses, and the planner reads why.
    earlier, mine = draft(), draft()
    PlanVersion.objects.filter(pk=earlier.pk).update(status="published")
    monkeypatch.setattr(services, "_supersede_published", lambda version, user: None)
    with pytest.raises(services.PublishConflict) as exc:
        services.publish(mine, None)
    assert "Op hetzelfde moment" in exc.value.message  # Dutch by default
    mine.refresh_from_db()
    assert mine.status == "draft" and mine.published_at is None
    assert published() == [earlier.pk]


def test_a_publish_conflict_on_the_web_answers_409_with_the_message(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    login(client, Role.IND_PLANNER)
    earlier, mine = draft(), draft()
    PlanVersion.objects.filter(pk=earlier.pk).update(status="published")
    monkeypatch.setattr(services, "_supersede_published", lambda version, user: None)
    response = client.post(f"/planning/versions/{mine.pk}/publish/")
    assert response.status_code == 409
    # Dutch by default.
    assert "Op hetzelfde moment is een andere versie" in response.content.decode()
    assert published() == [earlier.pk]


def _pin(version: PlanVersion) -> Callable[[int], Any]:
    return lambda i: services.add_pin(None, version, "RG-0000005", "S003", 3)


def test_two_planners_pinning_one_case_at_once_leave_one_active_pin(register: None) -> None:
    version = start_and_run().version
    case = Case.objects.get(reference="RG-0000005")
    for trial in range(5):
        outcomes = at_once(2, _pin(version))
        pins = [o for o in outcomes if isinstance(o, Pin)]
        conflicts = [o for o in outcomes if isinstance(o, services.PinConflict)]
        assert len(pins) + len(conflicts) == 2, (trial, outcomes)
        assert pins, (trial, outcomes)
        active = list(Pin.objects.filter(case=case, removed_at__isnull=True))
        assert len(active) == 1, trial
        assert active[0].pk in {p.pk for p in pins}
        for c in conflicts:
            assert c.field == "case" and "intussen door iemand anders" in c.message


def test_a_pin_the_database_refuses_is_a_conflict_on_the_case_field(
    register: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = start_and_run().version
    first = services.add_pin(None, version, "RG-0000005", "S003", 3)
    # Played: the other pin was made after this one looked for active pins of the case.
    monkeypatch.setattr(services, "_close_active_pins", lambda case, user: None)
    with pytest.raises(services.PinConflict) as exc:
        services.add_pin(None, version, "RG-0000005", "S003", 4)
    assert exc.value.field == "case"
    assert list(Pin.objects.filter(removed_at__isnull=True)) == [first]


def test_a_pin_conflict_on_the_web_answers_409_with_the_form_and_message(
    client: Client, register: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    login(client, Role.IND_PLANNER)
    version = start_and_run().version
    first = services.add_pin(None, version, "RG-0000005", "S003", 3)
    monkeypatch.setattr(services, "_close_active_pins", lambda case, user: None)
    data = {"case": "RG-0000005", "officer": "S003", "week": "4"}
    response = client.post(f"/planning/versions/{version.pk}/pins/", data)
    assert response.status_code == 409
    page = response.content.decode()
    assert "intussen door iemand anders vastgezet" in page
    assert 'name="case"' in page and 'value="RG-0000005"' in page  # the form, as entered
    assert list(Pin.objects.filter(removed_at__isnull=True)) == [first]


def test_concurrent_pin_posts_on_the_web_never_answer_500(register: None) -> None:
    version = start_and_run().version
    users = [f.user(f"planner{i}", Role.IND_PLANNER) for i in range(2)]
    week = HORIZON // 2 - 1  # week 3

    def post(i: int) -> int:
        client = Client()
        client.force_login(users[i])
        data = {"case": "RG-0000005", "officer": "S003", "week": str(week)}
        return client.post(f"/planning/versions/{version.pk}/pins/", data).status_code

    for trial in range(5):
        codes = at_once(2, post)
        assert all(code in (302, 409) for code in codes), (trial, codes)
        assert 302 in codes, (trial, codes)
        assert Pin.objects.filter(removed_at__isnull=True).count() == 1
