# SPDX-License-Identifier: EUPL-1.2
"""What the run page shows of a stored forecast result: chart specs and their table alternatives.

Every chart comes with a table of the same figures (week, P5, P50, P95), so nothing is only
visible as a picture (WCAG 1.1.1) and the figures can be copied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.forecasts.summary import PENALTY_TOTAL
from verkeerstoren.web.common import charts
from verkeerstoren.weeks import last_week_ended


@dataclass(frozen=True)
class ChartDef:
    """One chart of the run page."""

    metric: str
    slug: str
    title: Promise
    y_title: Promise
    target: bool = False


CHARTS: tuple[ChartDef, ...] = (
    ChartDef("stock", "stock", _("Stock of pending cases"), _("Cases"), target=True),
    ChartDef("overdue", "overdue", _("Overdue cases"), _("Cases")),
    ChartDef(
        PENALTY_TOTAL, "penalties", _("Cumulative penalties (administrative + court)"), _("EUR")
    ),
    ChartDef("reception_persons", "reception", _("Reception occupancy"), _("Persons")),
)

QUANTILE_LABELS = ("P5", "P25", "P50", "P75", "P95")


@dataclass
class TableRow:
    week: int
    date: date
    p5: float
    p50: float
    p95: float


@dataclass
class SeriesTable:
    label: str
    rows: list[TableRow]


@dataclass
class Chart:
    """A chart spec with its accessible name and table alternative(s)."""

    slug: str
    title: str
    spec: dict[str, Any]
    tables: list[SeriesTable]
    difference: list[TableRow] = field(default_factory=list)

    @property
    def spec_id(self) -> str:
        return f"chart-{self.slug}-spec"


def _table(rows: list[dict[str, Any]], metric: str) -> list[TableRow]:
    return [
        TableRow(r["week"], date.fromisoformat(r["date"]), r["p5"], r["p50"], r["p95"])
        for r in charts.metric_rows(rows, metric)
    ]


def series_of(run: ForecastRun) -> list[tuple[str, dict[str, Any]]]:
    """(label, stored forecast summary) per scenario of the run."""
    result = run.result or {}
    if run.is_comparison:
        return [
            (f"A: {result['a']['scenario']}", result["a"]),
            (f"B: {result['b']['scenario']}", result["b"]),
        ]
    return [(str(result.get("scenario", run.name)), result)]


def build_charts(run: ForecastRun) -> list[Chart]:
    """The run page's charts, for a finished run."""
    series = series_of(run)
    target = run.target_date.isoformat() if run.target_date else None
    out: list[Chart] = []
    for chart in CHARTS:
        title = str(chart.title)
        description = gettext(
            "Fan chart of %(title)s per week for %(series)s: median line with 50%% and 90%% bands."
        ) % {"title": title.lower(), "series": ", ".join(label for label, _summary in series)}
        spec = charts.fan_chart(
            [(label, summary["rows"]) for label, summary in series],
            chart.metric,
            y_title=str(chart.y_title),
            x_title=gettext("Week ending"),
            description=description,
            target_date=target if chart.target else None,
            target_label=gettext("Target"),
        )
        difference: list[TableRow] = []
        if run.is_comparison:
            difference = _table((run.result or {})["difference"]["rows"], chart.metric)
        out.append(
            Chart(
                slug=chart.slug,
                title=title,
                spec=spec,
                tables=[
                    SeriesTable(label, _table(summary["rows"], chart.metric))
                    for label, summary in series
                ],
                difference=difference,
            )
        )
    return out


@dataclass
class ClearanceRow:
    quantile: str
    values: list[tuple[int | None, date | None]]  # (week, date) per series


def clearance_rows(run: ForecastRun) -> list[ClearanceRow]:
    """Quantiles of the clearance week per series; None = not cleared within the horizon."""
    series = series_of(run)
    rows = []
    for label in QUANTILE_LABELS:
        key = label.lower()
        values: list[tuple[int | None, date | None]] = []
        for _label, summary in series:
            clearance = summary["clearance"]
            day = clearance.get(f"{key}_date")
            values.append((clearance.get(f"{key}_week"), date.fromisoformat(day) if day else None))
        rows.append(ClearanceRow(label, values))
    return rows


@dataclass
class DifferenceRow:
    label: str
    a_p50: float
    b_p50: float
    mean: float
    p5: float
    p50: float
    p95: float


@dataclass
class DifferenceTable:
    """Paired differences B - A of every charted figure in one week."""

    week: int
    date: date
    at_target: bool
    rows: list[DifferenceRow]


def _row_at(rows: list[dict[str, Any]], metric: str, week: int) -> dict[str, Any]:
    return next(r for r in rows if r["metric"] == metric and r["week"] == week)


def difference_tables(run: ForecastRun) -> list[DifferenceTable]:
    """B - A at the target date (when within the horizon) and in the last week."""
    if not run.is_comparison or not run.result:
        return []
    result = run.result
    horizon = int(result["a"]["horizon_weeks"])
    weeks: list[tuple[int, bool]] = []
    if run.target_date:
        start = date.fromisoformat(result["a"]["start_date"])
        week = last_week_ended(start, run.target_date)
        if 0 <= week < horizon - 1:
            weeks.append((week, True))
    weeks.append((horizon - 1, False))
    tables = []
    for week, at_target in weeks:
        rows = []
        for chart in CHARTS:
            a = _row_at(result["a"]["rows"], chart.metric, week)
            b = _row_at(result["b"]["rows"], chart.metric, week)
            d = _row_at(result["difference"]["rows"], chart.metric, week)
            rows.append(
                DifferenceRow(
                    str(chart.title), a["p50"], b["p50"], d["mean"], d["p5"], d["p50"], d["p95"]
                )
            )
        day = date.fromisoformat(_row_at(result["a"]["rows"], "stock", week)["date"])
        tables.append(DifferenceTable(week, day, at_target, rows))
    return tables


def result_context(run: ForecastRun) -> dict[str, Any]:
    """Template context of a finished run's results."""
    if run.status != ForecastRun.Status.DONE or not run.result:
        return {}
    series = series_of(run)
    context: dict[str, Any] = {
        "charts": build_charts(run),
        "series": [
            {"label": label, "summary": summary, "clearance": summary["clearance"]}
            for label, summary in series
        ],
        "clearance_rows": clearance_rows(run),
        "difference_tables": difference_tables(run),
    }
    if run.is_comparison:
        context["clearance_difference"] = run.result["difference"]["clearance"]
    return context
