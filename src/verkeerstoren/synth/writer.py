# SPDX-License-Identifier: EUPL-1.2
"""Write a register as the CSV import files of docs/formats.md (UTF-8, header row, ``\\n``)."""

from __future__ import annotations

import csv
from pathlib import Path

from verkeerstoren.synth.tables import Table


def write_table(table: Table, out_dir: Path) -> Path:
    """Write one table to ``out_dir/<name>.csv`` and return the path."""
    path = out_dir / f"{table.name}.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows(zip(*table.data, strict=True))
    return path


def write_register(tables: tuple[Table, ...] | list[Table], out_dir: Path) -> list[Path]:
    """Write every table into ``out_dir`` (created if missing), in import order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_table(table, out_dir) for table in tables]
