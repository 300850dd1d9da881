# SPDX-License-Identifier: EUPL-1.2
"""Bad cells are refused at the row and field, and an import is all or nothing with its figures."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.apps import apps

from verkeerstoren.cases import law_figures
from verkeerstoren.cases import models as m
from verkeerstoren.cases.importing import ImportValidationError, import_path

SMALL = Path(__file__).parent / "data" / "small"

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model.__name__: model._default_manager.count()
        for model in apps.get_app_config("cases").get_models()
    }


def _copy_with(tmp_path: Path, file: str, transform: Callable[[str], str]) -> Path:
    folder = tmp_path / "register"
    shutil.copytree(SMALL, folder)
    path = folder / file
    changed = transform(path.read_text())
    assert changed != path.read_text(), "the corruption must change the file"
    path.write_text(changed)
    return folder


# (file, the cell as it is, the corrupt cell, field, row as the user counts it: header = row 1)
BAD_CELLS = [
    ("cases.csv", "TF-0000001,1234567890,2019-05-02", "TF-0000001,1234567890,9999-05-02",
     "received", 2),
    ("cases.csv", "TF-0000001,1234567890,2019-05-02", "TF-0000001,1234567890,1899-12-31",
     "received", 2),
    ("staff.csv", "S001,A. de Vries,TF-TAP-1,TAP,ind,36,", "S001,A. de Vries,TF-TAP-1,TAP,ind,1e20,",
     "hours_per_week", 2),
    ("staff.csv", "S001,A. de Vries,", "S001,A. de\x00Vries,", "name", 2),
    ("absences.csv", "S002,2020-12-21,2021-01-01,leave", "S002,2020-12-21,2021-01-01,V5292277122",
     "reason", 2),
    ("absences.csv", "S002,2020-12-21,2021-01-01,leave", "S002,2020-12-21,2021-01-01,5292 277 122",
     "reason", 2),
    ("external_firms.csv", "EXT1,Advocatenkantoor Voorbeeld,400,300",
     "EXT1,Advocatenkantoor Voorbeeld,400,300000", "draft_hours_per_week", 2),
    ("legal_events.csv", "TF-0000001,extension,2019-10-15,,9,", "TF-0000001,extension,2019-10-15,,900,",
     "months", 2),
]  # fmt: skip


@pytest.mark.parametrize(("file", "old", "new", "field", "row"), BAD_CELLS)
def test_a_bad_cell_is_refused_at_its_row_and_field_and_nothing_is_written(
    tmp_path: Path, file: str, old: str, new: str, field: str, row: int
) -> None:
    import_path(SMALL)
    before = _counts()
    folder = _copy_with(tmp_path, file, lambda t: t.replace(old, new, 1))
    with pytest.raises(ImportValidationError) as caught:
        import_path(folder)
    assert _counts() == before
    errors = {(e.file, e.row, e.field) for e in caught.value.errors}
    assert (file, row, field) in errors
    report = caught.value.report()
    assert "5292277122" not in report and "5292 277 122" not in report and "\x00" not in report


def test_far_but_valid_dates_import_with_their_law_figures(tmp_path: Path) -> None:
    folder = _copy_with(
        tmp_path,
        "cases.csv",
        lambda t: t.replace("TF-0000001,1234567890,2019-05-02", "TF-0000001,1234567890,2100-12-31"),
    )
    import_path(folder)
    assert m.LawFigures.objects.count() == m.Case.objects.count() > 0
    figures = m.LawFigures.objects.get(case__reference="TF-0000001")
    assert figures.overdue_days == 0  # received at the end of 2100: not overdue in 2020


def test_a_failing_law_refresh_rolls_the_import_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_path(SMALL)
    before = _counts()
    figures_before = sorted(m.LawFigures.objects.values_list("case__reference", "deadline"))
    folder = _copy_with(
        tmp_path,
        "locations.csv",
        lambda t: t + "ZWL,Zwolle,false\n",
    )

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("law engine failed")

    # Fault injection in the pure law engine, as a crash on strange data would be.
    monkeypatch.setattr(law_figures, "assess_portfolio", broken)
    with pytest.raises(RuntimeError):
        import_path(folder)
    assert _counts() == before
    assert not m.Location.objects.filter(code="ZWL").exists()
    assert sorted(m.LawFigures.objects.values_list("case__reference", "deadline")) == figures_before
