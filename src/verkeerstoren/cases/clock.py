# SPDX-License-Identifier: EUPL-1.2
"""The demo clock: the register's day, moved forward by a demo administrator.

In production the register's day is today and there is no clock row. The demo keeps its day in
the one RegisterClock row (pk 1), which only :func:`advance` writes: forward only, by 1 to
``MAX_DAYS`` days, audited with the user. The facts of the days passed are the demo package's
work (``verkeerstoren.demo``), in the same transaction as the move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from . import models as m
from .audit import actor, audited
from .law_figures import register_as_of

MAX_DAYS = 28  # four weeks at a time: one move stays one short, reviewable period


class ClockError(ValueError):
    """The clock was not moved; ``field`` names the input at fault (None: not in the demo)."""

    def __init__(self, field: str | None, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Moved:
    """The register's day before and after a move."""

    before: date
    after: date


def demo_enabled() -> bool:
    """The clock exists in the demo only (settings.VERKEERSTOREN_DEMO)."""
    return bool(getattr(settings, "VERKEERSTOREN_DEMO", False))


def check_days(days: object) -> int:
    """``days`` as a whole number of days from 1 to MAX_DAYS, else ClockError at ``days``."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise ClockError(
            "days", _("Choose a whole number of days from 1 to %(max)s.") % {"max": MAX_DAYS}
        )
    return days


@transaction.atomic
def advance(days: int, user: Any = None) -> Moved:
    """Move the register's day ``days`` forward (demo only); the history names ``user``."""
    if not demo_enabled():
        raise ClockError(None, _("The register's day is today; only the demo has a clock."))
    check_days(days)
    clock = m.RegisterClock.objects.select_for_update().filter(pk=1).first()
    before = clock.today if clock is not None else register_as_of()
    if clock is None:
        clock = m.RegisterClock(pk=1, today=before)
    clock.today = before + timedelta(days=days)
    clock.moved_by = actor(user)
    with audited(clock, user, f"demo clock +{days} days"):
        clock.save()
    return Moved(before, clock.today)
