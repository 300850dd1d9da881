# SPDX-License-Identifier: EUPL-1.2
"""Monthly trends, in the shape of the IND's "asylum trends": twelve months up to the report's month.

Per month: applications received by kind (first and repeat; the register holds no family-reunion
applications, so that line is left out), unaccompanied minors among them (the intake's
"unaccompanied" or the feature AMV), and decisions sent by outcome. For the report's month also
the five nationalities with the most applications. Court re-entries are not new applications
and are not counted here. The report's month is counted up to the report's day.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.db.models import Q

from verkeerstoren import glossary as g
from verkeerstoren.cases import models as cm

from .periods import Period, months_back
from .register import RegisterFacts

MONTHS = 12
TOP = 5
APPLICATION_KINDS: tuple[str, ...] = (g.CaseKind.FIRST.value, g.CaseKind.REPEAT.value)
OUTCOMES: tuple[str, ...] = tuple(o.value for o in g.Outcome)
UNRECORDED = "unrecorded"  # a decision sent without an outcome


def figures(facts: RegisterFacts, period: Period) -> dict[str, Any]:
    """The twelve months up to ``period`` and the top nationalities of ``period``."""
    end = min(period.end, facts.day)
    months = months_back(period, MONTHS)
    first = months[0].start
    unaccompanied = _unaccompanied(first, end)
    applications = {m.code: dict.fromkeys(APPLICATION_KINDS, 0) for m in months}
    minors = dict.fromkeys(applications, 0)
    nationalities: Counter[str] = Counter()
    for cid, row in facts.cases.items():
        if row.kind not in APPLICATION_KINDS or not first <= row.received <= end:
            continue
        code = _month(row.received)
        applications[code][row.kind] += 1
        minors[code] += cid in unaccompanied
        if row.received in period:
            nationalities[row.nationality] += 1
    decisions = {m.code: dict.fromkeys((*OUTCOMES, UNRECORDED), 0) for m in months}
    for on, outcome in facts.sent.values():
        if first <= on <= end:
            decisions[_month(on)][outcome if outcome in OUTCOMES else UNRECORDED] += 1
    rows = [
        {
            "month": m.code,
            "applications": applications[m.code],
            "applications_total": sum(applications[m.code].values()),
            "unaccompanied": minors[m.code],
            "decisions": decisions[m.code],
            "decisions_total": sum(decisions[m.code].values()),
        }
        for m in months
    ]
    top = sorted(nationalities.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    return {
        "months": rows,
        "top_nationalities": [{"nationality": code, "applications": n} for code, n in top],
    }


def _month(day: date) -> str:
    return f"{day.year}-{day.month:02d}"  # periods.month(day).code


def _unaccompanied(first: date, last: date) -> set[int]:
    """Cases received in [first, last] recorded as unaccompanied minors (intake or feature)."""
    received = Q(received__gte=first, received__lte=last)
    by_intake = cm.Case.objects.filter(received, intake__unaccompanied=True)
    by_feature = cm.Case.objects.filter(received, features__feature=g.Feature.AMV.value)
    return set(by_intake.values_list("pk", flat=True)) | set(
        by_feature.values_list("pk", flat=True)
    )
