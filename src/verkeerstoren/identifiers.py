# SPDX-License-Identifier: EUPL-1.2
"""What looks like a personal identifier in free text (pure; one rule for import, search and forms).

A V-number (vreemdelingennummer) is ten digits. People write it as ``V1234567890``,
``1234 567 890``, ``1234-567-890`` or ``1234.567.890``; all of them are refused wherever free text
or a search term goes, so that the number never reaches a page, a URL, a log or the access log.
"""

from __future__ import annotations

import re

# Ten digits, optionally after a V, optionally grouped by single spaces, dashes or dots.
_V_NUMBER_LIKE = re.compile(r"(?<![\d])[Vv]?\s?(?:\d[\s.\-]?){9}\d(?![\d])")
# Control characters (NUL included) have no place in register text; tab and newline neither.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def looks_like_v_number(text: str) -> bool:
    """True when ``text`` contains something that may be a V-number."""
    return bool(_V_NUMBER_LIKE.search(text))


def has_control_characters(text: str) -> bool:
    """True when ``text`` holds a NUL byte or another control character."""
    return bool(_CONTROL.search(text))


REDACTED = "[V-number]"


def redact(text: str) -> str:
    """``text`` with everything that may be a V-number replaced by a marker."""
    return _V_NUMBER_LIKE.sub(REDACTED, text)
