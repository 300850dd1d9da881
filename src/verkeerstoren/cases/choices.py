# SPDX-License-Identifier: EUPL-1.2
"""Django choices built from the pure glossary, so codes stay one set."""

from __future__ import annotations

from enum import StrEnum

from verkeerstoren import glossary as g


def choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """(value, label) pairs for a glossary enum; labels are translated in templates."""
    return [(member.value, member.name.replace("_", " ").capitalize()) for member in enum]


TRACKS = choices(g.Track)
PROCEDURES = choices(g.Procedure)
KINDS = choices(g.CaseKind)
STREAMS = choices(g.Stream)
STATUSES = choices(g.Status)
OUTCOMES = choices(g.Outcome)
FEATURES = choices(g.Feature)
COMPLEXITIES = choices(g.Complexity)
EMPLOYMENT_TYPES = choices(g.EmploymentType)
LEVELS = choices(g.Level)
COMPETENCIES = choices(g.Competency)
INTERPRETER_MODES = choices(g.InterpreterMode)
GENDERS = choices(g.Gender)
LEGAL_EVENT_KINDS = choices(g.LegalEventKind)
DOSSIER_ITEM_KINDS = choices(g.DossierItemKind)
HEARING_MODES = choices(g.HearingMode)
MEDICAL_ADVICE = choices(g.MedicalAdvice)
DOCUMENTS = choices(g.DocumentKind)
