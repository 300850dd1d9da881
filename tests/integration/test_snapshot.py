# SPDX-License-Identifier: EUPL-1.2
"""The overview's cached figures follow every change of the register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from verkeerstoren.cases import models as m
from verkeerstoren.cases import queries
from verkeerstoren.cases.facts import change_status
from verkeerstoren.cases.importing import import_path
from verkeerstoren.cases.law_figures import refresh_law_figures
from verkeerstoren.cases.snapshot import cached

SMALL = Path(__file__).parent / "data" / "small"
AS_OF = dt.date(2020, 4, 6)

pytestmark = pytest.mark.django_db


def _counts() -> queries.RegisterCounts:
    return cached("counts", queries.register_counts)


def test_a_second_look_is_served_from_the_cache() -> None:
    import_path(SMALL)
    first = _counts()
    with CaptureQueriesContext(connection) as seen:
        again = _counts()
    assert again == first
    assert not any("GROUP BY" in q["sql"] for q in seen.captured_queries)


def test_a_status_change_a_new_case_and_a_law_refresh_each_give_new_figures() -> None:
    import_path(SMALL)
    refresh_law_figures(AS_OF)  # the figures of that date, before and after the new case
    before = dict(_counts().by_status)
    case = m.Case.objects.get(reference="TF-0000002")
    assert case.status == "preparing"
    change_status(case, "ready_for_hearing", dt.date(2020, 4, 1), user=None)
    after = dict(_counts().by_status)
    assert after["preparing"] == before["preparing"] - 1
    assert after["ready_for_hearing"] == before["ready_for_hearing"] + 1

    total = _counts().total
    m.Case.objects.create(
        reference="TF-0009999", person="f" * 64, received=dt.date(2020, 1, 2), track="4",
        procedure="AA", kind="first", stream="regular", nationality="SYR", language="ar",
        location=m.Location.objects.first(), status="registered", complexity="normal",
    )  # fmt: skip
    assert _counts().total == total + 1

    penalties = cached("penalties", lambda: queries.penalty_overview(AS_OF, total + 1), AS_OF)
    assert penalties.cases_without_figures == 1
    refresh_law_figures(AS_OF)
    penalties = cached("penalties", lambda: queries.penalty_overview(AS_OF, total + 1), AS_OF)
    assert penalties.cases_without_figures == 0
