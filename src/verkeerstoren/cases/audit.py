# SPDX-License-Identifier: EUPL-1.2
"""Who changed a record and why: the one way to give a save or delete its history entry.

django-simple-history writes a history row on every save and delete of a model with
``history = HistoricalRecords()``; it takes the user and the reason from two attributes of the
instance. :func:`audited` sets both for one block and removes them afterwards, so a later save
of the same object never repeats an old reason::

    with audited(pin, user, "pinned"):
        pin.save()

Writes are audited here, in the history; the access log (``cases.access``) is for reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)

# simple-history's history_change_reason column
REASON_MAX = 100


def actor(user: Any) -> Any:
    """The user to record: None for anonymous users and for the system (imports, workers)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user if getattr(user, "pk", None) is not None else None


@contextmanager
def audited(obj: M, user: Any, reason: str) -> Iterator[M]:
    """Saves and deletes of ``obj`` inside the block are recorded with ``user`` and ``reason``."""
    setattr(obj, "_history_user", actor(user))  # noqa: B010 - simple-history's attribute names
    setattr(obj, "_change_reason", reason[:REASON_MAX])  # noqa: B010
    try:
        yield obj
    finally:
        obj.__dict__.pop("_history_user", None)
        obj.__dict__.pop("_change_reason", None)
