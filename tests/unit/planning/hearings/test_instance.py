# SPDX-License-Identifier: EUPL-1.2
"""Reading hearing instances: the JSON form round-trips, and bad input names its field."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from verkeerstoren.planning.hearings.examples import random_instance, random_instance_dict
from verkeerstoren.planning.hearings.instance import (
    HearingInputError,
    checked,
    instance_from_dict,
    instance_from_json,
    instance_to_dict,
)


def _base() -> dict[str, Any]:
    return random_instance_dict(1, locations=2, hearings_per_location=4, days=2, slots=2)


def test_round_trip() -> None:
    inst = random_instance(4)
    assert instance_from_dict(instance_to_dict(inst)) == inst
    assert instance_from_json(json.dumps(instance_to_dict(inst))) == inst


def test_defaults_of_optional_fields() -> None:
    data = {
        "days": 1, "slots": 2,
        "rooms": [{"id": "R", "location": "A"}],
        "officers": [{"id": "O", "location": "A"}],
        "hearings": [{"id": "H", "location": "A", "mode": "oral", "weight": 3}],
    }  # fmt: skip
    inst = instance_from_dict(data)
    assert inst.locations == ("A",)  # without "locations": where the officers work
    h = inst.hearings[0]
    assert (h.length, h.language, h.lawyer, h.officer, h.family, h.earliest_day) == (
        1, None, None, None, None, 0,
    )  # fmt: skip
    assert inst.officers[0].max_per_day >= inst.slots and inst.interpreters == ()


def _set(path: str, value: Any) -> dict[str, Any]:
    data = _base()
    target: Any = data
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    target[keys[-1]] = value
    return data


BAD = [
    ("days", 0, "days: must be between 1 and 366"),
    ("slots", 25, "slots: must be between 1 and 24"),
    ("hearings.3.weight", -5, "hearings[3].weight: must be between 1"),
    ("hearings.3.weight", 0, "hearings[3].weight"),
    ("hearings.3.weight", 2.5, "hearings[3].weight: expected a whole number"),
    ("hearings.3.officer", "nobody", "hearings[3].officer: unknown officer 'nobody'"),
    ("hearings.3.lawyer", "nobody", "hearings[3].lawyer: unknown lawyer 'nobody'"),
    ("hearings.3.mode", "written", "hearings[3].mode: expected one of oral, video"),
    ("hearings.3.length", 3, "hearings[3].length: must be between 1 and 2"),
    ("hearings.3.earliest_day", 2, "hearings[3].earliest_day: must be between 0 and 1"),
    ("hearings.3.same_gender", "x", "hearings[3].same_gender: expected one of f, m"),
    ("hearings.3.location", "XYZ", "hearings[3].location: unknown location 'XYZ'"),
    ("hearings.3.colour", "red", "hearings[3].colour: unknown field"),
    ("hearings.3.id", "H0", "hearings[3].id: duplicate id 'H0'"),
    ("rooms.1.location", "XYZ", "rooms[1].location: unknown location 'XYZ'"),
    ("rooms.1.child", "yes", "rooms[1].child: expected true or false"),
    ("officers.0.unavailable", [[0, 7]], "officers[0].unavailable[0][1]: must be between 0"),
    ("officers.0.unavailable", [[0]], "officers[0].unavailable[0]: expected a pair"),
    ("officers.0.max_per_day", -1, "officers[0].max_per_day: must be between 0 and 24"),
    ("interpreters.0.languages", [], "interpreters[0].languages: expected at least one"),
    ("interpreters.0.locations", ["XYZ"], "interpreters[0].locations: unknown location"),
    ("lawyers", "none", "lawyers: expected a list"),
    ("hearings", None, "hearings: expected a list"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD, ids=[f"{p}={v!r}" for p, v, _ in BAD])
def test_bad_field_is_named(path: str, value: Any, message: str) -> None:
    with pytest.raises(HearingInputError) as caught:
        instance_from_dict(_set(path, value))
    assert message in str(caught.value)
    assert caught.value.field and message.startswith(caught.value.field)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"days": 2,', "invalid JSON"),
        ("[" * 100 + "]" * 100, "nested deeper than the limit"),
        ('{"days": 1e400}', "number out of range"),
        ('{"days": 99999999999999999999999}', "number out of range"),
        ('{"days": NaN}', "NaN is not a JSON number"),
        ("[]", "instance: expected an object"),
    ],
)
def test_bad_json_is_refused(text: str, message: str) -> None:
    with pytest.raises(HearingInputError, match=message):
        instance_from_json(text, what="week.json")


def test_instances_built_in_code_are_checked_like_files() -> None:
    inst = random_instance(2)
    assert checked(inst) == inst
    wrong = replace(inst, rooms=(replace(inst.rooms[0], location="NOWHERE"), *inst.rooms[1:]))
    with pytest.raises(HearingInputError, match=r"rooms\[0\]\.location: unknown location"):
        checked(wrong)
