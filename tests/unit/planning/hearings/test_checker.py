# SPDX-License-Identifier: EUPL-1.2
"""The independent checker: a valid hand-made schedule passes, each rule broken once fails."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from verkeerstoren.planning.hearings.checker import check_schedule
from verkeerstoren.planning.hearings.instance import HearingInstance, instance_from_dict
from verkeerstoren.planning.hearings.schedule import ScheduledHearing as S

INSTANCE: dict[str, Any] = {
    "days": 2,
    "slots": 2,
    "locations": ["A", "B"],
    "rooms": [
        {"id": "RA1", "location": "A"},
        {"id": "RA2", "location": "A", "child": True, "video": True},
        {"id": "RB1", "location": "B", "video": True},
        {"id": "RB2", "location": "B"},
    ],
    "officers": [
        {"id": "OA1", "location": "A", "gender": "f", "competences": ["lgbti"],
         "unavailable": [[1, 1]], "max_per_day": 1},
        {"id": "OA2", "location": "A", "gender": "m", "max_per_day": 2},
        {"id": "OA3", "location": "A", "gender": "m", "competences": ["lgbti"]},
        {"id": "OB1", "location": "B", "gender": "f"},
        {"id": "OB2", "location": "B", "gender": "m"},
    ],
    "interpreters": [
        {"id": "I1", "languages": ["ar"], "gender": "f", "locations": ["A", "B"],
         "unavailable": [[1, 0]], "max_per_day": 2},
        {"id": "I2", "languages": ["ar"], "gender": "m", "locations": ["A"], "max_per_day": 1},
        {"id": "I3", "languages": ["fa"], "gender": "m", "locations": ["A"]},
        {"id": "I4", "languages": ["ar"], "gender": "m", "locations": ["B"]},
    ],
    "lawyers": [
        {"id": "L1", "unavailable": [[0, 1]], "max_per_day": 1},
        {"id": "L2", "max_per_day": 1},
    ],
    "hearings": [
        {"id": "H1", "location": "A", "mode": "oral", "language": "ar", "competences": ["lgbti"],
         "same_gender": "f", "lawyer": "L1", "family": "F1", "weight": 10},
        {"id": "H2", "location": "A", "mode": "oral", "language": "ar", "child": True,
         "family": "F1", "weight": 5},
        {"id": "H3", "location": "B", "mode": "video", "language": "ar", "officer": "OB1",
         "weight": 7},
        {"id": "H4", "location": "A", "mode": "oral", "length": 2, "earliest_day": 1,
         "weight": 3},
        {"id": "H5", "location": "B", "mode": "oral", "language": "ar", "weight": 2},
        {"id": "H6", "location": "A", "mode": "oral", "weight": 1},
        {"id": "H7", "location": "A", "mode": "oral", "language": "ar", "weight": 1},
    ],
}  # fmt: skip

VALID = (
    S("H1", 0, 0, "RA1", "OA1", "I1"),
    S("H2", 0, 0, "RA2", "OA2", "I2"),
    S("H3", 1, 1, "RB1", "OB1", "I1"),
    S("H4", 1, 0, "RA1", "OA2", None),
)
WEIGHT = 25


def _inst(**hearing_changes: dict[str, Any]) -> HearingInstance:
    data = {**INSTANCE, "hearings": [dict(h) for h in INSTANCE["hearings"]]}
    for h in data["hearings"]:
        h.update(hearing_changes.get(h["id"], {}))
    return instance_from_dict(data)


def _with(*changed: S, drop: str = "") -> list[S]:
    by_id = {s.hearing: s for s in VALID if s.hearing != drop}
    for s in changed:
        by_id[s.hearing] = s
    return list(by_id.values())


def _moved(hearing: str, **fields: Any) -> S:
    return replace(next(s for s in VALID if s.hearing == hearing), **fields)


def test_the_valid_schedule_passes() -> None:
    assert check_schedule(_inst(), VALID, WEIGHT) == []


# (rule, schedule, instance changes, a fragment of the expected message)
BROKEN = [
    ("day before earliest_day", _with(_moved("H4", day=0, room="RA2", officer="OA3")), {},
     "H4: day 0 outside 1..1"),
    ("slots past the day's end", _with(_moved("H4", slot=1)), {}, "not within one day"),
    ("room at another location", _with(_moved("H4", room="RB2")), {}, "RB2 is at B"),
    ("child hearing, no child room", _with(_moved("H2", room="RA1", slot=1)), {},
     "not a child room"),
    ("video hearing, no video room", _with(_moved("H3", room="RB2")), {}, "not a video room"),
    ("two hearings in one room", _with(_moved("H1", room="RA2")), {},
     "room RA2 day 0 slot 0: in H1, H2"),
    ("not the fixed officer", _with(_moved("H3", officer="OB2")), {}, "the plan fixed OB1"),
    ("officer at another location", _with(_moved("H4", officer="OB2")), {}, "works at B"),
    ("officer without the competence", _with(_moved("H1", officer="OA2", slot=1)), {},
     "lacks lgbti"),
    ("officer of the other gender", _with(_moved("H1", officer="OA3")), {},
     "officer OA3 is not of gender f"),
    ("interpreter of the other gender", _with(_moved("H1", interpreter="I4")), {},
     "interpreter I4 is not of gender f"),
    ("interpreter without the language", _with(_moved("H2", interpreter="I3")), {},
     "does not speak ar"),
    ("interpreter not serving the location", _with(_moved("H2", interpreter="I4")), {},
     "does not serve A"),
    ("interpreter at two locations a day", _with(S("H5", 0, 1, "RB2", "OB2", "I1")), {},
     "interpreter I1 day 0: oral hearings at A, B"),
    ("no interpreter for the language", _with(_moved("H1", interpreter=None)), {},
     "needs an interpreter for ar"),
    ("interpreter without a language", _with(_moved("H4", interpreter="I3")), {},
     "interpreter without a language"),
    ("officer unavailable", _with(_moved("H4", officer="OA1")), {},
     "officer OA1 day 1 slot 1: unavailable"),
    ("officer in two hearings", _with(_moved("H2", officer="OA1")), {},
     "officer OA1 day 0 slot 0: in H1, H2"),
    ("officer over max_per_day", _with(S("H6", 0, 1, "RA1", "OA1", None)), {},
     "officer OA1 day 0: 2 hearings, at most 1"),
    ("interpreter unavailable", _with(_moved("H3", slot=0)), {},
     "interpreter I1 day 1 slot 0: unavailable"),
    ("interpreter in two hearings", _with(_moved("H2", interpreter="I1")), {},
     "interpreter I1 day 0 slot 0: in H1, H2"),
    ("interpreter over max_per_day", _with(S("H7", 0, 1, "RA1", "OA2", "I2")), {},
     "interpreter I2 day 0: 2 hearings, at most 1"),
    ("lawyer unavailable", _with(_moved("H1", slot=1)), {}, "lawyer L1 day 0 slot 1: unavailable"),
    ("lawyer in two hearings", list(VALID), {"H2": {"lawyer": "L1"}},
     "lawyer L1 day 0 slot 0: in H1, H2"),
    ("lawyer over max_per_day", _with(S("H6", 0, 1, "RA1", "OA2", None)),
     {"H2": {"lawyer": "L2"}, "H6": {"lawyer": "L2"}}, "lawyer L2 day 0: 2 hearings, at most 1"),
    ("family on two days", _with(_moved("H2", day=1, officer="OA3")), {},
     "family F1: hearings on different days"),
    ("family in part", _with(drop="H2"), {}, "family F1: 1 of 2 hearings scheduled"),
    ("a hearing twice", [*VALID, VALID[0]], {}, "H1: scheduled twice"),
    ("an unknown hearing", [*VALID, S("H9", 0, 1, "RA1", "OA3", None)], {},
     "H9: not a hearing of the instance"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "schedule", "changes", "fragment"), BROKEN, ids=[b[0] for b in BROKEN]
)
def test_each_broken_rule_is_found(
    rule: str, schedule: list[S], changes: dict[str, dict[str, Any]], fragment: str
) -> None:
    violations = check_schedule(_inst(**changes), schedule)
    assert any(fragment in v for v in violations), (rule, violations)


def test_a_wrong_weight_is_found() -> None:
    assert check_schedule(_inst(), VALID, WEIGHT + 1) == [
        f"scheduled_weight {WEIGHT + 1} but the hearings weigh {WEIGHT}"
    ]
