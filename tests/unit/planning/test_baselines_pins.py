# SPDX-License-Identifier: EUPL-1.2
"""The FIFO and EDF baselines meet pins that fit only when they are chosen together."""

from __future__ import annotations

import json
from pathlib import Path

from large_helpers import pins_kept

from verkeerstoren.planning.baselines import baseline_plans
from verkeerstoren.planning.model.checker import check_plan
from verkeerstoren.planning.model.instance import instance_from_dict


def test_baselines_meet_pins_that_fit_only_when_chosen_together() -> None:
    # Found by random search: one by one, the greedy's first pin takes hours a later pin needs.
    data = json.loads((Path(__file__).parent / "data" / "pins_fit_only_together.json").read_text())
    inst = instance_from_dict(data)
    for plan in baseline_plans(inst).values():
        assert check_plan(inst, plan.assignments, plan.cost) == []
        assert pins_kept(inst, plan)
