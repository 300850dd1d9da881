# SPDX-License-Identifier: EUPL-1.2
"""Parse raw rows into typed rows, collecting every error (file, row, field)."""

from __future__ import annotations

from typing import Any

from .errors import RowError
from .readers import RawTable

Row = dict[str, Any]
MAX_ERRORS = 200


def parse_table(table: RawTable, errors: list[RowError]) -> list[tuple[int, Row]]:
    """Typed rows of one table; empty optional cells become None; errors appended."""
    parsed: list[tuple[int, Row]] = []
    columns = table.spec.columns
    for number, cells in table.rows:
        row: Row = {}
        ok = True
        for name, column in columns.items():
            text = cells.get(name, "")
            if not text.strip():
                if column.required:
                    errors.append(RowError(table.label, number, name, "is required"))
                    ok = False
                row[name] = None
                continue
            try:
                row[name] = column.parser(text)
            except ValueError as exc:
                errors.append(RowError(table.label, number, name, str(exc)))
                ok = False
        if ok:
            parsed.append((number, row))
        if len(errors) >= MAX_ERRORS:
            break
    return parsed


def check_unique(
    label: str, rows: list[tuple[int, Row]], key: tuple[str, ...], errors: list[RowError]
) -> None:
    """A key may appear once per file (a second row would silently overwrite the first)."""
    seen: dict[tuple[Any, ...], int] = {}
    for number, row in rows:
        k = tuple(row[f] for f in key)
        if k in seen:
            errors.append(
                RowError(
                    label, number, key[-1], f"duplicate of row {seen[k]} (key {'+'.join(key)})"
                )
            )
        else:
            seen[k] = number
