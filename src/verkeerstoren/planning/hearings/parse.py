# SPDX-License-Identifier: EUPL-1.2
"""Field readers for the hearing instance: each refusal names the field path and the limit."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NoReturn

MAX_TEXT = 200  # ids, codes and languages are short; a longer text is a mistake


class Reader:
    """Reads typed fields of JSON objects; ``error(message, field=...)`` builds the refusal.

    ``days`` and ``slots`` are set once read, so that slot pairs are checked against them.
    """

    def __init__(self, error: Callable[..., Exception]) -> None:
        self.error = error
        self.days = 1
        self.slots = 1

    def fail(self, field: str, message: str) -> NoReturn:
        """Refuse the input: ``field: message``."""
        raise self.error(f"{field}: {message}" if field else message, field=field)

    @staticmethod
    def path(ctx: str, key: str) -> str:
        """The path of ``key`` inside the object at ``ctx``."""
        return f"{ctx}.{key}" if ctx else key

    def obj(self, value: Any, ctx: str) -> Mapping[str, Any]:
        """``value`` as a JSON object."""
        if not isinstance(value, Mapping):
            self.fail(ctx, "expected an object")
        return value

    def known_keys(self, obj: Mapping[str, Any], ctx: str, keys: Sequence[str]) -> None:
        """Refuse keys outside ``keys``: a misspelt field must not be dropped silently."""
        for key in obj:
            if key not in keys:
                self.fail(self.path(ctx, str(key)), f"unknown field (known: {', '.join(keys)})")

    def array(
        self, obj: Mapping[str, Any], key: str, ctx: str, *, optional: bool = False
    ) -> list[Any]:
        """A JSON list (``[]`` when optional and absent)."""
        value = obj.get(key)
        if value is None and optional:
            return []
        if not isinstance(value, list):
            self.fail(self.path(ctx, key), "expected a list")
        return value

    def whole(
        self,
        obj: Mapping[str, Any],
        key: str,
        ctx: str,
        *,
        lo: int,
        hi: int,
        default: int | None = None,
    ) -> int:
        """A whole number in ``lo..hi``."""
        value = obj.get(key, default)
        field = self.path(ctx, key)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(field, f"expected a whole number, got {_shown(value)}")
        if not lo <= value <= hi:
            self.fail(field, f"must be between {lo:,} and {hi:,}, got {value:,}")
        return value

    def flag(self, obj: Mapping[str, Any], key: str, ctx: str, default: bool) -> bool:
        """true or false."""
        value = obj.get(key, default)
        if not isinstance(value, bool):
            self.fail(self.path(ctx, key), f"expected true or false, got {_shown(value)}")
        return value

    def text(self, obj: Mapping[str, Any], key: str, ctx: str) -> str:
        """A non-empty string of at most MAX_TEXT characters."""
        value = obj.get(key)
        field = self.path(ctx, key)
        if not isinstance(value, str) or not value.strip():
            self.fail(field, f"expected a non-empty string, got {_shown(value)}")
        if len(value) > MAX_TEXT:
            self.fail(field, f"longer than {MAX_TEXT} characters")
        return value

    def optional_text(self, obj: Mapping[str, Any], key: str, ctx: str) -> str | None:
        """A string as :meth:`text`, or None when absent or null."""
        if obj.get(key) is None:
            return None
        return self.text(obj, key, ctx)

    def texts(
        self, obj: Mapping[str, Any], key: str, ctx: str, *, required: bool = False
    ) -> frozenset[str]:
        """A list of strings (codes); at least one when ``required``."""
        items = self.array(obj, key, ctx, optional=not required)
        field = self.path(ctx, key)
        if required and not items:
            self.fail(field, "expected at least one value")
        return frozenset(self._text_at(v, f"{field}[{k}]") for k, v in enumerate(items))

    def _text_at(self, value: Any, field: str) -> str:
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
            self.fail(field, f"expected a non-empty string of at most {MAX_TEXT} characters")
        return value

    def choice(
        self,
        obj: Mapping[str, Any],
        key: str,
        ctx: str,
        allowed: Sequence[str],
        *,
        required: bool = False,
    ) -> str | None:
        """One of ``allowed``, or None when absent or null (unless required)."""
        value = obj.get(key)
        if value is None and not required:
            return None
        if value not in allowed:
            shown = ", ".join(allowed)
            self.fail(self.path(ctx, key), f"expected one of {shown}, got {_shown(value)}")
        return str(value)

    def slots_of(self, obj: Mapping[str, Any], key: str, ctx: str) -> frozenset[tuple[int, int]]:
        """A list of ``[day, slot]`` pairs inside the run."""
        out: set[tuple[int, int]] = set()
        field = self.path(ctx, key)
        for k, pair in enumerate(self.array(obj, key, ctx, optional=True)):
            where = f"{field}[{k}]"
            if not isinstance(pair, list) or len(pair) != 2:
                self.fail(where, "expected a pair [day, slot]")
            day = self._in_range(pair[0], f"{where}[0]", self.days)
            slot = self._in_range(pair[1], f"{where}[1]", self.slots)
            out.add((day, slot))
        return frozenset(out)

    def _in_range(self, value: Any, field: str, size: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(field, f"expected a whole number, got {_shown(value)}")
        if not 0 <= value < size:
            self.fail(field, f"must be between 0 and {size - 1}, got {value:,}")
        return value

    def unique(self, ids: Sequence[str], what: str, field_of: Callable[[int], str]) -> None:
        """Refuse a repeated id, naming the second occurrence."""
        seen: set[str] = set()
        for k, i in enumerate(ids):
            if i in seen:
                self.fail(field_of(k), f"duplicate id {i!r} in {what}")
            seen.add(i)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."
