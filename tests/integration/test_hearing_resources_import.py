# SPDX-License-Identifier: EUPL-1.2
"""Import of the hearing resources (docs/formats.md): lawyers and a case's lawyer, interpreter
locations, half-days away and officers' hearing limits; bad cells named, nothing written."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps

from verkeerstoren.cases import models as m
from verkeerstoren.cases.exporting import export_register
from verkeerstoren.cases.importing import ImportValidationError, import_path

SMALL = Path(__file__).parent / "data" / "small"

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model.__name__: model._default_manager.count()
        for model in apps.get_app_config("cases").get_models()
    }


def _register(tmp_path: Path) -> Path:
    """The small register plus lawyers, a case's lawyer, interpreter locations and unavailability."""
    folder = tmp_path / "register"
    shutil.copytree(SMALL, folder)
    (folder / "lawyers.csv").write_text(
        "code,name,max_per_day\nA1,mr. A. Jansen,1\nA2,mr. B. Smit,\n"
    )
    (folder / "lawyer_unavailability.csv").write_text(
        "lawyer,date,slot\nA1,2020-04-07,\nA1,2020-04-08,1\n"
    )
    (folder / "interpreter_unavailability.csv").write_text(
        "interpreter,date,slot\nI001,2020-04-09,0\n"
    )
    interpreters = folder / "interpreters.csv"
    lines = interpreters.read_text().splitlines()
    rows = [lines[0] + ",locations"] + [
        line + (",TAP;DBS" if line.startswith("I001") else ",") for line in lines[1:]
    ]
    interpreters.write_text("\n".join(rows) + "\n")
    cases = folder / "cases.csv"
    lines = cases.read_text().splitlines()
    rows = [lines[0] + ",lawyer"] + [
        line + (",A1" if line.startswith("TF-0000001") else ",") for line in lines[1:]
    ]
    cases.write_text("\n".join(rows) + "\n")
    return folder


def test_lawyers_locations_and_unavailability_are_imported(tmp_path: Path) -> None:
    import_path(_register(tmp_path))
    a1 = m.Lawyer.objects.get(code="A1")
    assert (a1.name, a1.max_per_day) == ("mr. A. Jansen", 1)
    assert m.Lawyer.objects.get(code="A2").max_per_day == 2  # the documented default
    assert m.Case.objects.get(reference="TF-0000001").lawyer == a1
    assert m.Case.objects.exclude(reference="TF-0000001").filter(lawyer__isnull=False).count() == 0
    away = sorted(a1.unavailability.values_list("date", "slot"))
    assert away == [(date(2020, 4, 7), None), (date(2020, 4, 8), 1)]
    i001 = m.Interpreter.objects.get(code="I001")
    assert i001.location_list() == ["TAP", "DBS"]
    assert list(i001.unavailability.values_list("date", "slot")) == [(date(2020, 4, 9), 0)]
    assert set(m.Staff.objects.values_list("max_hearings_per_day", flat=True)) == {2}
    # A second import of the same files changes nothing.
    before = _counts()
    import_path(_register(tmp_path / "again"))
    assert _counts() == before | {"ImportRun": before["ImportRun"] + 1}


def test_the_export_writes_them_back_in_the_import_format(tmp_path: Path) -> None:
    import_path(_register(tmp_path))
    out = tmp_path / "export"
    export_register(out)
    assert "A1,mr. A. Jansen,1" in (out / "lawyers.csv").read_text()
    assert "A1,2020-04-08,1" in (out / "lawyer_unavailability.csv").read_text()
    cases = (out / "cases.csv").read_text().splitlines()
    assert cases[0].endswith(",lawyer")
    assert next(line for line in cases if line.startswith("TF-0000001")).endswith(",A1")


@pytest.mark.parametrize(
    ("file", "old", "new", "field"),
    [
        ("cases.csv", ",A1\n", ",A9\n", "lawyer"),
        ("interpreters.csv", ",TAP;DBS", ",TAP;ZZZ", "locations"),
        ("lawyer_unavailability.csv", "A1,2020-04-08,1", "A1,2020-04-08,30", "slot"),
        ("lawyer_unavailability.csv", "A1,2020-04-08,1", "A7,2020-04-08,1", "lawyer"),
        ("interpreter_unavailability.csv", "I001,2020-04-09,0", "I001,2020-04-09,0\nI001,2020-04-09,0", "slot"),
        ("lawyers.csv", "A1,mr. A. Jansen,1", "A1,mr. A. Jansen,99", "max_per_day"),
    ],
)  # fmt: skip
def test_a_bad_cell_is_refused_at_its_field_and_nothing_is_written(
    tmp_path: Path, file: str, old: str, new: str, field: str
) -> None:
    folder = _register(tmp_path)
    path = folder / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ImportValidationError) as caught:
        import_path(folder)
    assert _counts() == {name: 0 for name in _counts()}
    assert (file, field) in {(e.file, e.field) for e in caught.value.errors}
