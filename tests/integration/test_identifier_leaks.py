# SPDX-License-Identifier: EUPL-1.2
"""Identifier leaks: V-numbers typed anywhere never come back in pages, logs, AccessLog or exports.

Each input form of a V-number (bare, with V, grouped by spaces, dashes or dots) goes into every
place a user can type text: the case search, a case address, the forecast run's name and a pin.
Afterwards the pages, the captured logs, the access log and an export are scanned for it.
"""

from __future__ import annotations

import io
import json
import logging  # noqa: TID251  # taps the root handler that every log line goes through
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from verkeerstoren.cases import models as m
from verkeerstoren.cases.exporting import export_register
from verkeerstoren.cases.importing import import_path
from verkeerstoren.cases.roles import Role, ensure_roles

SMALL = Path(__file__).parent / "data" / "small"
DIGITS = "5292277122"
TYPED = [DIGITS, "V" + DIGITS, "5292 277 122", "5292-277-122", "5292.277.122", "v 5292277122"]
SCENARIO = Path(__file__).parents[2] / "scenarios" / "tf2020.json"

pytestmark = pytest.mark.django_db


# Every spelling of the number that would give it away (URL and HTML encodings included).
GIVEAWAYS = [*TYPED, "5292%20277", "5292+277+122", "V5292"]


def _planner() -> Client:
    ensure_roles()
    user = User.objects.create_user("leak-planner", password="lang-en-sterk-wachtwoord-7")
    user.groups.add(Group.objects.get(name=Role.IND_PLANNER.value))
    client = Client()
    client.force_login(user)
    return client


def test_no_typed_v_number_reaches_a_page_a_log_the_access_log_or_an_export(
    tmp_path: Path,
) -> None:
    import_path(SMALL)
    client = _planner()
    pages: list[str] = []
    # A second handler with the formatter of the configured one: it gets what the log gets.
    root = logging.getLogger()  # noqa: TID251
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.setFormatter(root.handlers[0].formatter)
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.DEBUG)
    try:
        for typed in TYPED:
            for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
                response = client.get("/cases/", {"reference": typed, "status": ""}, **headers)
                assert response.status_code == 200
                pages.append(response.content.decode())
                if headers:
                    assert DIGITS[:4] not in response.get("HX-Replace-Url", "")
            response = client.get(f"/cases/{typed.replace(' ', '%20')}/")
            assert response.status_code == 404
            pages.append(response.content.decode())
            scenario = json.loads(SCENARIO.read_text())
            response = client.post(
                "/forecasts/",
                {"scenario_json": json.dumps(scenario), "replications": 20, "name": typed,
                 "action": "run"},
            )  # fmt: skip
            assert response.status_code == 200  # the form again, with the error at the field
            body = response.content.decode()
            assert "V-nummer" in body
            pages.append(body)
        for page in pages:
            for form in GIVEAWAYS:
                assert form not in page
            assert DIGITS not in page.replace(" ", "").replace("-", "").replace(".", "")
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    logged = written.getvalue()  # the JSON lines the log handler wrote
    assert "Not Found" in logged  # the 404s were logged ...
    assert "5292" not in logged  # ... without the number
    access = json.dumps(list(m.AccessLog.objects.values()), default=str)
    assert "5292" not in access
    export_register(tmp_path / "export", "csv")
    for path in (tmp_path / "export").iterdir():
        assert "5292" not in path.read_text()
