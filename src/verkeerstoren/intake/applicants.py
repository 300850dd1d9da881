# SPDX-License-Identifier: EUPL-1.2
"""Applicants from JSON objects (the CLI's JSON Lines), checked field by field.

An unknown field, a missing required field, a value of the wrong type or an impossible date is a
FieldError naming the field; nothing is guessed.
"""

from __future__ import annotations

import re
from typing import Any

from verkeerstoren.law.codec import FieldError, parse_date

from .propose import Applicant, age_on

REQUIRED = ("id", "registered", "nationality", "birth_date")
OPTIONAL = (
    "unaccompanied", "eurodac_hit", "dublin_indication", "protection_elsewhere", "declared",
    "indications", "medical_advice", "age_assessment_needed", "family", "language", "same_gender",
)  # fmt: skip
DECLARED = frozenset({"lgbti", "conversion"})
INDICATIONS = frozenset({"1f", "trafficking"})
MEDICAL_ADVICE = frozenset({"none", "restrictions", "not_hearable_in_aa"})
NATIONALITY = re.compile(r"[A-Z]{3}")
MAX_AGE = 120
MAX_ID = 64


def _bool(raw: dict[str, Any], name: str) -> bool:
    value = raw.get(name, False)
    if not isinstance(value, bool):
        raise FieldError(name, f"must be true or false: {value!r}")
    return value


def _codes(raw: dict[str, Any], name: str, allowed: frozenset[str]) -> frozenset[str]:
    value = raw.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError(name, "must be a list of codes")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise FieldError(name, f"unknown code {unknown[0]!r}; known: {', '.join(sorted(allowed))}")
    return frozenset(value)


def _text(raw: dict[str, Any], name: str, *, nullable: bool = False) -> str | None:
    value = raw.get(name)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not value or len(value) > MAX_ID:
        raise FieldError(name, f"must be a text of 1 to {MAX_ID} characters")
    return value


def applicant_from_dict(raw: Any) -> Applicant:
    """One checked Applicant, or FieldError naming the field."""
    if not isinstance(raw, dict):
        raise FieldError("(line)", "must be a JSON object")
    for name in raw:
        if name not in REQUIRED and name not in OPTIONAL:
            raise FieldError(name, "unknown field")
    for name in REQUIRED:
        if name not in raw:
            raise FieldError(name, "is required")
    registered = parse_date(raw["registered"], "registered")
    born = None if raw["birth_date"] is None else parse_date(raw["birth_date"], "birth_date")
    if born is not None and born > registered:
        raise FieldError("birth_date", "lies after the registration date")
    age = age_on(born, registered)
    if age is not None and age > MAX_AGE:
        raise FieldError("birth_date", f"gives an age over {MAX_AGE} years")
    nationality = raw["nationality"]
    if not isinstance(nationality, str) or not NATIONALITY.fullmatch(nationality):
        raise FieldError(
            "nationality", "must be an ISO 3166 alpha-3 code such as 'SYR' ('XKX' for Kosovo)"
        )
    unaccompanied = _bool(raw, "unaccompanied")
    if unaccompanied and age is not None and age >= 18:
        raise FieldError(
            "unaccompanied", "an unaccompanied minor is under 18 on the registration date"
        )
    medical = raw.get("medical_advice", "none")
    if not isinstance(medical, str) or medical not in MEDICAL_ADVICE:
        raise FieldError("medical_advice", f"must be one of {', '.join(sorted(MEDICAL_ADVICE))}")
    same_gender = raw.get("same_gender")
    if same_gender not in (None, "f", "m"):
        raise FieldError("same_gender", "must be 'f', 'm' or null")
    language = raw.get("language", "")
    if not isinstance(language, str) or len(language) > 16:
        raise FieldError("language", "must be a language code")
    return Applicant(
        id=str(_text(raw, "id")),
        registered=registered,
        nationality=nationality,
        birth_date=born,
        unaccompanied=unaccompanied,
        eurodac_hit=_bool(raw, "eurodac_hit"),
        dublin_indication=_bool(raw, "dublin_indication"),
        protection_elsewhere=_bool(raw, "protection_elsewhere"),
        declared=_codes(raw, "declared", DECLARED),
        indications=_codes(raw, "indications", INDICATIONS),
        medical_advice=medical,
        age_assessment_needed=_bool(raw, "age_assessment_needed"),
        family=_text(raw, "family", nullable=True),
        language=language,
        same_gender=same_gender,
    )
