# SPDX-License-Identifier: EUPL-1.2
"""Plan reasons in words: every code plans/reasons.py stores has a message, in Dutch and English.

The codes and their params are read from the source of plans/reasons.py (every dict literal
with a "code" key), so a new reason without a message fails here. The expected texts are the
wording a planner reads, written out by hand.
"""

from __future__ import annotations

import ast
import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as settings_module
from django.test import Client
from django.utils import translation

import factories as f
import verkeerstoren.plans.reasons as plan_reasons
from verkeerstoren.cases.importing import import_path
from verkeerstoren.cases.models import Staff, StaffCompetency
from verkeerstoren.cases.roles import Role
from verkeerstoren.cases.services import apply_cutoff_split
from verkeerstoren.cutoff import CutoffRule
from verkeerstoren.plans import services
from verkeerstoren.plans.tasks import execute_run
from verkeerstoren.web.planning.reasons import MESSAGES, VARIANTS, message_key, reason_text

SMALL = Path(__file__).parent / "data" / "small"


def emitted_codes() -> dict[str, set[str]]:
    """code -> param names of every reason dict literal in plans/reasons.py."""
    tree = ast.parse(Path(plan_reasons.__file__).read_text(encoding="utf-8"))
    codes: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict):
            continue
        keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
        if "code" not in keys:
            continue
        value = node.values[keys.index("code")]
        assert isinstance(value, ast.Constant), "a reason code must be a literal"
        codes.setdefault(value.value, set()).update(k for k in keys if k != "code")
    return codes


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)s", text))


def test_every_reason_code_has_messages_with_its_params_in_dutch_and_english() -> None:
    codes = emitted_codes()
    assert {"pinned", "cost_if_later", "video_elsewhere", "outsourced"} <= set(codes)
    assert {key.split(".")[0] for key in MESSAGES} == set(codes)
    assert set(VARIANTS) <= set(codes)
    for key, message in MESSAGES.items():
        names = codes[key.split(".")[0]]
        with translation.override("en"):
            english = str(message)
        with translation.override("nl"):
            dutch = str(message)
        assert placeholders(english) <= names, key
        assert dutch != english, f"{key}: no Dutch translation"
        assert placeholders(dutch) == placeholders(english), key


def test_every_variant_a_reason_can_take_has_a_message() -> None:
    for show in (True, False):
        assert message_key({"code": "competency"}, show) in MESSAGES
        for overdue in (True, False):
            for soon in (True, False):
                reason = {"code": "cost_if_later", "overdue": overdue, "deadline_in_horizon": soon}
                assert message_key(reason, show) in MESSAGES


# (reason, Dutch, English) as a reader who may see specialisms reads them.
TEXTS: list[tuple[dict[str, Any], str, str]] = [
    ({"code": "pinned"}, "vastgezet door planner", "pinned by planner"),
    (
        {"code": "decision_team"},
        "complexe zaak: alleen knopen-door-hak-team (KDT)",
        "complex case: decision team (KDT) only",
    ),
    (
        {"code": "competency", "competency": "conversion", "level": 3},
        "vraagt Bekering (senior of hoger)",
        "needs Conversion (senior or higher)",
    ),
    (
        {"code": "no_eligible_officer"},
        "geen medewerker in het plan heeft alle vereiste competenties",
        "no officer in the plan has every required competency",
    ),
    (
        {"code": "no_capacity", "eur": 12345.5},
        "geen ruimte binnen de horizon; verwachte kosten daarna € 12.345,50",
        "no room within the horizon; expected cost after it € 12,345.50",
    ),
    ({"code": "first_week"}, "gepland in de eerste week", "planned in the first week"),
    (
        {"code": "dossier_ready", "week": 3},
        "eerste week met een compleet dossier (week 3)",
        "first week with a complete dossier (week 3)",
    ),
    (
        {"code": "earliest_capacity"},
        "vroegste week met ruimte bij een geschikte medewerker",
        "earliest week with room for an eligible officer",
    ),
    (
        {"code": "earlier_possible", "week": 2, "eur": 1400.25},
        "week 2 had ruimte en zou € 1.400,25 besparen",
        "week 2 had room and would save € 1,400.25",
    ),
    (
        {"code": "no_gain_earlier", "week": 1},
        "eerdere weken hadden ruimte (vanaf week 1), maar eerder beslissen kost niet minder",
        "earlier weeks had room (from week 1), but deciding earlier costs no less",
    ),
    (
        {
            "code": "cost_if_later",
            "eur": 700.0,
            "deadline_week": 5,
            "overdue": True,
            "deadline_in_horizon": True,
        },
        "termijn verstreken: € 700,00 meer bij een week later beslissen",
        "overdue: € 700.00 more if decided a week later",
    ),
    (
        {
            "code": "cost_if_later",
            "eur": 45.0,
            "deadline_week": 5,
            "overdue": False,
            "deadline_in_horizon": True,
        },
        "termijn verloopt in week 5: € 45,00 meer bij een week later beslissen",
        "deadline in week 5: € 45.00 more if decided a week later",
    ),
    (
        {
            "code": "cost_if_later",
            "eur": 2.5,
            "deadline_week": 30,
            "overdue": False,
            "deadline_in_horizon": False,
        },
        "€ 2,50 meer bij een week later beslissen",
        "€ 2.50 more if decided a week later",
    ),
    (
        {"code": "no_cost_if_later"},
        "een week later beslissen kost niets extra",
        "deciding a week later costs nothing extra",
    ),
    (
        {"code": "already_heard"},
        "al gehoord: geen gehoor meer te plannen",
        "already heard: no hearing to plan",
    ),
    (
        {"code": "written_opt_in"},
        "schriftelijk gehoor (de aanvrager heeft ingestemd)",
        "written hearing (the applicant opted in)",
    ),
    (
        {"code": "video_elsewhere", "case_location": "TAP", "officer_location": "DBS"},
        "videogehoor: de medewerker werkt in DBS, de zaak ligt in TAP",
        "video hearing: the officer works at DBS, the case is at TAP",
    ),
    (
        {"code": "outsourced", "firm": "EXT1", "packages": ["prepare", "draft"]},
        "dossiervoorbereiding, conceptbeschikking uitbesteed aan EXT1",
        "file preparation, draft decision outsourced to EXT1",
    ),
    ({"code": "not_a_code"}, "not_a_code", "not_a_code"),
]


