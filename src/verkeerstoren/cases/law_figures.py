# SPDX-License-Identifier: EUPL-1.2
"""Bridge between the register and the pure law engine.

Builds the engine's CaseHistory from a case's legal events and its decision day (decided.py)
and keeps the derived LawFigures cache in step with the facts (recomputed, never edited).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from verkeerstoren import glossary as g
from verkeerstoren.law.exposure import Assessment, BehaviourParameters, assess
from verkeerstoren.law.model import CaseHistory, CourtRuling, Notice, Suspension
from verkeerstoren.law.portfolio import (
    assess_portfolio,
    build_portfolio,
    expected_portfolio_exposure,
)
from verkeerstoren.weeks import start_of

from . import models as m
from .decided import decided_dates
from .importing.fastinsert import insert_rows

K = g.LegalEventKind


def register_as_of() -> date:
    """The register's day: the demo clock when it is set, else settings.REGISTER_AS_OF, else today.

    Production has no clock row (cases.clock refuses to set one outside the demo), so its day
    is today.
    """
    clock = m.RegisterClock.objects.filter(pk=1).values_list("today", flat=True).first()
    if clock is not None:
        return clock
    configured = getattr(settings, "REGISTER_AS_OF", None)
    return date.fromisoformat(configured) if configured else timezone.localdate()


def behaviour() -> BehaviourParameters:
    """Behaviour parameters for expected exposure: scenario inputs from settings."""
    return BehaviourParameters(**settings.EXPOSURE_BEHAVIOUR)  # type: ignore[arg-type]


def exposure_horizon(as_of: date) -> date:
    """The day expected exposure assumes a decision on: settings.EXPOSURE_HORIZON_WEEKS after ``as_of``."""
    return start_of(as_of, settings.EXPOSURE_HORIZON_WEEKS)


_LOOK_UP: Any = object()  # history_of: find the decision day in the register


def history_of(
    case: m.Case, events: list[m.LegalEvent] | None = None, decided: date | None = _LOOK_UP
) -> CaseHistory:
    """The law engine's view of one case; pass ``decided`` (decided.py) when already known."""
    if events is None:
        events = list(case.legal_events.in_force())
    if decided is _LOOK_UP:
        decided = decided_dates([case.pk]).get(case.pk)
    return _history(case.reference, case.received, case.manifestly_unfounded, events, decided)


def _history(
    reference: str, received: date, unfounded: bool, events: list[Any], decided: date | None
) -> CaseHistory:
    by_kind: dict[str, list[Any]] = defaultdict(list)
    for e in events:
        by_kind[e.kind].append(e)
    return CaseHistory(
        id=reference,
        received=received,
        extensions=tuple(int(e.months) for e in by_kind[K.EXTENSION]),
        suspensions=tuple(Suspension(e.date, e.end_date) for e in by_kind[K.SUSPENSION]),
        notices=tuple(Notice(e.date, e.sent_date) for e in by_kind[K.NOTICE_OF_DEFAULT]),
        rulings=tuple(
            # A ruling without a penalty (e.g. an annulment sending the case back) has 0/0.
            CourtRuling(
                e.date, int(e.decision_term_days), float(e.daily_eur or 0), float(e.cap_eur or 0)
            )
            for e in by_kind[K.COURT_RULING]
        ),
        decided=decided,
        manifestly_unfounded=unfounded,
    )


def assess_case(case: m.Case, as_of: date | None = None) -> Assessment:
    """Per-case assessment for the case page."""
    return assess(history_of(case), as_of or register_as_of())


def all_histories() -> list[CaseHistory]:
    """Every case's history, loaded in four queries (not one per case)."""
    events: dict[int, list[Any]] = defaultdict(list)
    fields = ("case_id", *_Event.__slots__)
    for row in m.LegalEvent.objects.in_force().values_list(*fields).iterator(chunk_size=10000):
        events[row[0]].append(_Event(*row[1:]))
    decided = decided_dates()
    cases = m.Case.objects.values_list("id", "reference", "received", "manifestly_unfounded")
    return [
        _history(ref, rec, unf, events.get(cid, []), decided.get(cid))
        for cid, ref, rec, unf in cases.iterator(chunk_size=10000)
    ]


