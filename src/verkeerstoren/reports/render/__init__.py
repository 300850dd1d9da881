# SPDX-License-Identifier: EUPL-1.2
"""A report in a format and a language: HTML (Django templates), PDF (WeasyPrint) and XLSX.

All three render the same layout (reports/layout), so they show the same figures; the HTML and
the PDF draw the charts as SVG with vl-convert from the same Vega-Lite specs the pages embed.
"""

from __future__ import annotations

from django.utils import translation

from verkeerstoren.reports.build import Report
from verkeerstoren.reports.layout import document

FORMATS: tuple[str, ...] = ("html", "pdf", "xlsx")
LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


def render(report: Report, fmt: str, language: str = DEFAULT_LANGUAGE) -> bytes:
    """``report`` as a file of ``fmt`` in ``language``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    with translation.override(language):
        doc = document(report, language)
        if fmt == "xlsx":
            from .xlsx import render_xlsx

            return render_xlsx(doc, report)
        from .svg import with_svgs

        drawn = with_svgs(doc)
        if fmt == "html":
            from .html import render_html

            return render_html(drawn).encode()
        from .pdf import render_pdf

        return render_pdf(drawn)
