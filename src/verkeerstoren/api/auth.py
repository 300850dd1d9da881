# SPDX-License-Identifier: EUPL-1.2
"""Bearer tokens (django-rest-knox: hashed at rest, revocable) and who an API request is.

A token authenticates as its user, and the user's roles decide what the token may see and do,
exactly as in the web app (``verkeerstoren.access``). There is no session authentication on the
API, so a browser's session cookie never authorises an API call (no CSRF exposure).
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from rest_framework.request import Request

from verkeerstoren.cases.access import API, Actor, actor_for_user, new_trace_id, session_hash


class BearerTokenAuthentication(TokenAuthentication):  # type: ignore[misc]
    """``Authorization: Bearer <token>`` (REST_KNOX["AUTH_HEADER_PREFIX"])."""


class BearerScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """Documents the tokens as the standard HTTP bearer scheme."""

    target_class = BearerTokenAuthentication
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from `verkeerstoren token create USERNAME`.",
        }


def actor_for_api(request: Request) -> Actor:
    """The access log's actor of an API request: the token's user, via ``api``.

    The session column holds a keyed hash of the token's key, so the rows of one token belong
    together without storing anything that authenticates.
    """
    cached = getattr(request, "_api_actor", None)
    if isinstance(cached, Actor):
        return cached
    raw = request._request
    token = getattr(request, "auth", None)
    actor = actor_for_user(
        request.user,
        session=session_hash(getattr(token, "token_key", None)),
        ip=get_client_ip_address(raw) or None,
        trace_id=getattr(raw, "trace_id", "") or new_trace_id(),
        via=API,
    )
    request._api_actor = actor
    return actor