@pytest.mark.parametrize(("reason", "dutch", "english"), TEXTS)
def test_each_reason_reads_as_before(reason: dict[str, Any], dutch: str, english: str) -> None:
    with translation.override("nl"):
        assert reason_text(reason, True) == dutch
    with translation.override("en"):
        assert reason_text(reason, True) == english


def test_specialisms_are_hidden_from_readers_who_may_not_see_them() -> None:
    reason = {"code": "competency", "competency": "conversion", "level": 3}
    with translation.override("nl"):
        assert reason_text(reason, False) == "vraagt een gespecialiseerde medewerker"
    with translation.override("en"):
        assert reason_text(reason, False) == "needs a specialist officer"


# --- the plan version page -------------------------------------------------------------------


@pytest.fixture
def version(settings: Any) -> Any:
    """A plan of the small register's Taskforce stream (as in test_planning_app)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REGISTER_AS_OF = "2020-04-06"
    import_path(SMALL)
    apply_cutoff_split(CutoffRule())
    s001 = Staff.objects.get(code="S001")
    s003 = Staff.objects.get(code="S003")
    StaffCompetency.objects.create(staff=s001, competency="amv", level="medior")
    StaffCompetency.objects.create(staff=s003, competency="conversion", level="senior")
    StaffCompetency.objects.create(staff=s003, competency="medical", level="senior")
    run = services.start_plan_run(None, dt.date(2020, 4, 6), 8, "taskforce", 3.0)
    execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == "done", run.error
    return run.version


def worklist_reasons(client: Client, version: Any, officer: str) -> list[str]:
    body = client.get(f"/planning/versions/{version.pk}/?officer={officer}").content.decode()
    return [
        html.unescape(li)
        for ul in re.findall(r'<ul class="vt-reasons">(.*?)</ul>', body, re.S)
        for li in re.findall(r"<li>(.*?)</li>", ul, re.S)
    ]


@pytest.mark.django_db
def test_the_version_page_shows_the_reasons_in_words(client: Client, version: Any) -> None:
    client.force_login(f.user("planner", Role.IND_PLANNER))
    texts = worklist_reasons(client, version, "S003")
    # The overdue court re-entry RG-0000005 goes to the decision team (S003) in week 0, its
    # hearing already held; each week later costs 700 (see test_planning_app).
    for expected in (
        "complexe zaak: alleen knopen-door-hak-team (KDT)",
        "vraagt Bekering (senior of hoger)",
        "gepland in de eerste week",
        "al gehoord: geen gehoor meer te plannen",
    ):
        assert expected in texts
    assert any("€ 700,00 meer bij een week later beslissen" in t for t in texts)
    client.cookies[settings_module.LANGUAGE_COOKIE_NAME] = "en"
    english = worklist_reasons(client, version, "S003")
    assert "complex case: decision team (KDT) only" in english
    assert "needs Conversion (senior or higher)" in english


@pytest.mark.django_db
def test_management_reads_that_a_specialist_is_needed_not_which(
    client: Client, version: Any
) -> None:
    client.force_login(f.user("boss", Role.IND_MANAGEMENT))
    texts = worklist_reasons(client, version, "S003")
    assert "vraagt een gespecialiseerde medewerker" in texts
    assert not any("Bekering" in t for t in texts)
