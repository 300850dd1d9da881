# SPDX-License-Identifier: EUPL-1.2
"""The report pages, versions and the schedule against a real database (SQLite, PostgreSQL).

The register is the weekly report's (reports_setup.py); tasks run inline (the immediate
backend), so "make now" leaves a finished version with its six files.
"""

from __future__ import annotations

import io
import re
import subprocess
from typing import Any

import openpyxl
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from reports_setup import weekly_register

import factories as f
from verkeerstoren.cases.models import Case
from verkeerstoren.cases.roles import Role
from verkeerstoren.reports.build import compute, request
from verkeerstoren.reports.models import ReportFile, ReportVersion

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
READERS = [Role.IND_MANAGEMENT, Role.IND_TEAM_LEAD, Role.IND_PLANNER]
OTHERS = [Role.COA_PLANNER, Role.DTV_PLANNER, Role.POLICE, Role.LEGAL_AID, Role.AUDITOR]


@pytest.fixture(autouse=True)
def register(settings: Any) -> dict[str, Any]:
    settings.REGISTER_AS_OF = "2020-04-20"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return weekly_register()


def login(client: Client, *roles: Role) -> Client:
    client.force_login(f.user("u", *roles))
    return client


def make(client: Client, **data: str) -> Any:
    with override_settings(TASKS=IMMEDIATE):
        return client.post("/reports/new/", {"kind": "weekly", "period": "2020-W15", **data})


@pytest.mark.parametrize("role", READERS)
def test_management_team_leads_and_planners_read_reports(client: Client, role: Role) -> None:
    login(client, role)
    assert client.get("/reports/").status_code == 200
    assert 'href="/reports/"' in client.get("/").content.decode()


@pytest.mark.parametrize("role", OTHERS)
def test_other_roles_get_403_and_no_menu_link(client: Client, role: Role) -> None:
    login(client, role)
    version = ReportVersion.objects.create(
        kind="weekly", period="2020-W15", period_start="2020-04-06", period_end="2020-04-12",
        as_of="2020-04-12",
    )  # fmt: skip
    for url in (
        "/reports/",
        f"/reports/{version.pk}/",
        f"/reports/{version.pk}/status/",
        f"/reports/{version.pk}/download/pdf/",
    ):
        assert client.get(url).status_code == 403, url
    assert make(client).status_code == 403
    assert ReportVersion.objects.count() == 1
    assert 'href="/reports/"' not in client.get("/").content.decode()


def test_reports_need_a_login(client: Client) -> None:
    response = client.get("/reports/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_make_now_needs_the_csrf_token() -> None:
    browser = login(Client(enforce_csrf_checks=True), Role.IND_MANAGEMENT)
    assert make(browser).status_code == 403
    assert not ReportVersion.objects.exists()


def test_make_now_stores_a_version_with_its_inputs_and_six_files(
    client: Client, register: dict[str, Any]
) -> None:
    login(client, Role.IND_MANAGEMENT)
    response = make(client)
    version = ReportVersion.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{version.pk}/"
    assert (version.status, version.progress, version.as_of.isoformat()) == (
        "done",
        100,
        "2020-04-12",
    )
    assert version.created_by is not None and version.created_by.username == "u"
    inputs = version.inputs or {}
    assert inputs["plan_versions"] == [register["version"].pk]
    assert inputs["forecast_run"] == register["forecast"].pk
    assert (inputs["regime"], inputs["register_day"]) == ("awb", "2020-04-20")
    assert inputs["register_stamp"] and inputs["law_version"]
    # The stored figures are the report made again from the same facts.
    assert version.figures == compute(request("weekly", "2020-W15")).to_json()
    files = {(fl.format, fl.language) for fl in ReportFile.objects.filter(version=version)}
    assert files == {(fmt, lang) for fmt in ("html", "pdf", "xlsx") for lang in ("nl", "en")}

    page = client.get(f"/reports/{version.pk}/").content.decode()
    assert "Wekelijkse managementrapportage, week 15 van 2020" in page
    assert 'data-vega-spec="chart-teams-spec"' in page and 'id="teams-table"' in page
    english = client.get(f"/reports/{version.pk}/?lang=en").content.decode()
    assert '<div lang="en" class="vt-report">' in english
    assert "Weekly management report, week 15 of 2020" in english

    pdf = client.get(f"/reports/{version.pk}/download/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert 'filename="verkeerstoren-weekly-2020-W15-nl.pdf"' in pdf["Content-Disposition"]
    xlsx = client.get(f"/reports/{version.pk}/download/xlsx/?lang=en")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content), data_only=True)
    assert book.worksheets[0]["A1"].value == "Weekly management report, week 15 of 2020"
    html = client.get(f"/reports/{version.pk}/download/html/").content.decode()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert client.get(f"/reports/{version.pk}/download/doc/").status_code == 404
    assert client.get(f"/reports/{version.pk}/download/pdf/?lang=fr").status_code == 200  # nl


