# SPDX-License-Identifier: EUPL-1.2
"""Cell parsers: each returns the typed value or raises ValueError with a message that names
the expected form but not a personal value (V-numbers must never reach an error message)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from typing import Any

from verkeerstoren.identifiers import has_control_characters, looks_like_v_number

Parser = Callable[[str], Any]

# Dates the register accepts: anything else is a typing error, and far dates break the law
# engine's calendars (docs/formats.md, "Limits").
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)

TRUE = {"true", "1", "yes", "ja", "y", "j"}
FALSE = {"false", "0", "no", "nee", "n", ""}


@lru_cache(maxsize=65536)  # registers repeat the same few thousand dates many times
def parse_date(text: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not a valid date (YYYY-MM-DD): '{_shown(text)}'") from None
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"date outside {EARLIEST.isoformat()}..{LATEST.isoformat()}: '{text}'")
    return day


def _shown(text: str) -> str:
    """The cell as an error message may repeat it: never a V-number or control characters."""
    if looks_like_v_number(text) or has_control_characters(text) or len(text) > 40:
        return "(value not shown)"
    return text


def parse_bool(text: str) -> bool:
    t = text.strip().lower()
    if t in TRUE:
        return True
    if t in FALSE:
        return False
    raise ValueError(f"not a boolean (true/false): '{_shown(text)}'")


def parse_decimal(text: str) -> Decimal:
    """A number >= 0 (any size; the columns use :func:`decimal_upto` for their range)."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"not a number: '{_shown(text)}'") from None
    if not value.is_finite() or value < 0:
        raise ValueError(f"must be a number >= 0: '{_shown(text)}'")
    return value


def decimal_upto(maximum: int) -> Parser:
    """A number from 0 to ``maximum``: out-of-range amounts are typing errors, not facts."""

    def parse(text: str) -> Decimal:
        value = parse_decimal(text)
        if value > maximum:
            raise ValueError(f"must be at most {maximum:,}: '{_shown(text)}'")
        return value

    return parse


def parse_int(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"not a whole number: '{_shown(text)}'") from None
    if value < 0:
        raise ValueError(f"must be >= 0: '{_shown(text)}'")
    return value


def int_upto(maximum: int) -> Parser:
    """A whole number from 0 to ``maximum``."""

    def parse(text: str) -> int:
        value = parse_int(text)
        if value > maximum:
            raise ValueError(f"must be at most {maximum:,}: '{_shown(text)}'")
        return value

    return parse


def parse_text(max_length: int) -> Parser:
    def parse(text: str) -> str:
        t = text.strip()
        if len(t) > max_length:
            raise ValueError(f"longer than {max_length} characters")
        if has_control_characters(t):
            raise ValueError("contains a control character (such as a NUL byte)")
        if looks_like_v_number(t):
            raise ValueError("looks like a V-number; V-numbers belong in the v_number column only")
        return t

    return parse


def parse_enum(enum: type[StrEnum]) -> Parser:
    allowed = {m.value for m in enum}
    by_lower = {m.value.lower(): m.value for m in enum}

    def parse(text: str) -> str:
        t = text.strip()
        if t in allowed:
            return t
        if t.lower() in by_lower:
            return by_lower[t.lower()]
        raise ValueError(
            f"unknown value '{_shown(t)}'; expected one of: {', '.join(sorted(allowed))}"
        )

    return parse


def parse_enum_list(enum: type[StrEnum]) -> Parser:
    one = parse_enum(enum)

    def parse(text: str) -> list[str]:
        return sorted({one(part) for part in text.split(";") if part.strip()})

    return parse


def parse_code_list(text: str) -> str:
    parts = [p.strip() for p in text.split(";") if p.strip()]
    if not parts:
        raise ValueError("needs at least one code")
    if any(has_control_characters(p) or len(p) > 16 for p in parts):
        raise ValueError("each code: at most 16 characters, no control characters")
    return ";".join(parts)
