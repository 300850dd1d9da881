# SPDX-License-Identifier: EUPL-1.2
"""Vega-Lite specs for forecast charts: pure functions from quantile rows to plain dicts.

No Django here, so reports can reuse the same specs (rendered with vl-convert for PDF/PNG) and
the screen and the report always show one chart definition. Rows are the forecast's flat rows
(``week, date, metric, p5, p25, p50, p75, p95, mean``, see docs/formats.md).

A fan chart has three layers per series: a light P5-P95 band, a darker P25-P75 band and the P50
line; an optional dashed rule marks a target date. Several series (a comparison) share the axes
and are told apart by colour and by the legend, never by colour alone: the legend names them and
the table alternative lists them separately.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # matches static/vendor/vega-lite

# Rijksoverheid-like dark blue (the theme's primary) and a dark orange; both have a contrast of
# at least 3:1 against white, as WCAG 1.4.11 asks of graphical objects.
SERIES_COLOURS: tuple[str, ...] = ("#154a7d", "#b34700")
DASHES: list[list[int]] = [[1, 0], [6, 3]]  # solid, dashed
TARGET_COLOUR = "#b3261e"

_KEEP = ("week", "date", "p5", "p25", "p50", "p75", "p95")

Rows = Sequence[Mapping[str, Any]]


def metric_rows(rows: Rows, metric: str) -> list[dict[str, Any]]:
    """The rows of one metric, trimmed to what a fan chart and its table need."""
    return [{k: row[k] for k in _KEEP} for row in rows if row.get("metric") == metric]


def fan_chart(
    series: Sequence[tuple[str, Rows]],
    metric: str,
    *,
    y_title: str,
    x_title: str,
    description: str,
    target_date: str | None = None,
    target_label: str = "Target",
    value_format: str = ",.0f",
    height: int = 260,
    title: str | None = None,
) -> dict[str, Any]:
    """A layered fan chart of ``metric`` for one or more (label, rows) series.

    ``description`` becomes the chart's accessible name (Vega puts it on the SVG as aria-label).
    ``title`` is for stand-alone use (reports); a web page gives the chart a visible caption.
    """
    values: list[dict[str, Any]] = []
    for label, rows in series:
        values += [{**row, "series": label} for row in metric_rows(rows, metric)]
    labels = [label for label, _ in series]
    x = {
        "field": "date",
        "type": "temporal",
        "title": x_title,
        # Ticks on month starts: with ticks in between, a month-and-year label repeated itself
        # ("apr 2020 apr 2020 ..."); labelOverlap thins them on long horizons.
        "axis": {"format": "%b %Y", "labelOverlap": True, "tickCount": "month"},
    }
    colour: dict[str, Any] = {
        "field": "series",
        "type": "nominal",
        "title": None,
        "scale": {"domain": labels, "range": list(SERIES_COLOURS[: len(labels)])},
        "legend": {"orient": "top"} if len(labels) > 1 else None,
    }

    def band(low: str, high: str, opacity: float) -> dict[str, Any]:
        return {
            "mark": {"type": "area", "opacity": opacity},
            "encoding": {
                "x": x,
                "y": {
                    "field": low,
                    "type": "quantitative",
                    "title": y_title,
                    "axis": {"format": value_format},
                },
                "y2": {"field": high},
                "color": colour,
            },
        }

    line: dict[str, Any] = {
        "mark": {"type": "line", "strokeWidth": 2},
        "encoding": {
            "x": x,
            "y": {"field": "p50", "type": "quantitative"},
            "color": colour,
            "tooltip": [
                {"field": "series", "type": "nominal", "title": " "},
                {"field": "date", "type": "temporal", "title": x_title, "format": "%d-%m-%Y"},
                {"field": "p5", "type": "quantitative", "title": "P5", "format": value_format},
                {"field": "p50", "type": "quantitative", "title": "P50", "format": value_format},
                {"field": "p95", "type": "quantitative", "title": "P95", "format": value_format},
            ],
        },
    }
    if len(labels) > 1:
        # A second cue besides colour: A's median solid, B's dashed (WCAG 1.4.1).
        line["encoding"]["strokeDash"] = {
            "field": "series",
            "type": "nominal",
            "title": None,
            "scale": {"domain": labels, "range": DASHES[: len(labels)]},
            "legend": {"orient": "top"},
        }
    layers: list[dict[str, Any]] = [band("p5", "p95", 0.18), band("p25", "p75", 0.35), line]
    if target_date:
        layers += target_layers(target_date, target_label)
    spec: dict[str, Any] = {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": height,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": values},
        "layer": layers,
        "config": {"view": {"stroke": None}},
    }
    if title:
        spec["title"] = {"text": title, "anchor": "start"}
    return spec


def target_layers(target_date: str, label: str) -> list[dict[str, Any]]:
    """A dashed vertical rule at ``target_date`` with its label at the top."""
    data = {"values": [{"date": target_date, "label": label}]}
    x = {"field": "date", "type": "temporal"}
    return [
        {
            "data": data,
            "mark": {"type": "rule", "color": TARGET_COLOUR, "strokeDash": [6, 4], "size": 2},
            "encoding": {"x": x},
        },
        {
            "data": data,
            "mark": {
                "type": "text",
                "color": TARGET_COLOUR,
                "align": "left",
                "baseline": "top",
                "dx": 4,
                "y": 2,
                "fontWeight": "bold",
            },
            "encoding": {"x": x, "text": {"field": "label"}},
        },
    ]
