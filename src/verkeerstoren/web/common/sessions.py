# SPDX-License-Identifier: EUPL-1.2
"""A session ends after an idle period (settings) and, however busy, after an absolute lifetime.

The idle timeout is the session cookie age, renewed by activity: this middleware saves the
session (and so pushes its end out by ``SESSION_COOKIE_AGE``) at most once a minute, instead of
on every request as ``SESSION_SAVE_EVERY_REQUEST`` would (a database write per page view). It
also adds the absolute limit, so a stolen or forgotten session cannot live on for days.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

STARTED = "verkeerstoren_session_started"
TOUCHED = "verkeerstoren_session_touched"
TOUCH_EVERY = 60  # seconds: the idle timeout is exact to within this


class SessionLifetimeMiddleware:
    """Renew an active session's idle timeout; log out one older than the absolute limit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.setdefault(STARTED, now)
            if now - int(started) > settings.VERKEERSTOREN_SESSION_MAX_SECONDS:
                logout(request)
                return redirect_to_login(request.path)
            if now - int(request.session.get(TOUCHED, 0)) >= TOUCH_EVERY:
                request.session[TOUCHED] = now  # modified: saved with a renewed expiry
        return self.get_response(request)
