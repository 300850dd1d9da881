# SPDX-License-Identifier: EUPL-1.2
"""What a report shows, in the active language: sections of paragraphs, charts and tables.

One layout drives every format, so the HTML, the PDF and the XLSX show the same figures: the
HTML and the PDF render it with the templates under ``templates/reports/``, the XLSX writes each
table as a sheet. Every chart carries its table, which every format shows right after it. The
cells hold the numbers themselves; a column's ``kind`` says how to show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from verkeerstoren.reports.build import Report
from verkeerstoren.reports.labels import day, label
from verkeerstoren.reports.periods import Kind

TEXT, INT, EUR, SHARE, PERCENT, DATE = "text", "int", "eur", "share", "percent", "date"


@dataclass(frozen=True)
class Column:
    """A table column: its heading, how its cells are shown, and for a share the two columns it
    divides (indexes into the row), which the XLSX writes as a formula with its value."""

    label: str
    kind: str = INT
    ratio: tuple[int, int] | None = None

    @property
    def numeric(self) -> bool:
        return self.kind != TEXT and self.kind != DATE


@dataclass(frozen=True)
class Table:
    """A table; the first column names the row (a row header)."""

    slug: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    label_columns: int = 1  # leading text columns that together name the row

    @property
    def sheet_title(self) -> str:
        return self.caption


@dataclass(frozen=True)
class Chart:
    """A chart (its Vega-Lite spec) and the table of the same figures that follows it."""

    slug: str
    title: str
    description: str  # the accessible name and the PDF's alternative text
    spec: dict[str, Any]
    table: Table
    svg: str = ""  # filled in for the formats that draw it (render/svg.py)

    @property
    def spec_id(self) -> str:
        return f"chart-{self.slug}-spec"


@dataclass(frozen=True)
class Section:
    slug: str
    heading: str
    paragraphs: tuple[str, ...] = ()
    items: tuple[Chart | Table, ...] = ()


@dataclass(frozen=True)
class Document:
    """A whole report: its title, the facts about it, and its sections."""

    kind: str
    title: str
    language: str
    facts: tuple[tuple[str, str], ...]
    notice: str  # shown at the top when the figures stop before the period's end
    sections: tuple[Section, ...]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def charts(self) -> list[Chart]:
        return [i for s in self.sections for i in s.items if isinstance(i, Chart)]

    @property
    def tables(self) -> list[Table]:
        """Every table in reading order, a chart's table included."""
        out: list[Table] = []
        for section in self.sections:
            for item in section.items:
                out.append(item.table if isinstance(item, Chart) else item)
        return out


def title_of(report: Report) -> str:
    """The report's title with its period."""
    p = report.period
    if report.kind == Kind.WEEKLY:
        year, week, _weekday = p.start.isocalendar()
        return _("Weekly management report, week %(week)s of %(year)s") % {
            "week": week,
            "year": year,
        }
    if report.kind == Kind.QUARTERLY:
        return _("Quarterly report to parliament, quarter %(n)s of %(year)s") % {
            "n": (p.start.month - 1) // 3 + 1,
            "year": p.start.year,
        }
    return _("Monthly trends, %(month)s") % {"month": month_name(p.start.year, p.start.month)}


def month_name(year: int, month: int) -> str:
    """ "March 2020" in the active language."""
    from datetime import date

    from django.utils import formats

    return formats.date_format(date(year, month, 1), "F Y")


def facts_of(report: Report) -> tuple[tuple[str, str], ...]:
    """The facts shown under the title: period, day, the law of that day, what it was made from."""
    inputs = report.inputs
    plans = ", ".join(str(v) for v in inputs.get("plan_versions", [])) or _("none")
    forecast = inputs.get("forecast_run")
    rows = [
        (_("Period"), f"{day(report.period.start)} \N{EN DASH} {day(report.period.end)}"),
        (_("Figures as of"), day(report.as_of)),
        (_("Law of the day"), label("regime", str(inputs.get("regime", "")))),
        (_("Register's day when made"), day(inputs.get("register_day", ""))),
        (_("Register state"), str(inputs.get("register_stamp", ""))),
        (_("Law rules version"), str(inputs.get("law_version", ""))),
    ]
    if report.kind == Kind.WEEKLY:
        rows.append((_("Plan versions"), plans))
        rows.append((_("Forecast run"), str(forecast) if forecast is not None else _("none")))
    return tuple(rows)


def document(report: Report, language: str) -> Document:
    """The layout of ``report`` in ``language`` (the caller activates the language)."""
    from . import quarterly, trends, weekly

    sections = {
        Kind.QUARTERLY: quarterly.sections,
        Kind.WEEKLY: weekly.sections,
        Kind.TRENDS: trends.sections,
    }[Kind(report.kind)](report)
    notice = ""
    if report.as_of < report.period.end:
        notice = _(
            "The period is not over: the figures run up to %(day)s, the law of that day applies."
        ) % {"day": day(report.as_of)}
    return Document(
        kind=report.kind,
        title=title_of(report),
        language=language,
        facts=facts_of(report),
        notice=notice,
        sections=tuple(sections),
    )
