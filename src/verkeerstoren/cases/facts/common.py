# SPDX-License-Identifier: EUPL-1.2
"""What every fact service shares: the register's day, the decision day, refusing with codes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from verkeerstoren.cases import models as m
from verkeerstoren.cases.decided import decided_dates
from verkeerstoren.cases.law_figures import register_as_of

from .errors import FactError
from .messages import word


def refuse(problems: Iterable[tuple[str, str]]) -> None:
    """Raise one FactError naming every field of ``problems`` (pairs of field and code)."""
    fields: dict[str, list[str]] = {}
    codes: set[str] = set()
    for name, code in problems:
        fields.setdefault(name, []).append(word(code))
        codes.add(code)
    if fields:
        raise FactError(fields, frozenset(codes))


def check_day(field: str, day: date, case: m.Case | None = None) -> list[tuple[str, str]]:
    """A fact's day lies on or after the application and on or before the register's day."""
    out = []
    if day > register_as_of():
        out.append((field, "in_future"))
    if case is not None and day < case.received:
        out.append((field, "before_application"))
    return out


def decided_on(case: m.Case) -> date | None:
    return decided_dates([case.pk]).get(case.pk)


def lock(case: m.Case) -> m.Case:
    """The case row, locked for this transaction (PostgreSQL: SELECT ... FOR UPDATE)."""
    return m.Case.objects.select_for_update().get(pk=case.pk)
