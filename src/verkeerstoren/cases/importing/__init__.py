# SPDX-License-Identifier: EUPL-1.2
"""Import of the register from CSV/XLSX files (docs/formats.md)."""

from .errors import ImportValidationError, RowError
from .loader import import_path

__all__ = ["ImportValidationError", "RowError", "import_path"]