def test_reports_name_no_case(client: Client, tmp_path: Any) -> None:
    """Aggregates only: no case reference or person pseudonym in any file."""
    login(client, Role.IND_PLANNER)
    make(client)
    version = ReportVersion.objects.get()
    secrets = [x for pair in Case.objects.values_list("reference", "person") for x in pair]
    for stored in ReportFile.objects.filter(version=version):
        content = bytes(stored.content)
        if stored.format == "pdf":
            (tmp_path / "r.pdf").write_bytes(content)
            text = subprocess.run(
                ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, check=True
            ).stdout.decode()
        elif stored.format == "xlsx":
            book = openpyxl.load_workbook(io.BytesIO(content))
            text = " ".join(
                str(c)
                for s in book.worksheets
                for row in s.iter_rows(values_only=True)
                for c in row
            )
        else:
            text = content.decode()
        text = " ".join(text.split())  # a table cell may wrap
        assert "Team Ter Apel" in text, stored.format  # the text was read at all
        for secret in secrets:
            assert secret not in text, (stored.format, secret)
    assert all(s not in str(version.figures) for s in secrets)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"kind": "quarterly", "period": "2020Q5"}, "period", "2020Q5 is not a quarter"),
        ({"period": "2020-W30"}, "period", "2020-W30 starts after the register"),
        ({"period": "2020-W15", "as_of": "2020-04-30"}, "as_of", "30-4-2020 lies after"),
        ({"period": "2020-W15", "as_of": "2020-13-01"}, "as_of", "yyyy-mm-dd"),
        ({"kind": "yearly"}, "kind", "yearly"),
    ],
)
def test_bad_input_is_shown_at_the_field_and_queues_nothing(
    client: Client, data: dict[str, str], field: str, message: str
) -> None:
    login(client, Role.IND_TEAM_LEAD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = make(client, **data)
    assert response.status_code == 400
    page = response.content.decode()
    error = re.search(rf'id="id_{field}_error">(.*?)</div>', page, re.S)
    assert error and message in error.group(1), page[:200]
    assert not ReportVersion.objects.exists()


def test_the_as_of_switch_proposes_the_week_of_the_day(client: Client) -> None:
    login(client, Role.IND_MANAGEMENT)
    page = client.get("/reports/?asOf=2020-04-08").content.decode()
    assert 'id="as-of-banner"' in page
    assert 'name="period" value="2020-W15"' in page
    assert 'name="as_of" value="2020-04-08"' in page
    plain = client.get("/reports/").content.decode()
    assert 'id="as-of-banner"' not in plain
    assert 'name="period" value="2020-W16"' in plain  # the last week ended before 20 April


def test_an_earlier_day_is_marked_on_the_version(client: Client) -> None:
    login(client, Role.IND_MANAGEMENT)
    make(client, as_of="2020-04-08")
    version = ReportVersion.objects.get()
    assert (version.as_of.isoformat(), version.complete) == ("2020-04-08", False)
    page = client.get(f"/reports/{version.pk}/").content.decode()
    assert 'id="as-of-banner"' in page and "8-4-2020" in page


def test_the_schedule_makes_each_due_report_once() -> None:
    with override_settings(TASKS=IMMEDIATE):
        out = io.StringIO()
        call_command("report_schedule", "--today", "2020-04-20", stdout=out)
        first = out.getvalue()
        out = io.StringIO()
        call_command("report_schedule", "--today", "2020-04-20", stdout=out)
        again = out.getvalue()
    # Monday 20 April: the week before (W16), March, and the first quarter.
    made = {(v.kind, v.period, v.status) for v in ReportVersion.objects.all()}
    assert made == {
        ("weekly", "2020-W16", "done"),
        ("trends", "2020-03", "done"),
        ("quarterly", "2020Q1", "done"),
    }
    assert all(v.scheduled and v.created_by is None for v in ReportVersion.objects.all())
    assert first.count("queued") == 3 and again.count("already there") == 3
    assert ReportVersion.objects.count() == 3


def test_the_version_page_polls_until_done(client: Client) -> None:
    login(client, Role.IND_PLANNER)
    version = ReportVersion.objects.create(
        kind="weekly", period="2020-W15", period_start="2020-04-06", period_end="2020-04-12",
        as_of="2020-04-12", progress=40, status="running",
    )  # fmt: skip
    page = client.get(f"/reports/{version.pk}/status/").content.decode()
    assert 'hx-trigger="every 1s"' in page and 'value="40"' in page
    ReportVersion.objects.filter(pk=version.pk).update(status="failed", error="boom")
    page = client.get(f"/reports/{version.pk}/status/").content.decode()
    assert "hx-trigger" not in page and 'id="report-retry"' in page
