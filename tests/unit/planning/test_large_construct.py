# SPDX-License-Identifier: EUPL-1.2
"""Construction of a placement on the large path: plans the checker accepts with exact
bookkeeping, pins met, pins that cannot be met rejected."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from large_helpers import (
    assert_valid_placement,
    exact_cost,
    pinned_from_baseline,
    random_instance,
    random_prices,
    random_targets,
    short_of_hours,
)

from verkeerstoren.planning.large.arrays import build_structure
from verkeerstoren.planning.large.construct import construct
from verkeerstoren.planning.large.lp import solve_compact
from verkeerstoren.planning.large.pricing import Prices, price_units
from verkeerstoren.planning.model.instance import (
    Pin,
    PlanningInputError,
    PlanningInstance,
    instance_from_dict,
)
from verkeerstoren.planning.solve import solve_plan


@pytest.mark.parametrize("seed", range(20))
def test_construct_gives_checked_plans(seed: int) -> None:
    inst = random_instance(seed, staff=4, cases=16, weeks=3, firms=1 + seed % 2, families=3)
    if seed % 2:
        inst = short_of_hours(inst, seed)
    inst = pinned_from_baseline(inst, seed, count=2)
    s = build_structure(inst)
    free = price_units(s, Prices.zero(s))
    lp = solve_compact(s, free, time_limit=5.0, seed=seed)
    rng = np.random.default_rng(seed)
    for prices in (Prices.zero(s), lp.prices, random_prices(s, rng, None)):
        for target in (free.value.argmin(axis=1), *(random_targets(s, rng) for _ in range(4))):
            target = np.where(target >= s.weeks, -1, target)
            assert_valid_placement(inst, s, construct(s, prices, target))


def test_construct_keeps_pins_of_a_family_and_of_single_cases() -> None:
    for seed in range(8):
        inst = pinned_from_baseline(random_instance(seed, families=3), seed, count=3)
        s = build_structure(inst)
        placer = construct(s, Prices.zero(s), np.full(len(s.units), -1))
        assert_valid_placement(inst, s, placer)  # asserts every pin


def _first_single(inst: PlanningInstance) -> int:
    """A case outside any family that S0 may take (S0 decides everything but competencies)."""
    return next(c for c, case in enumerate(inst.cases) if not case.family and not case.competencies)


@pytest.mark.parametrize("seed", range(4))
def test_pin_to_an_officer_short_of_hours_is_rejected(seed: int) -> None:
    inst = random_instance(seed)
    c = _first_single(inst)
    case = inst.cases[c]
    week = inst.horizon_weeks - 1
    inst = replace(inst, cases=tuple(replace(x, ready_week=0) for x in inst.cases))
    # S0 (decides everything, location aside; video needs none) with just too few hours for
    # any way of doing the case: hearing and decision stay with the officer whatever is
    # outsourced.
    least = min(case.effort[m]["hear"] + case.effort[m]["decide"] for m in case.modes())
    short = tuple(least - 0.5 if w == week else 40.0 for w in range(inst.horizon_weeks))
    enough = tuple(40.0 for _ in range(inst.horizon_weeks))
    pins = (Pin(case.id, "S0", week),)
    for hours, fits in ((enough, True), (short, False)):
        staff = (replace(inst.staff[0], hours=hours), *inst.staff[1:])
        pinned = replace(inst, staff=staff, pins=pins)
        s = build_structure(pinned)
        if fits:  # control: the same pin with hours is met
            assert_valid_placement(
                pinned, s, construct(s, Prices.zero(s), np.full(len(s.units), -1))
            )
        else:
            with pytest.raises(PlanningInputError):
                construct(s, Prices.zero(s), np.full(len(s.units), -1))


@pytest.mark.parametrize("seed", range(4))
def test_pin_before_the_ready_week_is_rejected(seed: int) -> None:
    inst = random_instance(seed, weeks=3)
    c = _first_single(inst)
    for ready, fits in ((1, True), (2, False)):
        cases = list(inst.cases)
        cases[c] = replace(cases[c], ready_week=ready)
        pinned = replace(inst, cases=tuple(cases), pins=(Pin(cases[c].id, "S0", 1),))
        s = build_structure(pinned)
        if fits:
            assert_valid_placement(
                pinned, s, construct(s, Prices.zero(s), np.full(len(s.units), -1))
            )
        else:
            with pytest.raises(PlanningInputError):
                construct(s, Prices.zero(s), np.full(len(s.units), -1))
            with pytest.raises(PlanningInputError):
                solve_plan(pinned, time_limit=2.0)


def _two_pins_that_fit_together() -> PlanningInstance:
    # S0 has 20 h; A and B take 10 h each orally (11 h by video). S1 elsewhere makes the video
    # choice not dominated (more officers may take it).
    effort = {
        "oral": {"prepare": 2, "hear": 4, "draft": 3, "decide": 1},
        "video": {"prepare": 2, "hear": 5, "draft": 3, "decide": 1},
    }
    return instance_from_dict(
        {
            "horizon_weeks": 1,
            "staff": [
                {"id": "S0", "location": "ZEV", "hours": [20]},
                {"id": "S1", "location": "TA", "hours": [20]},
            ],
            "cases": [
                {
                    "id": c,
                    "location": "ZEV",
                    "effort": effort,
                    "cost_by_week": [0],
                    "cost_beyond": 100,
                }
                for c in ("A", "B")
            ],
            "pins": [
                {"case": "A", "officer": "S0", "week": 0},
                {"case": "B", "officer": "S0", "week": 0},
            ],
        }
    )


def test_two_pins_that_fit_together_have_a_plan() -> None:
    inst = _two_pins_that_fit_together()
    assert exact_cost(inst) == 0.0  # both orally with S0: 10 h + 10 h


def test_construct_meets_two_pins_that_fit_together() -> None:
    inst = _two_pins_that_fit_together()
    s = build_structure(inst)
    assert_valid_placement(inst, s, construct(s, Prices.zero(s), np.full(len(s.units), -1)))
