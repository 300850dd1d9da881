# SPDX-License-Identifier: EUPL-1.2
"""The periods reports cover: an ISO week (``2020-W14``), a month (``2020-03``), a quarter (``2020Q1``).

Pure. A period is named by its code; :func:`parse` refuses a code that names no period (``2020Q5``,
``2020-W54``) with a :class:`PeriodError`, and :func:`last_complete` gives the latest period of a
kind that ended before a day (what the schedule makes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

FIRST_YEAR, LAST_YEAR = 2000, 2100  # the Vreemdelingenwet 2000; beyond any register


class Kind(StrEnum):
    """The kinds of report."""

    WEEKLY = "weekly"
    QUARTERLY = "quarterly"
    TRENDS = "trends"  # monthly


# The form of a period code per kind, as shown in messages and --help.
FORMATS: dict[Kind, str] = {
    Kind.WEEKLY: "YYYY-Www",
    Kind.QUARTERLY: "YYYYQn",
    Kind.TRENDS: "YYYY-MM",
}
_PATTERNS: dict[Kind, re.Pattern[str]] = {
    Kind.WEEKLY: re.compile(r"(\d{4})-W(\d{2})"),
    Kind.QUARTERLY: re.compile(r"(\d{4})Q(\d)"),
    Kind.TRENDS: re.compile(r"(\d{4})-(\d{2})"),
}


class PeriodError(ValueError):
    """A code that names no period of its kind; ``code`` says which rule it broke."""

    def __init__(self, kind: Kind, text: str, code: str) -> None:
        super().__init__(f"{text!r} is not a period of the form {FORMATS[kind]}")
        self.kind = kind
        self.text = text
        self.code = code


@dataclass(frozen=True, slots=True)
class Period:
    """One report period: its kind, its code and its first and last day (both inclusive)."""

    kind: Kind
    code: str
    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def week(day: date) -> Period:
    """The ISO week (Monday to Sunday) that contains ``day``."""
    year, number, weekday = day.isocalendar()
    start = day - timedelta(days=weekday - 1)
    return Period(Kind.WEEKLY, f"{year}-W{number:02d}", start, start + timedelta(days=6))


def month(day: date) -> Period:
    """The calendar month that contains ``day``."""
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return Period(Kind.TRENDS, f"{day.year}-{day.month:02d}", start, following - timedelta(days=1))


def quarter(day: date) -> Period:
    """The calendar quarter that contains ``day``."""
    n = (day.month - 1) // 3 + 1
    start = date(day.year, 3 * n - 2, 1)
    following = date(day.year + 1, 1, 1) if n == 4 else date(day.year, 3 * n + 1, 1)
    return Period(Kind.QUARTERLY, f"{day.year}Q{n}", start, following - timedelta(days=1))


CONTAINING = {Kind.WEEKLY: week, Kind.QUARTERLY: quarter, Kind.TRENDS: month}


def containing(kind: Kind, day: date) -> Period:
    """The period of ``kind`` that contains ``day``."""
    return CONTAINING[kind](day)


def parse(kind: Kind, text: str) -> Period:
    """The period a code names; PeriodError when it names none."""
    found = _PATTERNS[kind].fullmatch(text.strip().upper())
    if found is None:
        raise PeriodError(kind, text, "form")
    year, number = int(found.group(1)), int(found.group(2))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(kind, text, "year")
    try:
        if kind == Kind.WEEKLY:
            first = date.fromisocalendar(year, number, 1)
        elif kind == Kind.QUARTERLY:
            if not 1 <= number <= 4:
                raise ValueError(number)
            first = date(year, 3 * number - 2, 1)
        else:
            first = date(year, number, 1)
    except ValueError:
        raise PeriodError(kind, text, "number") from None
    return containing(kind, first)


def last_complete(kind: Kind, day: date) -> Period:
    """The latest period of ``kind`` that ended before ``day`` (``day`` itself is not over yet)."""
    return containing(kind, containing(kind, day).start - timedelta(days=1))


def months_back(period: Period, count: int) -> list[Period]:
    """The ``count`` months ending with the month ``period`` (oldest first)."""
    months = [month(period.start)]
    while len(months) < count:
        months.insert(0, month(months[0].start - timedelta(days=1)))
    return months
