# SPDX-License-Identifier: EUPL-1.2
"""Vectorised date helpers agree with plain Python."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from verkeerstoren.synth.dates import add_months, day, iso
from verkeerstoren.synth.generator import last_overdue_received


def test_month_end_clips() -> None:
    days = np.array([day(date(2019, 8, 31)), day(date(2019, 7, 31)), day(date(2019, 2, 28))])
    assert iso(add_months(days, 6)) == ["2020-02-29", "2020-01-31", "2019-08-28"]
    assert iso(np.array([np.datetime64("NaT", "D")])) == [""]


@given(st.lists(st.dates(date(2010, 1, 1), date(2030, 12, 31)), min_size=1, max_size=20))
def test_add_months_matches_python(dates: list[date]) -> None:
    ref = _py_add_months
    got = iso(add_months(np.array([day(d) for d in dates]), 6))
    assert got == [ref(d, 6).isoformat() for d in dates]


def test_last_overdue_received(add_months: Callable[[date, int], date]) -> None:
    """Received 2019-07-30 is past its term on 2020-01-31; received 2019-07-31 is not."""
    d = last_overdue_received(date(2020, 1, 31))
    assert d == date(2019, 7, 30)
    assert add_months(d, 6) < date(2020, 1, 31) <= add_months(date(2019, 7, 31), 6)


def _py_add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    for dd in (d.day, 30, 29, 28):
        try:
            return date(d.year + y, m + 1, dd)
        except ValueError:
            continue
    raise AssertionError("unreachable")
