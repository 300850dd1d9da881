# SPDX-License-Identifier: EUPL-1.2
"""Read import files (CSV or XLSX) into raw rows, checking headers against the schema."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import ImportValidationError, RowError
from .schema import SPEC_BY_NAME, SPECS, FileSpec


@dataclass
class RawTable:
    spec: FileSpec
    label: str  # file (and sheet) name used in error messages
    rows: list[tuple[int, dict[str, str]]]  # (row number in file, cells by column)


def read_tables(path: Path) -> list[RawTable]:
    """All known tables under ``path`` (a folder, a CSV/XLSX file), in import order."""
    if not path.exists():
        raise ImportValidationError([RowError(str(path), 0, "", "no such file or folder")])
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    tables: list[RawTable] = []
    errors: list[RowError] = []
    for file in files:
        suffix = file.suffix.lower()
        if suffix == ".csv":
            spec = SPEC_BY_NAME.get(file.stem)
            if spec is None:
                if not path.is_dir():
                    errors.append(RowError(file.name, 0, "", _unknown_name(file.stem)))
                continue
            tables.append(_read_csv(file, spec, errors))
        elif suffix == ".xlsx":
            tables.extend(_read_xlsx(file, errors))
        elif not path.is_dir():
            errors.append(RowError(file.name, 0, "", "only .csv and .xlsx files can be imported"))
    if errors:
        raise ImportValidationError(errors)
    if not tables:
        raise ImportValidationError(
            [RowError(str(path), 0, "", "no import files found (see docs/formats.md)")]
        )
    order = {spec.name: i for i, spec in enumerate(SPECS)}
    return sorted(tables, key=lambda t: order[t.spec.name])


def _unknown_name(stem: str) -> str:
    known = ", ".join(s.name for s in SPECS)
    return f"unknown file '{stem}'; expected one of: {known}"


def _check_header(label: str, header: list[str], spec: FileSpec, errors: list[RowError]) -> bool:
    ok = True
    for name in header:
        if name not in spec.columns:
            errors.append(RowError(label, 1, name, "unknown column (see docs/formats.md)"))
            ok = False
    for name in sorted(spec.required - set(header)):
        errors.append(RowError(label, 1, name, "required column is missing"))
        ok = False
    return ok


def _read_csv(file: Path, spec: FileSpec, errors: list[RowError]) -> RawTable:
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        with file.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = [h.strip() for h in next(reader, [])]
            if not _check_header(file.name, header, spec, errors):
                return RawTable(spec, file.name, rows)
            for number, cells in enumerate(reader, start=2):
                if not any(c.strip() for c in cells):
                    continue  # blank line
                if len(cells) != len(header):
                    errors.append(
                        RowError(
                            file.name,
                            number,
                            "",
                            f"has {len(cells)} cells, header has {len(header)}",
                        )
                    )
                    continue
                rows.append((number, dict(zip(header, cells, strict=True))))
    except UnicodeDecodeError:
        errors.append(RowError(file.name, 0, "", "not UTF-8 text"))
    except csv.Error as exc:
        errors.append(RowError(file.name, 0, "", f"malformed CSV: {exc}"))
    return RawTable(spec, file.name, rows)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(file: Path, errors: list[RowError]) -> Iterator[RawTable]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a broken file
        errors.append(RowError(file.name, 0, "", "not a readable XLSX workbook"))
        return
    try:
        single = SPEC_BY_NAME.get(file.stem)
        sheets = (
            [(single, workbook.worksheets[0])]
            if single
            else [(SPEC_BY_NAME.get(ws.title), ws) for ws in workbook.worksheets]
        )
        for spec, sheet in sheets:
            label = f"{file.name}[{sheet.title}]"
            if spec is None:
                errors.append(RowError(label, 0, "", _unknown_name(sheet.title)))
                continue
            values = sheet.iter_rows(values_only=True)
            header = [_cell_text(h).strip() for h in next(values, ())]
            while header and not header[-1]:
                header.pop()
            rows: list[tuple[int, dict[str, str]]] = []
            if _check_header(label, header, spec, errors):
                for number, cells in enumerate(values, start=2):
                    texts = [_cell_text(c) for c in cells][: len(header)]
                    if not any(t.strip() for t in texts):
                        continue
                    texts += [""] * (len(header) - len(texts))
                    rows.append((number, dict(zip(header, texts, strict=True))))
            yield RawTable(spec, label, rows)
    finally:
        workbook.close()
