# SPDX-License-Identifier: EUPL-1.2
"""One trace id per request, for the access log and the response (Logboek Dataverwerkingen).

Every access-log row written while handling a request carries the request's trace id, so the
rows of one page view belong together; the response names it in a W3C ``traceparent`` header
and in ``X-Trace-Id``, so a user's report of a page can be matched with its log rows. An
incoming ``traceparent`` is not trusted: a client could otherwise choose the trace id of its
own log rows.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from verkeerstoren.cases.access import new_trace_id


class TraceIdMiddleware:
    """Set ``request.trace_id`` (32 hex digits) and return it in the response headers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        trace_id = new_trace_id()
        request.trace_id = trace_id  # type: ignore[attr-defined]
        response = self.get_response(request)
        # version 00, this server's span, sampled (W3C trace context)
        response["traceparent"] = f"00-{trace_id}-{secrets.token_hex(8)}-01"
        response["X-Trace-Id"] = trace_id
        return response
