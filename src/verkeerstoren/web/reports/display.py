# SPDX-License-Identifier: EUPL-1.2
"""What a version's page shows: its state and, once done, the report laid out in a language.

The page draws the charts in the browser (vega-embed) from the same specs the files were drawn
from; the report itself is in the page's language unless ``?lang=`` asks for the other one.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import translation

from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.reports.build import from_stored
from verkeerstoren.reports.labels import day
from verkeerstoren.reports.layout import document
from verkeerstoren.reports.models import ReportVersion
from verkeerstoren.reports.render import LANGUAGES


def language_of(request: HttpRequest, default: str | None = None) -> str:
    """``?lang=`` when it is a report language, else ``default`` or the page's language."""
    asked = request.GET.get("lang", "")
    if asked in LANGUAGES:
        return asked
    current = (translation.get_language() or "nl")[:2]
    return default or (current if current in LANGUAGES else "nl")


def version_context(request: HttpRequest, version: ReportVersion) -> dict[str, Any]:
    """The version, its language, the other language, and the laid-out report when done."""
    language = language_of(request)
    context: dict[str, Any] = {
        "version": version,
        "language": language,
        "other_language": "en" if language == "nl" else "nl",
        "as_of_label": day(version.as_of),
        "earlier_day": version.as_of < register_as_of(),
        "doc": None,
    }
    if version.status == ReportVersion.Status.DONE and version.figures is not None:
        report = from_stored(
            version.kind, version.period, version.as_of, version.inputs or {}, version.figures
        )
        with translation.override(language):
            context["doc"] = document(report, language)
    return context
