"""A session ends after an idle period (settings) and, however busy, after an absolute lifetime.

Django's session cookie age with ``SESSION_SAVE_EVERY_REQUEST`` gives the idle timeout; this
middleware adds the absolute limit, so a stolen or forgotten session cannot live on for days.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

STARTED = "verkeerstoren_session_started"


class SessionLifetimeMiddleware:
    """Log out a session older than ``VERKEERSTOREN_SESSION_MAX_SECONDS``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(STARTED, now)
            if now - int(started) > settings.VERKEERSTOREN_SESSION_MAX_SECONDS:
                logout(request)
                return redirect_to_login(request.path)
        return self.get_response(request)
