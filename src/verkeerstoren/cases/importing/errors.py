# SPDX-License-Identifier: EUPL-1.2
"""Import errors that name file, row and field, and never repeat a personal value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowError:
    """One problem in one cell (row is the 1-based line number in the file, header = 1)."""

    file: str
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row else self.file
        field = f", field '{self.field}'" if self.field else ""
        return f"{where}{field}: {self.message}"


class ImportValidationError(Exception):
    """The import was refused; nothing was written. Holds every error found (up to a limit)."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        more = "" if len(errors) == 1 else f" (and {len(errors) - 1} more)"
        super().__init__(f"{errors[0]}{more}")

    def report(self, limit: int = 20) -> str:
        lines = [str(e) for e in self.errors[:limit]]
        if len(self.errors) > limit:
            lines.append(f"... {len(self.errors) - limit} more errors")
        return "\n".join(lines)
