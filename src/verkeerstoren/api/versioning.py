# SPDX-License-Identifier: EUPL-1.2
"""The ``API-Version`` header (NLGov API-57): the full semantic version on every API response."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from verkeerstoren import __version__

API_PREFIX = "/api/"
VERSION_HEADER = "API-Version"


class ApiVersionMiddleware:
    """Adds ``API-Version`` to every response under /api/, errors and 404s included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(API_PREFIX):
            response[VERSION_HEADER] = __version__
        return response
