"""Cell parsers: each returns the typed value or raises ValueError with a message that names
the expected form but not a personal value (V-numbers must never reach an error message)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from typing import Any

Parser = Callable[[str], Any]

TRUE = {"true", "1", "yes", "ja", "y", "j"}
FALSE = {"false", "0", "no", "nee", "n", ""}


@lru_cache(maxsize=65536)  # registers repeat the same few thousand dates many times
def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"not a valid date (YYYY-MM-DD): '{text}'") from None


def parse_bool(text: str) -> bool:
    t = text.strip().lower()
    if t in TRUE:
        return True
    if t in FALSE:
        return False
    raise ValueError(f"not a boolean (true/false): '{text}'")


def parse_decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"not a number: '{text}'") from None
    if not value.is_finite() or value < 0:
        raise ValueError(f"must be a number >= 0: '{text}'")
    return value


def parse_int(text: str) -> int:
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"not a whole number: '{text}'") from None
    if value < 0:
        raise ValueError(f"must be >= 0: '{text}'")
    return value


def parse_text(max_length: int) -> Parser:
    def parse(text: str) -> str:
        t = text.strip()
        if len(t) > max_length:
            raise ValueError(f"longer than {max_length} characters")
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
        raise ValueError(f"unknown value '{t}'; expected one of: {', '.join(sorted(allowed))}")

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
    return ";".join(parts)
