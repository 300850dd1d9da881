# SPDX-License-Identifier: EUPL-1.2
"""Working days under the Algemene termijnenwet (Atw).

A statutory term that ends on a Saturday, Sunday or "generally recognised holiday" runs on to the
next day that is none of these (Atw art. 1). The Atw holidays (art. 3) are not the same as the
days off in the ``holidays`` package's Dutch calendar:

* art. 3 lid 1: New Year, Easter Monday, Whit Monday, Christmas and Boxing Day, Ascension Day,
  the day the King's birthday is celebrated and **5 May every year** (``holidays.NL`` has 5 May
  only in lustrum years, as most collective agreements do);
* art. 3 lid 2: **Good Friday** (present in recent ``holidays.NL`` releases, absent in older
  ones — we add it ourselves so the answer never depends on the package version);
* art. 3 lid 3: days decreed equal to a holiday by royal decree, usually for three years at a
  time (e.g. the Friday after Ascension Day). These are data: :data:`DEFAULT_DECREED_DAYS`, and
  callers may pass their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
import numpy as np
import numpy.typing as npt

# Royal decrees under Atw art. 3 lid 3, with sources. Confidence per DOMAIN.md: H = statute text,
# M = consistent secondary sources. The decree for 2020-2022 was not found: 2022-05-27 is from a
# secondary source (L). Add decrees here (or pass your own set) as they are published.
DEFAULT_DECREED_DAYS: frozenset[date] = frozenset(
    {
        # Besluit van 24 oktober 2016, Stb. 2016 (BWBR0038666) (H).
        date(2017, 4, 28),
        date(2017, 5, 26),
        date(2018, 5, 11),
        date(2018, 12, 24),
        date(2018, 12, 31),
        date(2019, 5, 31),
        date(2019, 12, 27),
        # Friday after Ascension Day 2022, listed by wvhl.nl "Algemene termijnenwet 2022" (L).
        date(2022, 5, 27),
        # "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024
        # en 30 mei 2025 met een algemeen erkende feestdag" (title quoted by sterfgeval.nl) (M).
        date(2023, 4, 28),
        date(2023, 5, 19),
        date(2024, 5, 10),
        date(2024, 12, 27),
        date(2025, 5, 30),
        # "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en
        # 26 mei 2028 met een algemeen erkende feestdag" (same source) (M).
        date(2026, 1, 2),
        date(2026, 5, 15),
        date(2027, 5, 7),
        date(2028, 4, 28),
        date(2028, 5, 26),
    }
)

_SATURDAY = 5
_TABLE_FIRST_YEAR = 2000
_TABLE_LAST_YEAR = 2040


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=512)
def statutory_holidays(year: int) -> frozenset[date]:
    """Atw art. 3 lid 1-2 holidays of ``year``: ``holidays.NL`` public days plus what Atw adds."""
    # Public category only: school and optional days are not Atw holidays.
    base = holidays.country_holidays("NL", years=year, categories=(holidays.PUBLIC,))
    days = set(base.keys())
    easter = easter_sunday(year)
    days.add(easter - timedelta(days=2))  # Good Friday, Atw art. 3 lid 2
    days.add(date(year, 5, 5))  # 5 May every year, Atw art. 3 lid 1 (since 1982)
    return frozenset(days)


@dataclass(frozen=True, slots=True)
class AtwCalendar:
    """Atw working days: not a weekend, not a statutory holiday, not a decreed day."""

    decreed_days: frozenset[date] = DEFAULT_DECREED_DAYS

    def is_working_day(self, d: date) -> bool:
        """True when a term may end on ``d`` (weekday, no Atw holiday, no decreed day)."""
        if d.weekday() >= _SATURDAY:
            return False
        return d not in statutory_holidays(d.year) and d not in self.decreed_days

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        return self.shift(d + timedelta(days=1))

    def shift(self, d: date) -> date:
        """Atw art. 1 shift: ``d`` itself if a working day, else the next working day."""
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def shift_array(self, days: npt.NDArray[np.datetime64]) -> npt.NDArray[np.datetime64]:
        """Vectorised :meth:`shift` for an array of ``datetime64[D]`` (NaT stays NaT)."""
        days = days.astype("datetime64[D]")
        valid = ~np.isnat(days)
        if not valid.any():
            return days.copy()
        lo = int(days[valid].min().astype("datetime64[Y]").astype(np.int64)) + 1970
        hi = int(days[valid].max().astype("datetime64[Y]").astype(np.int64)) + 1970
        # One wide table serves every usual portfolio, so it is built once per calendar.
        lo, hi = min(lo, _TABLE_FIRST_YEAR), max(hi, _TABLE_LAST_YEAR)
        origin, shifted = _shift_table(self, lo, hi)
        out = days.copy()
        idx = (days[valid] - origin).astype(np.int64)
        out[valid] = origin + shifted[idx]
        return out


@lru_cache(maxsize=16)
def _shift_table(
    calendar: AtwCalendar, first_year: int, last_year: int
) -> tuple[np.datetime64, npt.NDArray[np.int64]]:
    """Offset of the shifted day for every day from 1 Jan ``first_year`` to end ``last_year``."""
    # One extra year at the end so a shift out of the last day of the range stays in the table.
    start = date(first_year, 1, 1)
    n = (date(last_year + 2, 1, 1) - start).days
    working = np.fromiter(
        (calendar.is_working_day(start + timedelta(days=i)) for i in range(n)), bool, n
    )
    # For each day, the index of the first working day on or after it: a reverse running
    # minimum over "index if working, else +inf".
    candidate = np.where(working, np.arange(n), n)
    shifted = np.minimum.accumulate(candidate[::-1])[::-1].astype(np.int64)
    return np.datetime64(start, "D"), shifted


ATW_CALENDAR = AtwCalendar()


def is_working_day(d: date, calendar: AtwCalendar = ATW_CALENDAR) -> bool:
    """True when ``d`` is an Atw working day."""
    return calendar.is_working_day(d)


def next_working_day(d: date, calendar: AtwCalendar = ATW_CALENDAR) -> date:
    """The first Atw working day strictly after ``d``."""
    return calendar.next_working_day(d)


def atw_shift(d: date, calendar: AtwCalendar = ATW_CALENDAR) -> date:
    """``d`` if it is a working day, else the next working day (Atw art. 1)."""
    return calendar.shift(d)
