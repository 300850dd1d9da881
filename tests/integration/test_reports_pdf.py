# SPDX-License-Identifier: EUPL-1.2
"""The report files: a tagged PDF (PDF/UA-1) whose every chart has a table, pages that are not
empty, and an HTML file with the same structure (both databases).

The PDF is read back with pikepdf (its structure tree, MarkInfo and language) and its pages are
rendered with Debian's pdftoppm and looked at as images: a blank page (all white) fails.
"""

from __future__ import annotations

import io
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from django.utils import translation
from reports_setup import weekly_register

from verkeerstoren.reports.build import Report, compute, request
from verkeerstoren.reports.layout import Document, document
from verkeerstoren.reports.render import render

pytestmark = pytest.mark.django_db

REPORTS = (("weekly", "2020-W15"), ("quarterly", "2020Q2"), ("trends", "2020-03"))


@pytest.fixture(autouse=True)
def register(settings: Any) -> None:
    settings.REGISTER_AS_OF = "2020-04-20"
    weekly_register()


def report_and_layout(kind: str, period: str, language: str) -> tuple[Report, Document]:
    report = compute(request(kind, period))
    with translation.override(language):
        return report, document(report, language)


def structure(pdf: pikepdf.Pdf) -> list[tuple[str, str | None]]:
    """The structure elements in reading order: (type, alternative text).

    A table that runs onto the next page continues in a second Table element without a caption;
    only the table that starts (the one with its Caption) is listed as "Table".
    """
    out: list[tuple[str, str | None]] = []

    def children(node: Any) -> list[Any]:
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            return list(kids)
        return [] if kids is None else [kids]

    def walk(node: Any) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                walk(child)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                kind = str(node.S)[1:]
                if kind == "Table" and not any(
                    isinstance(c, pikepdf.Dictionary) and c.get("/S") == "/Caption"
                    for c in children(node)
                ):
                    kind = "Table (continued)"
                alt = node.get("/Alt")
                out.append((kind, None if alt is None else str(alt)))
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot.K)
    return out


def ink(page: Path) -> float:
    """The share of a grey page image (binary PGM) that is not white."""
    data = page.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header, page
    width, height = int(header.group(1)), int(header.group(2))
    pixels = data[header.end() : header.end() + width * height]
    return sum(1 for p in pixels if p < 200) / len(pixels)


@pytest.mark.parametrize(("kind", "period"), REPORTS)
def test_the_pdf_is_tagged_in_its_language_and_every_chart_has_its_table(
    kind: str, period: str, tmp_path: Path
) -> None:
    report, doc = report_and_layout(kind, period, "nl")
    pdf = pikepdf.open(io.BytesIO(render(report, "pdf", "nl")))
    assert "/StructTreeRoot" in pdf.Root
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert str(pdf.Root.Lang) == "nl"
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    with pdf.open_metadata() as meta:
        assert meta.get("dc:title") == doc.title
    elements = structure(pdf)
    figures = [i for i, (s, _alt) in enumerate(elements) if s == "Figure"]
    tables = [i for i, (s, _alt) in enumerate(elements) if s == "Table"]
    assert doc.charts, "each report has at least one chart"
    assert [elements[i][1] for i in figures] == [c.description for c in doc.charts]
    assert len(tables) == len(doc.tables)
    # Every figure is followed by a table before the next figure (or the end).
    for figure, following in zip(figures, [*figures[1:], len(elements)], strict=True):
        assert any(figure < t < following for t in tables), elements[figure]
    assert ("H1", None) in elements and any(s == "H2" for s, _ in elements)

    # The pages as images: none of them is empty.
    (tmp_path / "r.pdf").write_bytes(pdf_bytes := render(report, "pdf", "nl"))
    subprocess.run(
        ["pdftoppm", "-r", "40", "-gray", str(tmp_path / "r.pdf"), str(tmp_path / "page")],
        check=True,
    )
    pages = sorted(tmp_path.glob("page-*.pgm"))
    assert len(pages) == len(pikepdf.open(io.BytesIO(pdf_bytes)).pages) >= 1
    for page in pages:
        assert ink(page) > 0.005, f"{page.name} looks empty"


def test_the_english_pdf_says_so() -> None:
    report, doc = report_and_layout("weekly", "2020-W15", "en")
    pdf = pikepdf.open(io.BytesIO(render(report, "pdf", "en")))
    assert str(pdf.Root.Lang) == "en"
    with pdf.open_metadata() as meta:
        assert meta.get("dc:title") == doc.title == "Weekly management report, week 15 of 2020"


class _Order(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("html", "img", "table"):
            self.seen.append((tag, dict(attrs)))


@pytest.mark.parametrize(("kind", "period"), REPORTS)
def test_the_html_file_shows_each_chart_as_an_image_with_its_description_then_its_table(
    kind: str, period: str
) -> None:
    report, doc = report_and_layout(kind, period, "nl")
    parser = _Order()
    parser.feed(render(report, "html", "nl").decode())
    assert parser.seen[0] == ("html", {"lang": "nl"})
    images = [i for i, (tag, _a) in enumerate(parser.seen) if tag == "img"]
    assert [parser.seen[i][1]["alt"] for i in images] == [c.description for c in doc.charts]
    for i in images:
        assert parser.seen[i][1]["src"].startswith("data:image/svg+xml;base64,")
        assert parser.seen[i + 1][0] == "table"
    assert sum(tag == "table" for tag, _a in parser.seen) == len(doc.tables)
