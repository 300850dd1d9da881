# SPDX-License-Identifier: EUPL-1.2
"""Column specifications of the import files (docs/formats.md is the human version)."""

from __future__ import annotations

from dataclasses import dataclass

from verkeerstoren import glossary as g

from . import fields as f


@dataclass(frozen=True)
class Column:
    parser: f.Parser
    required: bool = True


@dataclass(frozen=True)
class FileSpec:
    name: str  # file stem, e.g. "cases"
    columns: dict[str, Column]

    @property
    def required(self) -> set[str]:
        return {name for name, col in self.columns.items() if col.required}


def _req(parser: f.Parser) -> Column:
    return Column(parser, True)


def _opt(parser: f.Parser) -> Column:
    return Column(parser, False)


CODE = f.parse_text(32)
NAME = f.parse_text(100)
# Ranges of the numeric columns (docs/formats.md, "Limits"): beyond them a value is a typing error.
WEEK_HOURS = f.decimal_upto(80)  # an officer's contract hours in a week
FIRM_HOURS = f.decimal_upto(100_000)  # a firm's hours in a week, all its people together
MONTHS = f.int_upto(120)  # an extension of the decision term
TERM_DAYS = f.int_upto(3_650)  # a court's decision term
DAILY_EUR = f.decimal_upto(100_000)  # a court's penalty per day
CAP_EUR = f.decimal_upto(10_000_000)  # a court's penalty cap
PER_DAY = f.int_upto(24)  # hearings a person may have in a day
SLOT = f.int_upto(23)  # a slot (part of the day) of the hearing schedule, 0 = the first

SPECS: tuple[FileSpec, ...] = (
    FileSpec(
        "locations",
        {
            "code": _req(f.parse_text(16)),
            "name": _req(NAME),
            "has_hearing_rooms": _opt(f.parse_bool),
        },
    ),
    FileSpec(
        "teams",
        {
            "code": _req(CODE),
            "name": _req(NAME),
            "location": _req(CODE),
            "stream": _req(f.parse_enum(g.Stream)),
            "decision_team": _opt(f.parse_bool),
        },
    ),
    FileSpec(
        "staff",
        {
            "code": _req(CODE),
            "name": _req(NAME),
            "team": _req(CODE),
            "location": _req(CODE),
            "employment_type": _req(f.parse_enum(g.EmploymentType)),
            "hours_per_week": _req(WEEK_HOURS),
            "start_date": _req(f.parse_date),
            "can_hear": _opt(f.parse_bool),
            "can_decide": _opt(f.parse_bool),
            "gender": _opt(f.parse_enum(g.Gender)),
            "max_hearings_per_day": _opt(PER_DAY),
        },
    ),
    FileSpec(
        "competencies",
        {
            "staff": _req(CODE),
            "competency": _req(f.parse_enum(g.Competency)),
            "level": _req(f.parse_enum(g.Level)),
        },
    ),
    FileSpec(
        "absences",
        {
            "staff": _req(CODE),
            "start": _req(f.parse_date),
            "end": _req(f.parse_date),
            "reason": _opt(NAME),
        },
    ),
    FileSpec(
        "hearing_rooms",
        {
            "code": _req(CODE),
            "location": _req(CODE),
            "child_friendly": _opt(f.parse_bool),
            "video": _opt(f.parse_bool),
        },
    ),
    FileSpec(
        "interpreters",
        {
            "code": _req(CODE),
            "languages": _req(f.parse_code_list),
            "mode": _req(f.parse_enum(g.InterpreterMode)),
            "gender": _req(f.parse_enum(g.Gender)),
            "locations": _opt(f.parse_code_list),
        },
    ),
    FileSpec(
        "interpreter_unavailability",
        {"interpreter": _req(CODE), "date": _req(f.parse_date), "slot": _opt(SLOT)},
    ),
    FileSpec(
        "lawyers",
        {"code": _req(CODE), "name": _req(NAME), "max_per_day": _opt(PER_DAY)},
    ),
    FileSpec(
        "lawyer_unavailability",
        {"lawyer": _req(CODE), "date": _req(f.parse_date), "slot": _opt(SLOT)},
    ),
    FileSpec(
        "external_firms",
        {
            "code": _req(CODE),
            "name": _req(NAME),
            "prep_hours_per_week": _req(FIRM_HOURS),
            "draft_hours_per_week": _req(FIRM_HOURS),
        },
    ),
    FileSpec(
        "cases",
        {
            "reference": _req(CODE),
            "v_number": _req(str),  # checked and pseudonymised by the loader
            "received": _req(f.parse_date),
            "track": _req(f.parse_enum(g.Track)),
            "procedure": _req(f.parse_enum(g.Procedure)),
            "kind": _req(f.parse_enum(g.CaseKind)),
            "stream": _opt(f.parse_enum(g.Stream)),
            "nationality": _req(f.parse_text(3)),
            "language": _req(f.parse_text(16)),
            "features": _opt(f.parse_enum_list(g.Feature)),
            "family_group": _opt(CODE),
            "location": _req(CODE),
            "status": _req(f.parse_enum(g.Status)),
            "outcome": _opt(f.parse_enum(g.Outcome)),
            "complexity": _req(f.parse_enum(g.Complexity)),
            "written_hearing_opt_in": _opt(f.parse_bool),
            "manifestly_unfounded": _opt(f.parse_bool),
            "gender": _opt(f.parse_enum(g.Gender)),
            "same_gender_request": _opt(f.parse_bool),
            "lawyer": _opt(CODE),
        },
    ),
    FileSpec(
        "status_history",
        {
            "case": _req(CODE),
            "status": _req(f.parse_enum(g.Status)),
            "date": _req(f.parse_date),
            "outcome": _opt(f.parse_enum(g.Outcome)),
        },
    ),
    FileSpec(
        "legal_events",
        {
            "case": _req(CODE),
            "kind": _req(f.parse_enum(g.LegalEventKind)),
            "date": _req(f.parse_date),
            "end_date": _opt(f.parse_date),
            "months": _opt(MONTHS),
            "sent_date": _opt(f.parse_date),
            "decision_term_days": _opt(TERM_DAYS),
            "daily_eur": _opt(DAILY_EUR),
            "cap_eur": _opt(CAP_EUR),
        },
    ),
    FileSpec(
        "dossier_items",
        {
            "case": _req(CODE),
            "kind": _req(f.parse_enum(g.DossierItemKind)),
            "done": _opt(f.parse_bool),
            "done_date": _opt(f.parse_date),
        },
    ),
)

SPEC_BY_NAME: dict[str, FileSpec] = {spec.name: spec for spec in SPECS}
