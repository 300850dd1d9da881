# SPDX-License-Identifier: EUPL-1.2
"""Moving the demo clock over a period: the clock, the period's facts and the new day's law.

All in one transaction: a failure leaves the clock and the register as they were. Inside it the
fact services only note which cases changed (``facts.refresh.deferred``); the law figures of
every case are derived once, as of the new day, at the end.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import structlog
from django.db import transaction

from verkeerstoren.cases import clock
from verkeerstoren.cases.facts.refresh import deferred
from verkeerstoren.cases.law_figures import refresh_law_figures
from verkeerstoren.synth.daily import day_intents

from . import summaries
from .record import Day

log = structlog.get_logger(__name__)

# The seed of the demo's days: with the day itself it fixes each day's draws, so moving the
# clock from the same register state twice records the same facts.
SEED = 2020
Progress = Callable[[str, int, int], None]  # (label, done, total), as cli.progress draws it


@dataclass(frozen=True)
class Advanced:
    """What one move of the clock did: the days and the facts recorded (by kind)."""

    before: date
    after: date
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, what: str) -> int:
        return self.counts.get(what, 0)


def _quiet(label: str, done: int, total: int) -> None:
    """No progress display (the web page waits for the whole move)."""


@transaction.atomic
def advance(days: int, user: Any = None, progress: Progress = _quiet) -> Advanced:
    """Move the demo clock ``days`` forward and record the facts of each day passed.

    Raises cases.clock.ClockError (outside the demo, or ``days`` out of range), with nothing
    written.
    """
    moved = clock.advance(days, user)
    shares = summaries.grant_shares()
    state = summaries.open_cases(shares)
    planned = summaries.planned_cases()
    locations = summaries.location_codes()
    tally: Counter[str] = Counter()
    recorder = Day(user, state, shares, tally)
    with deferred():
        for i in range(1, days + 1):
            day = moved.before + timedelta(days=i)
            recorder.record(day_intents(SEED, day, list(state.values()), planned, locations))
            progress("days", i, days)
    progress("law figures", 0, 1)
    tally["law_figures"] = refresh_law_figures(moved.after)
    progress("law figures", 1, 1)
    log.info("demo_clock_moved", before=str(moved.before), after=str(moved.after), **tally)
    return Advanced(moved.before, moved.after, dict(tally))
