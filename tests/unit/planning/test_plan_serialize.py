# SPDX-License-Identifier: EUPL-1.2
"""instance_to_dict is the exact inverse of instance_from_dict (what `plan export` relies on)."""

from __future__ import annotations

import json

import pytest

from verkeerstoren.planning.examples import random_instance_dict
from verkeerstoren.planning.model.instance import instance_from_dict
from verkeerstoren.planning.model.serialize import instance_to_dict


@pytest.mark.parametrize("seed", range(5))
def test_round_trip_through_json(seed: int) -> None:
    original = instance_from_dict(random_instance_dict(seed=seed))
    text = json.dumps(instance_to_dict(original))
    again = instance_from_dict(json.loads(text))
    assert again == original
