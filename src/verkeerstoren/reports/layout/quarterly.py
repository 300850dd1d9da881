# SPDX-License-Identifier: EUPL-1.2
"""The quarterly report's layout: one chart with its table and the full table of the figures."""

from __future__ import annotations

from django.utils.translation import gettext as _

from verkeerstoren.reports.build import Report
from verkeerstoren.reports.charts import bar_chart
from verkeerstoren.reports.labels import label
from verkeerstoren.reports.layout import EUR, INT, SHARE, TEXT, Chart, Column, Section, Table
from verkeerstoren.reports.register import ALL, CATEGORIES, STREAMS

KINDS = tuple(c for c in CATEGORIES if c != ALL)


def sections(report: Report) -> list[Section]:
    cells = report.figures["figures"]
    within, late = _("Within the term"), _("After the term")
    values = []
    rows = []
    for category in KINDS:
        cell = cells[category][ALL]
        name = label("kind", category)
        values.append({"label": name, "series": within, "value": cell["within_term"]})
        values.append(
            {"label": name, "series": late, "value": cell["decisions"] - cell["within_term"]}
        )
        rows.append(
            (
                name,
                cell["decisions"],
                cell["within_term"],
                cell["decisions"] - cell["within_term"],
                _share(cell["within_term"], cell["decisions"]),
            )
        )
    description = _(
        "Stacked bar chart of the decisions sent in the quarter per category, within and after "
        "the statutory term, both streams together."
    )
    chart = Chart(
        slug="within-term",
        title=_("Decisions within and after the term, per category"),
        description=description,
        spec=bar_chart(
            values,
            x_title=_("Category"),
            y_title=_("Decisions"),
            series_title=_("Decided"),
            series=(within, late),
            description=description,
            stacked=True,
        ),
        table=Table(
            slug="within-term-table",
            caption=_("Decisions within and after the term, per category (both streams)"),
            columns=(
                Column(_("Category"), TEXT),
                Column(_("Decisions"), INT),
                Column(_("Within the term"), INT),
                Column(_("After the term"), INT),
                Column(_("Share within the term"), SHARE, ratio=(2, 1)),
            ),
            rows=tuple(rows),
        ),
    )
    full = Table(
        slug="figures",
        caption=_("Decisions within the statutory term, per category and stream"),
        columns=(
            Column(_("Category"), TEXT),
            Column(_("Stream"), TEXT),
            Column(_("Decisions"), INT),
            Column(_("Within the term"), INT),
            Column(_("Share within the term"), SHARE, ratio=(3, 2)),
            Column(_("Open and past the term at the end"), INT),
            Column(_("Penalties accrued (EUR)"), EUR),
        ),
        rows=tuple(
            (
                label("kind", category),
                label("stream", stream),
                cells[category][stream]["decisions"],
                cells[category][stream]["within_term"],
                cells[category][stream]["share_within_term"],
                cells[category][stream]["open_outside_term_at_end"],
                cells[category][stream]["penalties_accrued_eur"],
            )
            for category in CATEGORIES
            for stream in STREAMS
        ),
        label_columns=2,
    )
    explain = (
        _(
            "A decision counts when it was sent in the quarter. It is within the term when it "
            "was sent on or before the deadline the law engine derived from the facts as they "
            "stood on the decision day (extensions and suspensions recorded by then count)."
        ),
        _(
            "Open and past the term: cases not decided on the last day of the figures whose "
            "deadline had passed. Penalties accrued: administrative and court penalties owed on "
            "the last day of the figures minus those owed the day before the quarter began, "
            "each under the law of its day."
        ),
    )
    return [
        Section("within-term", _("Decisions within the statutory term"), explain, (chart, full))
    ]


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
