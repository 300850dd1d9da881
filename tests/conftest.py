"""Shared test configuration.

Integration tests run against whatever DATABASE_URL names (SQLite by default, PostgreSQL in CI);
`./dev test` runs them on both.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
