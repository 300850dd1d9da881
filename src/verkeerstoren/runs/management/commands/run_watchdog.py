# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren manage run_watchdog`: fail the runs whose worker stopped, every few seconds.

django-tasks-db's ``db_worker`` has no periodic hook, so this small loop runs beside the workers
(the demo starts it; a deployment runs one next to its workers). Any number may run at once:
each transition locks the run's row, so a run is failed once. docs/decisions/0013-run-recovery.md.
"""

from __future__ import annotations

import time
from typing import Any

import structlog
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from verkeerstoren.runs import services

logger = structlog.get_logger(__name__)


class Command(BaseCommand):
    help = "Fail runs whose worker stopped (no heartbeat), every --interval seconds."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=15.0, help="seconds between checks (default 15)"
        )
        parser.add_argument("--once", action="store_true", help="check once and exit")

    def handle(self, *args: Any, interval: float, once: bool, **options: Any) -> None:
        while True:
            try:
                failed = services.fail_all_stalled()
            except Exception:  # a busy or restarting database: try again next round
                logger.exception("run_watchdog_check_failed")
            else:
                if failed:
                    logger.warning("run_watchdog_failed_runs", count=failed)
            if once:
                return
            time.sleep(interval)
            close_old_connections()  # a connection the database dropped meanwhile is renewed
