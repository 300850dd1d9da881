# SPDX-License-Identifier: EUPL-1.2
"""The overview's figures, computed once per state of the register and then served from cache.

The home page aggregates over every case (counts by stream, status and track; the penalty
position from LawFigures). On a 100,000-case register that is ~90 ms of SQL per view, for
figures that change only when a fact changes. A *stamp* names the register's state cheaply: every
write of a case, its status history, its legal events or a staff member leaves a history row
(the services, the import and the cut-off split all write them), and a law refresh replaces all
LawFigures at once for one date, so any one row tells the date of the figures. Index lookups
replace the scans.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection

from .models import Case, LawFigures, LegalEvent, Staff, StatusChange

T = TypeVar("T")
TIMEOUT = 600  # seconds: a bound on memory, not on freshness (the stamp is)


def _stamp_sql() -> str:
    """One statement for all parts of the stamp: a page asks for it on every view.

    The names are the models' own table and column names, never input.
    """
    tables = [m.history.model._meta.db_table for m in (Case, StatusChange, LegalEvent, Staff)]
    figures, pk = LawFigures._meta.db_table, LawFigures._meta.pk.column
    parts = [f"(SELECT MAX(history_id) FROM {t})" for t in tables]  # noqa: S608
    # The date of all figures, and the top id (a new case's figures have it).
    parts.append(f"(SELECT as_of FROM {figures} ORDER BY {pk} LIMIT 1)")  # noqa: S608
    parts.append(f"(SELECT MAX({pk}) FROM {figures})")  # noqa: S608
    return "SELECT " + ", ".join(parts)


def register_stamp() -> str:
    """A string that changes whenever a fact behind the overview changes."""
    with connection.cursor() as cursor:
        cursor.execute(_stamp_sql())
        row = cursor.fetchone()
    return ":".join(map(str, row))


def cached(name: str, compute: Callable[[], T], *key: object, stamp: str | None = None) -> T:
    """``compute()`` for this state of the register, from the cache when it was computed.

    ``stamp`` is the register_stamp() a view already read for another figure of the same page.
    """
    raw = ":".join([stamp or register_stamp(), *map(str, key)])
    full = (
        f"snapshot:{name}:{hashlib.sha256(raw.encode()).hexdigest()}"  # short, safe for any backend
    )
    value: T | None = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, TIMEOUT)
    return value
