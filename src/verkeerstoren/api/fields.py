# SPDX-License-Identifier: EUPL-1.2
"""Strict serializer fields: a JSON value of the documented type, or a 400 naming the field.

DRF's own fields coerce (the string "5" for an integer, 1 for true, 12 for a text); an API that
documents types must refuse what does not have them. Texts refuse control characters and
anything that looks like a V-number (free text is never a place for one); codes do not echo
the value sent; dates are ``YYYY-MM-DD`` within 1900..2100; date-times go out in UTC (``Z``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from verkeerstoren.identifiers import has_control_characters, looks_like_v_number
from verkeerstoren.jsonin import MAX_DATE, MIN_DATE

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Text(serializers.CharField):  # type: ignore[misc]
    """A JSON string without control characters; ``screen`` refuses V-numbers in it."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid": _("Not a text."),
        "control": _("Control characters are not allowed."),
        "personal": _("This looks like a V-number; it does not belong in this field."),
    }

    def __init__(self, *, screen: bool = True, **kwargs: Any) -> None:
        self.screen = screen
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        if has_control_characters(data):
            self.fail("control")
        if self.screen and looks_like_v_number(data):
            self.fail("personal")
        value: str = super().to_internal_value(data)
        return value


class Code(serializers.ChoiceField):  # type: ignore[misc]
    """One of a list of codes (a JSON string); the error does not repeat what was sent."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid_choice": _("Not one of the allowed codes.")
    }

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str) or data not in self.choices:
            if data == "" and self.allow_blank:
                return ""
            self.fail("invalid_choice")
        code: str = data
        return code


class Int(serializers.IntegerField):  # type: ignore[misc]
    """A JSON integer (not a string, not a boolean, not 5.0)."""

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("invalid")
        value: int = super().to_internal_value(data)
        return value


class Flag(serializers.BooleanField):  # type: ignore[misc]
    """A JSON true or false."""

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid")
        flag: bool = data
        return flag


class Amount(serializers.DecimalField):  # type: ignore[misc]
    """A JSON number of euros with at most two decimals."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(coerce_to_string=False, **kwargs)

    def to_internal_value(self, data: Any) -> Decimal:
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("invalid")
        value: Decimal = super().to_internal_value(str(data))
        return value


class Day(serializers.DateField):  # type: ignore[misc]
    """A date as ``YYYY-MM-DD`` between 1900-01-01 and 2100-12-31."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid": _("Not a date as YYYY-MM-DD."),
        "range": _("The date lies outside 1900-01-01 to 2100-12-31."),
    }

    def to_internal_value(self, data: Any) -> dt.date:
        if not isinstance(data, str) or not _DAY.match(data):
            self.fail("invalid")
        try:
            day = dt.date.fromisoformat(data)
        except ValueError:
            self.fail("invalid")
        if not MIN_DATE <= day <= MAX_DATE:
            self.fail("range")
        return day


class Utc(serializers.DateTimeField):  # type: ignore[misc]
    """A date-time written in UTC with the offset as ``Z`` (``2026-12-07T12:00:00Z``)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("read_only", True)
        super().__init__(format="%Y-%m-%dT%H:%M:%SZ", default_timezone=dt.UTC, **kwargs)
