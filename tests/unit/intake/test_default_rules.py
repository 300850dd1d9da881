# SPDX-License-Identifier: EUPL-1.2
"""Every default rule of the intake table, on hand-made applicants (issue: the default table).

Each expected value is read off the rule as the issue states it, not off the code's output.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from verkeerstoren.intake.propose import Applicant, propose, propose_one
from verkeerstoren.intake.rules import DEFAULT_FILE, load, parse

RULES = load()
DAY = date(2020, 4, 6)


def adult(**kw: object) -> Applicant:
    values: dict[str, object] = {
        "id": "a", "registered": DAY, "nationality": "SYR", "birth_date": date(1990, 1, 1),
    }  # fmt: skip
    values.update(kw)
    return Applicant(**values)  # type: ignore[arg-type]


def born_years_before(years: int, days: int = 0) -> date:
    """Born ``years`` years before DAY, ``days`` later: ``years`` old on DAY, or ``years - 1``."""
    return date(DAY.year - years, DAY.month, DAY.day) + timedelta(days=days)


@pytest.mark.parametrize(
    ("facts", "track", "reason"),
    [
        ({"eurodac_hit": True}, 1, "track.eurodac"),
        ({"dublin_indication": True}, 1, "track.dublin"),
        # Dublin comes first, even for a safe country of origin.
        ({"eurodac_hit": True, "nationality": "MAR"}, 1, "track.eurodac"),
        ({"protection_elsewhere": True}, 2, "track.protection_elsewhere"),
        ({"nationality": "ALB"}, 2, "track.safe_country"),
        ({"nationality": "XKX"}, 2, "track.safe_country"),
        ({"nationality": "USA"}, 2, "track.safe_country"),
        ({"nationality": "SYR"}, 4, "track.general"),
        ({"nationality": "ERI"}, 4, "track.general"),
    ],
)
def test_track(facts: dict[str, object], track: int, reason: str) -> None:
    p = propose_one(adult(**facts), RULES)
    assert p.track == track
    assert reason in p.reasons


def test_all_eighteen_safe_countries_give_track_2() -> None:
    codes = ["ALB", "DZA", "BIH", "GEO", "GHA", "IND", "JAM", "XKX", "MKD", "MAR", "MNG", "MNE",
             "UKR", "SEN", "SRB", "TTO", "TUN", "USA"]  # fmt: skip
    assert [propose_one(adult(nationality=c), RULES).track for c in codes] == [2] * 18


@pytest.mark.parametrize(
    ("facts", "procedure"),
    [
        ({"medical_advice": "not_hearable_in_aa"}, "extended"),
        ({"age_assessment_needed": True}, "extended"),
        ({"medical_advice": "restrictions"}, "general"),
        ({}, "general"),
    ],
)
def test_procedure(facts: dict[str, object], procedure: str) -> None:
    assert propose_one(adult(**facts), RULES).procedure == procedure


@pytest.mark.parametrize(
    ("facts", "competences"),
    [
        ({"unaccompanied": True, "birth_date": born_years_before(16)}, ("amv",)),
        ({"unaccompanied": True, "birth_date": born_years_before(18, days=1)}, ("amv",)),  # 17
        ({"declared": frozenset({"lgbti"})}, ("lgbti",)),
        ({"declared": frozenset({"conversion"})}, ("conversion",)),
        ({"indications": frozenset({"1f"})}, ("1f",)),
        ({"indications": frozenset({"trafficking"})}, ("trafficking",)),
        ({"medical_advice": "restrictions"}, ("medical",)),
        ({"medical_advice": "not_hearable_in_aa"}, ()),
        (
            {"declared": frozenset({"lgbti", "conversion"}), "indications": frozenset({"1f"})},
            ("1f", "conversion", "lgbti"),
        ),
        ({}, ()),
    ],
)
def test_competences_collect_every_matching_rule(
    facts: dict[str, object], competences: tuple[str, ...]
) -> None:
    assert propose_one(adult(**facts), RULES).competences == competences


@pytest.mark.parametrize(
    ("age", "days", "unaccompanied", "heard", "child"),
    [
        (14, 0, False, False, False),  # with parents, 14: not heard
        (15, 0, False, True, False),  # 15 on the registration day: heard, no child hearing
        (15, 1, False, False, False),  # turns 15 the day after: still 14
        (5, 0, True, False, False),  # unaccompanied under 6: not heard
        (6, 0, True, True, True),  # unaccompanied 6: heard in a child hearing
        (14, 0, True, True, True),
        (15, 0, True, True, False),
        (30, 0, False, True, False),
    ],
)
def test_hearing_of_children(
    age: int, days: int, unaccompanied: bool, heard: bool, child: bool
) -> None:
    p = propose_one(
        adult(birth_date=born_years_before(age, days), unaccompanied=unaccompanied), RULES
    )
    assert (p.heard, p.child_hearing) == (heard, child)


def test_a_family_takes_the_most_extensive_track_and_procedure() -> None:
    father = adult(id="f", family="F1", nationality="MAR")  # safe country: track 2
    mother = adult(id="m", family="F1", eurodac_hit=True)  # Dublin: track 1
    child = adult(id="c", family="F1", birth_date=born_years_before(16), age_assessment_needed=True)
    other = adult(id="o", eurodac_hit=True)  # not in the family
    out = {p.id: p for p in propose([father, mother, child, other], RULES)}
    # The child alone is track 4 (Syrian, no indication) and extended: 4 over 2 over 1, VA over AA.
    assert {k: (p.track, p.procedure) for k, p in out.items()} == {
        "f": (4, "extended"), "m": (4, "extended"), "c": (4, "extended"), "o": (1, "general"),
    }  # fmt: skip
    assert "family.track" in out["f"].reasons and "family.procedure" in out["f"].reasons
    assert "family.track" not in out["c"].reasons
    assert [p.id for p in propose([other, father], RULES)] == ["o", "f"]  # input order


def test_the_safe_countries_list_has_validity_dates() -> None:
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    dated = text.replace(
        "valid_from = 2000-01-01\n",
        "valid_from = 2000-01-01\nvalid_to = 2020-03-31\n",
    )
    rules = parse(dated)
    assert propose_one(adult(nationality="MAR"), rules).track == 4  # the list ended 31 March
    assert (
        propose_one(replace(adult(nationality="MAR"), registered=date(2020, 3, 31)), rules).track
        == 2
    )
