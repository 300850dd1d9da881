# SPDX-License-Identifier: EUPL-1.2
"""The report as a tagged PDF (PDF/UA-1) with WeasyPrint, from the report's HTML.

``pdf_variant="pdf/ua-1"`` makes WeasyPrint tag the document (a structure tree of headings,
paragraphs, tables and figures, MarkInfo Marked) and write the document's title; the language
comes from the HTML's ``lang``. Charts are figures whose alternative text is the chart's
description; each is followed by its table. Nothing is fetched from outside the document.
"""

from __future__ import annotations

import weasyprint
from weasyprint.urls import URLFetcher

from verkeerstoren.reports.layout import Document

from .html import render_html


def render_pdf(doc: Document) -> bytes:
    """The document as PDF/UA-1 bytes."""
    # The images are data: URIs inside the document; no other URL may be fetched.
    fetcher = URLFetcher(allowed_protocols=("data",))
    html = weasyprint.HTML(string=render_html(doc, for_print=True), url_fetcher=fetcher)
    pdf: bytes = html.write_pdf(pdf_variant="pdf/ua-1")
    return pdf
