# SPDX-License-Identifier: EUPL-1.2
"""The small GAP instances kept in the repository (tests/data/gap) and their reference values."""

from __future__ import annotations

import csv
from pathlib import Path

GAP_DATA = Path(__file__).resolve().parents[2] / "data" / "gap"


def gap_dir() -> Path:
    """The folder of the test instances."""
    return GAP_DATA


def reference(path: str) -> tuple[float, float | None]:
    """(best known value, proven optimum or None) for an instance path like 'chu1997/d05100'."""
    with (GAP_DATA / "data.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["Path"] == path:
                opt = row["Optimum"]
                return float(row["Best known solution value"]), float(opt) if opt else None
    raise AssertionError(f"{path} not in tests/data/gap/data.csv")
