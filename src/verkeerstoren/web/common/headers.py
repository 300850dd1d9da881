# SPDX-License-Identifier: EUPL-1.2
"""No browser or proxy keeps a copy of a page: every response but a static file is ``no-store``.

Almost every page and fragment shows personal data (cases, plans, audit trail) or a form with a
CSRF token, so the rule is simple rather than per view: only the static files (CSS, JavaScript,
fonts), which WhiteNoise serves before this middleware runs and which carry nothing personal,
may be cached.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class NoStoreMiddleware:
    """Set ``Cache-Control: no-store`` and ``Pragma: no-cache`` on every non-static response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.static_prefix = "/" + str(settings.STATIC_URL).lstrip("/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(self.static_prefix):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response
