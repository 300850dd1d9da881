# SPDX-License-Identifier: EUPL-1.2
"""A plain column table: the unit the generator hands to the writer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Table:
    """One import file: its name (without ``.csv``), header and columns of cell strings."""

    name: str
    columns: tuple[str, ...]
    data: tuple[list[str], ...]

    def __post_init__(self) -> None:
        if len(self.columns) != len(self.data):
            raise ValueError(f"{self.name}: {len(self.columns)} columns, {len(self.data)} lists")
        lengths = {len(col) for col in self.data}
        if len(lengths) > 1:
            raise ValueError(f"{self.name}: columns of unequal length {sorted(lengths)}")

    def __len__(self) -> int:
        return len(self.data[0]) if self.data else 0

    def column(self, name: str) -> list[str]:
        """The cells of one column."""
        return self.data[self.columns.index(name)]


def table_from_rows(name: str, columns: tuple[str, ...], rows: Sequence[Sequence[str]]) -> Table:
    """Build a table from row tuples (convenient for the small reference tables)."""
    data = tuple([row[i] for row in rows] for i in range(len(columns)))
    return Table(name, columns, data)
