# SPDX-License-Identifier: EUPL-1.2
"""Legal events: recorded once, never edited; a correction is a new event that supersedes one.

Each function validates against the case's history, writes the event (its history row names the
user), raises the case's version (optimistic locking) and refreshes the case's law figures, all
in one transaction: a refused fact leaves nothing behind.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from verkeerstoren import eventshape
from verkeerstoren import glossary as g
from verkeerstoren.cases import models as m
from verkeerstoren.cases.audit import actor, audited

from .common import check_day, decided_on, lock, refuse
from .locking import bump
from .refresh import refresh_case_law

K = g.LegalEventKind
# Facts that cannot happen to a case after its decision (a notice, extension or suspension of a
# decided case means a typing error or the wrong case).
BEFORE_DECISION = frozenset({K.NOTICE_OF_DEFAULT, K.EXTENSION, K.SUSPENSION, K.APPEAL})


def _values(
    kind: str,
    on: date,
    end_date: date | None,
    months: int | None,
    sent_date: date | None,
    decision_term_days: int | None,
    daily_eur: Decimal | None,
    cap_eur: Decimal | None,
    outcome: str,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "date": on,
        "end_date": end_date,
        "months": months,
        "sent_date": sent_date,
        "decision_term_days": decision_term_days,
        "daily_eur": daily_eur,
        "cap_eur": cap_eur,
        "outcome": outcome,
    }


def _check(
    case: m.Case, values: dict[str, Any], reason: str, replacing: m.LegalEvent | None
) -> None:
    kind = values["kind"]
    problems = eventshape.problems(kind, values)
    problems += check_day("date", values["date"], case)
    if values.get("sent_date") is not None:
        problems += check_day("sent_date", values["sent_date"], case)
    if kind in (K.EXTENSION, K.SUSPENSION) and not reason.strip():
        problems.append(("reason", "reason_required"))
    decided = decided_on(case)
    if replacing is not None and replacing.kind == K.DECISION_SENT:
        decided = None  # the decision being corrected
    if decided is not None and kind in BEFORE_DECISION and values["date"] > decided:
        problems.append(("date", "after_decision"))
    if decided is not None and kind == K.DECISION_SENT:
        problems.append(("kind", "already_decided"))
    refuse(problems)


def _create(case: m.Case, user: Any, source: str, reason: str, **fields: Any) -> m.LegalEvent:
    event = m.LegalEvent(case=case, recorded_by=actor(user), source=source, reason=reason, **fields)
    try:
        with transaction.atomic(), audited(event, user, f"legal event {fields['kind']}"):
            event.save()
    except IntegrityError:
        refuse([("date", "already_recorded")])
    return event


def _after(case: m.Case, event: m.LegalEvent, user: Any, source: str) -> None:
    """What follows a recorded event: a decision moves the status; the law figures follow."""
    if (
        event.kind == K.DECISION_SENT
        and not event.retraction
        and case.status not in g.CLOSED_STATUSES
    ):
        from .status import move

        move(case, g.Status.DECIDED, event.date, user, event.outcome, source)
    refresh_case_law(case)


@transaction.atomic
def record_legal_event(
    case: m.Case,
    kind: str,
    on: date,
    *,
    user: Any = None,
    expected_version: int | None = None,
    end_date: date | None = None,
    months: int | None = None,
    sent_date: date | None = None,
    decision_term_days: int | None = None,
    daily_eur: Decimal | None = None,
    cap_eur: Decimal | None = None,
    outcome: str = "",
    reason: str = "",
    source: str = "web",
) -> m.LegalEvent:
    """Record a new legal event of ``case``; a decision sent also moves the case to decided."""
    case = lock(case)
    values = _values(
        kind, on, end_date, months, sent_date, decision_term_days, daily_eur, cap_eur, outcome
    )
    _check(case, values, reason, None)
    bump(case, expected_version)
    event = _create(case, user, source, reason.strip(), **values)
    _after(case, event, user, source)
    return event


@transaction.atomic
def correct_legal_event(
    case: m.Case,
    original: m.LegalEvent,
    reason: str,
    *,
    user: Any = None,
    expected_version: int | None = None,
    retract: bool = False,
    source: str = "web",
    **fields: Any,
) -> m.LegalEvent:
    """Supersede ``original`` with a corrected event (``fields`` as record_legal_event's), or
    with a retraction (``retract``) when it should not have been recorded at all."""
    case = lock(case)
    original = m.LegalEvent.objects.get(pk=original.pk)
    problems: list[tuple[str, str]] = []
    if original.case_id != case.pk:
        problems.append(("event", "not_this_case"))
    if m.LegalEvent.objects.filter(supersedes=original).exists() or original.retraction:
        problems.append(("event", "already_superseded"))
    if not reason.strip():
        problems.append(("reason", "reason_required"))
    if retract and fields:
        problems.append(("event", "retraction_has_no_fields"))
    if fields.get("kind", original.kind) != original.kind:
        problems.append(("kind", "correction_same_kind"))
    refuse(problems)
    values = {f: getattr(original, f) for f in ("kind", "date", *eventshape.FIELDS, "outcome")}
    if not retract:
        values.update({("date" if k == "on" else k): v for k, v in fields.items()})
        _check(case, values, reason, original)
    bump(case, expected_version)
    event = _create(
        case, user, source, reason.strip(), supersedes=original, retraction=retract, **values
    )
    if retract and original.kind == K.DECISION_SENT:
        from .status import reopen

        reopen(case, original.date, user)
    _after(case, event, user, source)
    return event
