# SPDX-License-Identifier: EUPL-1.2
"""Keyed pseudonymisation of the V-number (vreemdelingennummer).

A plain hash of a 10-digit number is reversible by enumeration, so we use HMAC-SHA256 with a secret
key (settings.PSEUDONYM_KEY from the environment). The plain V-number is never stored or logged.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings

V_NUMBER_RE = re.compile(r"^\d{10}$")


class InvalidVNumber(ValueError):
    """The value is not a 10-digit V-number (the message never repeats the value)."""


def pseudonymise(v_number: str, key: str | None = None) -> str:
    """Hex HMAC-SHA256 pseudonym of a V-number."""
    cleaned = v_number.strip()
    if not V_NUMBER_RE.match(cleaned):
        raise InvalidVNumber("V-number must be 10 digits")
    secret = (key if key is not None else settings.PSEUDONYM_KEY).encode()
    return hmac.new(secret, cleaned.encode(), hashlib.sha256).hexdigest()
