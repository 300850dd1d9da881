# SPDX-License-Identifier: EUPL-1.2
"""Vectorised date helpers on NumPy ``datetime64[D]`` arrays."""

from __future__ import annotations

from datetime import date

import numpy as np
import numpy.typing as npt

Days = npt.NDArray[np.datetime64]
NAT = np.datetime64("NaT", "D")


def day(d: date) -> np.datetime64:
    """A Python date as ``datetime64[D]``."""
    result: np.datetime64 = np.datetime64(d.isoformat(), "D")
    return result


def add_days(days: Days, n: npt.NDArray[np.int64] | int) -> Days:
    """Add a (vector of) day counts."""
    result: Days = days + np.asarray(n, dtype="timedelta64[D]")
    return result


def add_months(days: Days, months: int) -> Days:
    """Add calendar months; a day that does not exist in the target month clips to its end.

    2019-08-31 + 6 months = 2020-02-29. Weekend/holiday shifts (Atw) are the law engine's job;
    the generator uses this plain rule for the 6-month term.
    """
    month = days.astype("datetime64[M]")
    offset = (days - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.timedelta64(months, "M")
    start = target.astype("datetime64[D]")
    length = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - start).astype(np.int64)
    result: Days = start + np.minimum(offset, length - 1).astype("timedelta64[D]")
    return result


def uniform_days(
    rng: np.random.Generator, lo: Days | np.datetime64, hi: Days | np.datetime64, size: int
) -> Days:
    """Uniform random days in ``[lo, hi]`` (inclusive), element-wise."""
    span = (np.asarray(hi) - np.asarray(lo)).astype(np.int64)
    offset = np.floor(rng.random(size) * (span + 1)).astype(np.int64)
    result: Days = np.asarray(lo) + offset.astype("timedelta64[D]")
    return result


def iso(days: Days) -> list[str]:
    """ISO date strings; NaT becomes the empty string."""
    text = np.datetime_as_string(days, unit="D")
    out: list[str] = np.where(np.isnat(days), "", text).tolist()
    return out
