# SPDX-License-Identifier: EUPL-1.2
"""Lagrangian bound of the large path: never above the exact optimum, and at zero prices each
unit's cheapest week (enumerated from the instance, the checker as judge)."""

from __future__ import annotations

import numpy as np
import pytest
from large_helpers import (
    TOL,
    alone_value,
    lagrangian_value,
    never_above_optimum,
    pinned_from_baseline,
    random_instance,
    random_prices,
    relaxed_group_value,
    short_of_hours,
)

from verkeerstoren.planning.large.arrays import build_structure
from verkeerstoren.planning.large.pricing import Prices, hours_used, price_units


@pytest.mark.parametrize("seed", range(30))
def test_lagrangian_bound_never_exceeds_the_exact_optimum(seed: int) -> None:
    never_above_optimum(lagrangian_value, seed, families=2, tries=30)


@pytest.mark.parametrize(("seed", "firms"), [(s, s % 3) for s in range(30)])
def test_bound_at_zero_prices_is_every_case_at_its_cheapest_week(seed: int, firms: int) -> None:
    # Single cases, unpinned: the pricing relaxes nothing for them. Officers are short of
    # hours so that some cases fit some weeks only, or only with a firm's help.
    inst = short_of_hours(random_instance(seed, cases=10, firms=firms, families=0), seed)
    s = build_structure(inst)
    alone = np.array([alone_value(inst, list(unit.cases)) for unit in s.units])
    free = price_units(s, Prices.zero(s))
    np.testing.assert_allclose(free.value.min(axis=1), alone, atol=TOL)
    assert lagrangian_value(s, Prices.zero(s)) == pytest.approx(alone.sum(), abs=TOL)


@pytest.mark.parametrize("seed", range(16))
def test_bound_at_zero_prices_with_families_and_pins(seed: int) -> None:
    # No firms. A family (or a pinned case) may be priced by the relaxation the pricing
    # documents, never below it, and never above what the unit costs on its own; a single
    # unpinned case exactly.
    inst = short_of_hours(random_instance(seed, cases=10, firms=0, families=3), seed)
    inst = pinned_from_baseline(inst, seed, count=2)
    s = build_structure(inst)
    free = price_units(s, Prices.zero(s))
    for u, unit in enumerate(s.units):
        alone = alone_value(inst, list(unit.cases))
        value = free.value[u].min()
        if len(unit.cases) == 1 and unit.pin is None:
            assert value == pytest.approx(alone, abs=TOL)
        else:
            assert relaxed_group_value(inst, list(unit.cases)) - TOL <= value <= alone + TOL
    assert lagrangian_value(s, Prices.zero(s)) == pytest.approx(
        free.value.min(axis=1).sum(), abs=TOL
    )


@pytest.mark.parametrize("seed", range(10))
def test_bound_at_zero_prices_is_at_most_the_units_on_their_own(seed: int) -> None:
    # Everything at once (families, firms, pins): the pricing may relax, never overcharge.
    inst = random_instance(seed, staff=3, cases=10, weeks=3, firms=1, families=3)
    inst = pinned_from_baseline(short_of_hours(inst, seed), seed, count=2)
    s = build_structure(inst)
    alone = np.array([alone_value(inst, list(unit.cases)) for unit in s.units])
    free = price_units(s, Prices.zero(s))
    assert (free.value.min(axis=1) <= alone + TOL).all()


@pytest.mark.parametrize("seed", range(10))
def test_hours_used_match_the_priced_values(seed: int) -> None:
    # Each unit's cheapest value = its cost + firm fees + the priced hours it uses, so summed:
    # sum of values = cost + fees + <prices, hours used>.
    inst = short_of_hours(random_instance(seed, firms=2, families=3), seed)
    inst = pinned_from_baseline(inst, seed, count=1)
    s = build_structure(inst)
    rng = np.random.default_rng(seed)
    for _ in range(5):
        prices = random_prices(s, rng, None)
        priced = price_units(s, prices)
        officer, prep, draft, best = hours_used(s, priced)
        np.testing.assert_array_equal(best, priced.value.argmin(axis=1))
        assert np.isfinite(priced.value[np.arange(len(s.units)), best]).all()
        total = 0.0
        for u, unit in enumerate(s.units):
            for c in unit.cases:
                total += float(s.cost[c, best[u]])
                if best[u] < s.weeks and priced.firm[c, best[u]] >= 0:
                    ch = s.choices[c][priced.choice[c, best[u]]]
                    rate = float(s.firm_rate[priced.firm[c, best[u]]])
                    total += rate * (ch.firm_prepare + ch.firm_draft)
        total += float((prices.officer * officer).sum())
        total += float((prices.firm_prepare * prep).sum() + (prices.firm_draft * draft).sum())
        assert float(priced.value.min(axis=1).sum()) == pytest.approx(total, rel=1e-9, abs=TOL)
        assert (officer >= 0).all() and (prep >= 0).all() and (draft >= 0).all()
