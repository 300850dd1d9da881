# SPDX-License-Identifier: EUPL-1.2
"""The days and slots of a hearing week: the Atw working days of the seven days from the week's
start, each with ``HEARING_SLOTS_PER_DAY`` half-day slots at fixed clock times (L)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from verkeerstoren.glossary import HEARING_SLOTS_PER_DAY
from verkeerstoren.law.calendar import ATW_CALENDAR

SLOTS = HEARING_SLOTS_PER_DAY
# When each slot starts and ends (L): a detailed hearing takes a morning or an afternoon.
SLOT_TIMES: tuple[tuple[time, time], ...] = (
    (time(9, 0), time(12, 30)),
    (time(13, 30), time(17, 0)),
)
SLOT_LABELS = (_("morning"), _("afternoon"))
# A written hearing: the applicant sends the written account within this many days (L).
WRITTEN_DAYS = 14


def week_days(week_start: date) -> list[date]:
    """The working days (Atw) of the week that starts on ``week_start``."""
    days = (week_start + timedelta(days=k) for k in range(7))
    return [d for d in days if ATW_CALENDAR.is_working_day(d)]


def slot_label(slot: int | None) -> str:
    """The slot's name in the reader's language (empty for none)."""
    if slot is None or not 0 <= slot < len(SLOT_LABELS):
        return ""
    return str(SLOT_LABELS[slot])


def span(day: date, slot: int, length: int = 1) -> tuple[datetime, datetime]:
    """Start and end (aware, in the app's time zone) of a hearing of ``length`` slots."""
    zone = ZoneInfo(settings.TIME_ZONE)
    last = min(slot + max(length, 1), SLOTS) - 1
    return (
        datetime.combine(day, SLOT_TIMES[slot][0], zone),
        datetime.combine(day, SLOT_TIMES[last][1], zone),
    )
