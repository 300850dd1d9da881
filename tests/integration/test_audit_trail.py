# SPDX-License-Identifier: EUPL-1.2
"""The audit trail: what the access log records, that it is append-only, and the auditor's page.

A read of personal data is one access-log row per case, with the Logboek Dataverwerkingen fields
(processing activity, trace id, data subject pseudonym) and who read it (user id and name, roles,
hashed session, client address; the OS user for the CLI). The auditor's page merges these rows
with the register's change history; only the auditor role and superusers may open it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import planning_setup
import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import factories as f
from verkeerstoren.cases.access import record_access
from verkeerstoren.cases.audit import audited
from verkeerstoren.cases.models import AccessLog, AppendOnlyError, Case
from verkeerstoren.cases.roles import Role
from verkeerstoren.plans.models import Pin

pytestmark = pytest.mark.django_db

register = planning_setup.register  # the fixture: the small register (planning_setup.py)
HEX32 = re.compile(r"^[0-9a-f]{32}$")


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def planner(client: Client) -> Client:
    client.force_login(f.user("planner", Role.IND_PLANNER, Role.IND_TEAM_LEAD))
    return client


@pytest.fixture
def auditor() -> Client:
    client = Client()
    client.force_login(f.user("auditor", Role.AUDITOR))
    return client


# --- what a read records ------------------------------------------------------------------------


def test_a_case_page_records_who_from_where_and_the_trace(planner: Client) -> None:
    f.case(reference="A-1", person="ab" * 32)
    response = planner.get("/cases/A-1/", REMOTE_ADDR="192.0.2.7")
    row = AccessLog.objects.get()
    user = User.objects.get(username="planner")
    assert (row.user_id_kept, row.username, row.via) == (user.pk, "planner", "web")
    assert row.role == "ind_planner,ind_team_lead"
    assert (row.activity, row.action, row.object_ref) == ("register.case.read", "read", "A-1")
    assert row.subject == "ab" * 32  # the data subject is the pseudonym ...
    assert "ab" * 32 not in row.detail  # ... and only there
    assert row.ip == "192.0.2.7"
    # The session is a hash of the key, never the key itself.
    key = planner.session.session_key
    assert len(row.session) == 32 and row.session != key and key not in row.session
    # One trace id per request, returned in the response.
    assert HEX32.match(row.trace_id)
    assert response["X-Trace-Id"] == row.trace_id
    assert response["traceparent"].startswith(f"00-{row.trace_id}-")


def test_each_request_has_its_own_trace_and_one_session_hash(planner: Client) -> None:
    f.case(reference="A-1")
    planner.get("/cases/A-1/")
    planner.get("/cases/A-1/")
    first, second = AccessLog.objects.order_by("pk")
    assert first.trace_id != second.trace_id
    assert first.session == second.session != ""


def test_a_list_page_writes_one_row_per_case_in_one_insert(planner: Client) -> None:
    for n in range(100):
        f.case(reference=f"L-{n:03d}", person=f"{n:064x}")
    planner.get("/cases/")  # the session's first request renews it: not part of the count
    last = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first()
    with CaptureQueriesContext(connection) as ctx:
        response = planner.get("/cases/?page=2")
    shown = [c.reference for c in response.context["page"].object_list]
    rows = list(AccessLog.objects.filter(pk__gt=last).order_by("pk"))
    assert [r.object_ref for r in rows] == shown and len(shown) > 0
    assert {r.activity for r in rows} == {"register.case.list"}
    assert len({r.trace_id for r in rows}) == 1  # one page view
    assert rows[0].subject == Case.objects.get(reference=shown[0]).person
    inserts = [q for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
    inserts = [q for q in inserts if AccessLog._meta.db_table in q["sql"]]
    # One bulk insert: SQLite splits it by its 999-parameter limit, PostgreSQL does not.
    per_statement = 999 // len(AccessLog._meta.concrete_fields[1:])
    expected = 1 if connection.vendor != "sqlite" else -(-len(shown) // per_statement)
    assert len(inserts) == expected


def test_pinned_cases_on_the_plan_page_are_logged_per_case(planner: Client, register: None) -> None:
    run = planning_setup.start_and_run()
    assert run.version is not None, run.error
    staff = run.version.assignments.filter(officer__isnull=False).first().officer
    pinned = Case.objects.get(reference="TF-0000001")
    Pin.objects.create(case=pinned, officer=staff, week_start=planning_setup.AS_OF)
    planner.get(f"/planning/versions/{run.version.pk}/")
    row = AccessLog.objects.get(activity="planning.pins")
    assert (row.object_ref, row.subject, row.username) == ("TF-0000001", pinned.person, "planner")


def test_a_cli_export_logs_every_case_with_the_os_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from verkeerstoren.cli import export

    for n in range(3):
        f.case(reference=f"E-{n}")
    monkeypatch.setenv("LOGNAME", "exporter-os")  # getpass.getuser() reads LOGNAME first
    monkeypatch.setattr(export, "setup_django", lambda: None)  # the test database is ready
    assert export.run(argparse.Namespace(out=tmp_path / "out", format="csv")) == 0
    rows = list(AccessLog.objects.order_by("object_ref"))
    assert [r.object_ref for r in rows] == ["E-0", "E-1", "E-2"]
    assert {(r.via, r.os_user, r.activity, r.action) for r in rows} == {
        ("cli", "exporter-os", "register.export", "export")
    }
    assert len({r.trace_id for r in rows}) == 1 and rows[0].user is None


def test_deleting_a_user_keeps_the_id_and_name(planner: Client) -> None:
    f.case(reference="A-1")
    planner.get("/cases/A-1/")
    user = User.objects.get(username="planner")
    pk = user.pk
    user.delete()
    row = AccessLog.objects.get()
    assert row.user is None
    assert (row.user_id_kept, row.username) == (pk, "planner")


# --- append-only --------------------------------------------------------------------------------


def test_the_app_refuses_to_change_or_delete_a_row() -> None:
    row = record_access(None, "read", "case", "A-1")
    row.detail = "changed"
    with pytest.raises(AppendOnlyError):
        row.save()
    with pytest.raises(AppendOnlyError):
        row.delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=row.pk).update(detail="changed")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    with pytest.raises(AppendOnlyError), transaction.atomic():  # bulk_update runs in one
        AccessLog.objects.bulk_update([row], ["detail"])
    assert AccessLog.objects.get().detail == ""


def test_the_admin_shows_the_log_read_only(client: Client) -> None:
    row = record_access(None, "read", "case", "A-1")
    client.force_login(f.user("root", superuser=True))
    assert client.get("/admin/cases/accesslog/").status_code == 200
    assert client.get("/admin/cases/accesslog/add/").status_code == 403
    assert (
        client.post(f"/admin/cases/accesslog/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert AccessLog.objects.filter(pk=row.pk).exists()


def test_postgresql_refuses_raw_update_and_delete() -> None:
    """On PostgreSQL a trigger refuses raw SQL too; on SQLite the migration adds no trigger."""
    from django.db import DatabaseError

    table = AccessLog._meta.db_table
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            assert cursor.fetchall() == []
        return
    user = f.user("gone")
    pk = user.pk
    row = record_access(user, "read", "case", "A-1")
    assert table == "cases_accesslog"  # the table the trigger guards
    for sql in (
        "UPDATE cases_accesslog SET detail = 'x' WHERE id = %s",
        "UPDATE cases_accesslog SET user_id = NULL, username = '' WHERE id = %s",
        "DELETE FROM cases_accesslog WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [row.pk])
    user.delete()  # ON DELETE SET NULL of user_id alone is the one change allowed
    kept = AccessLog.objects.get(pk=row.pk)
    assert (kept.user_id, kept.user_id_kept, kept.username, kept.detail) == (None, pk, "gone", "")


# --- the auditor's page -------------------------------------------------------------------------


def _trail(client: Client, query: str = "") -> list[list[str]]:
    """The table rows of the page as text cells."""
    body = client.get(f"/audit/{query}").content.decode()
    table = body.split('id="trail"', 1)[1].split("</table>", 1)[0] if 'id="trail"' in body else ""
    rows = re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", table, re.S)[1:]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)
        ]
        for r in rows
    ]


@pytest.fixture
def history(planner: Client) -> dict[str, Any]:
    """Reads by two users and one change with a reason, on two cases."""
    a = f.case(reference="A-1", person="aa" * 32)
    f.case(reference="B-1", person="bb" * 32)
    planner.get("/cases/A-1/")
    other = Client()
    other.force_login(f.user("coa", Role.COA_PLANNER))
    other.get("/cases/B-1/")
    a.status = "heard"
    with audited(a, User.objects.get(username="planner"), "hearing held"):
        a.save()
    return {"case": a}


def test_the_page_shows_reads_and_changes_newest_first(auditor: Client, history: Any) -> None:
    rows = _trail(auditor)
    changes = [r for r in rows if "hearing held" in r]
    reads = [r for r in rows if r[4] == "Zaakpagina"]  # the activity, in Dutch by default
    assert len(changes) == 1 and changes[0][1] == "planner" and changes[0][5].startswith("A-1")
    assert changes[0][3] == "gewijzigd"
    assert [r[1] for r in reads] == ["coa", "planner"]  # newest first
    # The page names no pseudonym.
    page = auditor.get("/audit/").content.decode()
    assert "aa" * 32 not in page and "bb" * 32 not in page


def test_the_filters(auditor: Client, history: Any) -> None:
    assert {r[1] for r in _trail(auditor, "?user=coa")} == {"coa"}
    assert {r[5][:3] for r in _trail(auditor, "?case=A-1")} == {"A-1"}
    assert [r[6] for r in _trail(auditor, "?action=changed")] == ["hearing held"]
    only_reads = _trail(auditor, "?activity=register.case.read")
    assert len(only_reads) == 2 and all("hearing held" not in r for r in only_reads)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert _trail(auditor, f"?date_from={tomorrow.isoformat()}") == []
    # Two reads, two cases created and one changed.
    assert len(_trail(auditor, f"?date_to={tomorrow.isoformat()}")) == 5


def test_the_filter_refuses_a_v_number_without_echo(auditor: Client, history: Any) -> None:
    body = auditor.get("/audit/?case=1234567890").content.decode()
    assert "1234567890" not in body and "utrecht-form-field--invalid" in body


def test_the_csv_export_has_the_filtered_rows_and_is_logged(auditor: Client, history: Any) -> None:
    response = auditor.get("/audit/export.csv?user=coa")
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["username"], r["case"], r["activity"]) for r in lines] == [
        ("coa", "B-1", "register.case.read")
    ]
    assert lines[0]["subject"] == "bb" * 32  # for subject-access requests
    logged = AccessLog.objects.get(activity="audit.export")
    assert (logged.username, logged.action, logged.detail) == ("auditor", "export", "user=coa")


@pytest.mark.parametrize(
    "roles",
    [(Role.IND_PLANNER,), (Role.IND_TEAM_LEAD,), (Role.IND_MANAGEMENT,), (Role.COA_PLANNER,),
     (Role.DTV_PLANNER,), (Role.POLICE,), (Role.LEGAL_AID,), ()],
)  # fmt: skip
def test_every_other_role_gets_403(client: Client, roles: tuple[Role, ...]) -> None:
    client.force_login(f.user("someone", *roles))
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403
    assert 'href="/audit/"' not in client.get("/").content.decode()
    assert not AccessLog.objects.filter(activity="audit.export").exists()


def test_the_auditor_and_superusers_see_the_menu_link(auditor: Client, client: Client) -> None:
    assert 'href="/audit/"' in auditor.get("/").content.decode()
    client.force_login(f.user("root", superuser=True))
    assert client.get("/audit/").status_code == 200
