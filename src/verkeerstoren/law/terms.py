# SPDX-License-Identifier: EUPL-1.2
"""The decision term (Vw 2000 art. 42-43): extensions, group extensions, suspensions, Atw shift.

``deadline`` is the last day on which a decision is in time:

1. ``received`` + (6 + extension months) calendar months, same day number clipped to the end of
   the month; the total term is capped at 21 months (art. 42 lid 4 plus art. 43);
2. each suspension ``[start, end]`` that starts on or before the deadline as extended so far,
   taken in start order, adds its length in days (Awb 4:15);
3. a day that is not an Atw working day moves to the next working day (Atw art. 1).

Extension months are the case's own extensions plus the group extensions of every policy whose
application-date range contains ``received`` (:data:`DEFAULT_EXTENSION_POLICIES`).
"""

from __future__ import annotations

import calendar as _stdcal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from verkeerstoren.law.calendar import ATW_CALENDAR, AtwCalendar
from verkeerstoren.law.model import CaseHistory, Suspension

BASE_TERM_MONTHS = 6
MAX_TERM_MONTHS = 21


@dataclass(frozen=True, slots=True)
class ExtensionPolicy:
    """A group extension of the term for applications received in ``[received_from, received_to]``.

    ``received_to`` is inclusive; ``None`` means open-ended.
    """

    name: str
    received_from: date
    received_to: date | None
    months: int
    source: str = ""

    def applies_to(self, received: date) -> bool:
        """True when an application received on ``received`` falls under this policy."""
        if received < self.received_from:
            return False
        return self.received_to is None or received <= self.received_to


# Group extensions by policy rule (art. 42 lid 4 aanhef en b: many applications at once). These
# are data, not code: pass your own table to override (DOMAIN.md §3.1, confidence M).
DEFAULT_EXTENSION_POLICIES: tuple[ExtensionPolicy, ...] = (
    ExtensionPolicy(
        name="WBV 2022/22",
        # In force 2022-09-27 for applications whose six-month term had not yet expired then,
        # i.e. received from 2022-03-27, and for applications received in the rest of 2022
        # (Rb Den Haag ECLI:NL:RBDHA:2023:4223 and :7443; scope of the start date: L).
        received_from=date(2022, 3, 27),
        received_to=date(2022, 12, 31),
        months=9,
        source="Wijzigingsbesluit Vreemdelingencirculaire 2022/22, Stcrt. 2022",
    ),
    ExtensionPolicy(
        name="WBV 2023/3",
        # Applications received from 2023-01-01 up to 2024-01-01 (letter to parliament
        # 3 Feb 2023; Rb Den Haag ECLI:NL:RBDHA:2023:19612). The 2024 successor (WBV 2023/26)
        # was withdrawn / held unlawful, so applications from 2024-01-01 have six months again.
        received_from=date(2023, 1, 1),
        received_to=date(2023, 12, 31),
        months=9,
        source="Wijzigingsbesluit Vreemdelingencirculaire 2023/3, Stcrt. 2023",
    ),
)


def add_months(d: date, months: int) -> date:
    """``d`` plus ``months`` calendar months, same day number clipped to the month's end."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    last = _stdcal.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last))


def policy_months(received: date, policies: Iterable[ExtensionPolicy]) -> int:
    """Sum of group-extension months of all policies that cover ``received``."""
    return sum(p.months for p in policies if p.applies_to(received))


def uncapped_term_months(
    received: date,
    extensions: Sequence[int],
    policies: Iterable[ExtensionPolicy] = DEFAULT_EXTENSION_POLICIES,
) -> int:
    """The term the extensions ask for: 6 + extensions + group extensions, before the cap."""
    return BASE_TERM_MONTHS + sum(extensions) + policy_months(received, policies)


def term_months(
    received: date,
    extensions: Sequence[int],
    policies: Iterable[ExtensionPolicy] = DEFAULT_EXTENSION_POLICIES,
) -> int:
    """Total decision term in months: 6 + extensions + group extensions, at most 21."""
    return min(uncapped_term_months(received, extensions, policies), MAX_TERM_MONTHS)


def apply_suspensions(deadline: date, suspensions: Iterable[Suspension]) -> date:
    """Extend ``deadline`` by each suspension starting on or before it (in start order)."""
    for period in sorted(suspensions, key=lambda s: (s.start, s.end)):
        # A suspension after the term has already run out cannot revive it.
        if period.start <= deadline:
            deadline += timedelta(days=period.days)
    return deadline


def suspension_effects(
    deadline: date, suspensions: Iterable[Suspension]
) -> list[tuple[Suspension, date]]:
    """Each suspension in the order :func:`apply_suspensions` takes it, with the deadline after it.

    A suspension that starts after the deadline as extended so far leaves it as it was.
    """
    effects = []
    for period in sorted(suspensions, key=lambda s: (s.start, s.end)):
        deadline = apply_suspensions(deadline, (period,))
        effects.append((period, deadline))
    return effects


class TermParts(NamedTuple):
    """How the deadline comes about, step by step (before the Atw shift).

    ``wanted_months``: the term the extensions ask for; ``months``: the term after the cap;
    ``term_end``: ``received`` + ``months``; ``suspended_end``: ``term_end`` moved by the
    suspensions. :func:`deadline_for` is ``suspended_end`` moved to a working day.
    """

    wanted_months: int
    months: int
    term_end: date
    suspended_end: date


def term_parts(
    received: date,
    extensions: Sequence[int] = (),
    suspensions: Iterable[Suspension] = (),
    *,
    policies: Iterable[ExtensionPolicy] = DEFAULT_EXTENSION_POLICIES,
) -> TermParts:
    """The steps from the raw facts to the deadline before the Atw shift."""
    wanted = uncapped_term_months(received, extensions, policies)
    months = term_months(received, extensions, policies)
    end = add_months(received, months)
    return TermParts(wanted, months, end, apply_suspensions(end, suspensions))


def deadline_for(
    received: date,
    extensions: Sequence[int] = (),
    suspensions: Iterable[Suspension] = (),
    *,
    policies: Iterable[ExtensionPolicy] = DEFAULT_EXTENSION_POLICIES,
    calendar: AtwCalendar = ATW_CALENDAR,
) -> date:
    """Last day on which a decision is in time, from the raw facts."""
    months = term_months(received, extensions, policies)
    unshifted = apply_suspensions(add_months(received, months), suspensions)
    return calendar.shift(unshifted)


def case_deadline(
    case: CaseHistory,
    *,
    policies: Iterable[ExtensionPolicy] = DEFAULT_EXTENSION_POLICIES,
    calendar: AtwCalendar = ATW_CALENDAR,
) -> date:
    """Last day on which a decision on ``case`` is in time."""
    return deadline_for(
        case.received, case.extensions, case.suspensions, policies=policies, calendar=calendar
    )
