# SPDX-License-Identifier: EUPL-1.2
"""GAP file reader: a handmade instance and malformed input with line/field in the message."""

from __future__ import annotations

import numpy as np
import pytest

from verkeerstoren.planning.gap.instance import GapFormatError, parse_gap

SMALL = """2 3
 1 2 3
 4 5 6
 7 8 9
 10 11 12
 20 30
"""


def test_parses_costs_weights_capacities() -> None:
    inst = parse_gap(SMALL)
    assert (inst.agents, inst.jobs) == (2, 3)
    assert inst.cost.tolist() == [[1, 2, 3], [4, 5, 6]]
    assert inst.weight.tolist() == [[7, 8, 9], [10, 11, 12]]
    assert inst.capacity.tolist() == [20, 30]


def test_cost_loads_and_feasibility_of_an_assignment() -> None:
    inst = parse_gap(SMALL)
    a = np.array([0, 1, 0])
    assert inst.total_cost(a) == 1 + 5 + 3
    assert inst.loads(a).tolist() == [7 + 9, 11]
    assert inst.is_feasible(a)
    assert not inst.is_feasible(np.array([0, 0, 0]))  # 24 > 20


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2 3\n1 2 3\n4 5 x\n", "line 3: cost[1][2]"),
        ("2 3\n1 2 3\n4 5 6\n7 8 9\n10 11 12\n20\n", "capacity[1]"),
        ("2 3\n1 2 3\n4 5 6\n7 8 9\n10 11 12\n20 30 40\n", "line 6: unexpected extra value"),
        ("0 3\n", "must be positive"),
        ("2 3\n1 2 3\n4 5 6\n7 -8 9\n10 11 12\n20 30\n", "weight[0][1] is negative"),
    ],
)
def test_malformed_input_names_the_field(text: str, fragment: str) -> None:
    with pytest.raises(GapFormatError, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        parse_gap(text)
