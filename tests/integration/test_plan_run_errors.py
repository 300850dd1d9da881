# SPDX-License-Identifier: EUPL-1.2
"""A plan run that the planning core refuses reads in the reader's language, with its ids.

The core (no Django) raises PlanningInputError with an English text, a code and params; the run
stores all three and the run page translates the code's message when it is shown. The register
and helpers are those of planning_setup.py (the small register, plans from 2020-04-06).
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as settings_module
from django.test import Client
from django.utils import translation
from planning_setup import (
    AS_OF,
    BEHAVIOUR,
    HORIZON,
    login,
    register,  # noqa: F401  (the fixture)
    start_and_run,
)

import verkeerstoren.planning
from verkeerstoren.cases.models import Absence, Case, Staff
from verkeerstoren.cases.roles import Role
from verkeerstoren.plans import services
from verkeerstoren.plans.models import PLANNING_ERROR_MESSAGES, PlanRun
from verkeerstoren.plans.tasks import execute_run

PLANNING = Path(verkeerstoren.planning.__file__).parent


@pytest.fixture(autouse=True)
def _settings(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EXPOSURE_BEHAVIOUR = BEHAVIOUR
    settings.REGISTER_AS_OF = AS_OF.isoformat()


def run_page(client: Client, run: PlanRun, language: str | None = None) -> str:
    """The run's status block as the planner reads it (Dutch unless a language is chosen)."""
    if language is not None:
        client.cookies[settings_module.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/planning/runs/{run.pk}/status/")
    assert response.status_code == 200
    return response.content.decode()


def failed_replan(version: Any) -> PlanRun:
    run = services.replan(version, None)
    assert execute_run(run.pk) is None
    run.refresh_from_db()
    assert run.status == "failed"
    return run


@pytest.mark.django_db
@pytest.mark.usefixtures("register")
def test_a_family_pinned_apart_reads_in_dutch_and_in_english(client: Client) -> None:
    version = start_and_run().version
    # Two cases pinned to different weeks while unrelated; a later import links them as one
    # family (FAM-1), which the core refuses: a family is decided in one week by one officer.
    Case.objects.filter(reference="TF-0000003").update(family_group="")
    services.add_pin(None, version, "TF-0000002", "S001", 4)
    services.add_pin(None, version, "TF-0000003", "S001", 6)
    Case.objects.filter(reference="TF-0000003").update(family_group="FAM-1")
    run = failed_replan(version)
    assert (run.error_code, run.error_params) == ("family_pinned_apart", {"family": "FAM-1"})
    # The stored text is the core's English (as the CLI prints it).
    assert run.error == "family 'FAM-1': members pinned to different officers or weeks"

    login(client, Role.IND_PLANNER)
    dutch = run_page(client, run)
    assert (
        "De zaken van gezin FAM-1 zijn vastgezet bij verschillende medewerkers of in "
        "verschillende weken." in dutch
    )
    assert "pinned to different" not in dutch
    english = run_page(client, run, "en")
    assert "The cases of family FAM-1 are pinned to different officers or weeks." in english


@pytest.mark.django_db
@pytest.mark.usefixtures("register")
def test_pins_that_cannot_be_met_read_in_dutch_with_the_case(client: Client) -> None:
    version = start_and_run().version
    services.add_pin(None, version, "RG-0000005", "S003", 1)
    # The officer is away that week after all: no plan can keep the pin.
    Absence.objects.create(
        staff=Staff.objects.get(code="S003"), start=dt.date(2020, 4, 13), end=dt.date(2020, 4, 19)
    )
    run = failed_replan(version)
    assert (run.error_code, run.error_params) == ("pins_not_met", {"cases": "RG-0000005"})
    assert run.error.startswith("the pins of cases RG-0000005 cannot all be met together")

    login(client, Role.IND_PLANNER)
    dutch = run_page(client, run)
    assert (
        "De vastzettingen van de zaken RG-0000005 kunnen niet alle tegelijk worden nagekomen"
        in dutch
    )
    assert "cannot all be met" not in dutch
    english = run_page(client, run, "en")
    assert "The pins of cases RG-0000005 cannot all be met together" in english


@pytest.mark.django_db
@pytest.mark.usefixtures("register")
@pytest.mark.parametrize(
    ("error", "code", "params", "dutch", "english"),
    [
        # A core code without params (the solver's own refusal): the message is translated.
        (
            "no plan satisfies every pin and family constraint",
            "no_plan_for_pins",
            {},
            "Geen enkel plan voldoet aan alle vastzettingen en alle gezinsregels.",
            "No plan satisfies every pin and family constraint.",
        ),
        # A run stored before codes existed: the English text, as it was.
        ("solver gave up at 12:00", "", {}, "solver gave up at 12:00", "solver gave up at 12:00"),
        # A code this release does not know: the English text.
        ("pins of week 3 clash", "retired_code", {"week": 3}, "pins of week 3 clash", None),
        # A known code with params it does not fit: the English text, not a server error.
        ("the pins of cases X cannot all be met", "pins_not_met", {}, "cannot all be met", None),
        # A message id the app stored itself still reads in Dutch.
        (
            "There are no officers who may decide in this stream.",
            "",
            {},
            "Er zijn in deze stroom geen medewerkers die mogen beslissen.",
            "There are no officers who may decide in this stream.",
        ),
    ],
    ids=["core-code", "old-plain-text", "unknown-code", "params-not-fitting", "app-message-id"],
)
def test_stored_errors_render_in_the_readers_language(
    client: Client,
    error: str,
    code: str,
    params: dict[str, Any],
    dutch: str,
    english: str | None,
) -> None:
    run = services.start_plan_run(None, AS_OF, HORIZON, "taskforce", 2.0)
    PlanRun.objects.filter(pk=run.pk).update(
        status="failed", error=error, error_code=code, error_params=params
    )
    login(client, Role.IND_PLANNER)
    assert dutch in run_page(client, run)
    assert (english or dutch) in run_page(client, run, "en")


def _core_codes() -> dict[str, set[str]]:
    """code -> param names of every PlanningInputError the planning core raises with a code."""
    codes: dict[str, set[str]] = {}
    for path in sorted(PLANNING.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "PlanningInputError"
            ):
                continue
            kw = {k.arg: k.value for k in node.keywords}
            if "code" not in kw:
                continue
            code = kw["code"]
            assert isinstance(code, ast.Constant), f"{path.name}: code must be a literal"
            params = kw.get("params")
            names = set()
            if isinstance(params, ast.Dict):
                names = {k.value for k in params.keys if isinstance(k, ast.Constant)}
            codes.setdefault(code.value, set()).update(names)
    return codes


def test_every_core_error_code_has_a_dutch_message_with_its_params() -> None:
    codes = _core_codes()
    assert {"no_plan_for_pins", "pins_not_met", "family_pinned_apart"} <= set(codes)
    assert set(codes) == set(PLANNING_ERROR_MESSAGES)
    for code, names in codes.items():
        msgid = PLANNING_ERROR_MESSAGES[code]
        assert set(re.findall(r"%\((\w+)\)s", msgid)) == names, code
        with translation.override("nl"):
            dutch = translation.gettext(msgid)
        assert dutch != msgid, f"{code}: no Dutch translation"
        assert set(re.findall(r"%\((\w+)\)s", dutch)) == names, code
