# SPDX-License-Identifier: EUPL-1.2
"""Import of register files: all-or-nothing, idempotent, pseudonymised, audited."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection

from verkeerstoren.cases import models as m
from verkeerstoren.cases.importing import ImportValidationError, import_path
from verkeerstoren.cases.pseudonym import pseudonymise

SMALL = Path(__file__).parent / "data" / "small"
PLAIN_V_NUMBERS = ["1234567890", "2345678901", "3456789012", "4567890123", "5678901234"]

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {
        model.__name__: model._default_manager.count()
        for model in apps.get_app_config("cases").get_models()
    }


def _copy_with(tmp_path: Path, file: str, transform) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "register"
    shutil.copytree(SMALL, folder)
    path = folder / file
    path.write_text(transform(path.read_text()))
    return folder


def test_import_creates_register_with_pseudonyms() -> None:
    run = import_path(SMALL)
    assert m.Case.objects.count() == 5
    assert m.Staff.objects.count() == 3
    assert m.LegalEvent.objects.count() == 5
    case = m.Case.objects.get(reference="TF-0000001")
    assert case.person == pseudonymise("1234567890")
    assert case.person != "1234567890"
    assert case.feature_codes() == ["lgbti", "medical"]
    assert list(case.status_history.values_list("status", flat=True)) == [
        "registered",
        "preparing",
        "ready_for_hearing",
    ]
    # A case without rows in status_history.csv gets its current status as initial entry.
    assert list(
        m.Case.objects.get(reference="TF-0000002").status_history.values_list("status", flat=True)
    ) == ["preparing"]
    assert run.summary["cases.csv"]["created"] == 5


def test_reimport_does_not_duplicate() -> None:
    import_path(SMALL)
    before = _row_counts()
    run = import_path(SMALL)
    after = _row_counts()
    after.pop("ImportRun")
    before.pop("ImportRun")
    assert after == before
    assert run.summary["cases.csv"] == {"created": 0, "updated": 0, "unchanged": 5}
    assert run.summary["legal_events.csv"]["created"] == 0


def test_reimport_with_a_change_updates_and_records_history(tmp_path: Path) -> None:
    import_path(SMALL)
    folder = _copy_with(
        tmp_path,
        "cases.csv",
        lambda t: t.replace(
            "TF-0000002,2345678901,2019-11-20,4,AA", "TF-0000002,2345678901,2019-11-20,4,VA"
        ),
    )
    run = import_path(folder)
    assert run.summary["cases.csv"] == {"created": 0, "updated": 1, "unchanged": 4}
    case = m.Case.objects.get(reference="TF-0000002")
    assert case.procedure == "VA"
    history = list(case.history.order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert history[0].procedure == "AA" and history[1].procedure == "VA"
    assert history[1].history_change_reason == "import register"


@pytest.mark.parametrize(
    ("file", "old", "new", "field", "row"),
    [
        ("cases.csv", "2019-11-20,4,AA,first", "2019-11-31,4,AA,first", "received", 4),
        ("cases.csv", "ti,amv,FAM-1", "ti,amv;telepathy,FAM-1", "features", 4),
        ("cases.csv", "2020-02-10,4,AA", "2020-02-10,3,AA", "track", 6),
        (
            "legal_events.csv",
            "TF-0000002,suspension,2020-03-16,2020-05-31",
            "TF-0000002,suspension,2020-03-16,",
            "end_date",
            4,
        ),
        (
            "staff.csv",
            "S002,B. Jansen,TF-TAP-1,TAP,temp,32,2020-09-01,true,false",
            "S002,B. Jansen,TF-TAP-1,TAP,temp,32,2020-09-01,true,true",
            "can_decide",
            3,
        ),
        ("cases.csv", "RG-0000005,5678901234", "RG-0000005,56789", "v_number", 6),
        ("dossier_items.csv", "TF-0000003,guardian", "TF-9999999,guardian", "case", 4),
    ],
)
def test_one_bad_row_imports_nothing(
    tmp_path: Path, file: str, old: str, new: str, field: str, row: int
) -> None:
    folder = _copy_with(tmp_path, file, lambda t: t.replace(old, new))
    assert new in (folder / file).read_text()
    before = _row_counts()
    with pytest.raises(ImportValidationError) as caught:
        import_path(folder)
    assert _row_counts() == before
    first = caught.value.errors[0]
    assert (first.file, first.row, first.field) == (file, row, field)
    assert f"{file}, row {row}, field '{field}'" in str(caught.value)
    # Personal identifiers never reach an error message.
    assert "5678901234" not in caught.value.report() and "56789" not in str(first.message)


def test_unknown_column_is_refused(tmp_path: Path) -> None:
    folder = _copy_with(
        tmp_path, "locations.csv", lambda t: t.replace("has_hearing_rooms", "has_rooms")
    )
    with pytest.raises(ImportValidationError) as caught:
        import_path(folder)
    assert {(e.file, e.field) for e in caught.value.errors} >= {("locations.csv", "has_rooms")}
    assert m.Location.objects.count() == 0


def test_legal_events_are_immutable_across_imports(tmp_path: Path) -> None:
    import_path(SMALL)
    folder = _copy_with(
        tmp_path,
        "legal_events.csv",
        lambda t: t.replace("2020-03-16,2020-05-31", "2020-03-16,2020-06-30"),
    )
    with pytest.raises(ImportValidationError) as caught:
        import_path(folder)
    assert "immutable" in str(caught.value)
    event = m.LegalEvent.objects.get(case__reference="TF-0000002", kind="suspension")
    assert event.end_date.isoformat() == "2020-05-31"
    with pytest.raises(m.ImmutableError):
        event.save()


def test_xlsx_workbook_imports_like_csv(tmp_path: Path) -> None:
    import csv

    import xlsxwriter

    book_path = tmp_path / "register.xlsx"
    with xlsxwriter.Workbook(str(book_path)) as book:
        for csv_file in sorted(SMALL.glob("*.csv")):
            sheet = book.add_worksheet(csv_file.stem)
            with csv_file.open(newline="") as handle:
                for i, row in enumerate(csv.reader(handle)):
                    sheet.write_row(i, 0, row)
    import_path(book_path)
    assert m.Case.objects.count() == 5
    assert m.LegalEvent.objects.count() == 5
    assert m.Case.objects.get(reference="TF-0000001").person == pseudonymise("1234567890")


def test_no_plain_v_number_anywhere_in_the_database() -> None:
    import_path(SMALL)
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            for field in model._meta.concrete_fields:
                if field.get_internal_type() not in {"CharField", "TextField", "JSONField"}:
                    continue
                column = connection.ops.quote_name(field.column)
                cursor.execute(f"SELECT {column} FROM {connection.ops.quote_name(table)}")  # noqa: S608
                for (value,) in cursor.fetchall():
                    text = str(value)
                    assert not any(v in text for v in PLAIN_V_NUMBERS), f"{table}.{field.column}"
