# SPDX-License-Identifier: EUPL-1.2
"""Translated display labels for the glossary codes stored in the register.

The model choices carry plain English labels derived from enum names (cases/choices.py); the UI
needs real words in Dutch and English, so the labels live here, marked for translation. The codes
themselves never change with the language: filters and URLs use codes, people read labels.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from verkeerstoren import glossary as g

LABELS: dict[str, dict[str, Promise]] = {
    "track": {
        g.Track.DUBLIN: _("Track 1 (Dublin)"),
        g.Track.SAFE_COUNTRY: _("Track 2 (safe country)"),
        g.Track.REGULAR: _("Track 4 (general/extended)"),
    },
    "procedure": {
        g.Procedure.GENERAL: _("General procedure (AA)"),
        g.Procedure.EXTENDED: _("Extended procedure (VA)"),
    },
    "kind": {
        g.CaseKind.FIRST: _("First application"),
        g.CaseKind.REPEAT: _("Repeat application"),
        g.CaseKind.COURT_REENTRY: _("Court re-entry"),
    },
    "stream": {
        g.Stream.TASKFORCE: _("Taskforce"),
        g.Stream.REGULAR: _("Regular directorate"),
        "": pgettext_lazy("stream", "Not yet split"),
    },
    "status": {
        g.Status.REGISTERED: _("Registered"),
        g.Status.PREPARING: _("Preparing"),
        g.Status.READY_FOR_HEARING: _("Ready for hearing"),
        g.Status.HEARING_PLANNED: _("Hearing planned"),
        g.Status.HEARD: _("Heard"),
        g.Status.INTENTION: _("Intention"),
        g.Status.RESPONSE: _("Response"),
        g.Status.DECIDED: _("Decided"),
        g.Status.CLOSED: _("Closed"),
    },
    "outcome": {
        g.Outcome.GRANT: _("Granted"),
        g.Outcome.REFUSAL: _("Refused"),
        g.Outcome.DUBLIN_TRANSFER: _("Dublin transfer"),
        g.Outcome.WITHDRAWN: _("Withdrawn"),
        g.Outcome.INADMISSIBLE: _("Inadmissible"),
    },
    "feature": {
        g.Feature.AMV: _("Unaccompanied minor (AMV)"),
        g.Feature.LGBTI: _("LGBTI"),
        g.Feature.CONVERSION: _("Conversion"),
        g.Feature.EXCLUSION_1F: _("Exclusion (1F)"),
        g.Feature.MEDICAL: _("Medical"),
        g.Feature.TRAFFICKING: _("Human trafficking"),
        g.Feature.AGE_ASSESSMENT: _("Age assessment"),
        g.Feature.LANGUAGE_ANALYSIS: _("Language analysis"),
        g.Feature.DOCUMENT_EXAMINATION: _("Document examination"),
        g.Feature.DUBLIN: _("Dublin"),
        g.Feature.FAMILY: _("Family"),
    },
    "complexity": {
        g.Complexity.SIMPLE: _("Simple"),
        g.Complexity.NORMAL: _("Normal"),
        g.Complexity.COMPLEX: _("Complex"),
    },
    "employment_type": {
        g.EmploymentType.IND: _("IND"),
        g.EmploymentType.TEMP_AGENCY: _("Temporary agency"),
        g.EmploymentType.FOREIGN_AFFAIRS: _("Foreign Affairs"),
        g.EmploymentType.DTV: _("DT&V"),
        g.EmploymentType.EXTERNAL_FIRM: _("External firm"),
    },
    "gender": {
        g.Gender.FEMALE: _("Female"),
        g.Gender.MALE: _("Male"),
        g.Gender.X: _("X"),
    },
    "legal_event": {
        g.LegalEventKind.EXTENSION: _("Extension"),
        g.LegalEventKind.SUSPENSION: _("Suspension"),
        g.LegalEventKind.NOTICE_OF_DEFAULT: _("Notice of default"),
        g.LegalEventKind.APPEAL: _("Appeal against late decision"),
        g.LegalEventKind.COURT_RULING: _("Court ruling"),
        g.LegalEventKind.DECISION_SENT: _("Decision sent"),
    },
    "dossier_item": {
        g.DossierItemKind.IDENTITY_DOCUMENTS: _("Identity documents"),
        g.DossierItemKind.MEDICAL_ADVICE: _("Medical advice (BMA/FMMU)"),
        g.DossierItemKind.AGE_ASSESSMENT: _("Age assessment"),
        g.DossierItemKind.LANGUAGE_ANALYSIS: _("Language analysis"),
        g.DossierItemKind.DOCUMENT_EXAMINATION: _("Document examination"),
        g.DossierItemKind.DUBLIN_CLAIM: _("Dublin claim"),
        g.DossierItemKind.GUARDIAN: _("Guardian (Nidos)"),
        g.DossierItemKind.TRAFFICKING_CHECK: _("Human trafficking check"),
        g.DossierItemKind.FAMILY_LINK: _("Family link"),
    },
    # Steps of a case's legal timeline on the case page (web/register/case_law.py).
    "timeline": {
        "received": _("Application received"),
        "group_extension": _("Group extension"),
        g.LegalEventKind.EXTENSION: _("Extension"),
        g.LegalEventKind.SUSPENSION: _("Suspension"),
        "deadline": _("Decision deadline"),
        g.LegalEventKind.NOTICE_OF_DEFAULT: _("Notice of default received"),
        g.LegalEventKind.APPEAL: _("Appeal against late decision"),
        "first_penalty_day": _("First penalty day"),
        g.LegalEventKind.COURT_RULING: _("Court ruling"),
        "court_penalty_start": _("Court penalty starts"),
        g.LegalEventKind.DECISION_SENT: _("Decision sent"),
        "fixing_decision_due": _("Penalty amount to be fixed"),
        "as_of": _("Reference date"),
    },
    # Legal regimes of the law engine (verkeerstoren.law.regimes), by their row name.
    "regime": {
        "awb": _("General rules (Awb): penalty payments and appeal possible"),
        "temporary_law_2020": _("Temporary law 2020: no penalty payment and no appeal"),
        "appeal_restored_2021": _("Appeal possible again, without penalty payments (since 2021)"),
        "court_penalty_restored_2022": _(
            "Court penalty possible again, no administrative penalty (since 30 November 2022)"
        ),
    },
    # Why the administrative penalty does not run (Assessment.admin_excluded).
    "admin_excluded": {
        "manifestly_unfounded": _("the application is manifestly unfounded"),
        "manifestly_inadmissible": _("the application is manifestly inadmissible"),
        "temporary_law": _("the temporary law of 2020 excludes it"),
    },
}


def label(vocabulary: str, code: str | None) -> str:
    """The translated label of a code; an unknown code is shown as itself, never hidden."""
    if code is None:
        return ""
    found = LABELS.get(vocabulary, {}).get(code)
    return str(found) if found is not None else str(code)


def choices(
    vocabulary: str, *, blank: str | Promise | None = None
) -> list[tuple[str, str | Promise]]:
    """(code, label) pairs for a form select, in glossary order; with a leading blank option."""
    # Lazy labels go to the form as they are, so they follow the language of each request.
    pairs: list[tuple[str, str | Promise]] = [
        (str(code), text) for code, text in LABELS[vocabulary].items() if code != ""
    ]
    if blank is not None:
        pairs.insert(0, ("", blank))
    return pairs
