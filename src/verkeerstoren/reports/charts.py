# SPDX-License-Identifier: EUPL-1.2
"""Vega-Lite specs of the report charts: pure functions from rows to plain dicts.

The forecast's fan chart is the pages' own (web/common/charts.py, pure and without Django so
that reports reuse it); the bar and line charts here follow its conventions: the theme's colours
(contrast at least 3:1 against white), a legend that names every series, a description that
becomes the chart's accessible name, and a table right after each chart in every format.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from verkeerstoren.web.common.charts import SCHEMA, SERIES_COLOURS, fan_chart

__all__ = ["COLOURS", "bar_chart", "fan_chart", "line_chart"]

# The two series colours of the pages, then further colours of at least 3:1 against white.
COLOURS: tuple[str, ...] = (*SERIES_COLOURS, "#2e7d32", "#6a1b9a", "#5d4037", "#00695c")


def _colour(field: str, title: str, domain: Sequence[str]) -> dict[str, Any]:
    return {
        "field": field,
        "type": "nominal",
        "title": title,
        "scale": {"domain": list(domain), "range": list(COLOURS[: len(domain)])},
        "legend": {"orient": "top"},
    }


def _spec(description: str, values: list[dict[str, Any]], **rest: Any) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "description": description,
        "width": "container",
        "height": 240,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": values},
        "config": {"view": {"stroke": None}},
        **rest,
    }


def bar_chart(
    values: list[dict[str, Any]],
    *,
    x_title: str,
    y_title: str,
    series_title: str,
    series: Sequence[str],
    description: str,
    stacked: bool = False,
) -> dict[str, Any]:
    """Bars of ``value`` per ``label`` and ``series`` (rows ``{label, series, value}``).

    Grouped side by side, or ``stacked``; the order of the labels is the order of the rows.
    """
    labels = list(dict.fromkeys(str(v["label"]) for v in values))
    encoding: dict[str, Any] = {
        "x": {"field": "label", "type": "nominal", "title": x_title, "sort": labels,
              "axis": {"labelAngle": 0, "labelLimit": 120}},
        "y": {"field": "value", "type": "quantitative", "title": y_title,
              "stack": "zero" if stacked else None},
        "color": _colour("series", series_title, series),
        "tooltip": [
            {"field": "label", "type": "nominal", "title": x_title},
            {"field": "series", "type": "nominal", "title": series_title},
            {"field": "value", "type": "quantitative", "title": y_title, "format": ",.0f"},
        ],
    }  # fmt: skip
    if not stacked:
        encoding["xOffset"] = {"field": "series", "sort": list(series)}
    return _spec(description, values, mark={"type": "bar"}, encoding=encoding)


def line_chart(
    values: list[dict[str, Any]],
    *,
    x_title: str,
    y_title: str,
    series_title: str,
    series: Sequence[str],
    description: str,
) -> dict[str, Any]:
    """Lines of ``value`` per ``label`` (in row order) and ``series``, with a point per value."""
    labels = list(dict.fromkeys(str(v["label"]) for v in values))
    encoding = {
        "x": {"field": "label", "type": "ordinal", "title": x_title, "sort": labels,
              "axis": {"labelAngle": -45}},
        "y": {"field": "value", "type": "quantitative", "title": y_title},
        "color": _colour("series", series_title, series),
        # A second cue besides colour (WCAG 1.4.1): each series has its own point shape.
        "shape": {"field": "series", "type": "nominal", "title": series_title,
                  "scale": {"domain": list(series)}, "legend": {"orient": "top"}},
        "tooltip": [
            {"field": "label", "type": "ordinal", "title": x_title},
            {"field": "series", "type": "nominal", "title": series_title},
            {"field": "value", "type": "quantitative", "title": y_title, "format": ",.0f"},
        ],
    }  # fmt: skip
    return _spec(
        description, values, mark={"type": "line", "point": True, "strokeWidth": 2},
        encoding=encoding,
    )  # fmt: skip
