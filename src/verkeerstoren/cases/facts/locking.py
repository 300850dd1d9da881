# SPDX-License-Identifier: EUPL-1.2
"""Optimistic locking of a case: the database settles which of two writers wins.

Every fact raises ``Case.version`` by one in a single conditional UPDATE. A writer that read
version *n* passes ``expected=n``; when another writer got there first the UPDATE matches no
row and the fact is refused with StaleError, so nothing is silently overwritten. On PostgreSQL
the UPDATE takes the row lock, so the second writer waits and then sees the new version.
"""

from __future__ import annotations

from django.db.models import F

from verkeerstoren.cases import models as m

from .errors import StaleError


def bump(case: m.Case, expected: int | None) -> int:
    """Raise the case's version (only from ``expected`` when given); returns the new version."""
    rows = m.Case.objects.filter(pk=case.pk)
    if expected is not None:
        rows = rows.filter(version=expected)
    if rows.update(version=F("version") + 1) == 0:
        current = m.Case.objects.filter(pk=case.pk).values_list("version", flat=True).first()
        raise StaleError(int(current or 0))
    case.version = int(m.Case.objects.filter(pk=case.pk).values_list("version", flat=True).get())
    return case.version
