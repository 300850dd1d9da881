# SPDX-License-Identifier: EUPL-1.2
"""JSON codec: strict validation naming the field, and the output shape."""

from datetime import date

import pytest

from verkeerstoren.law.codec import (
    FieldError,
    assessment_to_dict,
    behaviour_from_dict,
    case_from_dict,
)
from verkeerstoren.law.exposure import assess
from verkeerstoren.law.model import CourtRuling, Notice, Suspension

GOOD = {
    "id": "A1",
    "received": "2019-05-02",
    "extensions": [{"months": 3}],
    "suspensions": [{"start": "2019-06-01", "end": "2019-06-10"}],
    "notices": [{"received": "2019-12-02", "sent": "2019-11-29"}],
    "appeals": [
        {"judgment": "2020-01-10", "decision_term_days": 56, "daily_eur": 100, "cap_eur": 7500}
    ],
    "decided": None,
}


def test_parses_all_fields() -> None:
    case = case_from_dict(GOOD)
    assert case.id == "A1"
    assert case.received == date(2019, 5, 2)
    assert case.extensions == (3,)
    assert case.suspensions == (Suspension(date(2019, 6, 1), date(2019, 6, 10)),)
    assert case.notices == (Notice(date(2019, 12, 2), date(2019, 11, 29)),)
    assert case.rulings == (CourtRuling(date(2020, 1, 10), 56, 100.0, 7500.0),)
    assert case.decided is None
    assert not case.manifestly_unfounded
    assert case.asylum


def test_minimal_record() -> None:
    case = case_from_dict({"id": "M", "received": "2020-02-29"})
    assert case.notices == () and case.decided is None


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"received": "2019-13-01"}, "received"),
        ({"received": "2019-5-2"}, "received"),
        ({"received": 20190502}, "received"),
        ({"decided": "2019-02-30"}, "decided"),
        ({"colour": "red"}, "colour"),
        ({"extensions": [{"months": "9"}]}, "extensions[0].months"),
        ({"extensions": [{"months": True}]}, "extensions[0].months"),
        ({"extensions": [{"months": -1}]}, "extensions[0].months"),
        ({"extensions": {"months": 9}}, "extensions"),
        ({"suspensions": [{"start": "2019-06-10", "end": "2019-06-01"}]}, "suspensions[0].end"),
        ({"notices": [{"sent": "2019-12-01"}]}, "notices[0].received"),
        ({"notices": [{"received": "2019-12-01", "sent": "2019-12-05"}]}, "notices[0].sent"),
        ({"notices": [{"received": "2019-12-01", "via": "fax"}]}, "notices[0].via"),
        ({"appeals": [{"judgment": "2020-01-10"}]}, "appeals[0].decision_term_days"),
        ({"manifestly_unfounded": "no"}, "manifestly_unfounded"),
        ({"id": 7}, "id"),
    ],
)
def test_bad_fields_are_named(patch: dict[str, object], field: str) -> None:
    with pytest.raises(FieldError) as info:
        case_from_dict({**GOOD, **patch})
    assert info.value.field == field


def test_missing_required_and_non_object() -> None:
    with pytest.raises(FieldError) as info:
        case_from_dict({"id": "X"})
    assert info.value.field == "received"
    with pytest.raises(FieldError):
        case_from_dict(["not", "an", "object"])


def test_output_shape() -> None:
    row = assessment_to_dict(assess(case_from_dict(GOOD), date(2020, 1, 1)))
    for key in (
        "id",
        "deadline",
        "overdue_days",
        "first_penalty_day",
        "admin_penalty_eur",
        "court_penalty_eur",
    ):
        assert key in row
    # 2019-05-02 + (6 + 3) months = 2020-02-02; the 10-day suspension starts before it, so
    # + 10 days = Wednesday 2020-02-12, a working day.
    assert row["deadline"] == "2020-02-12"
    assert row["admin_penalty_eur"] == 0 and row["first_penalty_day"] is None


def test_behaviour_from_dict() -> None:
    raw = {
        "notice_probability": 0.3,
        "notice_delay_days": 30,
        "appeal_probability": 0.2,
        "appeal_to_judgment_days": 56,
        "court_decision_term_days": 56,
        "court_daily_eur": 100,
        "court_cap_eur": 7500,
    }
    assert behaviour_from_dict(raw).notice_probability == 0.3
    with pytest.raises(FieldError) as info:
        behaviour_from_dict({**raw, "notice_probability": 2})
    assert info.value.field == "notice_probability"
    with pytest.raises(FieldError):
        behaviour_from_dict({k: v for k, v in raw.items() if k != "court_cap_eur"})
