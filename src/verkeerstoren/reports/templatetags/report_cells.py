# SPDX-License-Identifier: EUPL-1.2
"""Template filters of the report templates: a table's cells as the reader sees them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.formats import number_format

from verkeerstoren.reports.labels import day
from verkeerstoren.reports.layout import DATE, EUR, INT, PERCENT, SHARE, TEXT, Table

register = template.Library()


def cell_text(kind: str, value: Any) -> str:
    """One cell in the active language: 1.234, € 1.234,56, 87,5%, 6-4-2020."""
    if value is None or value == "":
        return "—"
    if kind == TEXT:
        return str(value)
    if kind == DATE:
        return day(value if isinstance(value, date) else date.fromisoformat(str(value)))
    if kind == SHARE:
        return f"{number_format(100 * value, 1, force_grouping=True)}%"
    if kind == PERCENT:
        return f"{number_format(value, 2, force_grouping=True)}%"
    if kind == EUR:
        return f"€ {number_format(value, 2, force_grouping=True)}"
    if kind == INT:
        return str(number_format(round(value), 0, force_grouping=True))
    raise ValueError(f"unknown column kind {kind!r}")


@register.filter
def cells(table: Table) -> list[list[dict[str, Any]]]:
    """Per row its cells: ``text``, ``header`` (a row-naming cell) and ``numeric``."""
    out = []
    for row in table.rows:
        out.append(
            [
                {
                    "text": cell_text(column.kind, value),
                    "header": i < table.label_columns,
                    "numeric": column.numeric,
                }
                for i, (column, value) in enumerate(zip(table.columns, row, strict=True))
            ]
        )
    return out
