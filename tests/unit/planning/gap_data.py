"""Locate the shared GAP benchmark data (fail, never skip, when it is missing)."""

from __future__ import annotations

import csv
from pathlib import Path

GAP_DATA = Path(__file__).parents[3] / ".." / "shared" / "benchmarks" / "gap"


def gap_dir() -> Path:
    """The benchmark folder; raises AssertionError so that a missing copy fails the test."""
    assert GAP_DATA.is_dir(), f"shared GAP benchmark data missing at {GAP_DATA.resolve()}"
    return GAP_DATA


def reference(path: str) -> tuple[float, float | None]:
    """(best known value, proven optimum or None) for an instance path like 'chu1997/c05100'."""
    with (gap_dir() / "data.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["Path"] == path:
                opt = row["Optimum"]
                return float(row["Best known solution value"]), float(opt) if opt else None
    raise AssertionError(f"{path} not in data.csv")
