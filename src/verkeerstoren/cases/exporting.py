# SPDX-License-Identifier: EUPL-1.2
"""Export of the register in the import formats (docs/formats.md).

Cases carry the `person` pseudonym instead of `v_number`: the plain V-number is never stored, so
it cannot be exported. Everything else round-trips through `verkeerstoren import`, except that
text a spreadsheet would run as a formula is written with a leading quote (:func:`neutralise`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db.models import Prefetch

from . import models as m
from .access import record_case_reads

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection"):
# imported text such as '=HYPERLINK(...)' must come out as text, so it gets a leading quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text as a spreadsheet shows it, never runs it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _fmt(value: Any) -> Any:
    if isinstance(value, str):
        return neutralise(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _cases() -> Iterator[list[Any]]:
    qs = (
        m.Case.objects.select_related("location", "lawyer")
        .prefetch_related(
            Prefetch("features", queryset=m.CaseFeature.objects.only("case_id", "feature"))
        )
        .order_by("reference")
    )
    for c in qs.iterator(chunk_size=5000):
        yield [
            c.reference, c.person, c.received, c.track, c.procedure, c.kind, c.stream,
            c.nationality, c.language, ";".join(sorted(f.feature for f in c.features.all())),
            c.family_group, c.location.code, c.status, c.outcome, c.complexity,
            c.written_hearing_opt_in, c.manifestly_unfounded, c.gender, c.same_gender_request,
            c.lawyer.code if c.lawyer else "",
        ]  # fmt: skip


TABLES: dict[str, tuple[list[str], Any]] = {
    "locations": (
        ["code", "name", "has_hearing_rooms"],
        lambda: m.Location.objects.values_list("code", "name", "has_hearing_rooms"),
    ),
    "teams": (
        ["code", "name", "location", "stream", "decision_team"],
        lambda: m.Team.objects.values_list("code", "name", "location__code", "stream", "decision_team"),
    ),
    "staff": (
        ["code", "name", "team", "location", "employment_type", "hours_per_week", "start_date",
         "can_hear", "can_decide", "gender", "max_hearings_per_day"],
        lambda: m.Staff.objects.values_list(
            "code", "name", "team__code", "location__code", "employment_type", "hours_per_week",
            "start_date", "can_hear", "can_decide", "gender", "max_hearings_per_day"),
    ),
    "competencies": (
        ["staff", "competency", "level"],
        lambda: m.StaffCompetency.objects.order_by("staff__code", "competency").values_list(
            "staff__code", "competency", "level"),
    ),
    "absences": (
        ["staff", "start", "end", "reason"],
        lambda: m.Absence.objects.order_by("staff__code", "start").values_list(
            "staff__code", "start", "end", "reason"),
    ),
    "hearing_rooms": (
        ["code", "location", "child_friendly", "video"],
        lambda: m.HearingRoom.objects.values_list("code", "location__code", "child_friendly", "video"),
    ),
    "interpreters": (
        ["code", "languages", "mode", "gender", "locations"],
        lambda: m.Interpreter.objects.values_list("code", "languages", "mode", "gender", "locations"),
    ),
    "interpreter_unavailability": (
        ["interpreter", "date", "slot"],
        lambda: m.InterpreterUnavailability.objects.order_by("interpreter__code", "date", "slot")
        .values_list("interpreter__code", "date", "slot"),
    ),
    "lawyers": (
        ["code", "name", "max_per_day"],
        lambda: m.Lawyer.objects.values_list("code", "name", "max_per_day"),
    ),
    "lawyer_unavailability": (
        ["lawyer", "date", "slot"],
        lambda: m.LawyerUnavailability.objects.order_by("lawyer__code", "date", "slot")
        .values_list("lawyer__code", "date", "slot"),
    ),
    "external_firms": (
        ["code", "name", "prep_hours_per_week", "draft_hours_per_week"],
        lambda: m.ExternalFirm.objects.values_list(
            "code", "name", "prep_hours_per_week", "draft_hours_per_week"),
    ),
    "cases": (
        ["reference", "person", "received", "track", "procedure", "kind", "stream", "nationality",
         "language", "features", "family_group", "location", "status", "outcome", "complexity",
         "written_hearing_opt_in", "manifestly_unfounded", "gender", "same_gender_request",
         "lawyer"],
        _cases,
    ),
    "status_history": (
        ["case", "status", "date", "outcome"],
        lambda: m.StatusChange.objects.order_by("case__reference", "date", "id").values_list(
            "case__reference", "status", "date", "outcome").iterator(chunk_size=5000),
    ),
    "legal_events": (
        ["case", "kind", "date", "end_date", "months", "sent_date", "decision_term_days",
         "daily_eur", "cap_eur"],
        lambda: m.LegalEvent.objects.order_by("case__reference", "date", "id").values_list(
            "case__reference", "kind", "date", "end_date", "months", "sent_date",
            "decision_term_days", "daily_eur", "cap_eur").iterator(chunk_size=5000),
    ),
    "dossier_items": (
        ["case", "kind", "done", "done_date"],
        lambda: m.DossierItem.objects.order_by("case__reference", "kind").values_list(
            "case__reference", "kind", "done", "done_date").iterator(chunk_size=5000),
    ),
}  # fmt: skip


def export_register(out: Path, fmt: str = "csv", user: Any = None) -> list[Path]:
    """Write the register to ``out`` (a folder) as CSV files or one XLSX workbook.

    ``user`` is who exports: a cases.access.Actor (the CLI passes its OS user), or a user.
    Every exported case gets its access-log row.
    """
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if fmt == "csv":
        for name, (header, rows) in TABLES.items():
            path = out / f"{name}.csv"
            with path.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                writer.writerows([_fmt(v) for v in row] for row in rows())
            written.append(path)
    elif fmt == "xlsx":
        import xlsxwriter

        path = out / "register.xlsx"
        options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
        with xlsxwriter.Workbook(str(path), options) as book:
            for name, (header, rows) in TABLES.items():
                sheet = book.add_worksheet(name)
                sheet.write_row(0, 0, header)
                for i, row in enumerate(rows(), start=1):
                    sheet.write_row(i, 0, [_fmt(v) for v in row])
        written.append(path)
    else:
        raise ValueError(f"unknown export format '{fmt}' (csv or xlsx)")
    exported = m.Case.objects.order_by("reference").values_list("reference", "person")
    detail = f"{fmt} to {out.name}"
    record_case_reads(user, "export", "register.export", exported.iterator(chunk_size=5000), detail)
    return written
