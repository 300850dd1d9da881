# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren law exposure`: penalty exposure of case legal histories read as JSON Lines.

Reads every line first and validates it; only when all lines are good does it write one JSON
object per case, so a script never acts on a partial result. Schema: docs/formats.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from verkeerstoren.cli import InputError
from verkeerstoren.jsonin import JsonInputError, loads
from verkeerstoren.law.codec import (
    FieldError,
    assessment_to_dict,
    behaviour_from_dict,
    case_from_dict,
    expected_to_dict,
    if_decided_to_dict,
    parse_date,
)
from verkeerstoren.law.config import DEFAULT_LAW, LawConfig
from verkeerstoren.law.exposure import (
    BehaviourParameters,
    assess,
    assess_if_decided,
    expected_exposure,
)
from verkeerstoren.law.model import CaseHistory


def register(subparsers: Any) -> None:
    """Add the ``law`` command with its ``exposure`` sub-command."""
    law = subparsers.add_parser("law", help="law engine: deadlines and penalty exposure")
    law_sub = law.add_subparsers(dest="law_command", metavar="SUBCOMMAND")
    law.set_defaults(func=lambda _args: _print_help(law))
    exposure = law_sub.add_parser(
        "exposure",
        help="deadline and penalties of case histories (JSON Lines on stdin)",
        description="Read case legal histories as JSON Lines on stdin and write one JSON object "
        "per case on stdout: deadline, days overdue, first penalty day, administrative and "
        "court penalties as of --as-of. Schema: docs/formats.md. Bad input: exit code 2.",
    )
    exposure.add_argument(
        "--as-of", required=True, type=_cli_date, metavar="YYYY-MM-DD", help="evaluation date"
    )
    exposure.add_argument(
        "--decide-on",
        type=_cli_date,
        metavar="YYYY-MM-DD",
        help="also give what each undecided case would owe if decided on this date",
    )
    exposure.add_argument(
        "--behaviour",
        metavar="FILE.json",
        help="behaviour parameters (JSON object) for expected exposure; needs --decide-on",
    )
    exposure.add_argument(
        "--no-group-extensions",
        action="store_true",
        help="ignore the group extension policies (2022 and 2023 decrees)",
    )
    exposure.add_argument(
        "--json", action="store_true", help="JSON Lines output (the default and only format)"
    )
    exposure.set_defaults(func=run_exposure)
    refresh = law_sub.add_parser(
        "refresh",
        help="recompute the register's deadlines and penalties (LawFigures) as of a date",
        description="Recompute the derived law figures of every case in the register from its "
        "legal events. Default date: VERKEERSTOREN_AS_OF, else today.",
    )
    refresh.add_argument("--as-of", type=_cli_date, metavar="YYYY-MM-DD", help="evaluation date")
    refresh.add_argument("--json", action="store_true", help="print a JSON summary")
    refresh.set_defaults(func=run_refresh)


def run_refresh(args: argparse.Namespace) -> int:
    """Handler of ``law refresh``: touches the register, so Django is started here only."""
    from verkeerstoren.cli.django_setup import setup_django

    setup_django()
    from verkeerstoren.cases.law_figures import refresh_law_figures, register_as_of, summary

    as_of = args.as_of or register_as_of()
    count = refresh_law_figures(as_of)
    result = {"as_of": as_of.isoformat(), "cases": count, **summary()}
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{count} cases as of {as_of}: penalty burn EUR {result['burn_eur_per_week']:,.0f}/week, "
            f"owed EUR {result['owed_eur']:,.0f}, {result['overdue_cases']} overdue"
        )
    return 0


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _cli_date(text: str) -> date:
    try:
        return parse_date(text, "date")
    except FieldError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


# Limits of the JSON input. A case record is a few hundred bytes nested three levels deep; the
# whole of stdin is read before any output, so it is bounded too.
MAX_LINE_BYTES = 1024 * 1024
MAX_INPUT_BYTES = 512 * 1024 * 1024
MAX_BEHAVIOUR_BYTES = 64 * 1024
MAX_DEPTH = 16


def read_cases(lines: list[bytes]) -> list[CaseHistory]:
    """Parse and validate all lines; the first bad line raises :class:`InputError`."""
    cases: list[CaseHistory] = []
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue  # blank lines (e.g. a trailing newline) carry no case
        try:
            value = loads(raw, max_bytes=MAX_LINE_BYTES, max_depth=MAX_DEPTH)
            cases.append(case_from_dict(value))
        except JsonInputError as exc:
            where = f"field '{exc.field}'" if exc.field else "malformed JSON"
            raise InputError(f"line {number}: {where}: {exc.message}") from None
        except FieldError as exc:
            raise InputError(f"line {number}: {exc}") from None
    return cases


def _read_stdin() -> list[bytes]:
    data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"stdin: larger than the limit of {MAX_INPUT_BYTES:,} bytes")
    return data.splitlines()


def _read_behaviour(path: str) -> BehaviourParameters:
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BEHAVIOUR_BYTES + 1)
        value = loads(data, max_bytes=MAX_BEHAVIOUR_BYTES, max_depth=MAX_DEPTH, what=path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    except JsonInputError as exc:
        raise InputError(str(exc)) from None
    try:
        return behaviour_from_dict(value)
    except FieldError as exc:
        raise InputError(f"{path}: {exc}") from None


def run_exposure(args: argparse.Namespace) -> int:
    """Handler of ``law exposure``: validate all input, then write the results."""
    if args.behaviour and args.decide_on is None:
        raise InputError("--behaviour needs --decide-on (expected exposure is for a decision date)")
    behaviour = _read_behaviour(args.behaviour) if args.behaviour else None
    law = LawConfig(extension_policies=()) if args.no_group_extensions else DEFAULT_LAW
    cases = read_cases(_read_stdin())
    out = sys.stdout
    for case in cases:
        row = assessment_to_dict(assess(case, args.as_of, law))
        if args.decide_on is not None:
            row.update(if_decided_to_dict(assess_if_decided(case, args.decide_on, law)))
        if behaviour is not None:
            expected = expected_exposure(case, args.as_of, args.decide_on, behaviour, law)
            row.update(expected_to_dict(expected))
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0
