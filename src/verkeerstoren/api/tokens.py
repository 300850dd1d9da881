# SPDX-License-Identifier: EUPL-1.2
"""API tokens: create one for a user, revoke all of a user's tokens; both in the history.

The token itself is shown once, to whoever creates it; only its hash is stored (knox). Each
create and revoke is a history row of ``AuthToken`` (``api.models``) with the acting user (None
for the CLI, which runs as the system) and the reason.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from knox.models import AuthToken, get_digest_token, get_expiry
from knox.settings import CONSTANTS, knox_settings

from verkeerstoren.cases.audit import audited


@transaction.atomic
def create_token(
    user: Any, *, by: Any = None, ttl: timedelta | None = None
) -> tuple[AuthToken, str]:
    """A new token for ``user`` valid for ``ttl`` (default REST_KNOX["TOKEN_TTL"]); returns the
    stored row and the token text, which is not kept anywhere."""
    digest, token = get_digest_token()
    row = AuthToken(
        digest=digest,
        token_key=token[: CONSTANTS.TOKEN_KEY_LENGTH],
        user=user,
        expiry=get_expiry(ttl or knox_settings.TOKEN_TTL),
    )
    with audited(row, by, "api token created"):
        row.save()
    return row, token


@transaction.atomic
def revoke_tokens(user: Any, *, by: Any = None) -> int:
    """Delete every token of ``user``; returns how many there were."""
    rows = list(AuthToken.objects.filter(user=user))
    for row in rows:
        with audited(row, by, "api token revoked"):
            row.delete()
    return len(rows)
