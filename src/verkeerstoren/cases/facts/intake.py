# SPDX-License-Identifier: EUPL-1.2
"""Registering a new application: the V-number is pseudonymised at once and never kept.

The case starts in registration with the dossier items its intake facts call for
(process.dossier_items_for). Track and procedure start as the general default (track 4, AA) until
the intake table routes the case; Dublin indications start on track 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from verkeerstoren import glossary as g
from verkeerstoren import process
from verkeerstoren.cases import models as m
from verkeerstoren.cases.audit import actor, audited
from verkeerstoren.cases.pseudonym import InvalidVNumber, pseudonymise
from verkeerstoren.cutoff import CutoffRule, stream_for

from .common import check_day, refuse
from .refresh import refresh_case_law

REFERENCE_PREFIX = "VT-"
NATIONALITY_RE = re.compile(r"^[A-Z]{3}$")  # ISO 3166-1 alpha-3 (and XKX for Kosovo)
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
MAX_AGE_YEARS = 120


@dataclass
class Application:
    """The intake facts of one applicant, as the registration supplies them."""

    v_number: str
    nationality: str
    language: str
    received: date
    location: str  # location code
    kind: str = g.CaseKind.FIRST.value
    gender: str = ""
    birth_date: date | None = None
    unaccompanied: bool = False
    family_group: str = ""
    family_members: int = 0
    documents: list[str] = field(default_factory=list)
    eurodac_hit: bool = False
    dublin_indication: bool = False
    protection_elsewhere: bool = False
    features: list[str] = field(default_factory=list)
    medical_advice: str = ""
    age_assessment_needed: bool = False
    same_gender_request: bool = False


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _problems(a: Application) -> tuple[list[tuple[str, str]], str, m.Location | None]:
    problems: list[tuple[str, str]] = []
    person = ""
    try:
        person = pseudonymise(a.v_number)
    except InvalidVNumber:
        problems.append(("vNumber", "invalid_v_number"))
    if not NATIONALITY_RE.match(a.nationality):
        problems.append(("nationality", "unknown_code"))
    if not LANGUAGE_RE.match(a.language):
        problems.append(("language", "unknown_code"))
    problems += check_day("received", a.received)
    location = m.Location.objects.filter(code=a.location).first()
    if location is None:
        problems.append(("location", "unknown_location"))
    codes: list[tuple[str, str, type[Any]]] = [
        ("kind", a.kind, g.CaseKind),
        ("gender", a.gender, g.Gender),
        ("medicalAdvice", a.medical_advice, g.MedicalAdvice),
    ]
    for name, value, enum in codes:
        if value and value not in {e.value for e in enum}:
            problems.append((name, "unknown_code"))
    for name, values, enum in (
        ("documents", a.documents, g.DocumentKind),
        ("features", a.features, g.Feature),
    ):
        if any(v not in {e.value for e in enum} for v in values):
            problems.append((name, "unknown_code"))
    if a.birth_date is not None:
        if a.birth_date > a.received:
            problems.append(("birthDate", "birth_after_received"))
        elif _age(a.birth_date, a.received) > MAX_AGE_YEARS:
            problems.append(("birthDate", "too_old"))
        elif a.unaccompanied and _age(a.birth_date, a.received) >= 18:
            problems.append(("unaccompanied", "unaccompanied_adult"))
    if not 0 <= a.family_members <= 30:
        problems.append(("familyMembers", "unknown_code"))
    return problems, person, location


def _next_reference() -> str:
    top = m.Case.objects.filter(reference__startswith=REFERENCE_PREFIX).aggregate(
        top=Max("reference")
    )["top"]
    number = int(top[len(REFERENCE_PREFIX) :]) + 1 if top and top[3:].isdigit() else 1
    return f"{REFERENCE_PREFIX}{number:07d}"


@transaction.atomic
def register_application(a: Application, *, user: Any = None, source: str = "web") -> m.Case:
    """Create the case, its intake, features, dossier items and first status; derive its law."""
    problems, person, location = _problems(a)
    refuse(problems)
    features = set(a.features) | ({g.Feature.AMV.value} if a.unaccompanied else set())
    if a.family_group or a.family_members:
        features.add(g.Feature.FAMILY.value)
    dublin = a.eurodac_hit or a.dublin_indication
    track = g.Track.DUBLIN.value if dublin else g.Track.REGULAR.value
    complexity = (
        g.Complexity.COMPLEX
        if features & {f.value for f in g.COMPLEX_FEATURES}
        else g.Complexity.NORMAL
    )
    status = g.Status.REGISTERED.value
    for attempt in range(5):  # two registrations at once: the unique reference decides
        case = m.Case(
            reference=_next_reference(),
            person=person,
            received=a.received,
            track=track,
            procedure=g.Procedure.GENERAL.value,
            kind=a.kind,
            stream=stream_for(CutoffRule(), a.received, track, a.kind, status),
            nationality=a.nationality,
            language=a.language,
            family_group=a.family_group,
            location=location,
            status=status,
            complexity=complexity.value,
            gender=a.gender,
            same_gender_request=a.same_gender_request,
        )
        try:
            with transaction.atomic(), audited(case, user, f"registered ({source})"):
                case.save()
            break
        except IntegrityError:
            if attempt == 4:
                refuse([("reference", "duplicate_reference")])
    intake = m.Intake(
        case=case,
        birth_date=a.birth_date,
        unaccompanied=a.unaccompanied,
        family_members=a.family_members,
        documents=";".join(sorted(set(a.documents))),
        eurodac_hit=a.eurodac_hit,
        dublin_indication=a.dublin_indication,
        protection_elsewhere=a.protection_elsewhere,
        medical_advice=a.medical_advice,
        age_assessment_needed=a.age_assessment_needed,
        source=source,
        recorded_by=actor(user),
    )
    with audited(intake, user, "intake"):
        intake.save()
    for code in sorted(features):
        feature = m.CaseFeature(case=case, feature=code)
        with audited(feature, user, "declared at intake"):
            feature.save()
    items = process.dossier_items_for(
        unaccompanied=a.unaccompanied,
        documents=bool(a.documents),
        dublin=dublin,
        family=g.Feature.FAMILY.value in features,
        features=frozenset(features),
    )
    for kind in items:
        item = m.DossierItem(case=case, kind=kind)
        with audited(item, user, "intake"):
            item.save()
    m.StatusChange.objects.create(
        case=case, status=status, date=a.received, recorded_by=actor(user), source=source
    )
    refresh_case_law(case)
    return case
