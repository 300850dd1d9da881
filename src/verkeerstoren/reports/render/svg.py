# SPDX-License-Identifier: EUPL-1.2
"""Charts drawn as SVG by vl-convert from their Vega-Lite specs, for the HTML file and the PDF.

The pages draw the same specs in the browser (vega-embed); here the width is fixed (a file has
no container to fit) and numbers and dates follow the document's language. No URL may be
fetched: a report's charts carry their data inline.
"""

from __future__ import annotations

import base64
import copy
from dataclasses import replace
from typing import Any

import vl_convert

from verkeerstoren.reports.layout import Chart, Document, Section

VEGA_LITE = "6.4"  # the vendored vega-lite build (web/static/vendor/vega-lite/VERSION)
WIDTH = 620  # points of an A4 page between the margins
LOCALES = {"nl": "nl-NL", "en": "en-GB"}


def svg_of(spec: dict[str, Any], language: str) -> str:
    """The chart as an SVG document."""
    fixed = copy.deepcopy(spec)
    fixed["width"] = WIDTH
    fixed.pop("autosize", None)
    locale: Any = LOCALES.get(language, LOCALES["nl"])  # a d3 locale name vl-convert knows
    svg: str = vl_convert.vegalite_to_svg(
        fixed,
        vl_version=VEGA_LITE,
        allowed_base_urls=[],
        format_locale=locale,
        time_format_locale=locale,
    )
    return svg


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def with_svgs(doc: Document) -> Document:
    """``doc`` with every chart drawn."""

    def drawn(item: Any) -> Any:
        if isinstance(item, Chart):
            return replace(item, svg=data_uri(svg_of(item.spec, doc.language)))
        return item

    sections = tuple(
        Section(s.slug, s.heading, s.paragraphs, tuple(drawn(i) for i in s.items))
        for s in doc.sections
    )
    return replace(doc, sections=sections)
