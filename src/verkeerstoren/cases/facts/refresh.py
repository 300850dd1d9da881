# SPDX-License-Identifier: EUPL-1.2
"""Keep one case's derived law figures in step with its facts, in the fact's transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from verkeerstoren.cases import models as m
from verkeerstoren.cases.law_figures import (
    behaviour,
    exposure_horizon,
    figures_row,
    history_of,
    register_as_of,
)
from verkeerstoren.law.portfolio import (
    assess_portfolio,
    build_portfolio,
    expected_portfolio_exposure,
)


def refresh_case_law(case: m.Case, as_of: date | None = None) -> m.LawFigures | None:
    """Recompute the LawFigures row of ``case`` (the engine's portfolio code on one case).

    Inside :func:`deferred` it only notes the case and returns None.
    """
    noted = _deferred.get()
    if noted is not None:
        noted.add(case.pk)
        return None
    as_of = as_of or register_as_of()
    portfolio = build_portfolio([history_of(case)])
    a = assess_portfolio(portfolio, as_of)
    e = expected_portfolio_exposure(portfolio, as_of, exposure_horizon(as_of), behaviour())
    values = figures_row(a, e, 0, as_of)
    figures, _ = m.LawFigures.objects.update_or_create(case=case, defaults=values)
    return figures


_deferred: ContextVar[set[int] | None] = ContextVar("deferred_law_refresh", default=None)


@contextmanager
def deferred() -> Iterator[set[int]]:
    """Inside the block refresh_case_law only notes the case: for bulk work (the demo clock) that
    refreshes the whole register once at the end. Yields the noted case ids."""
    noted: set[int] = set()
    token = _deferred.set(noted)
    try:
        yield noted
    finally:
        _deferred.reset(token)
