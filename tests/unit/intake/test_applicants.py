# SPDX-License-Identifier: EUPL-1.2
"""Applicants from JSON objects (the CLI's input lines): every bad value is a FieldError naming
its field, never another exception, and a good line keeps what it says."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from verkeerstoren.intake.applicants import applicant_from_dict
from verkeerstoren.law.codec import FieldError

BASE: dict[str, Any] = {
    "id": "a1",
    "registered": "2020-04-06",
    "nationality": "SYR",
    "birth_date": "1990-01-01",
}


def with_(**changes: Any) -> dict[str, Any]:
    return {**BASE, **changes}


def without(name: str) -> dict[str, Any]:
    return {k: v for k, v in BASE.items() if k != name}


def test_a_full_line_is_read_as_given() -> None:
    a = applicant_from_dict(
        with_(unaccompanied=True, birth_date="2005-04-07", eurodac_hit=True,
              dublin_indication=False, protection_elsewhere=True, declared=["lgbti"],
              indications=["trafficking", "1f"], medical_advice="restrictions",
              age_assessment_needed=True, family=None, language="ar", same_gender="m")
    )  # fmt: skip
    assert a.registered == date(2020, 4, 6) and a.birth_date == date(2005, 4, 7)
    assert a.unaccompanied and a.eurodac_hit and a.protection_elsewhere
    assert not a.dublin_indication
    assert a.declared == {"lgbti"} and a.indications == {"1f", "trafficking"}
    assert (a.medical_advice, a.age_assessment_needed, a.family) == ("restrictions", True, None)
    assert (a.language, a.same_gender) == ("ar", "m")


def test_the_optional_fields_default_to_nothing_recorded() -> None:
    a = applicant_from_dict(BASE)
    assert (a.unaccompanied, a.eurodac_hit, a.declared, a.indications) == (
        False, False, frozenset(), frozenset(),
    )  # fmt: skip
    assert (a.medical_advice, a.family, a.language, a.same_gender) == ("none", None, "", None)


def test_an_unknown_date_of_birth_is_allowed() -> None:
    # Undocumented applicants may not know it; an unaccompanied minor without one is accepted
    # (the age assessment decides).
    a = applicant_from_dict(with_(birth_date=None, unaccompanied=True))
    assert a.birth_date is None and a.unaccompanied


def test_born_on_the_registration_day_and_aged_just_under_18() -> None:
    assert applicant_from_dict(with_(birth_date="2020-04-06")).birth_date == date(2020, 4, 6)
    # 18 on 7 April 2020, so still a minor on the 6th.
    applicant_from_dict(with_(birth_date="2002-04-07", unaccompanied=True))
    # 120 years is the oldest age accepted (as at registration in the register).
    applicant_from_dict(with_(registered="2020-04-06", birth_date="1900-01-01"))


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ([], "(line)"),
        ("text", "(line)"),
        (None, "(line)"),
        (without("id"), "id"),
        (without("registered"), "registered"),
        (without("nationality"), "nationality"),
        (without("birth_date"), "birth_date"),
        (with_(Id="a1"), "Id"),  # field names are exact
        (with_(vNumber="1234567890"), "vNumber"),  # no V-number in this contract
        (with_(id=""), "id"),
        (with_(id="x" * 65), "id"),
        (with_(id=7), "id"),
        (with_(registered="06-04-2020"), "registered"),
        (with_(registered="2020-13-01"), "registered"),
        (with_(registered="2019-02-29"), "registered"),  # 2019 is no leap year
        (with_(registered="1899-12-31"), "registered"),
        (with_(registered=20200406), "registered"),
        (with_(registered=None), "registered"),
        (with_(birth_date="2020-04-07"), "birth_date"),  # after the registration
        (with_(birth_date="1899-01-01"), "birth_date"),
        (with_(registered="2021-04-06", birth_date="1900-04-05"), "birth_date"),  # 121 years
        (with_(birth_date=""), "birth_date"),
        (with_(nationality="syr"), "nationality"),
        (with_(nationality="SY"), "nationality"),
        (with_(nationality="SYRI"), "nationality"),
        (with_(nationality=None), "nationality"),
        (with_(nationality=760), "nationality"),
        (with_(unaccompanied="yes"), "unaccompanied"),
        (with_(unaccompanied=1), "unaccompanied"),
        (with_(unaccompanied=True), "unaccompanied"),  # born 1990: an adult
        (with_(unaccompanied=True, birth_date="2002-04-06"), "unaccompanied"),  # 18 that day
        (with_(eurodac_hit=0), "eurodac_hit"),
        (with_(dublin_indication="false"), "dublin_indication"),
        (with_(protection_elsewhere=None), "protection_elsewhere"),
        (with_(age_assessment_needed="true"), "age_assessment_needed"),
        (with_(declared="lgbti"), "declared"),  # a list, not a text
        (with_(declared=["LGBTI"]), "declared"),
        (with_(declared=["lgbti", 1]), "declared"),
        (with_(declared=None), "declared"),
        (with_(indications=["1F"]), "indications"),
        (with_(indications=["exclusion"]), "indications"),
        (with_(indications={"1f": True}), "indications"),
        (with_(medical_advice="fine"), "medical_advice"),
        (with_(medical_advice=""), "medical_advice"),
        (with_(medical_advice=None), "medical_advice"),
        (with_(medical_advice=["none"]), "medical_advice"),
        (with_(medical_advice={"none": True}), "medical_advice"),
        (with_(family=""), "family"),
        (with_(family="F" * 65), "family"),
        (with_(family=3), "family"),
        (with_(language=None), "language"),
        (with_(language="a" * 17), "language"),
        (with_(language=["ar"]), "language"),
        (with_(same_gender="x"), "same_gender"),
        (with_(same_gender="F"), "same_gender"),
        (with_(same_gender=True), "same_gender"),
        (with_(same_gender=["f"]), "same_gender"),
    ],
)
def test_a_bad_value_names_its_field(raw: Any, field: str) -> None:
    with pytest.raises(FieldError) as refused:
        applicant_from_dict(raw)
    assert refused.value.field == field
    assert str(refused.value).startswith(f"field '{field}': ")
