# SPDX-License-Identifier: EUPL-1.2
"""Shared vocabulary of DOMAIN.md §6 as plain enums.

Pure: imported by the core packages (law, planning, forecast, synth) and by the Django apps alike,
so the codes written in import files, stored in the database and used by the solvers are one set.
"""

from __future__ import annotations

from enum import StrEnum


class Track(StrEnum):
    """Spoor: 1 Dublin, 2 safe country / protection elsewhere, 4 general/extended procedure."""

    DUBLIN = "1"
    SAFE_COUNTRY = "2"
    REGULAR = "4"


class Procedure(StrEnum):
    """AA (general asylum procedure) or VA (extended procedure)."""

    GENERAL = "AA"
    EXTENDED = "VA"


class CaseKind(StrEnum):
    """First application, repeat application, or a court re-entry (zij-instroom)."""

    FIRST = "first"
    REPEAT = "repeat"
    COURT_REENTRY = "court_reentry"


class Stream(StrEnum):
    """Which organisation works the case after the cut-off split (knip)."""

    TASKFORCE = "taskforce"
    REGULAR = "regular"


class Status(StrEnum):
    """Case status, in process order."""

    REGISTERED = "registered"
    PREPARING = "preparing"
    READY_FOR_HEARING = "ready_for_hearing"
    HEARING_PLANNED = "hearing_planned"
    HEARD = "heard"
    INTENTION = "intention"
    RESPONSE = "response"
    DECIDED = "decided"
    CLOSED = "closed"


STATUS_ORDER: tuple[Status, ...] = tuple(Status)

# A case is open until it is decided or closed (withdrawn); the two sets split STATUS_ORDER.
# Members are StrEnum values, so they match the plain codes stored in the database.
CLOSED_STATUSES: frozenset[Status] = frozenset({Status.DECIDED, Status.CLOSED})
OPEN_STATUSES: tuple[Status, ...] = tuple(s for s in STATUS_ORDER if s not in CLOSED_STATUSES)


def is_closed(status: str) -> bool:
    """Is a case in ``status`` decided or closed (no longer open)?"""
    return status in CLOSED_STATUSES


class Outcome(StrEnum):
    """Decision outcome (beschikking)."""

    GRANT = "grant"
    REFUSAL = "refusal"
    DUBLIN_TRANSFER = "dublin_transfer"
    WITHDRAWN = "withdrawn"
    INADMISSIBLE = "inadmissible"


class Feature(StrEnum):
    """Case features that need a qualified officer or extra steps (DOMAIN.md §2)."""

    AMV = "amv"  # unaccompanied minor
    LGBTI = "lgbti"
    CONVERSION = "conversion"
    EXCLUSION_1F = "1f"
    MEDICAL = "medical"
    TRAFFICKING = "trafficking"
    AGE_ASSESSMENT = "age_assessment"
    LANGUAGE_ANALYSIS = "language_analysis"
    DOCUMENT_EXAMINATION = "document_examination"
    DUBLIN = "dublin"
    FAMILY = "family"  # linked family cases, decided together


# Features that make a case "complex" in the Taskforce sense (DOMAIN.md §5: conversion, LGBTI),
# plus 1F exclusion which always goes to senior officers.
COMPLEX_FEATURES: frozenset[Feature] = frozenset(
    {Feature.CONVERSION, Feature.LGBTI, Feature.EXCLUSION_1F}
)


class Complexity(StrEnum):
    """Complexity class of a case; 'complex' cases may go to a decision team (KDT)."""

    SIMPLE = "simple"
    NORMAL = "normal"
    COMPLEX = "complex"


class EmploymentType(StrEnum):
    """Where a staff member comes from (DOMAIN.md §1.3, §1.4)."""

    IND = "ind"
    TEMP_AGENCY = "temp"
    FOREIGN_AFFAIRS = "foreign_affairs"
    DTV = "dtv"
    EXTERNAL_FIRM = "external_firm"


class Level(StrEnum):
    """Competency level of a staff member."""

    JUNIOR = "junior"
    MEDIOR = "medior"
    SENIOR = "senior"


LEVEL_RANK: dict[Level, int] = {Level.JUNIOR: 1, Level.MEDIOR: 2, Level.SENIOR: 3}


class Competency(StrEnum):
    """What a staff member is qualified for: the general skills plus one per feature."""

    HEARING = "hearing"
    DECISION = "decision"
    PREPARATION = "preparation"
    AMV = "amv"
    LGBTI = "lgbti"
    CONVERSION = "conversion"
    EXCLUSION_1F = "1f"
    MEDICAL = "medical"
    TRAFFICKING = "trafficking"
    AGE_ASSESSMENT = "age_assessment"
    LANGUAGE_ANALYSIS = "language_analysis"
    DOCUMENT_EXAMINATION = "document_examination"
    DUBLIN = "dublin"
    FAMILY = "family"


class HearingMode(StrEnum):
    """How the detailed hearing is held; written only if the applicant opted in."""

    ORAL = "oral"
    VIDEO = "video"
    WRITTEN = "written"


# A day of hearings has two slots, the morning (0) and the afternoon (1) (L): unavailability of
# interpreters and lawyers and the hearing schedule count in these half-days.
HEARING_SLOTS_PER_DAY = 2


class InterpreterMode(StrEnum):
    """Whether an interpreter comes on site or works remotely."""

    ON_SITE = "on_site"
    REMOTE = "remote"


class Gender(StrEnum):
    """Gender, used only to honour a request for an officer/interpreter of one's own gender."""

    FEMALE = "f"
    MALE = "m"
    X = "x"


class LegalEventKind(StrEnum):
    """Kinds of immutable legal facts about a case."""

    EXTENSION = "extension"
    SUSPENSION = "suspension"
    NOTICE_OF_DEFAULT = "notice_of_default"
    APPEAL = "appeal"  # appeal against a late decision (beroep niet tijdig beslissen)
    COURT_RULING = "court_ruling"
    DECISION_SENT = "decision_sent"


class DossierItemKind(StrEnum):
    """What a case needs before its hearing (completed by the back office)."""

    IDENTITY_DOCUMENTS = "identity_documents"
    MEDICAL_ADVICE = "medical_advice"  # BMA / FMMU advice on whether the applicant can be heard
    AGE_ASSESSMENT = "age_assessment"
    LANGUAGE_ANALYSIS = "language_analysis"
    DOCUMENT_EXAMINATION = "document_examination"
    DUBLIN_CLAIM = "dublin_claim"
    GUARDIAN = "guardian"  # Nidos guardian for an unaccompanied minor
    TRAFFICKING_CHECK = "trafficking_check"
    FAMILY_LINK = "family_link"


class MedicalAdvice(StrEnum):
    """The medical advice (BMA/FMMU) on whether and how the applicant can be heard."""

    NONE = "none"  # can be heard without restrictions
    RESTRICTIONS = "restrictions"  # can be heard with accommodations (breaks, shorter sessions)
    NOT_HEARABLE_IN_AA = "not_hearable_in_aa"  # cannot be heard within the general procedure


class DocumentKind(StrEnum):
    """Documents the applicant brought to the registration."""

    PASSPORT = "passport"
    ID_CARD = "id_card"
    BIRTH_CERTIFICATE = "birth_certificate"
    DRIVING_LICENCE = "driving_licence"
    OTHER = "other"
