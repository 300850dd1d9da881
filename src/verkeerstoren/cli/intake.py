# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren intake propose`: the intake table's proposals for applicants on stdin.

Reads applicants as JSON Lines and writes one proposal per line, in input order, families
handled together. ``--rules FILE`` replaces the default rule file. The whole input is checked
before anything is written: a bad line exits with code 2 naming the line and the field.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from verkeerstoren.cli import InputError
from verkeerstoren.jsonin import JsonInputError, loads
from verkeerstoren.law.codec import FieldError

MAX_LINE_BYTES = 64 * 1024
MAX_INPUT_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 4  # an applicant is one object with lists of codes


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("intake", help="the intake table's rules (Regietafel)")
    sub = p.add_subparsers(dest="intake_command", metavar="ACTION")
    propose = sub.add_parser(
        "propose",
        help="track, procedure, competences and hearing for applicants (JSON Lines on stdin)",
        description=__doc__,
    )
    propose.add_argument("--rules", type=Path, help="rule file (TOML) instead of the default")
    propose.add_argument("--json", action="store_true", help="JSON Lines out (the only format)")
    propose.set_defaults(func=run_propose)
    p.set_defaults(func=lambda _args: _help(p))


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def run_propose(args: argparse.Namespace) -> int:
    from verkeerstoren.intake.applicants import applicant_from_dict
    from verkeerstoren.intake.propose import propose
    from verkeerstoren.intake.rules import RuleFileError, load

    try:
        rules = load(args.rules)
    except OSError as exc:
        raise InputError(f"--rules: cannot read the file: {exc.strerror}") from None
    except RuleFileError as exc:
        raise InputError(f"--rules: {exc}") from None
    data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"stdin: more than {MAX_INPUT_BYTES} bytes")
    applicants = []
    seen: set[str] = set()
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            applicant = applicant_from_dict(
                loads(raw, max_bytes=MAX_LINE_BYTES, max_depth=MAX_DEPTH)
            )
        except JsonInputError as exc:
            where = f"field '{exc.field}'" if exc.field else "malformed JSON"
            raise InputError(f"line {number}: {where}: {exc.message}") from None
        except FieldError as exc:
            raise InputError(f"line {number}: {exc}") from None
        if applicant.id in seen:
            raise InputError(f"line {number}: field 'id': {applicant.id!r} appears twice")
        seen.add(applicant.id)
        applicants.append(applicant)
    out = sys.stdout
    for proposal in propose(applicants, rules):
        out.write(json.dumps(proposal.as_json(), ensure_ascii=False) + "\n")
    return 0
