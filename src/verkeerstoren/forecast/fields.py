# SPDX-License-Identifier: EUPL-1.2
"""Typed access to a parsed JSON object that reports errors by field path.

Every error names the dotted path of the offending field (``capacity.staff[2].headcount``) so a
user can find it in the file; unknown keys are errors because a typo must not silently fall back
to a default. Keys starting with ``_`` are comments and ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Final

from verkeerstoren.jsonin import JsonInputError, check_date
from verkeerstoren.weeks import week_of

# Week numbers beyond the dates a scenario may name (1900..2100) are typos.
MAX_WEEK_REF = 11_000


class ScenarioError(ValueError):
    """A scenario field is missing or invalid; ``field`` is its dotted path."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"field '{field}': {message}")
        self.field = field
        self.message = message


class _Missing:
    """Sentinel type for 'no default given'."""


MISSING: Final = _Missing()


def join(path: str, key: str | int) -> str:
    """The dotted path of ``key`` inside ``path`` (list indices in brackets)."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Fields:
    """A JSON object being read; remembers which keys were used."""

    def __init__(self, data: object, path: str) -> None:
        if not isinstance(data, dict):
            raise ScenarioError(path or "(root)", "must be a JSON object")
        self.data: dict[str, object] = data
        self.path = path
        self._used: set[str] = set()

    def has(self, key: str) -> bool:
        """Whether ``key`` is present and not null."""
        return self.data.get(key) is not None

    def path_of(self, key: str | int) -> str:
        """Dotted path of a key of this object."""
        return join(self.path, key)

    def raw(self, key: str, default: object = MISSING) -> object:
        """The value of ``key`` as parsed; an error if missing and no default."""
        self._used.add(key)
        value = self.data.get(key)
        if value is None:
            if isinstance(default, _Missing):
                raise ScenarioError(self.path_of(key), "is required")
            return default
        return value

    def number(
        self,
        key: str,
        default: float | _Missing = MISSING,
        *,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float:
        """A number (int or float), optionally bounded."""
        value = self.raw(key, default)
        return check_number(value, self.path_of(key), minimum=minimum, maximum=maximum)

    def integer(
        self,
        key: str,
        default: int | _Missing = MISSING,
        *,
        minimum: int | None = None,
        maximum: int | None = None,
    ) -> int:
        """A whole number, optionally bounded."""
        value = self.raw(key, default)
        where = self.path_of(key)
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                raise ScenarioError(where, "must be a whole number")
        check_number(value, where, minimum=minimum, maximum=maximum)
        return int(value)

    def string(self, key: str, default: str | _Missing = MISSING) -> str:
        """A string."""
        value = self.raw(key, default)
        if not isinstance(value, str):
            raise ScenarioError(self.path_of(key), "must be a string")
        return value

    def boolean(self, key: str, default: bool | _Missing = MISSING) -> bool:
        """A JSON boolean."""
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise ScenarioError(self.path_of(key), "must be true or false")
        return value

    def choice(self, key: str, options: tuple[str, ...], default: str | _Missing = MISSING) -> str:
        """A string from a fixed set."""
        value = self.string(key, default)
        if value not in options:
            raise ScenarioError(self.path_of(key), f"must be one of {', '.join(options)}")
        return value

    def day(self, key: str, default: date | _Missing | None = MISSING) -> date | None:
        """A date ``YYYY-MM-DD`` (or the default, which may be None)."""
        self._used.add(key)
        if key not in self.data or self.data[key] is None:
            if isinstance(default, _Missing):
                raise ScenarioError(self.path_of(key), "is required")
            return default
        return parse_date(self.data[key], self.path_of(key))

    def week(self, key: str, start: date, default: int | _Missing | None = MISSING) -> int | None:
        """A week index from the scenario start: a whole number or a date (floored to its week)."""
        value = self.raw(key, default)
        if value is None:
            return None
        return week_ref(value, self.path_of(key), start)

    def sub(self, key: str) -> Fields | None:
        """A nested object, or None when absent."""
        value = self.raw(key, None)
        return None if value is None else Fields(value, self.path_of(key))

    def items(
        self, key: str, default: list[object] | _Missing = MISSING
    ) -> Iterator[tuple[str, object]]:
        """(path, value) for each element of a JSON array."""
        value = self.raw(key, default)
        if not isinstance(value, list):
            raise ScenarioError(self.path_of(key), "must be a list")
        for index, item in enumerate(value):
            yield join(self.path_of(key), index), item

    def done(self) -> None:
        """Reject keys that were never read (typos), except ``_comment``-style keys."""
        for key in self.data:
            if key not in self._used and not key.startswith("_"):
                raise ScenarioError(self.path_of(key), "unknown field")


def check_number(
    value: object, where: str, *, minimum: float | None = None, maximum: float | None = None
) -> float:
    """Check that ``value`` is a finite JSON number within bounds and return it as float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScenarioError(where, "must be a number")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ScenarioError(where, "must be finite")
    if minimum is not None and number < minimum:
        raise ScenarioError(where, f"must be >= {_fmt(minimum)}")
    if maximum is not None and number > maximum:
        raise ScenarioError(where, f"must be <= {_fmt(maximum)}")
    return number


def parse_date(value: object, where: str) -> date:
    """A ``YYYY-MM-DD`` string as a date."""
    if not isinstance(value, str):
        raise ScenarioError(where, "must be a date YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise ScenarioError(where, "must be a date YYYY-MM-DD") from None
    try:
        return check_date(where, parsed)
    except JsonInputError as exc:
        raise ScenarioError(where, exc.message) from None


def week_ref(value: object, where: str, start: date) -> int:
    """A week index: a whole number of weeks from the start, or a date in that week."""
    if isinstance(value, str):
        return week_of(start, parse_date(value, where))
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScenarioError(where, "must be a week number or a date YYYY-MM-DD")
    check_number(value, where, minimum=-MAX_WEEK_REF, maximum=MAX_WEEK_REF)
    return value


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)
