# SPDX-License-Identifier: EUPL-1.2
"""Services that change the register write history (who, when, why, before/after); exports of
personal data are access-logged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from verkeerstoren.cases import models as m
from verkeerstoren.cases.exporting import export_register
from verkeerstoren.cases.facts import FactError, change_status
from verkeerstoren.cases.importing import import_path
from verkeerstoren.cases.services import apply_cutoff_split
from verkeerstoren.cutoff import CutoffRule

SMALL = Path(__file__).parent / "data" / "small"
pytestmark = pytest.mark.django_db


def test_status_change_is_audited() -> None:
    import_path(SMALL)
    user = User.objects.create_user("planner")
    case = m.Case.objects.get(reference="TF-0000001")
    change_status(case, "hearing_planned", date(2020, 5, 4), user=user)
    case.refresh_from_db()
    assert case.status == "hearing_planned"
    last = case.history.order_by("-history_date").first()
    assert last is not None and last.history_user == user and last.status == "hearing_planned"
    assert last.history_change_reason == "status hearing_planned"
    assert last.prev_record is not None and last.prev_record.status == "ready_for_hearing"
    # A write is audited in the history; the access log is for reads of personal data.
    assert not m.AccessLog.objects.exists()


def test_status_change_rejects_bad_transitions() -> None:
    import_path(SMALL)
    case = m.Case.objects.get(reference="TF-0000001")
    with pytest.raises(FactError) as no_outcome:
        change_status(case, "decided", date(2020, 5, 4))
    assert "outcome" in no_outcome.value.fields
    with pytest.raises(FactError) as jump:
        change_status(case, "heard", date(2020, 5, 4))  # ready for hearing -> heard skips a step
    assert "status" in jump.value.fields
    with pytest.raises(FactError) as early:
        change_status(case, "hearing_planned", date(2019, 1, 1))  # before the last change
    assert "date" in early.value.fields
    case.refresh_from_db()
    assert case.status == "ready_for_hearing"


def test_cutoff_split_moves_open_track4_stock_before_cutoff() -> None:
    import_path(SMALL)
    run, summary = apply_cutoff_split(CutoffRule())
    streams = dict(m.Case.objects.values_list("reference", "stream"))
    # Open track-4 first/repeat cases and court re-entries received before 2020-04-01 (DOMAIN §1.1).
    assert streams == {
        "TF-0000001": "taskforce",
        "TF-0000002": "taskforce",
        "TF-0000003": "taskforce",
        "RG-0000004": "regular",  # track 1 and received after the cut-off
        "RG-0000005": "taskforce",  # court re-entry
    }
    assert summary.to_taskforce == 4 and summary.to_regular == 1
    assert run.summary["to_taskforce"] == 4
    # Applying the same rule again changes nothing.
    _, again = apply_cutoff_split(CutoffRule())
    assert again.to_taskforce == 0 and again.unchanged == 5


def test_export_round_trip_headers_and_counts(tmp_path: Path) -> None:
    import_path(SMALL)
    files = {p.name: p for p in export_register(tmp_path / "out")}
    cases = files["cases.csv"].read_text().splitlines()
    assert cases[0].startswith("reference,person,received")
    assert len(cases) == 1 + 5
    assert "1234567890" not in files["cases.csv"].read_text()
    events = files["legal_events.csv"].read_text().splitlines()
    assert len(events) == 1 + 5
    assert m.AccessLog.objects.filter(action="export").count() == 5  # one row per exported case
    xlsx = export_register(tmp_path / "x", fmt="xlsx")
    assert xlsx[0].name == "register.xlsx" and xlsx[0].stat().st_size > 0
