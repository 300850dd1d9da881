# SPDX-License-Identifier: EUPL-1.2
"""The register's derived law figures: computed from the legal events, never stored as facts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.test import override_settings

from verkeerstoren.cases import models as m
from verkeerstoren.cases.importing import import_path
from verkeerstoren.cases.law_figures import assess_case, exposure_horizon, refresh_law_figures

SMALL = Path(__file__).parent / "data" / "small"
pytestmark = pytest.mark.django_db
AS_OF = date(2020, 4, 6)


def test_refresh_derives_figures_from_legal_events() -> None:
    import_path(SMALL)
    assert refresh_law_figures(AS_OF) == 5
    law = {f.case.reference: f for f in m.LawFigures.objects.select_related("case")}
    # TF-0000001: received 2019-05-02, 6 + 9 months -> 2020-08-02, a Sunday -> Monday 2020-08-03.
    # Its notice (received 2020-04-20) came before the deadline, so it is not valid.
    assert law["TF-0000001"].deadline == date(2020, 8, 3)
    assert law["TF-0000001"].first_penalty_day is None
    # TF-0000002: 2019-11-20 + 6 months = 2020-05-20; the suspension 2020-03-16..05-31 starts
    # before it and lasts 16 + 30 + 31 = 77 days -> 2020-08-05 (a Wednesday).
    assert law["TF-0000002"].deadline == date(2020, 8, 5)
    # RG-0000005: court ordered a decision within 56 days of 2020-02-01 = 2020-03-28; EUR 100 a
    # day from 2020-03-29 to 2020-04-06 inclusive = 9 days.
    assert law["RG-0000005"].court_penalty_eur == pytest.approx(900.0)
    assert law["RG-0000005"].penalty_per_day_eur == pytest.approx(100.0)
    # Refreshing again replaces, it does not add.
    refresh_law_figures(AS_OF)
    assert m.LawFigures.objects.count() == 5


def test_per_case_assessment_matches_the_vectorised_cache() -> None:
    """The case page's per-case engine (``exposure.assess``) and the cache's vectorised one
    (``portfolio.assess_portfolio``, written separately) agree; the hand-derived values above
    pin both."""
    import_path(SMALL)
    refresh_law_figures(AS_OF)
    for figures in m.LawFigures.objects.select_related("case"):
        one = assess_case(figures.case, AS_OF)
        assert one.deadline == figures.deadline
        assert one.first_penalty_day == figures.first_penalty_day
        assert one.penalty_eur == pytest.approx(figures.penalty_eur)


@override_settings(EXPOSURE_HORIZON_WEEKS=4)
def test_exposure_assumes_a_decision_the_horizon_in_weeks_after_the_figures_date() -> None:
    # 4 weeks = 28 days after Monday 2020-04-06.
    assert exposure_horizon(AS_OF) == date(2020, 5, 4)
