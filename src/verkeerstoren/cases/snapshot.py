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
from django.db.models import Max

from .models import Case, LawFigures, LegalEvent, Staff, StatusChange

T = TypeVar("T")
TIMEOUT = 600  # seconds: a bound on memory, not on freshness (the stamp is)


def register_stamp() -> str:
    """A string that changes whenever a fact behind the overview changes."""
    parts: list[object] = [
        model.history.aggregate(m=Max("history_id"))["m"]
        for model in (Case, StatusChange, LegalEvent, Staff)
    ]
    figures = LawFigures.objects.order_by("pk")
    parts.append(figures.values_list("as_of", flat=True).first())  # the date of all of them
    parts.append(figures.aggregate(m=Max("pk"))["m"])  # a new case's figures have the top id
    return ":".join(map(str, parts))


def cached(name: str, compute: Callable[[], T], *key: object) -> T:
    """``compute()`` for this state of the register, from the cache when it was computed."""
    raw = ":".join([register_stamp(), *map(str, key)])
    full = (
        f"snapshot:{name}:{hashlib.sha256(raw.encode()).hexdigest()}"  # short, safe for any backend
    )
    value: T | None = cache.get(full)
    if value is None:
        value = compute()
        cache.set(full, value, TIMEOUT)
    return value
