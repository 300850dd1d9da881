# SPDX-License-Identifier: EUPL-1.2
"""Day-by-day weights from which received dates (and notice dates) are drawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from verkeerstoren.synth import calibration as cal
from verkeerstoren.synth.dates import Days, day

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class DateDensity:
    """Relative weight of every day in ``[lo, hi]``; sample draws days in proportion."""

    lo: np.datetime64
    weights: Floats  # one weight per day from lo

    @property
    def hi(self) -> np.datetime64:
        """Last day with a weight."""
        result: np.datetime64 = self.lo + np.timedelta64(len(self.weights) - 1, "D")
        return result

    @property
    def total(self) -> float:
        """Sum of the weights (an expected count when the weights are daily rates)."""
        return float(self.weights.sum())

    def sample(self, rng: np.random.Generator, size: int) -> Days:
        """Draw ``size`` days."""
        cum = np.cumsum(self.weights)
        idx = np.searchsorted(cum, rng.random(size) * cum[-1], side="right")
        idx = np.minimum(idx, len(self.weights) - 1)
        result: Days = self.lo + idx.astype("timedelta64[D]")
        return result


def day_range(lo: date, hi: date) -> Days:
    """All days from ``lo`` to ``hi`` inclusive."""
    return np.arange(day(lo), day(hi) + np.timedelta64(1, "D"), dtype="datetime64[D]")


def first_applications_per_day(days: Days) -> Floats:
    """Daily rate of first asylum applications (quarterly totals of DOMAIN.md §5 spread evenly)."""
    years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    months = days.astype("datetime64[M]").astype(np.int64) % 12
    quarters = months // 3 + 1
    rates = np.empty(len(days), dtype=np.float64)
    for i, (y, q) in enumerate(zip(years.tolist(), quarters.tolist(), strict=True)):
        per_quarter = cal.FIRST_APPLICATIONS_PER_QUARTER.get((y, q), 0)
        if per_quarter == 0 and y < 2019:
            per_quarter = cal.FIRST_APPLICATIONS_BEFORE_2019
        start = date(y, 3 * q - 2, 1)
        end = date(y + (q == 4), (3 * q) % 12 + 1, 1)
        rates[i] = per_quarter / (end - start).days
    return rates


def arrivals(lo: date, hi: date, per_first: float = 1.0) -> DateDensity:
    """Expected applications per day in ``[lo, hi]`` (first applications x ``per_first``)."""
    days = day_range(lo, hi)
    return DateDensity(days[0], first_applications_per_day(days) * per_first)


def surviving(lo: date, hi: date, at: date, half_life_days: float) -> DateDensity:
    """Arrivals still open at ``at``: arrival rate x a survival that halves every half-life.

    The floor keeps a tail of very old cases, as a real backlog has.
    """
    days = day_range(lo, hi)
    age = (day(at) - days).astype(np.int64)
    survival = np.maximum(0.5 ** (age / half_life_days), 0.03)
    return DateDensity(days[0], first_applications_per_day(days) * survival)


def rising(lo: date, hi: date) -> DateDensity:
    """Weights rising linearly from 1 to 3 over ``[lo, hi]`` (recent events more likely)."""
    days = day_range(lo, hi)
    return DateDensity(days[0], np.linspace(1.0, 3.0, len(days)))


def notice_wave(lo: date, hi: date) -> DateDensity:
    """Relative weight of a day for receiving a notice of default (the 2019-2020 wave)."""
    days = day_range(lo, hi)
    start, full = day(cal.NOTICE_WAVE_START), day(cal.NOTICE_WAVE_FULL)
    ramp = (days - start).astype(np.int64) / float((full - start).astype(np.int64))
    weights = 1.0 + (cal.NOTICE_WAVE_PEAK_WEIGHT - 1.0) * np.clip(ramp, 0.0, 1.0)
    return DateDensity(days[0], weights)
