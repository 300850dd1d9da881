# SPDX-License-Identifier: EUPL-1.2
"""The day a case was decided: one rule for the law figures, the team targets and the planner.

A case is decided on the day its decision was sent: the first ``decision_sent`` legal event.
A case without that event (a withdrawal closes a case without a decision, or the event was not
recorded) is decided on the first day its status history reached decided or closed. A case with
neither is not decided.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import DateField, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from verkeerstoren import glossary as g

from . import models as m

CHUNK = 5000  # case ids per IN list, within database parameter limits


def decided_on(sent: date | None, reached: date | None) -> date | None:
    """The decision day from the first decision sent and the first decided/closed status day."""
    return sent if sent is not None else reached


def _sent() -> QuerySet[Any]:
    return m.LegalEvent.objects.in_force().filter(kind=g.LegalEventKind.DECISION_SENT.value)


def _reached() -> QuerySet[Any]:
    return m.StatusChange.objects.filter(status__in=g.CLOSED_STATUSES)


def decided_dates(case_ids: Iterable[int] | None = None) -> dict[int, date]:
    """Case pk -> decision day, for the decided cases among ``case_ids`` (None: all cases)."""
    sent: dict[int, date] = {}
    reached: dict[int, date] = {}
    chunks: Iterable[list[int] | None]
    if case_ids is None:
        chunks = [None]
    else:
        ids = list(case_ids)
        chunks = [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]
    for chunk in chunks:
        for qs, into in ((_sent(), sent), (_reached(), reached)):
            if chunk is not None:
                qs = qs.filter(case_id__in=chunk)
            rows = qs.values("case_id").annotate(day=Min("date")).order_by()
            into.update(rows.values_list("case_id", "day"))
    out: dict[int, date] = {}
    for cid in sent.keys() | reached.keys():
        day = decided_on(sent.get(cid), reached.get(cid))
        if day is not None:
            out[cid] = day
    return out


def with_decided_on(qs: QuerySet[Any]) -> QuerySet[Any]:
    """``qs`` of cases annotated with ``decided_on``: :func:`decided_on` in SQL (None: open)."""

    def first(source: QuerySet[Any]) -> Subquery:
        rows = source.filter(case=OuterRef("pk")).values("case").annotate(day=Min("date"))
        return Subquery(rows.values("day")[:1], output_field=DateField())

    annotated: QuerySet[Any] = qs.annotate(decided_on=Coalesce(first(_sent()), first(_reached())))
    return annotated


def not_decided_by(qs: QuerySet[Any], day: date) -> QuerySet[Any]:
    """The cases of ``qs`` not decided on or before ``day``."""
    annotated = with_decided_on(qs)
    return annotated.filter(Q(decided_on__isnull=True) | Q(decided_on__gt=day))
