# SPDX-License-Identifier: EUPL-1.2
"""Calling the API in tests: a token for a user, a request with a JSON body, the problem body.

``call(client, "POST", "/cases/X/legal-events", token, {...}, if_match='"3"')`` sends JSON with
``Authorization: Bearer <token>`` to ``/api/v1`` + path; ``problem(response)`` checks that the
answer is problem+json with the status it says and returns its body.
"""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from verkeerstoren.api.tokens import create_token

API = "/api/v1"
PROBLEM_JSON = "application/problem+json"


def token_for(user: Any) -> str:
    return create_token(user)[1]


def call(
    client: Client,
    method: str,
    path: str,
    token: str | None = None,
    body: Any = None,
    *,
    raw: bytes | str | None = None,
    content_type: str = "application/json",
    **headers: str,
) -> Any:
    """One request to the API; ``raw`` sends the body as it is."""
    if token is not None:
        headers.setdefault("Authorization", f"Bearer {token}")
    headers = {k.replace("_", "-"): v for k, v in headers.items()}
    data: Any = raw if raw is not None else (None if body is None else json.dumps(body))
    kwargs: dict[str, Any] = {"headers": headers}
    if data is not None:
        kwargs["data"] = data
        kwargs["content_type"] = content_type
    return client.generic(method, API + path, **kwargs)


def problem(response: Any, status: int) -> dict[str, Any]:
    """The problem document of ``response``, checked to be problem+json with ``status``."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith(PROBLEM_JSON), response["Content-Type"]
    body: dict[str, Any] = json.loads(response.content)
    assert body["status"] == status
    assert body["title"] and isinstance(body["detail"], str) and body["detail"]
    assert body["type"] == "about:blank"
    return body


def invalid_names(body: dict[str, Any]) -> set[str]:
    return {p["name"] for p in body.get("invalidParams", [])}
