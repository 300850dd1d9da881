# SPDX-License-Identifier: EUPL-1.2
"""Request bodies: JSON read by the project's bounded reader (``verkeerstoren.jsonin``).

Size, nesting depth, numbers and characters are checked before and while parsing, so a huge,
deeply nested or malformed body is a 400 problem, never a RecursionError or a 500. A view may
raise the limits for its own body (``max_body_bytes``, ``max_body_depth``: a forecast scenario).
Keys are kept as sent (lowerCamelCase); ``bodies.Body`` maps them to the serializer's fields.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser

from verkeerstoren.jsonin import JsonInputError, loads

MAX_BODY_BYTES = 64 * 1024  # far above any fact; a scenario has its own limit
MAX_BODY_DEPTH = 8  # bodies of facts are flat objects with at most a list inside


class BoundedJSONParser(BaseParser):  # type: ignore[misc]
    media_type = "application/json"

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: dict[str, Any] | None = None,
    ) -> Any:
        view = (parser_context or {}).get("view")
        max_bytes = int(getattr(view, "max_body_bytes", MAX_BODY_BYTES))
        max_depth = int(getattr(view, "max_body_depth", MAX_BODY_DEPTH))
        data = stream.read(max_bytes + 1) if stream is not None else b""
        try:
            return loads(data, max_bytes=max_bytes, max_depth=max_depth, what="body")
        except JsonInputError as exc:
            raise ParseError(_("The body is not accepted: %(error)s") % {"error": exc}) from None
