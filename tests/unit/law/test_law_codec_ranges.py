# SPDX-License-Identifier: EUPL-1.2
"""Codec bounds: dates in 1900..2100 and day counts, months and amounts with upper bounds."""

from __future__ import annotations

from datetime import date

import pytest

from verkeerstoren.law.codec import (
    MAX_DAYS,
    MAX_MONTHS,
    FieldError,
    behaviour_from_dict,
    case_from_dict,
)
from verkeerstoren.law.exposure import assess

RULING = {"judgment": "2020-01-10", "decision_term_days": 56, "daily_eur": 100, "cap_eur": 7500}
BEHAVIOUR = {
    "notice_probability": 0.5,
    "notice_delay_days": 14,
    "appeal_probability": 0.1,
    "appeal_to_judgment_days": 120,
    "court_decision_term_days": 56,
    "court_daily_eur": 100,
    "court_cap_eur": 7500,
}


def field_of(record: dict[str, object]) -> str:
    with pytest.raises(FieldError) as info:
        case_from_dict(record)
    return info.value.field


@pytest.mark.parametrize("received", ["1899-12-31", "2101-01-01", "9999-12-31", "0001-01-01"])
def test_dates_outside_1900_2100_are_refused(received: str) -> None:
    assert field_of({"id": "A", "received": received}) == "received"


def test_the_bounds_themselves_are_dates() -> None:
    assert case_from_dict({"id": "A", "received": "1900-01-01"}).received == date(1900, 1, 1)
    case = case_from_dict({"id": "A", "received": "2100-12-31", "decided": "2100-12-31"})
    assert case.decided == date(2100, 12, 31)


@pytest.mark.parametrize(
    ("record", "field"),
    [
        ({"appeals": [{**RULING, "decision_term_days": 10**12}]}, "appeals[0].decision_term_days"),
        (
            {"appeals": [{**RULING, "decision_term_days": MAX_DAYS + 1}]},
            "appeals[0].decision_term_days",
        ),
        ({"appeals": [{**RULING, "cap_eur": 1e300}]}, "appeals[0].cap_eur"),
        ({"appeals": [{**RULING, "daily_eur": 10**400}]}, "appeals[0].daily_eur"),
        ({"appeals": [{**RULING, "judgment": "2200-01-01"}]}, "appeals[0].judgment"),
        ({"extensions": [{"months": MAX_MONTHS + 1}]}, "extensions[0].months"),
        ({"notices": [{"received": "2101-01-01"}]}, "notices[0].received"),
    ],
)
def test_numbers_out_of_range_name_the_field(record: dict[str, object], field: str) -> None:
    assert field_of({"id": "A", "received": "2019-05-02", **record}) == field


def test_largest_accepted_values_can_be_assessed() -> None:
    # Everything at its bound still gives an assessment (no date overflow in the engine).
    case = case_from_dict(
        {
            "id": "A",
            "received": "2100-12-31",
            "extensions": [{"months": MAX_MONTHS}],
            "suspensions": [{"start": "2100-12-31", "end": "2100-12-31"}],
            "appeals": [{**RULING, "judgment": "2100-12-31", "decision_term_days": MAX_DAYS}],
        }
    )
    assessment = assess(case, date(2100, 12, 31))
    assert assessment.deadline > date(2100, 12, 31)


def test_suspensions_in_total_are_bounded() -> None:
    period = {"start": "1900-07-01", "end": "2100-01-01"}
    assert field_of({"id": "S", "received": "1900-06-01", "suspensions": [period] * 60}) == (
        "suspensions"
    )


@pytest.mark.parametrize(
    "name", ["notice_delay_days", "appeal_to_judgment_days", "court_decision_term_days"]
)
def test_behaviour_day_counts_are_bounded(name: str) -> None:
    behaviour_from_dict(BEHAVIOUR)
    with pytest.raises(FieldError) as info:
        behaviour_from_dict({**BEHAVIOUR, name: 10**12})
    assert info.value.field == name
