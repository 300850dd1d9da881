# SPDX-License-Identifier: EUPL-1.2
"""Status changes along the process model (verkeerstoren.process), appended to the history."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from verkeerstoren import glossary as g
from verkeerstoren import process
from verkeerstoren.cases import models as m
from verkeerstoren.cases.audit import actor, audited

from .common import check_day, lock, refuse
from .locking import bump


def _last(case: m.Case) -> m.StatusChange | None:
    return case.status_history.order_by("-date", "-id").first()


def move(
    case: m.Case, status: str, on: date, user: Any, outcome: str = "", source: str = "web"
) -> m.StatusChange:
    """Append ``status`` to the history and set it on the case (checked by the callers)."""
    change, _ = m.StatusChange.objects.get_or_create(
        case=case,
        status=status,
        date=on,
        defaults={"outcome": outcome, "recorded_by": actor(user), "source": source},
    )
    case.status = status
    if outcome:
        case.outcome = outcome
    with audited(case, user, f"status {status}"):
        case.save(update_fields=["status", "outcome"])
    return change


def reopen(case: m.Case, decided: date, user: Any) -> None:
    """A retracted decision: the decided steps it made leave the status history (the deletion is
    audited) and the case returns to the status it had before, from its own history."""
    for step in case.status_history.filter(status__in=g.CLOSED_STATUSES, date__gte=decided):
        with audited(step, user, "decision retracted"):
            step.delete()
    before = case.history.exclude(status__in=g.CLOSED_STATUSES).order_by("-history_date").first()
    case.status = before.status if before is not None else g.Status.REGISTERED.value
    case.outcome = ""
    with audited(case, user, "decision retracted"):
        case.save(update_fields=["status", "outcome"])


@transaction.atomic
def change_status(
    case: m.Case,
    status: str,
    on: date,
    *,
    user: Any = None,
    outcome: str = "",
    expected_version: int | None = None,
    source: str = "web",
) -> m.StatusChange:
    """Move ``case`` to ``status`` on ``on`` if the process allows it from its current status.

    A decision other than a withdrawal is a legal fact too: it is recorded as the event
    ``decision_sent``, which moves the status.
    """
    case = lock(case)
    problems: list[tuple[str, str]] = []
    statuses = {s.value for s in g.Status}
    outcomes = {o.value for o in g.Outcome}
    if status not in statuses:
        problems.append(("status", "unknown_status"))
    if outcome and outcome not in outcomes:
        problems.append(("outcome", "unknown_outcome"))
    refuse(problems)
    why = process.allowed(
        g.Status(case.status), g.Status(status), g.Outcome(outcome) if outcome else None
    )
    if why is not None:
        problems.append(("outcome" if "outcome" in why else "status", why))
    problems += check_day("date", on, case)
    last = _last(case)
    if last is not None and on < last.date:
        problems.append(("date", "before_last_status"))
    refuse(problems)
    if status == g.Status.DECIDED and outcome != g.Outcome.WITHDRAWN:
        from .events import record_legal_event

        event = record_legal_event(
            case,
            g.LegalEventKind.DECISION_SENT.value,
            on,
            user=user,
            expected_version=expected_version,
            outcome=outcome,
            source=source,
        )
        return m.StatusChange.objects.get(case=event.case_id, status=status, date=on)
    bump(case, expected_version)
    change = move(case, status, on, user, outcome, source)
    from .refresh import refresh_case_law

    refresh_case_law(case)  # a withdrawal ends the accrual
    return change
