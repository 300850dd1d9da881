# SPDX-License-Identifier: EUPL-1.2
"""Deep pages of the case list hold the same cases, in the same order, as one sorted list."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from verkeerstoren.cases import queries
from verkeerstoren.cases.importing import import_path

SMALL = Path(__file__).parent / "data" / "small"

pytestmark = pytest.mark.django_db


def _rows() -> list[dict[str, str]]:
    with (SMALL / "cases.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(("sort", "key", "reverse"), [
    ("received", lambda r: (r["received"], r["reference"]), False),
    ("-received", lambda r: (r["received"], r["reference"]), True),
    ("reference", lambda r: r["reference"], False),
    ("-reference", lambda r: r["reference"], True),
])  # fmt: skip
def test_every_page_holds_the_next_cases_of_the_sorted_register(
    sort: str, key: object, reverse: bool
) -> None:
    import_path(SMALL)
    expected = [r["reference"] for r in sorted(_rows(), key=key, reverse=reverse)]  # type: ignore[arg-type]
    filters = queries.CaseFilters(sort=sort)
    pages = []
    for number in range(1, 4):
        page = queries.case_page(filters, number, per_page=2)
        pages.extend(c.reference for c in page.object_list)
        assert page.paginator.count == len(expected)
    assert pages == expected
    # The rows of a page come with their joins (location), not only their ids.
    assert queries.case_page(filters, 2, per_page=2).object_list[0].location.code


def test_a_filter_pages_only_the_matching_cases() -> None:
    import_path(SMALL)
    expected = sorted((r["received"], r["reference"]) for r in _rows() if r["track"] == "4")
    page = queries.case_page(queries.CaseFilters(track="4", sort="received"), 1, per_page=50)
    assert [c.reference for c in page.object_list] == [ref for _, ref in expected]
