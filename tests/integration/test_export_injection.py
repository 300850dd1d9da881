# SPDX-License-Identifier: EUPL-1.2
"""Exports write imported text that a spreadsheet would run as a formula as plain text."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest

from verkeerstoren.cases.exporting import export_register, neutralise
from verkeerstoren.cases.importing import import_path

SMALL = Path(__file__).parent / "data" / "small"
FORMULA = '=HYPERLINK("http://example.invalid/x","klik")'

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Ter Apel", "Ter Apel"),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_quotes_only_text_that_starts_like_a_formula(text: str, shown: str) -> None:
    assert neutralise(text) == shown


@pytest.fixture
def register_with_formula(tmp_path: Path) -> None:
    folder = tmp_path / "register"
    shutil.copytree(SMALL, folder)
    path = folder / "locations.csv"
    path.write_text(
        path.read_text().replace(
            "TAP,Ter Apel,true", f'TAP,"{FORMULA.replace(chr(34), chr(34) * 2)}",true'
        )
    )
    import_path(folder)


def test_csv_export_quotes_a_formula(tmp_path: Path, register_with_formula: None) -> None:
    export_register(tmp_path / "out", "csv")
    with (tmp_path / "out" / "locations.csv").open(encoding="utf-8", newline="") as handle:
        names = {row["code"]: row["name"] for row in csv.DictReader(handle)}
    assert names["TAP"] == "'" + FORMULA


def test_xlsx_export_writes_a_formula_as_text(tmp_path: Path, register_with_formula: None) -> None:
    export_register(tmp_path / "out", "xlsx")
    book = openpyxl.load_workbook(tmp_path / "out" / "register.xlsx")
    sheet = book["locations"]
    header = [c.value for c in sheet[1]]
    cells = {row[0].value: row[header.index("name")] for row in sheet.iter_rows(min_row=2)}
    assert cells["TAP"].data_type == "s"
    assert cells["TAP"].value == "'" + FORMULA
    assert all(c.data_type != "f" for row in book["locations"].iter_rows() for c in row)
