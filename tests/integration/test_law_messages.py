# SPDX-License-Identifier: EUPL-1.2
"""The case page's legal timeline in words: every step code of the law engine has a message.

Expected dates are computed by hand in comments (DOMAIN.md §3); the texts are the messages as a
reader sees them, in Dutch (the default) and English.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import translation

from verkeerstoren.law import CaseHistory, CourtRuling, Notice, Suspension, timeline
from verkeerstoren.law.explain import ARTICLES, Step
from verkeerstoren.web.register.case_law import MESSAGES, rows

d = dt.date


def every_kind_of_step() -> list[Step]:
    """Timelines that together hold every code the engine can give."""
    busy = CaseHistory(
        "B",
        d(2019, 1, 17),
        extensions=(9, 9),
        suspensions=(
            Suspension(d(2019, 3, 1), d(2019, 3, 10)),
            Suspension(d(2022, 1, 3), d(2022, 1, 7)),
        ),
        notices=(
            Notice(d(2019, 6, 1)),
            Notice(d(2020, 11, 2), sent=d(2020, 10, 30)),
            Notice(d(2020, 12, 1)),
        ),
        rulings=(
            CourtRuling(d(2021, 2, 1), 56, 100.0, 7500.0),
            CourtRuling(d(2021, 3, 1), 28, 0.0, 0.0),
        ),
    )
    # Not an asylum application, so the administrative penalty runs; 2022-05-06 + 6 + 9 months
    # (group extension) = Sunday 2023-08-06 -> Monday.
    paying = CaseHistory(
        "P",
        d(2022, 5, 6),
        notices=(Notice(d(2023, 9, 1)),),
        decided=d(2023, 9, 30),
        asylum=False,
    )
    steps = list(
        timeline(
            busy,
            d(2021, 6, 1),
            extended_on=(d(2019, 2, 1), d(2019, 8, 1)),
            appeals=(d(2021, 1, 4),),
        )
    )
    steps += timeline(paying, d(2023, 10, 2))
    steps += timeline(
        busy,
        d(2021, 6, 1),
        extended_on=(d(2019, 2, 1), d(2019, 8, 1)),
        open_suspensions=(d(2021, 5, 3),),
    )
    return steps


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)s", text))


def test_every_step_code_has_a_message_in_dutch_and_english_with_its_params() -> None:
    params: dict[str, set[str]] = {}
    for step in every_kind_of_step():
        params.setdefault(step.code, set()).update(step.params)
        assert step.article == ARTICLES[step.code] or step.code == "admin_penalty_excluded"
    assert set(params) == set(ARTICLES) == set(MESSAGES)
    for code, names in params.items():
        with translation.override("en"):
            english = str(MESSAGES[code])
        assert placeholders(english) <= names, code
        with translation.override("nl"):
            dutch = str(MESSAGES[code])
        assert dutch != english, f"{code}: no Dutch translation"
        assert placeholders(dutch) == placeholders(english), code


def test_a_row_joins_its_steps_in_the_readers_language() -> None:
    # 2019-01-17 + 6 + 9 + 9 months, capped at 21: Saturday 2020-10-17 -> Monday 2020-10-19.
    # The notice received 2020-10-21 (sent 10-20) counts; its penalty would start 10-21 + 14 =
    # 11-04, but the temporary law (from 2020-07-10) excludes it for this deadline.
    h = CaseHistory(
        "R",
        d(2019, 1, 17),
        extensions=(9, 9),
        notices=(Notice(d(2020, 10, 21), sent=d(2020, 10, 20)),),
        rulings=(CourtRuling(d(2020, 12, 1), 56, 100.0, 7500.0),),
    )
    steps = timeline(h, d(2020, 12, 7), extended_on=(d(2019, 3, 1), d(2019, 9, 2)))
    with translation.override("nl"):
        dutch = {(r.day, r.kind): r.note for r in rows(steps)}
    assert dutch[(d(2020, 10, 19), "deadline")] == (
        "Laatste dag om op tijd te beslissen: 21 maanden na ontvangst. De termijn is ten hoogste "
        "21 maanden (art. 43 Vw 2000). 17 oktober 2020 valt in het weekend of op een feestdag, "
        "dus schuift de uiterste beslisdatum door naar de volgende werkdag (Atw)."
    )
    assert dutch[(d(2020, 10, 21), "notice_of_default")].startswith(
        "Verzonden 20 oktober 2020. Geldige ingebrekestelling:"
    )
    assert dutch[(d(2020, 11, 4), "first_penalty_day")] == (
        "Twee weken na de ingebrekestelling, maar er is geen bestuurlijke dwangsom "
        "verschuldigd: de Tijdelijke wet van 2020 sluit die uit."
    )
    assert dutch[(d(2020, 12, 1), "court_ruling")] == (
        "De rechter draagt op binnen 56 dagen te beslissen. Daarna een dwangsom van € 100,00 "
        "per dag, ten hoogste € 7.500,00 (art. 8:55d Awb)."
    )
    with translation.override("en"):
        english = {(r.day, r.kind): r.note for r in rows(steps)}
    assert english[(d(2020, 12, 1), "court_ruling")] == (
        "The court orders a decision within 56 days. Then a court penalty of € 100.00 per "
        "day, at most € 7,500.00 (Awb art. 8:55d)."
    )
    assert english[(d(2020, 10, 21), "notice_of_default")].startswith("Sent Oct. 20, 2020.")
    # One row per day and kind, in date order.
    keys = [(r.day, r.kind) for r in rows(steps)]
    assert len(keys) == len(set(keys)) and [k[0] for k in keys] == sorted(k[0] for k in keys)


def test_an_unknown_code_is_shown_as_itself() -> None:
    (row,) = rows([Step(d(2020, 1, 1), "deadline", "not_a_code", "", {})])
    assert row.note == "not_a_code"
