# SPDX-License-Identifier: EUPL-1.2
"""The monthly trends' layout: applications, nationalities and decisions over twelve months."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from verkeerstoren.reports.build import Report
from verkeerstoren.reports.charts import bar_chart, line_chart
from verkeerstoren.reports.labels import label
from verkeerstoren.reports.layout import INT, TEXT, Chart, Column, Section, Table, month_name
from verkeerstoren.reports.trends import APPLICATION_KINDS, OUTCOMES, UNRECORDED


def _month_label(code: str) -> str:
    year, month = code.split("-")
    return month_name(int(year), int(month))


def sections(report: Report) -> list[Section]:
    months = report.figures["months"]
    return [_applications(months), _nationalities(report), _decisions(months)]


def _applications(months: list[dict[str, Any]]) -> Section:
    kinds = [label("kind", k) for k in APPLICATION_KINDS]
    values = [
        {"label": _month_label(m["month"]), "series": kinds[i], "value": m["applications"][k]}
        for m in months
        for i, k in enumerate(APPLICATION_KINDS)
    ]
    description = _("Line chart of the applications received per month, by kind.")
    table = Table(
        slug="applications-table",
        caption=_("Applications received per month"),
        columns=(
            Column(_("Month"), TEXT),
            *(Column(name, INT) for name in kinds),
            Column(_("Total"), INT),
            Column(_("Of which unaccompanied minors"), INT),
        ),
        rows=tuple(
            (
                _month_label(m["month"]),
                *(m["applications"][k] for k in APPLICATION_KINDS),
                m["applications_total"],
                m["unaccompanied"],
            )
            for m in months
        ),
    )
    chart = Chart(
        "applications",
        _("Applications per month"),
        description,
        line_chart(
            values,
            x_title=_("Month"),
            y_title=_("Applications"),
            series_title=_("Kind"),
            series=kinds,
            description=description,
        ),
        table,
    )
    paragraphs = (
        _(
            "First and repeat applications by the month they were received; court re-entries "
            "are not new applications. The register holds no family-reunion applications."
        ),
    )
    return Section("applications", _("Applications"), paragraphs, (chart,))


def _nationalities(report: Report) -> Section:
    top = report.figures["top_nationalities"]
    month = _month_label(report.period.code)
    applications = _("Applications")
    values = [
        {"label": t["nationality"], "series": applications, "value": t["applications"]} for t in top
    ]
    description = _(
        "Bar chart of the five nationalities with the most applications in %(month)s."
    ) % {"month": month}
    table = Table(
        slug="nationalities-table",
        caption=_("Top five nationalities in %(month)s") % {"month": month},
        columns=(Column(_("Nationality (ISO code)"), TEXT), Column(applications, INT)),
        rows=tuple((t["nationality"], t["applications"]) for t in top),
    )
    if not top:
        return Section(
            "nationalities",
            _("Nationalities"),
            (_("No applications were received in %(month)s.") % {"month": month},),
        )
    chart = Chart(
        "nationalities",
        _("Top five nationalities"),
        description,
        bar_chart(
            values,
            x_title=_("Nationality"),
            y_title=applications,
            series_title=applications,
            series=(applications,),
            description=description,
        ),
        table,
    )
    return Section("nationalities", _("Nationalities"), (), (chart,))


def _decisions(months: list[dict[str, Any]]) -> Section:
    codes = [*OUTCOMES, UNRECORDED]
    shown = [c for c in codes if c != UNRECORDED or any(m["decisions"][c] for m in months)]
    names = [label("outcome", c) for c in shown]
    values = [
        {"label": _month_label(m["month"]), "series": names[i], "value": m["decisions"][c]}
        for m in months
        for i, c in enumerate(shown)
    ]
    description = _("Stacked bar chart of the decisions sent per month, by outcome.")
    table = Table(
        slug="decisions-table",
        caption=_("Decisions sent per month, by outcome"),
        columns=(
            Column(_("Month"), TEXT),
            *(Column(name, INT) for name in names),
            Column(_("Total"), INT),
        ),
        rows=tuple(
            (_month_label(m["month"]), *(m["decisions"][c] for c in shown), m["decisions_total"])
            for m in months
        ),
    )
    chart = Chart(
        "decisions",
        _("Decisions per month by outcome"),
        description,
        bar_chart(
            values,
            x_title=_("Month"),
            y_title=_("Decisions"),
            series_title=_("Outcome"),
            series=names,
            description=description,
            stacked=True,
        ),
        table,
    )
    return Section("decisions", _("Decisions"), (), (chart,))