class _Event:
    # In the order of the positional values __init__ takes (the columns of the event query).
    __slots__ = (  # noqa: RUF023
        "kind",
        "date",
        "end_date",
        "months",
        "sent_date",
        "decision_term_days",
        "daily_eur",
        "cap_eur",
    )

    def __init__(self, *values: Any) -> None:
        for name, value in zip(self.__slots__, values, strict=True):
            setattr(self, name, value)


def _d(x: np.datetime64) -> date | None:
    return None if np.isnat(x) else x.astype(date)


def _day(x: np.datetime64) -> date:
    value = _d(x)
    if value is None:
        raise RuntimeError("the engine always derives a deadline")
    return value


def figures_row(a: Any, e: Any, i: int, as_of: date) -> dict[str, Any]:
    """The LawFigures values of case ``i`` of a portfolio assessment ``a`` and exposure ``e``:
    one mapping for the register-wide refresh and the refresh of one case."""
    return {
        "as_of": as_of,
        "regime": a.regime[i],
        "deadline": _day(a.deadline[i]),
        "overdue_days": int(a.overdue_days[i]),
        "notice_received": _d(a.notice_received[i]),
        "first_penalty_day": _d(a.first_penalty_day[i]),
        "admin_penalty_eur": float(a.admin_penalty_eur[i]),
        "court_penalty_eur": float(a.court_penalty_eur[i]),
        "penalty_eur": float(a.penalty_eur[i]),
        "penalty_per_day_eur": float(a.penalty_per_day_eur[i]),
        "fixing_decision_due": _d(a.fixing_decision_due[i]),
        "exposure_eur": float(e.expected_eur[i]),
    }


@transaction.atomic
def refresh_law_figures(as_of: date | None = None) -> int:
    """Recompute LawFigures for every case as of ``as_of`` (vectorised); returns the count."""
    as_of = as_of or register_as_of()
    histories = all_histories()
    if not histories:
        m.LawFigures.objects.all().delete()
        return 0
    portfolio = build_portfolio(histories)
    a = assess_portfolio(portfolio, as_of)
    horizon = exposure_horizon(as_of)
    e = expected_portfolio_exposure(portfolio, as_of, horizon, behaviour())
    ids = dict(m.Case.objects.values_list("reference", "id"))
    rows = [{"case_id": ids[ref], **figures_row(a, e, i, as_of)} for i, ref in enumerate(a.ids)]
    # A derived cache has no history of its own: replace it wholesale, in plain inserts.
    m.LawFigures.objects.all().delete()  # one DELETE: no signals or cascades on the cache
    insert_rows(m.LawFigures, rows)
    return len(rows)


def summary() -> dict[str, Any]:
    """Portfolio totals of the current LawFigures: burn rate, owed, overdue count."""
    from django.db.models import Count, Q, Sum

    agg = m.LawFigures.objects.aggregate(
        per_day=Sum("penalty_per_day_eur"),
        admin=Sum("admin_penalty_eur"),
        court=Sum("court_penalty_eur"),
        overdue=Count("pk", filter=Q(overdue_days__gt=0, case__status__in=g.OPEN_STATUSES)),
        running=Count("pk", filter=Q(penalty_per_day_eur__gt=0)),
    )
    return {
        "burn_eur_per_week": round(7 * (agg["per_day"] or 0.0), 2),
        "owed_eur": round((agg["admin"] or 0.0) + (agg["court"] or 0.0), 2),
        "owed_admin_eur": round(agg["admin"] or 0.0, 2),
        "owed_court_eur": round(agg["court"] or 0.0, 2),
        "overdue_cases": agg["overdue"],
        "penalty_running_cases": agg["running"],
    }
