# SPDX-License-Identifier: EUPL-1.2
"""A forecast scenario whose initial stock is the register's open cases today.

Kept deliberately simple:

* open = every case not decided or closed (the same rule as the home page's "open cases");
* scope ``taskforce`` takes open cases of the Taskforce stream only, ``all`` every open case;
* case type: a court re-entry (kind ``court_reentry``) is ``court_reentry`` — its court-set term
  binds whatever its complexity; otherwise complexity ``complex`` is ``complex``; the rest is
  ``regular``. These are the three case types of the template (``scenarios/tf2020.json``);
* age = whole weeks from ``received`` to the as-of date, one stock band per age in weeks.

Everything else — capacity, written hearings, outsourcing, penalties, reception — is copied from
the template, so the user adjusts it with the knobs or the JSON. Dated steps in the template that
fall before the as-of date apply from week 0. Only aggregate counts leave the register: no case
reference or person appears in the scenario.
"""

from __future__ import annotations

import copy
from collections import Counter
from datetime import date
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from verkeerstoren import glossary as g
from verkeerstoren.cases.models import Case
from verkeerstoren.weeks import week_of

REGISTER_SCOPES = {
    "taskforce": _("Register: open Taskforce cases"),
    "all": _("Register: all open cases"),
}

_MAX_AGE_WEEKS = 1040  # the scenario format's limit for an age band


def case_type_of(kind: str, complexity: str) -> str:
    """The template case type a register case belongs to."""
    if kind == g.CaseKind.COURT_REENTRY.value:
        return "court_reentry"
    if complexity == g.Complexity.COMPLEX.value:
        return "complex"
    return "regular"


def open_stock(as_of: date, scope: str) -> dict[str, Counter[int]]:
    """Open cases per case type and age in weeks on ``as_of``."""
    cases = Case.objects.exclude(status__in=g.CLOSED_STATUSES).filter(received__lte=as_of)
    if scope == "taskforce":
        cases = cases.filter(stream=g.Stream.TASKFORCE.value)
    stock: dict[str, Counter[int]] = {}
    # Grouped in the database: one row per (received day, kind, complexity), not per case.
    grouped = cases.values("received", "kind", "complexity").annotate(n=Count("pk"))
    for row in grouped.order_by():
        age = min(week_of(row["received"], as_of), _MAX_AGE_WEEKS)
        kind = case_type_of(row["kind"], row["complexity"])
        stock.setdefault(kind, Counter())[age] += row["n"]
    return stock


def scenario_from_register(template: dict[str, Any], as_of: date, scope: str) -> dict[str, Any]:
    """``template`` with start date ``as_of`` and the register's open stock as initial stock."""
    data = copy.deepcopy(template)
    stock = open_stock(as_of, scope)
    total = 0
    for case_type in data.get("case_types", []):
        ages = stock.get(case_type.get("name"), Counter())
        case_type["initial_stock"] = [
            {"age_weeks": age, "count": count} for age, count in sorted(ages.items())
        ]
        total += sum(ages.values())
    data["name"] = f"register-{scope}-{as_of.isoformat()}"
    data["description"] = (
        f"{total} open cases ({scope}) in the register on {as_of.isoformat()}; capacity, "
        f"behaviour and measures copied from {template.get('name', 'the template')}."
    )
    data["start_date"] = as_of.isoformat()
    return data
