# SPDX-License-Identifier: EUPL-1.2
"""Bounded JSON input: size, nesting, number and character checks around ``json.loads``.

Every JSON document from outside (files, stdin, form fields) is read with :func:`loads`. Python's
``json`` recurses once per nesting level (RecursionError near 1,000 levels), turns ``1e400`` into
infinity, accepts ``NaN`` and ``Infinity``, and accepts ``\\u0000`` and lone surrogates in
strings. Each of these is refused here with one error type, :class:`JsonInputError`, whose
message names the line or field and the limit. The nesting depth is counted by a scan of the text
before parsing, so a deep document never reaches the recursive parser.

:func:`check_range` and :func:`check_date` are the shared range checks for fields read from
such documents.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from typing import Any

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "MAX_DATE",
    "MAX_INT",
    "MIN_DATE",
    "JsonInputError",
    "check_date",
    "check_range",
    "loads",
]

# No document of the project nests deeper than about eight levels.
DEFAULT_MAX_DEPTH = 64
# The parser recurses once per level; well below Python's default recursion limit of 1,000.
_DEPTH_CEILING = 200
# Whole numbers must fit a signed 64-bit integer (NumPy arrays, database columns).
MAX_INT = 2**63 - 1
# Dates of asylum cases, rulings and forecasts; outside this range a date is a typo.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2100, 12, 31)

# A JSON string token (escapes included) or one structural bracket. Strings are matched whole so
# brackets inside them are not counted; possessive quantifiers keep a failed match linear.
_TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]', re.DOTALL)
_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]++")
_INNER_PAIR = re.compile(r"\[\]|\{\}")
# NUL and UTF-16 surrogate halves: not characters of any text the project stores or prints.
_BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")


class JsonInputError(ValueError):
    """A JSON input is too large, too deep, malformed, or has a value out of range.

    ``what`` names the input (a file, "line 3", a form field), ``line`` or ``field`` the place
    inside it when known, ``message`` the problem with the limit that was exceeded.
    """

    def __init__(
        self, what: str, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        parts = [p for p in (what, None if line is None else f"line {line}") if p]
        if field is not None:
            parts.append(f"field '{field}'")
        super().__init__(": ".join([*parts, message]))
        self.what = what
        self.message = message
        self.line = line
        self.field = field


class _Refused(Exception):
    """Raised inside the parser's hooks; turned into :class:`JsonInputError` by :func:`loads`."""


def check_range(name: str, value: object, lo: float, hi: float) -> float:
    """``value`` when it is a finite number with ``lo <= value <= hi``, else JsonInputError."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise JsonInputError("", f"not a number: {value!r}", field=name)
    if isinstance(value, float) and not math.isfinite(value):
        raise JsonInputError("", f"must be a finite number: {value!r}", field=name)
    if not lo <= value <= hi:
        raise JsonInputError(
            "", f"must be between {_num(lo)} and {_num(hi)}: {value!r}", field=name
        )
    return value


def check_date(name: str, d: date) -> date:
    """``d`` when it lies in 1900-01-01..2100-12-31, else JsonInputError naming ``name``."""
    if not MIN_DATE <= d <= MAX_DATE:
        raise JsonInputError(
            "",
            f"must be between {MIN_DATE.isoformat()} and {MAX_DATE.isoformat()}: {d.isoformat()}",
            field=name,
        )
    return d


def loads(
    data: str | bytes, *, max_bytes: int, max_depth: int = DEFAULT_MAX_DEPTH, what: str = ""
) -> Any:
    """Parse one JSON document within the limits, or raise :class:`JsonInputError`."""
    if not 0 < max_depth <= _DEPTH_CEILING:
        raise ValueError(f"max_depth must be between 1 and {_DEPTH_CEILING}")
    text = _text(data, max_bytes, what)
    bad = _BAD_CHARACTER.search(text)
    if bad:
        raise JsonInputError(what, f"{_describe(bad.group())} at {_where(text, bad.start())}")
    _check_depth(text, max_depth, what)
    try:
        value = json.loads(text, parse_float=_float, parse_int=_int, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise JsonInputError(what, f"invalid JSON at {_where(text, exc.pos)}: {exc.msg}") from None
    except _Refused as exc:
        raise JsonInputError(what, str(exc)) from None
    if "\\u" in text:  # escapes are the only way left for NUL or a surrogate to get in
        _check_strings(value, what)
    return value


def _text(data: str | bytes, max_bytes: int, what: str) -> str:
    # A character takes at least one byte, so a long text is refused before it is encoded.
    too_large = len(data) > max_bytes or (
        isinstance(data, str) and len(data.encode("utf-8", "replace")) > max_bytes
    )
    if too_large:
        raise JsonInputError(what, f"larger than the limit of {max_bytes:,} bytes")
    if isinstance(data, str):
        return data
    try:
        return bytes(data).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JsonInputError(what, f"not UTF-8 text (byte {exc.start})") from None


def _check_depth(text: str, max_depth: int, what: str) -> None:
    """Refuse nesting deeper than ``max_depth``, without parsing (and so without recursion)."""
    # Fast path: keep only the brackets outside strings, then strip innermost pairs; each pass
    # lowers the depth of a well-formed document by one.
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    for _ in range(max_depth):
        if not brackets:
            return
        shorter = _INNER_PAIR.sub("", brackets)
        if len(shorter) == len(brackets):
            break  # unbalanced: the scan below finds the place, or the parser reports it
        brackets = shorter
    if not brackets:
        return
    depth = 0
    for match in _TOKENS.finditer(text):
        char = text[match.start()]
        if char in "[{":
            depth += 1
            if depth > max_depth:
                raise JsonInputError(
                    what,
                    f"nested deeper than the limit of {max_depth} levels "
                    f"at {_where(text, match.start())}",
                )
        elif char in "]}":
            depth -= 1


def _check_strings(value: Any, what: str) -> None:
    """Refuse NUL and surrogates in decoded strings and keys (iteratively: no recursion)."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            _check_string(item, path, what)
        elif isinstance(item, dict):
            for key, child in item.items():
                child_path = f"{path}.{key}" if path else key
                _check_string(key, child_path, what)
                stack.append((child_path, child))
        elif isinstance(item, list):
            stack.extend((f"{path}[{i}]", child) for i, child in enumerate(item))


def _check_string(text: str, path: str, what: str) -> None:
    bad = _BAD_CHARACTER.search(text)
    if bad:
        raise JsonInputError(what, f"{_describe(bad.group())} in a string", field=path or "(root)")


def _describe(char: str) -> str:
    return "NUL character" if char == "\x00" else "lone surrogate (not a Unicode character)"


def _float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _Refused(f"number out of range (beyond the largest float): {literal}")
    return value


def _int(literal: str) -> int:
    # The length check comes first: int() of a very long digit string is slow or refused.
    if len(literal.lstrip("-")) > 19 or abs(int(literal)) > MAX_INT:
        shown = literal if len(literal) <= 40 else f"{literal[:20]}... ({len(literal)} digits)"
        raise _Refused(f"number out of range (more than {MAX_INT:,} in size): {shown}")
    return int(literal)


def _constant(name: str) -> float:
    raise _Refused(f"{name} is not a JSON number")


def _where(text: str, pos: int) -> str:
    """'line L column C', or 'column C' for a one-line document (a JSON Lines record)."""
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"column {column}" if "\n" not in text.rstrip("\n") else f"line {line} column {column}"


def _num(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else str(x)
