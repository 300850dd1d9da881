# SPDX-License-Identifier: EUPL-1.2
"""Fixtures of the synthetic-data tests: one tf2020 register (seed 1) written once per session."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from verkeerstoren.synth import generate_tf2020, write_register

Rows = list[dict[str, str]]


@pytest.fixture(scope="session")
def tf2020_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Directory with the tf2020 import files for seed 1 at the default snapshot."""
    out = tmp_path_factory.mktemp("tf2020_seed1")
    write_register(generate_tf2020(seed=1).tables, out)
    return out


@pytest.fixture(scope="session")
def load(tf2020_dir: Path) -> Callable[[str], Rows]:
    """Read one written file as dict rows (cached)."""
    cache: dict[str, Rows] = {}

    def read(name: str) -> Rows:
        if name not in cache:
            with (tf2020_dir / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
                cache[name] = list(csv.DictReader(fh))
        return cache[name]

    return read


@pytest.fixture(scope="session")
def header(tf2020_dir: Path) -> Callable[[str], list[str]]:
    """The header row of one written file."""

    def read(name: str) -> list[str]:
        with (tf2020_dir / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            return next(csv.reader(fh))

    return read


def _add_months(d: date, months: int) -> date:
    """Plain calendar-month addition, clipping to the month end (the tests' own reference)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def add_months() -> Callable[[date, int], date]:
    """``add_months(d, n)``: d plus n calendar months (2019-08-31 + 6 = 2020-02-29)."""
    return _add_months
