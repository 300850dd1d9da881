# SPDX-License-Identifier: EUPL-1.2
"""What the dashboard pages draw: chart specs (specs.py) from the figures, with their names.

Each chart's figures are also in a table on the page (the templates), so nothing is only a
picture. Dates on the charts' ordinal axes are d-m-yyyy, as in the tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from verkeerstoren.web.common import charts, labels

from . import specs
from .coa import RECEPTION_METRIC, CoaFigures
from .dtv import DEPARTURE_TRACKS, DtvFigures
from .management import BurnDown, ManagementFigures
from .outcomes import GrantRates

CASE_TYPE_LABELS = {
    "regular": _("Regular case"),
    "complex": _("Complex case"),
    "court_reentry": _("Court re-entry"),
}


def short(day: dt.date) -> str:
    """d-m-yyyy in every language."""
    return f"{day.day}-{day.month}-{day.year}"


@dataclass(frozen=True)
class Chart:
    """A chart spec with its accessible name; the page gives it a caption and a table."""

    slug: str
    title: str
    spec: dict[str, Any]

    @property
    def spec_id(self) -> str:
        return f"chart-{self.slug}-spec"


@dataclass(frozen=True)
class RateRow:
    """One case type's grant share as the page shows it."""

    label: str
    share: float
    from_scenario: bool  # False: the scenario lacks the type, the format's default applies


def rate_rows(rates: GrantRates) -> list[RateRow]:
    return [RateRow(str(CASE_TYPE_LABELS.get(t, t)), s, found) for t, s, found in rates.rows()]


def _chart(slug: str, title: str, spec: dict[str, Any]) -> Chart:
    return Chart(slug, title, spec)


def coa_charts(fig: CoaFigures) -> dict[str, Chart]:
    out: dict[str, Chart] = {}
    if fig.occupancy:
        occupied, places = gettext("Open cases"), gettext("Reception places")
        values: list[dict[str, Any]] = []
        for o in fig.occupancy:
            values.append({"x": o.name, "series": occupied, "value": o.open_cases})
            values.append({"x": o.name, "series": places, "value": o.places or 0})
        title = gettext("Reception occupancy per location")
        out["occupancy"] = _chart(
            "occupancy",
            title,
            specs.bars(
                values,
                series=[occupied, places],
                x_title=gettext("Location"),
                y_title=gettext("Cases"),
                description=gettext(
                    "Bar chart: open cases and reception places per location on %(day)s."
                )
                % {"day": short(fig.day)},
                grouped=True,
            ),
        )
    if fig.reception_rows and fig.forecast is not None:
        title = gettext("Reception forecast (whole country)")
        out["reception"] = _chart(
            "reception",
            title,
            charts.fan_chart(
                [(fig.forecast.name, fig.reception_rows)],
                RECEPTION_METRIC,
                y_title=gettext("Persons"),
                x_title=gettext("Week ending"),
                description=gettext(
                    "Fan chart of the persons in reception per week, whole country: median line "
                    "with 50% and 90% bands."
                ),
            ),
        )
    if fig.outflow:
        grants, refusals = gettext("Expected grants"), gettext("Expected refusals")
        values = []
        for w in fig.outflow:
            values.append({"x": short(w.start), "series": grants, "value": round(w.grants, 1)})
            values.append({"x": short(w.start), "series": refusals, "value": round(w.refusals, 1)})
        out["outflow"] = _chart(
            "outflow",
            gettext("Expected outflow per week"),
            specs.bars(
                values,
                series=[grants, refusals],
                x_title=gettext("Week starting"),
                y_title=gettext("Decisions"),
                description=gettext(
                    "Stacked bar chart: planned decisions per week split into expected grants "
                    "and expected refusals."
                ),
            ),
        )
    return out


def dtv_charts(fig: DtvFigures) -> dict[str, Chart]:
    if not fig.tracks:
        return {}
    weeks = sorted({t.week for t in fig.tracks})
    names = {track: labels.label("track", track) for track in DEPARTURE_TRACKS}
    values = []
    for week in weeks:
        for track in DEPARTURE_TRACKS:
            n = sum(t.cases for t in fig.tracks if t.week == week and t.track == track)
            values.append({"x": short(week), "series": names[track], "value": n})
    spec = specs.bars(
        values,
        series=[names[t] for t in DEPARTURE_TRACKS],
        x_title=gettext("Week of registration (Monday)"),
        y_title=gettext("Open cases"),
        description=gettext(
            "Stacked bar chart: open cases on track 1 and track 2 per week of registration."
        ),
    )
    return {"tracks": _chart("tracks", gettext("Open cases on tracks 1 and 2"), spec)}


@dataclass(frozen=True)
class BurnDownView:
    """One burn-down as the page shows it: its figures, chart and the forecast rows."""

    burn: BurnDown
    chart: Chart
    rows: list[dict[str, Any]]


def _burn_down_chart(
    index: int, burn: BurnDown, rows: list[dict[str, Any]], forecast: str
) -> Chart:
    actual, planned = gettext("Open cases"), gettext("Expected by the plan")
    lines: list[dict[str, Any]] = []
    for p in burn.points:
        if p.actual is not None:
            lines.append({"date": p.end.isoformat(), "series": actual, "value": p.actual})
        if p.planned is not None:
            lines.append({"date": p.end.isoformat(), "series": planned, "value": p.planned})
    stream = labels.label("stream", burn.stream) if burn.stream != "all" else gettext("All streams")
    title = gettext("Stock burn-down: %(stream)s") % {"stream": stream}
    spec = specs.burn_down(
        lines,
        rows,
        actual=actual,
        planned=planned,
        forecast_label=gettext("Forecast (P5 to P95, median dotted)"),
        x_title=gettext("Week ending"),
        y_title=gettext("Open cases"),
        description=gettext(
            "Line chart of %(title)s: open cases per week, the plan's expected stock (dashed) "
            "and the forecast %(forecast)s as a band."
        )
        % {"title": title.lower(), "forecast": forecast or "—"},
    )
    return _chart(f"burndown-{index}", title, spec)


def management_charts(fig: ManagementFigures) -> dict[str, Any]:
    forecast = fig.forecast.name if fig.forecast else ""
    out: dict[str, Any] = {
        "burn_downs": [
            BurnDownView(burn, _burn_down_chart(i, burn, rows, forecast), rows)
            for i, (burn, rows) in enumerate(zip(fig.burn_downs, fig.stock_rows, strict=True))
        ]
    }
    if fig.penalties:
        accrued = gettext("Accrued in the week")
        out["penalties"] = _chart(
            "penalties",
            gettext("Penalties accrued per week"),
            specs.bars(
                [
                    {"x": short(w.end), "series": accrued, "value": round(w.accrued_eur, 2)}
                    for w in fig.penalties
                ],
                series=[accrued],
                x_title=gettext("Week ending"),
                y_title=gettext("EUR"),
                description=gettext(
                    "Bar chart: administrative and court penalties accrued per week."
                ),
            ),
        )
    if fig.teams:
        target, decided = gettext("Target so far"), gettext("Decided so far")
        values: list[dict[str, Any]] = []
        for t in fig.teams:
            values.append({"x": t.code, "series": target, "value": t.target_to_date})
            values.append({"x": t.code, "series": decided, "value": t.actual_to_date})
        out["targets"] = _chart(
            "targets",
            gettext("Team targets so far"),
            specs.bars(
                values,
                series=[target, decided],
                x_title=gettext("Team"),
                y_title=gettext("Decisions"),
                description=gettext(
                    "Bar chart: planned and recorded decisions per team in the weeks ended."
                ),
                grouped=True,
            ),
        )
    return out
