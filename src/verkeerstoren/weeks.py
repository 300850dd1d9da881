# SPDX-License-Identifier: EUPL-1.2
"""The week calendar of plans and forecasts: week 0 starts on the start date, every week has 7 days.

Week ``w`` runs from ``start + 7w`` to ``start + 7w + 6``; a day before the start lies in a
negative week. Pure: the planner, the forecast and the Django apps share these few lines.
"""

from __future__ import annotations

from datetime import date, timedelta

_LAST = timedelta(days=6)  # from the first to the last day of a week


def week_of(start: date, day: date) -> int:
    """The week that contains ``day``."""
    return (day - start).days // 7


def start_of(start: date, week: int) -> date:
    """The first day of ``week``."""
    return start + timedelta(weeks=week)


def end_of(start: date, week: int) -> date:
    """The last day of ``week``."""
    return start_of(start, week) + _LAST


def decide_day(start: date, week: int) -> date:
    """The day a case planned in ``week`` counts as decided: the last day of that week."""
    return end_of(start, week)


def last_week_ended(start: date, day: date) -> int:
    """The last week that has ended on or before ``day`` (-1 when none has)."""
    return week_of(start, day - _LAST)
