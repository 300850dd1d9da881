# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren report quarterly | weekly | trends`: a report of the register, as JSON or a file.

``--json`` prints the report's figures (the quarterly report: per category and stream
``decisions``, ``within_term``, ``share_within_term``, ``open_outside_term_at_end`` and
``penalties_accrued_eur``); ``--format pdf|xlsx|html --out FILE`` writes the report in Dutch, or
in English with ``--lang en``. ``--as-of DATE`` computes the figures as known on an earlier day
of the period, under the law of that day. A period that names none (``2020Q5``), one that starts
after the register's day, a day after it, or a period without a case in the register exits with
code 2 and writes nothing. Nothing is stored: versions are made by the web page or the schedule.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from verkeerstoren.cli import InputError

OPTIONS = {"quarterly": "quarter", "weekly": "week", "trends": "month"}
EXAMPLES = {"quarterly": "2020Q1", "weekly": "2020-W14", "trends": "2020-03"}
HELP = {
    "quarterly": "the quarterly report to parliament: decisions within the statutory term",
    "weekly": "the weekly management report: targets, stock, overdue cases, penalties",
    "trends": "monthly trends: applications, nationalities, decisions by outcome",
}


def register(subparsers: Any) -> None:
    """Add the ``report`` command with one sub-command per kind of report."""
    report = subparsers.add_parser("report", help="make a report of the register (JSON or a file)")
    sub = report.add_subparsers(dest="report_command", metavar="KIND")
    report.set_defaults(func=lambda _args: _print_help(report))
    for kind, option in OPTIONS.items():
        p = sub.add_parser(kind, help=HELP[kind], description=__doc__)
        p.add_argument(
            f"--{option}",
            required=True,
            metavar="PERIOD",
            help=f"the {option}, e.g. {EXAMPLES[kind]}",
        )
        p.add_argument("--as-of", metavar="DATE", help="figures as known on this day (YYYY-MM-DD)")
        p.add_argument("--json", action="store_true", help="print the figures as JSON")
        p.add_argument(
            "--format", choices=("pdf", "xlsx", "html"), help="write a file of this format"
        )
        p.add_argument("--out", metavar="FILE", help="where --format writes the report")
        p.add_argument("--lang", choices=("nl", "en"), default="nl", help="language (default nl)")
        p.set_defaults(func=run, kind=kind, option=option)


def run(args: argparse.Namespace) -> int:
    if bool(args.format) != bool(args.out):
        raise InputError("--format and --out go together: --format pdf|xlsx|html --out FILE")
    if args.json and args.format:
        raise InputError("--json prints the figures; leave it out when writing a file")
    as_of = _date(args.as_of) if args.as_of else None
    from verkeerstoren.cli.django_setup import setup_django

    setup_django()
    from django.utils import translation

    from verkeerstoren.reports.build import ReportError, compute, request
    from verkeerstoren.reports.render import render

    code = getattr(args, args.option)
    try:
        with translation.override("en"):  # the command line speaks English
            req = request(args.kind, code, as_of)
    except ReportError as exc:
        field = {"period": f"--{args.option}", "as_of": "--as-of"}.get(exc.field, exc.field)
        raise InputError(f"{field}: {exc.message}") from None
    report = compute(req)
    if args.format:
        _write(Path(args.out), render(report, args.format, args.lang))
        return 0
    if args.json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        _summary(report.to_json())
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--as-of: {text!r} is not a date (YYYY-MM-DD)") from None


def _write(path: Path, content: bytes) -> None:
    """Write all or nothing: a temporary file next to the target, renamed when complete."""
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise InputError(f"--out: the folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".report-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _summary(data: dict[str, Any]) -> None:
    print(
        f"{data['report']} {data['period']} as of {data['as_of']} (law of the day: {data['regime']})"
    )
    if data["report"] == "quarterly":
        print(f"{'category':<14} {'stream':<10} {'decisions':>9} {'in term':>8} {'share':>7} "
              f"{'open late':>9} {'penalties EUR':>14}")  # fmt: skip
        for category, streams in data["figures"].items():
            for stream, c in streams.items():
                share = "-" if c["share_within_term"] is None else f"{c['share_within_term']:.1%}"
                print(
                    f"{category:<14} {stream:<10} {c['decisions']:>9} {c['within_term']:>8} "
                    f"{share:>7} {c['open_outside_term_at_end']:>9} "
                    f"{c['penalties_accrued_eur']:>14,.2f}"
                )
    elif data["report"] == "weekly":
        for key in ("decisions", "stock", "overdue", "notices_received"):
            print(f"{key:<18} " + "  ".join(f"{s} {n}" for s, n in data[key].items()))
    else:
        for month in data["months"]:
            print(
                f"{month['month']}  applications {month['applications_total']:>6}  "
                f"decisions {month['decisions_total']:>6}"
            )


def _print_help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2
