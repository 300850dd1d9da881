# SPDX-License-Identifier: EUPL-1.2
"""The exact model: a schedule encoded as a 0-1 point keeps every row, and decodes back."""

from __future__ import annotations

import numpy as np
import pytest

from verkeerstoren.planning.hearings.examples import random_instance
from verkeerstoren.planning.hearings.formulation import formulate
from verkeerstoren.planning.hearings.greedy import greedy, units
from verkeerstoren.planning.hearings.space import build_space
from verkeerstoren.planning.hearings.usage import Usage, usage_of


@pytest.mark.parametrize("seed", range(8))
def test_a_greedy_schedule_is_a_point_of_the_model(seed: int) -> None:
    inst = random_instance(
        seed, locations=3, hearings_per_location=15, days=3, slots=2, family_share=0.3
    )
    space = build_space(inst)
    placed, _ = greedy(space, units(space), lambda h, s: s.t)
    assert placed
    # The whole model, and a part of it in what the other half of the schedule leaves.
    half = {p.h for p in placed[::2]}
    for members in space.families:  # the models take families whole
        if half.intersection(members):
            half.update(members)
    for hearings, fixed in (
        (range(len(inst.hearings)), []),
        (
            [h for h in range(len(inst.hearings)) if h not in half],
            [p for p in placed if p.h in half],
        ),
    ):
        f = formulate(space, hearings, usage_of(space, fixed) if fixed else Usage(space))
        mine = [p for p in placed if p.h in set(hearings)]
        x = f.encode(space, mine)
        rows = np.bincount(f.rows, weights=f.vals * x[f.cols], minlength=f.row_count)
        assert np.all(rows >= f.row_lo - 1e-9) and np.all(rows <= f.row_hi + 1e-9)
        assert f.c @ x == sum(inst.hearings[p.h].weight for p in mine)
        assert sorted(f.decode(x), key=lambda p: p.h) == sorted(mine, key=lambda p: p.h)
