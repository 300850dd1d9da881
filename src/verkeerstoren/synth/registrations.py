# SPDX-License-Identifier: EUPL-1.2
"""A working day's new applicants: the synthetic intake the demo clock registers.

Pure and seeded by the caller's generator. About 30 people a working day, the number the intake
table (Regietafel) reviewed each morning (DOMAIN.md §5, M); the tf2020 register's inflow and the
forecast keep the quarterly rates of ``calibration`` instead. Applicants come in *units*: a
single applicant, or a family of 2 to 5 registered the same day at one location (one or two
parents and their children, one family group). Unit probabilities are set so that the shares of
*people* match the calibration: a fifth in families, repeat applications as in the 2020 inflow,
unaccompanied minors as a share of first applications. Everyone has a date of birth; intake facts
(Eurodac hit, protection elsewhere, documents, medical advice, declared features and indications)
follow the rates below, marked as in DOMAIN.md.
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

import numpy as np

from verkeerstoren.glossary import CaseKind, DocumentKind, Feature, MedicalAdvice
from verkeerstoren.synth import calibration as cal
from verkeerstoren.synth.reference import (
    AMV_AT_CHILD_LOCATION,
    CHILD_LOCATION,
    LOCATIONS,
    NATIONALITIES,
    Nationality,
)

# --- Rates and shares (L = assumption made here, change freely) -------------------------------

REGISTRATIONS_PER_DAY = 30.0  # people registered a working day (DOMAIN.md §5, M)
EURODAC_HIT_SHARE = 0.20  # units with a Eurodac hit (fingerprints in another EU state) (L)
DUBLIN_INDICATION_SHARE = 0.02  # other Dublin indications: a visa of another state (L)
PROTECTION_ELSEWHERE_SHARE = 0.02  # units with protection in another EU state (L)
NO_DOCUMENTS_SHARE = 0.60  # applicants without identity documents at registration (L)
DOCUMENT_SHARES: dict[str, float] = {  # the one document of those who bring one (L)
    DocumentKind.PASSPORT.value: 0.55,
    DocumentKind.ID_CARD.value: 0.30,
    DocumentKind.BIRTH_CERTIFICATE.value: 0.10,
    DocumentKind.DRIVING_LICENCE.value: 0.05,
}
# About a third of unaccompanied minors need an age assessment (calibration, L); only those
# without documents do, so the share among the undocumented is higher.
AGE_ASSESSMENT_SHARE_UNDOCUMENTED = cal.AMV_AGE_ASSESSMENT_SHARE / NO_DOCUMENTS_SHARE
# The medical advice (BMA/FMMU); restrictions and 'not hearable in the AA' together are the
# calibration's medical share (L).
MEDICAL_ADVICE_SHARES: dict[str, float] = {
    MedicalAdvice.NONE.value: 1.0 - cal.MEDICAL_SHARE,
    MedicalAdvice.RESTRICTIONS.value: cal.MEDICAL_SHARE * 0.8,
    MedicalAdvice.NOT_HEARABLE_IN_AA.value: cal.MEDICAL_SHARE * 0.2,
}
# Half the conversion and LGBTI claims of the register's mix are already declared at
# registration (the short statement of motives); the rest come up in the hearing (L).
DECLARED_AT_INTAKE = 0.5
ADULT_AGES = (18, 55)  # age range of adult applicants (L)
MINOR_AGES = (12, 17)  # unaccompanied minors (L)
CHILD_AGES = (0, 17)  # children with their parents (L)
PARENT_AGE_GAP = 18  # a parent is at least this much older than their eldest child (L)
TWO_PARENT_SHARE = 0.6  # families of three or more with both parents (L; a pair is parent+child)

# Unit probabilities that give the shares of people above: m people per family on average,
# a share s of people in families -> a share s / (m (1 - s) + s) of units are families.
_SIZES = {int(k): float(v) for k, v in cal.FAMILY_GROUP_SIZES.items()}
MEAN_FAMILY_SIZE = sum(k * p for k, p in _SIZES.items()) / sum(_SIZES.values())
FAMILY_UNIT_SHARE = cal.FAMILY_CASE_SHARE / (
    MEAN_FAMILY_SIZE * (1 - cal.FAMILY_CASE_SHARE) + cal.FAMILY_CASE_SHARE
)
PEOPLE_PER_UNIT = 1 + FAMILY_UNIT_SHARE * (MEAN_FAMILY_SIZE - 1)
REPEAT_UNIT_SHARE = cal.REPEAT_SHARE * PEOPLE_PER_UNIT  # repeat applicants come alone
AMV_UNIT_SHARE = cal.AMV_SHARE_OF_FIRST * (1 - cal.REPEAT_SHARE) * PEOPLE_PER_UNIT


@dataclass(frozen=True, slots=True)
class Registration:
    """The intake facts of one new applicant (the register's Application, without Django)."""

    v_number: str
    nationality: str
    language: str
    received: date
    location: str
    kind: str
    gender: str
    birth_date: date
    unaccompanied: bool
    family_group: str  # "" for an applicant on their own
    family_members: int  # the others of the family group
    documents: tuple[str, ...]
    eurodac_hit: bool
    dublin_indication: bool
    protection_elsewhere: bool
    features: tuple[str, ...]  # declared (lgbti, conversion) and indications (1f, trafficking)
    medical_advice: str
    age_assessment_needed: bool
    same_gender_request: bool


@dataclass(frozen=True, slots=True)
class _Unit:
    """What the members of one unit share."""

    nationality: Nationality
    language: str
    location: str
    kind: str
    eurodac_hit: bool
    dublin_indication: bool
    protection_elsewhere: bool
    family_group: str
    size: int


_NATIONALITIES = [n for n in NATIONALITIES if n.share > 0]
_NATIONALITY_CUM = list(accumulate(n.share / sum(m.share for m in _NATIONALITIES)
                                   for n in _NATIONALITIES))  # fmt: skip
_LAST = len(_NATIONALITIES) - 1
_LOCATION_SHARE = {loc.code: loc.case_share for loc in LOCATIONS}
_DEFAULT_SHARE = sum(_LOCATION_SHARE.values()) / len(_LOCATION_SHARE)  # a location not listed


def registrations(
    rng: np.random.Generator, day: date, locations: Sequence[str]
) -> list[Registration]:
    """The day's new applicants, families together; none without a location to register at."""
    if not locations:
        return []
    out: list[Registration] = []
    for number in range(int(rng.poisson(REGISTRATIONS_PER_DAY / PEOPLE_PER_UNIT))):
        u = float(rng.random())
        if u < FAMILY_UNIT_SHARE:
            out += _family(rng, day, locations, f"FG-{day:%Y%m%d}-{number:03d}")
        elif u < FAMILY_UNIT_SHARE + AMV_UNIT_SHARE:
            unit = _unit(rng, locations, CaseKind.FIRST.value, unaccompanied=True)
            out.append(_person(rng, day, unit, _minor_age(rng), unaccompanied=True))
        else:
            repeat = u < FAMILY_UNIT_SHARE + AMV_UNIT_SHARE + REPEAT_UNIT_SHARE
            kind = CaseKind.REPEAT.value if repeat else CaseKind.FIRST.value
            unit = _unit(rng, locations, kind)
            out.append(_person(rng, day, unit, _adult_age(rng)))
    return out


def _pick(rng: np.random.Generator, shares: Mapping[str, float]) -> str:
    """One key, with probability proportional to its share (one uniform draw)."""
    u = float(rng.random()) * sum(shares.values())
    for key, share in shares.items():
        u -= share
        if u < 0:
            return key
    return list(shares)[-1]  # rounding left u at exactly 0


def _location(rng: np.random.Generator, locations: Sequence[str], unaccompanied: bool) -> str:
    if unaccompanied and CHILD_LOCATION in locations and rng.random() < AMV_AT_CHILD_LOCATION:
        return CHILD_LOCATION
    known = sorted(set(locations))
    return _pick(rng, {code: _LOCATION_SHARE.get(code, _DEFAULT_SHARE) for code in known})


def _unit(
    rng: np.random.Generator,
    locations: Sequence[str],
    kind: str,
    *,
    unaccompanied: bool = False,
    family_group: str = "",
    size: int = 1,
) -> _Unit:
    nat = _NATIONALITIES[min(bisect(_NATIONALITY_CUM, float(rng.random())), _LAST)]
    return _Unit(
        nationality=nat,
        language=_pick(rng, dict(nat.languages)),
        location=_location(rng, locations, unaccompanied),
        kind=kind,
        eurodac_hit=bool(rng.random() < EURODAC_HIT_SHARE),
        dublin_indication=bool(rng.random() < DUBLIN_INDICATION_SHARE),
        protection_elsewhere=bool(rng.random() < PROTECTION_ELSEWHERE_SHARE),
        family_group=family_group,
        size=size,
    )


def _adult_age(rng: np.random.Generator, youngest: int = ADULT_AGES[0]) -> int:
    low = max(ADULT_AGES[0], youngest)
    return int(rng.integers(low, max(low, ADULT_AGES[1]) + 1))


def _minor_age(rng: np.random.Generator) -> int:
    return int(rng.integers(MINOR_AGES[0], MINOR_AGES[1] + 1))


def _family(
    rng: np.random.Generator, day: date, locations: Sequence[str], group: str
) -> list[Registration]:
    """One or two parents and their children, in one family group."""
    size = int(_pick(rng, {str(k): v for k, v in _SIZES.items()}))
    parents = 2 if size >= 3 and rng.random() < TWO_PARENT_SHARE else 1
    children = sorted(
        (int(rng.integers(CHILD_AGES[0], CHILD_AGES[1] + 1)) for _ in range(size - parents)),
        reverse=True,
    )
    unit = _unit(rng, locations, CaseKind.FIRST.value, family_group=group, size=size)
    first = _pick(rng, cal.GENDER_SHARES)
    genders = [first, "f" if first == "m" else "m"][:parents]
    out = [
        _person(rng, day, unit, _adult_age(rng, children[0] + PARENT_AGE_GAP), gender=gender)
        for gender in genders
    ]
    out += [_person(rng, day, unit, age, gender=_pick(rng, {"f": 0.5, "m": 0.5}))
            for age in children]  # fmt: skip
    return out


def _person(
    rng: np.random.Generator,
    day: date,
    unit: _Unit,
    age: int,
    *,
    unaccompanied: bool = False,
    gender: str | None = None,
) -> Registration:
    nat = unit.nationality
    if gender is None:
        amv = {"m": cal.AMV_MALE_SHARE, "f": 1 - cal.AMV_MALE_SHARE}
        gender = _pick(rng, amv if unaccompanied else cal.GENDER_SHARES)
    # A birthday this many days after the last one keeps the age exact on the day of application.
    birth = _years_before(day, age) - timedelta(days=int(rng.integers(0, 365)))
    documents = () if rng.random() < NO_DOCUMENTS_SHARE else (_pick(rng, DOCUMENT_SHARES),)
    child = age < ADULT_AGES[0] and not unaccompanied  # children of the family declare nothing
    odds = () if child else (
        (Feature.CONVERSION, nat.conversion * DECLARED_AT_INTAKE),
        (Feature.LGBTI, nat.lgbti * DECLARED_AT_INTAKE),
        (Feature.EXCLUSION_1F, nat.exclusion_1f if age >= ADULT_AGES[0] else 0.0),
        (Feature.TRAFFICKING, cal.TRAFFICKING_SHARE),
    )  # fmt: skip
    features = tuple(str(code) for code, p in odds if rng.random() < p)
    medical = _pick(rng, MEDICAL_ADVICE_SHARES)
    age_assessment = (
        unaccompanied and not documents and bool(rng.random() < AGE_ASSESSMENT_SHARE_UNDOCUMENTED)
    )
    lgbti = Feature.LGBTI.value in features
    same_gender = rng.random() < (
        cal.SAME_GENDER_REQUEST_LGBTI if lgbti else cal.SAME_GENDER_REQUEST.get(gender, 0.0)
    )
    return Registration(
        v_number=f"{int(rng.integers(0, 10**10)):010d}",  # synthetic: random 10 digits
        nationality=nat.code,
        language=unit.language,
        received=day,
        location=unit.location,
        kind=unit.kind,
        gender=gender,
        birth_date=birth,
        unaccompanied=unaccompanied,
        family_group=unit.family_group,
        family_members=unit.size - 1,
        documents=documents,
        eurodac_hit=unit.eurodac_hit,
        dublin_indication=unit.dublin_indication,
        protection_elsewhere=unit.protection_elsewhere,
        features=features,
        medical_advice=medical,
        age_assessment_needed=age_assessment,
        same_gender_request=bool(same_gender),
    )


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
