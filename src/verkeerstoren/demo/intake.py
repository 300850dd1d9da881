# SPDX-License-Identifier: EUPL-1.2
"""The applicants of one day, registered through the fact services: the demo's first intake table.

The tf2020 register is an import without intake facts, so on the demo's first day the intake table
would have no one to route. Loading the demo therefore registers the working day before the
register's day with the same day generator and seed the demo clock uses, as if the clock had
passed over it: the chair finds about 30 applicants on the first morning.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from verkeerstoren.law.calendar import is_working_day
from verkeerstoren.synth.daily import DayIntents, day_intents

from . import summaries
from .period import SEED
from .record import Day


def previous_working_day(day: date) -> date:
    """The last Atw working day before ``day``."""
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


@transaction.atomic
def register_day(day: date, user: Any = None) -> int:
    """Register the synthetic applicants of ``day`` (its registrations only); how many were."""
    drawn = day_intents(SEED, day, [], None, summaries.location_codes())
    tally: Counter[str] = Counter()
    Day(user, {}, summaries.grant_shares(), tally).record(
        DayIntents(day, registrations=drawn.registrations)
    )
    return tally["registrations"]
