# SPDX-License-Identifier: EUPL-1.2
"""System checks that stop the app from starting with keys that do not protect real data.

Outside the demo (``VERKEERSTOREN_DEMO=1``, set by ``verkeerstoren demo``) both the Django secret
key and the V-number pseudonym key must be set from the environment and be strong: with the
public demo key a pseudonym can be reversed to its V-number by trying all 10^10 numbers (a few
core-hours of HMAC).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

MIN_KEY_LENGTH = 32  # characters; an HMAC key should carry at least 128 bits of secret
# Django's own deploy check (security.W009) wants 50 characters of a secret key; so do we.
MIN_SECRET_KEY_LENGTH = 50
MIN_DISTINCT = 10  # distinct characters: refuses "aaaa…" and "1234…1234" padding


def weak_key_reason(key: str, known: Sequence[str], min_length: int = MIN_KEY_LENGTH) -> str | None:
    """Why ``key`` may not protect real data, or None when it may."""
    if not key:
        return "it is not set"
    if key in known:
        return "it is the public demo value"
    if len(key) < min_length:
        return f"it is shorter than {min_length} characters"
    if len(set(key)) < MIN_DISTINCT:
        return f"it has fewer than {MIN_DISTINCT} different characters"
    return None


@register(Tags.security)
def check_keys(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Error verkeerstoren.E001 / E002 for a weak secret or pseudonym key outside the demo."""
    if settings.VERKEERSTOREN_DEMO:
        return []
    keys = (
        (
            "DJANGO_SECRET_KEY",
            settings.SECRET_KEY,
            settings.DEV_SECRET_KEY,
            MIN_SECRET_KEY_LENGTH,
            "Set DJANGO_SECRET_KEY to a random value of 50 characters, e.g. "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`, "
            "or set VERKEERSTOREN_DEMO=1 for the demo with synthetic data only.",
            "verkeerstoren.E001",
        ),
        (
            "VERKEERSTOREN_PSEUDONYM_KEY",
            settings.PSEUDONYM_KEY,
            settings.DEV_PSEUDONYM_KEY,
            MIN_KEY_LENGTH,
            "Set VERKEERSTOREN_PSEUDONYM_KEY to a random value of at least 32 "
            "characters and keep it secret (docs/privacy.md: key rotation).",
            "verkeerstoren.E002",
        ),
    )
    errors: list[CheckMessage] = []
    for name, key, demo_key, min_length, hint, check_id in keys:
        reason = weak_key_reason(key, [demo_key], min_length)
        if reason:
            errors.append(Error(f"{name} may not be used: {reason}.", hint=hint, id=check_id))
    return errors


class WeakKeys(Exception):
    """The keys may not protect real data; the message lists each problem and its remedy."""


def refuse_weak_keys() -> None:
    """Raise :class:`WeakKeys` where the key checks fail: for entry points that run no checks
    of their own (the WSGI application, the CLI's register commands)."""
    errors = check_keys()
    if errors:
        raise WeakKeys("\n".join(f"{e.id}: {e.msg} {e.hint}" for e in errors))
