# SPDX-License-Identifier: EUPL-1.2
"""Which fields a legal event of each kind carries, and how they relate: one rule for the
register import, the web forms and the API.

:func:`problems` returns ``(field, code)`` pairs; each caller words the codes in its own
language (the import in English for the CLI, the services through gettext for pages and API).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from .glossary import LegalEventKind, Outcome

K = LegalEventKind

FIELDS = ("end_date", "months", "sent_date", "decision_term_days", "daily_eur", "cap_eur")

REQUIRED: dict[str, tuple[str, ...]] = {
    K.SUSPENSION.value: ("end_date",),
    K.EXTENSION.value: ("months",),
    K.COURT_RULING.value: ("decision_term_days",),
}
# A court ruling may attach a penalty (daily_eur with cap_eur); an annulment that sends the case
# back (court re-entry) sets a new term without one.
ALLOWED: dict[str, tuple[str, ...]] = {
    **REQUIRED,
    K.COURT_RULING.value: ("decision_term_days", "daily_eur", "cap_eur"),
    K.NOTICE_OF_DEFAULT.value: ("sent_date",),
}
MONTHS = (1, 15)  # an extension is 1..15 months (art. 42 Vw: 6, 9 or 3 in practice)
TERM_DAYS = (1, 730)  # a court's decision term
MAX_EUR = Decimal("100000")  # a daily amount or cap beyond this is a typing error


def problems(kind: str, values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with the fields of one event of ``kind`` (``values`` holds FIELDS + date)."""
    out: list[tuple[str, str]] = []
    if kind not in {k.value for k in K}:
        return [("kind", "unknown_kind")]
    for name in REQUIRED.get(kind, ()):
        if values.get(name) is None:
            out.append((name, "required"))
    for name in FIELDS:
        if values.get(name) is not None and name not in ALLOWED.get(kind, ()):
            out.append((name, "not_for_kind"))
    if (values.get("daily_eur") is None) != (values.get("cap_eur") is None):
        out.append(("cap_eur", "daily_and_cap_together"))
    start: date | None = values.get("date")
    end: date | None = values.get("end_date")
    sent: date | None = values.get("sent_date")
    if start is not None and end is not None and end < start:
        out.append(("end_date", "end_before_start"))
    if start is not None and sent is not None and sent > start:
        out.append(("sent_date", "sent_after_received"))
    months = values.get("months")
    if months is not None and not MONTHS[0] <= months <= MONTHS[1]:
        out.append(("months", "months_range"))
    term = values.get("decision_term_days")
    if term is not None and not TERM_DAYS[0] <= term <= TERM_DAYS[1]:
        out.append(("decision_term_days", "term_range"))
    for name in ("daily_eur", "cap_eur"):
        amount = values.get(name)
        if amount is not None and not Decimal(0) <= Decimal(str(amount)) <= MAX_EUR:
            out.append((name, "amount_range"))
    daily, cap = values.get("daily_eur"), values.get("cap_eur")
    if daily is not None and cap is not None and Decimal(str(cap)) < Decimal(str(daily)):
        out.append(("cap_eur", "cap_below_daily"))
    if "outcome" not in values:
        return out  # the register import: the outcome of a decision is a column of the case
    outcome = values.get("outcome")
    if kind == K.DECISION_SENT.value:
        if not outcome:
            out.append(("outcome", "required"))
        elif outcome not in {o.value for o in Outcome} or outcome == Outcome.WITHDRAWN.value:
            out.append(("outcome", "unknown_outcome"))
    elif outcome:
        out.append(("outcome", "not_for_kind"))
    return out


# English wording for the import report (the CLI speaks English).
ENGLISH = {
    "unknown_kind": "is not a known legal event kind",
    "required": "is required for this kind",
    "not_for_kind": "does not apply to this kind",
    "daily_and_cap_together": "daily_eur and cap_eur go together",
    "end_before_start": "is before date",
    "sent_after_received": "is after the date received",
    "months_range": f"must be between {MONTHS[0]} and {MONTHS[1]}",
    "term_range": f"must be between {TERM_DAYS[0]} and {TERM_DAYS[1]} days",
    "amount_range": f"must be between 0 and {MAX_EUR}",
    "cap_below_daily": "is below the daily amount",
    "unknown_outcome": "is not a decision outcome",
}
