# SPDX-License-Identifier: EUPL-1.2
"""Lawyers (legal aid) of the applicants, and the half-days they cannot attend a hearing.

Every applicant has a lawyer from the region of the case's location (family members share one);
a lawyer attends at most ``max_per_day`` hearings a day and is away some half-days (court
sessions, other clients). All numbers here are assumptions (L).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from verkeerstoren.glossary import HEARING_SLOTS_PER_DAY
from verkeerstoren.law.calendar import ATW_CALENDAR
from verkeerstoren.synth.reference import FIRST_NAMES, LAST_NAMES, LOCATIONS
from verkeerstoren.synth.tables import Table, table_from_rows

LAWYERS_TOTAL = 320  # asylum lawyers on the legal-aid rota (L)
LAWYER_ONE_A_DAY_SHARE = 0.2  # lawyers who attend at most one hearing a day (L)
LAWYER_AWAY_DAY = 0.08  # probability a lawyer is away a whole working day (L)
LAWYER_AWAY_HALF_DAY = 0.12  # probability of one half-day away otherwise (L)
AVAILABILITY_WEEKS = 13  # unavailability is drawn for the quarter after the snapshot (L)


def lawyers_table(rng: np.random.Generator) -> Table:
    """lawyers.csv: lawyers per location in proportion to the cases heard there."""
    rows: list[tuple[str, ...]] = []
    total_share = sum(loc.case_share for loc in LOCATIONS)
    for loc in LOCATIONS:
        n = max(2, round(LAWYERS_TOTAL * loc.case_share / total_share))
        one = rng.random(n) < LAWYER_ONE_A_DAY_SHARE
        for i in range(n):
            name = (
                f"mr. {FIRST_NAMES[rng.integers(len(FIRST_NAMES))]} "
                f"{LAST_NAMES[rng.integers(len(LAST_NAMES))]}"
            )
            rows.append((f"A-{loc.code}-{i + 1:03d}", name, "1" if one[i] else "2"))
    return table_from_rows("lawyers", ("code", "name", "max_per_day"), rows)


def with_lawyers(rng: np.random.Generator, cases: Table, lawyers: Table) -> Table:
    """cases.csv with a ``lawyer`` column: a lawyer of the case's region, one per family."""
    by_location: dict[str, list[str]] = {}
    for code in lawyers.column("code"):
        by_location.setdefault(code.split("-")[1], []).append(code)
    locations = cases.column("location")
    families = cases.column("family_group")
    draws = rng.random(len(cases))
    family_lawyer: dict[str, str] = {}
    column: list[str] = []
    for loc, family, u in zip(locations, families, draws.tolist(), strict=True):
        if family and family in family_lawyer:
            column.append(family_lawyer[family])
            continue
        pool = by_location[loc]
        chosen = pool[int(u * len(pool))]
        if family:
            family_lawyer[family] = chosen
        column.append(chosen)
    return Table(cases.name, (*cases.columns, "lawyer"), (*cases.data, column))


def working_days(start: date, weeks: int) -> list[date]:
    """The Atw working days of ``weeks`` weeks from the Monday of ``start``'s week."""
    monday = start - timedelta(days=start.weekday())
    days = (monday + timedelta(days=k) for k in range(7 * weeks))
    return [d for d in days if ATW_CALENDAR.is_working_day(d)]


def away_rows(
    rng: np.random.Generator,
    codes: list[str],
    days: list[date],
    p_day: list[float],
    p_half: list[float],
) -> list[tuple[str, str, str]]:
    """(code, date, slot) rows: a whole day (empty slot) or one half-day away, per person."""
    rows: list[tuple[str, str, str]] = []
    for k, code in enumerate(codes):
        u = rng.random(len(days))
        half = rng.integers(0, HEARING_SLOTS_PER_DAY, len(days))
        for d, x, s in zip(days, u.tolist(), half.tolist(), strict=True):
            if x < p_day[k]:
                rows.append((code, d.isoformat(), ""))
            elif x < p_day[k] + p_half[k]:
                rows.append((code, d.isoformat(), str(s)))
    return rows


def lawyer_unavailability_table(rng: np.random.Generator, lawyers: Table, start: date) -> Table:
    """lawyer_unavailability.csv: whole days and half-days away in the quarter from ``start``."""
    codes = lawyers.column("code")
    rows = away_rows(
        rng,
        codes,
        working_days(start, AVAILABILITY_WEEKS),
        [LAWYER_AWAY_DAY] * len(codes),
        [LAWYER_AWAY_HALF_DAY] * len(codes),
    )
    return table_from_rows("lawyer_unavailability", ("lawyer", "date", "slot"), rows)
