# SPDX-License-Identifier: EUPL-1.2
"""The report as a workbook (XlsxWriter): a sheet about the report, then one sheet per table.

Cells hold the numbers themselves. A share is written as the formula that divides its two
columns together with its computed value, so a reader without recalculation (or a script with
openpyxl's ``data_only``) sees the same number as the PDF. Sheet names are the tables' captions,
cut to Excel's 31 characters and made unique.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _
from xlsxwriter.utility import xl_rowcol_to_cell

from verkeerstoren.reports.build import Report
from verkeerstoren.reports.layout import DATE, EUR, INT, PERCENT, SHARE, TEXT, Document, Table

_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
HEADER_ROW = 2  # caption in row 0, a blank row, then the column headings


def render_xlsx(doc: Document, report: Report) -> bytes:
    """The workbook's bytes."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    # A fixed creation time: the same report gives the same workbook.
    made = datetime(report.as_of.year, report.as_of.month, report.as_of.day)  # noqa: DTZ001
    book.set_properties(
        {"title": doc.title, "subject": doc.title, "author": "Verkeerstoren", "created": made}
    )
    formats = _formats(book)
    _about(book, doc, formats)
    names: set[str] = set()
    for table in doc.tables:
        _table(book, table, _sheet_name(table.caption, names), formats)
    book.close()
    return out.getvalue()


def _formats(book: Any) -> dict[str, Any]:
    return {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "caption": book.add_format({"bold": True}),
        "header": book.add_format({"bold": True, "bottom": 1, "text_wrap": True}),
        TEXT: book.add_format({}),
        INT: book.add_format({"num_format": "#,##0"}),
        EUR: book.add_format({"num_format": "#,##0.00"}),
        SHARE: book.add_format({"num_format": "0.0%"}),
        PERCENT: book.add_format({"num_format": "0.00"}),
        DATE: book.add_format({"num_format": "d-m-yyyy"}),
    }


def _sheet_name(caption: str, taken: set[str]) -> str:
    base = _NOT_IN_SHEET_NAMES.sub(" ", caption).strip()[:31] or "Table"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _about(book: Any, doc: Document, formats: dict[str, Any]) -> None:
    sheet = book.add_worksheet(_("Report")[:31])
    sheet.write_string(0, 0, doc.title, formats["title"])
    row = 2
    if doc.notice:
        sheet.write_string(row, 0, doc.notice)
        row += 2
    for name, value in doc.facts:
        sheet.write_string(row, 0, name, formats["caption"])
        sheet.write_string(row, 1, value)
        row += 1
    sheet.set_column(0, 0, 32)
    sheet.set_column(1, 1, 60)


def _table(book: Any, table: Table, name: str, formats: dict[str, Any]) -> None:
    sheet = book.add_worksheet(name)
    sheet.write_string(0, 0, table.caption, formats["caption"])
    for col, column in enumerate(table.columns):
        sheet.write_string(HEADER_ROW, col, column.label, formats["header"])
        sheet.set_column(col, col, 28 if column.kind == TEXT else 16)
    for r, values in enumerate(table.rows, start=HEADER_ROW + 1):
        for col, (column, value) in enumerate(zip(table.columns, values, strict=True)):
            fmt = formats[column.kind]
            if column.ratio is not None:
                num, den = (xl_rowcol_to_cell(r, c) for c in column.ratio)
                formula = f'=IF({den}=0,"",{num}/{den})'
                sheet.write_formula(r, col, formula, fmt, "" if value is None else value)
            elif value is None or value == "":
                sheet.write_blank(r, col, None, fmt)
            elif column.kind == DATE:
                day = value if isinstance(value, date) else date.fromisoformat(str(value))
                sheet.write_datetime(r, col, datetime(day.year, day.month, day.day), fmt)  # noqa: DTZ001
            elif column.kind == TEXT:
                sheet.write_string(r, col, str(value), fmt)
            else:
                sheet.write_number(r, col, value, fmt)
    sheet.freeze_panes(HEADER_ROW + 1, table.label_columns)
