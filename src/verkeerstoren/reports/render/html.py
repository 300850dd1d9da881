# SPDX-License-Identifier: EUPL-1.2
"""The report as one self-contained HTML document (templates/reports/document.html).

The charts are images with the chart's description as their alternative text, each followed by
its table; the styles are inline, so the file reads the same offline. The web page of a version
includes the same body template and draws the charts in the browser instead.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from verkeerstoren.reports.layout import Document


def render_html(doc: Document, *, for_print: bool = False) -> str:
    """The document's HTML; ``for_print`` adds the page rules the PDF uses."""
    return render_to_string(
        "reports/document.html", {"doc": doc, "chart_mode": "image", "for_print": for_print}
    )
