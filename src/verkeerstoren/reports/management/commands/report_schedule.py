# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren manage report_schedule`: queue the reports that are due, once each.

Due are the weekly report of the week before (made from Monday), the monthly trends of the month
before and the quarterly report of the quarter before (made from the first day). Run it daily,
e.g. from cron (docs/decisions/0019-reports.md); a period already made is left alone, so running
it again, or on a later day after a missed one, does no harm. The worker (`manage db_worker`)
makes the queued versions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from verkeerstoren.reports.services import run_schedule


class Command(BaseCommand):
    help = "Queue the weekly, monthly and quarterly reports that are due (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            help="the day to schedule for, YYYY-MM-DD (default: the register's day)",
        )

    def handle(self, *args: Any, today: str | None = None, **options: Any) -> None:
        day = None
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"--today: {today!r} is not a date (YYYY-MM-DD)") from None
        with translation.override("en"):  # the command line speaks English
            done = run_schedule(day)
        for due in done:
            if due.made and due.version is not None:
                self.stdout.write(f"queued {due.kind} {due.period} (version {due.version.pk})")
            elif due.version is not None:
                self.stdout.write(
                    f"already there: {due.kind} {due.period} (version {due.version.pk})"
                )
            else:
                self.stdout.write(f"not made: {due.kind} {due.period}: {due.reason}")
