# SPDX-License-Identifier: EUPL-1.2
"""Vega-Lite specs of the dashboards: pure functions from plain rows to dicts (no Django).

Bars are drawn on an ordinal axis of labels the caller formats (dates as d-m-yyyy), in the
order given. Series are told apart by colour and named in the legend; every chart's page also
has a table with the same figures (WCAG 1.1.1), and the colours keep a contrast of at least 3:1
against white (WCAG 1.4.11). The burn-down's plan line is dashed as well as coloured (WCAG 1.4.1).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from verkeerstoren.web.common.charts import SCHEMA, SERIES_COLOURS

FORECAST_COLOUR = "#5c5c5c"  # the forecast band and median: a neutral dark grey (6.7:1)


def _frame(description: str, layers: list[dict[str, Any]], height: int) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": height,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "layer": layers,
        "config": {"view": {"stroke": None}},
    }


def bars(
    values: Sequence[Mapping[str, Any]],
    *,
    series: Sequence[str],
    x_title: str,
    y_title: str,
    description: str,
    grouped: bool = False,
    value_format: str = ",.0f",
    height: int = 240,
) -> dict[str, Any]:
    """Bars of ``{"x": label, "series": name, "value": number}`` rows, stacked or side by side.

    ``series`` names the series in legend order (at most two colours).
    """
    colour: dict[str, Any] = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {"domain": list(series), "range": list(SERIES_COLOURS[: len(series)])},
        "legend": {"orient": "top"} if len(series) > 1 else None,
    }
    encoding: dict[str, Any] = {
        "x": {
            "field": "x",
            "type": "ordinal",
            "sort": None,
            "title": x_title,
            "axis": {"labelAngle": -45, "labelOverlap": True},
        },
        "y": {
            "field": "value",
            "type": "quantitative",
            "title": y_title,
            "stack": None if grouped else "zero",
            # Counts and euros: no ticks between whole numbers (",.0f" would repeat labels).
            "axis": {"format": value_format, "tickMinStep": 1},
        },
        "color": colour,
        "tooltip": [
            {"field": "x", "type": "ordinal", "title": x_title},
            {"field": "series", "type": "nominal", "title": " "},
            {"field": "value", "type": "quantitative", "title": y_title, "format": value_format},
        ],
    }
    if grouped:
        encoding["xOffset"] = {"field": "series", "type": "nominal", "sort": list(series)}
    spec = _frame(description, [{"mark": {"type": "bar"}, "encoding": encoding}], height)
    spec["data"] = {"values": [dict(v) for v in values]}
    return spec


def burn_down(
    lines: Sequence[Mapping[str, Any]],
    forecast: Sequence[Mapping[str, Any]],
    *,
    actual: str,
    planned: str,
    forecast_label: str,
    x_title: str,
    y_title: str,
    description: str,
    height: int = 280,
) -> dict[str, Any]:
    """Open cases over time: ``{"date": iso, "series": actual|planned, "value": n}`` rows as
    lines (the plan dashed), over the forecast's P5-P95 band and P50 line (``date, p5, p50,
    p95`` rows), all on one time axis."""
    domain = [actual, planned] + ([forecast_label] if forecast else [])
    colours = [SERIES_COLOURS[0], SERIES_COLOURS[1], FORECAST_COLOUR][: len(domain)]
    scale = {"domain": domain, "range": colours}
    x = {
        "field": "date",
        "type": "temporal",
        "title": x_title,
        "axis": {"format": "%-d-%-m-%Y", "labelOverlap": True, "labelAngle": -45},
    }
    y_axis = {"format": ",.0f", "tickMinStep": 1}
    layers: list[dict[str, Any]] = []
    if forecast:
        data = {"values": [{k: r[k] for k in ("date", "p5", "p50", "p95")} for r in forecast]}
        layers += [
            {
                "data": data,
                "mark": {"type": "area", "opacity": 0.2},
                "encoding": {
                    "x": x,
                    "y": {"field": "p5", "type": "quantitative", "title": y_title, "axis": y_axis},
                    "y2": {"field": "p95"},
                    "color": {"datum": forecast_label, "scale": scale, "title": None},
                },
            },
            {
                "data": data,
                "mark": {"type": "line", "strokeWidth": 1.5, "strokeDash": [2, 2]},
                "encoding": {
                    "x": x,
                    "y": {"field": "p50", "type": "quantitative"},
                    "color": {"datum": forecast_label, "scale": scale, "title": None},
                },
            },
        ]
    layers.append(
        {
            "data": {"values": [dict(v) for v in lines]},
            "mark": {"type": "line", "strokeWidth": 2, "point": True},
            "encoding": {
                "x": x,
                "y": {"field": "value", "type": "quantitative", "title": y_title, "axis": y_axis},
                "color": {
                    "field": "series",
                    "type": "nominal",
                    "title": None,
                    "scale": scale,
                    "legend": {"orient": "top"},
                },
                "strokeDash": {
                    "field": "series",
                    "type": "nominal",
                    "scale": {"domain": [actual, planned], "range": [[1, 0], [6, 3]]},
                    "legend": None,
                },
                "tooltip": [
                    {"field": "series", "type": "nominal", "title": " "},
                    {"field": "date", "type": "temporal", "title": x_title, "format": "%-d-%-m-%Y"},
                    {"field": "value", "type": "quantitative", "title": y_title, "format": ",.0f"},
                ],
            },
        }
    )
    spec = _frame(description, layers, height)
    # One legend for all layers: full-strength symbols (not the band's opacity), whole labels.
    spec["config"]["legend"] = {"symbolOpacity": 1, "labelLimit": 400}
    return spec
