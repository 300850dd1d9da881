# SPDX-License-Identifier: EUPL-1.2
"""The quarterly report to parliament: decisions within the statutory term (temporary law art. 2).

Per category (first, repeat, court re-entry, all) and stream (Taskforce, regular directorate,
all), for the quarter up to the report's day:

- ``decisions``: cases whose first decision was sent in the quarter (the ``decision_sent``
  event; a withdrawal confirmed by a decision counts, a case closed without one does not);
- ``within_term``: of those, decided on or before the deadline the law engine derived from the
  facts as they stood on the decision day (a suspension or extension recorded by then counts);
- ``share_within_term``: within_term / decisions, None without decisions;
- ``open_outside_term_at_end``: undecided on the report's day and past their deadline then;
- ``penalties_accrued_eur``: administrative plus court penalties accrued during the quarter:
  what the cases owed on the report's day minus what they owed the day before the quarter, each
  under the law of that day.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from .periods import Period
from .register import ALL, CATEGORIES, STREAMS, RegisterFacts, add_to, zero_cells

FIELDS = (
    "decisions",
    "within_term",
    "share_within_term",
    "open_outside_term_at_end",
    "penalties_accrued_eur",
)


def figures(facts: RegisterFacts, period: Period) -> dict[str, dict[str, dict[str, Any]]]:
    """category -> stream -> the five figures, for ``period`` up to ``facts.day``."""
    end = min(period.end, facts.day)
    decided_in = {
        cid: on for cid, (on, _outcome) in facts.sent.items() if period.start <= on <= end
    }
    deadlines = facts.deadlines_as_of(decided_in)
    decisions = zero_cells(CATEGORIES)
    within = zero_cells(CATEGORIES)
    for cid, on in decided_in.items():
        stream = facts.cases[cid].stream
        for category in _categories(facts, cid):
            add_to(decisions, category, stream)
            if on <= deadlines[cid]:
                add_to(within, category, stream)

    at_end = facts.assess(end)
    outside = zero_cells(CATEGORIES)
    for cid, days in zip(at_end.ids, at_end.overdue_days.tolist(), strict=True):
        if days > 0 and facts.is_open(cid, end):
            for category in _categories(facts, cid):
                add_to(outside, category, facts.cases[cid].stream)

    before = facts.assess(period.start - timedelta(days=1)).owed()
    accrued: dict[str, dict[str, float]] = {c: dict.fromkeys(STREAMS, 0.0) for c in CATEGORIES}
    for cid, owed in at_end.owed().items():
        amount = owed - before.get(cid, 0.0)
        if amount:
            for category in _categories(facts, cid):
                add_to(accrued, category, facts.cases[cid].stream, amount)

    out: dict[str, dict[str, dict[str, Any]]] = {}
    for category in CATEGORIES:
        out[category] = {}
        for stream in STREAMS:
            n = decisions[category][stream]
            k = within[category][stream]
            out[category][stream] = {
                "decisions": n,
                "within_term": k,
                "share_within_term": k / n if n else None,
                "open_outside_term_at_end": outside[category][stream],
                "penalties_accrued_eur": round(accrued[category][stream], 2),
            }
    return out


_OWN: dict[str, tuple[str, ...]] = {c: (c, ALL) for c in CATEGORIES if c != ALL}


def _categories(facts: RegisterFacts, cid: int) -> tuple[str, ...]:
    """The rows a case counts in: its own category (when it has a known kind) and ``all``."""
    return _OWN.get(facts.cases[cid].kind, (ALL,))
