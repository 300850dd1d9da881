# SPDX-License-Identifier: EUPL-1.2
"""The login page with the organisation sign-in, and the OIDC addresses under ``/oidc/``.

The OIDC views answer 404 unless the settings enable OIDC (``VERKEERSTOREN_OIDC``, see
``oidc_config``); they are checked at request time, before the library reads its settings.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from mozilla_django_oidc import views as oidc_views


def oidc_enabled() -> bool:
    return bool(getattr(settings, "VERKEERSTOREN_OIDC", False))


class LoginView(auth_views.LoginView):
    """Django's login (local accounts), offering the organisation sign-in when OIDC is on."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc_enabled()
        context["oidc_failed"] = oidc_enabled() and self.request.GET.get("oidc") == "failed"
        return context


class CallbackView(oidc_views.OIDCAuthenticationCallbackView):  # type: ignore[misc]  # untyped
    """Back from the provider: signed in, or to the login page with a message."""

    @property
    def failure_url(self) -> str:
        return reverse("login") + "?oidc=failed"


def _enabled_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not oidc_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


# The library reverses these names (redirect_uri, its templates): keep them as they are.
urlpatterns = [
    path(
        "authenticate/",
        _enabled_only(oidc_views.OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
    path("callback/", _enabled_only(CallbackView.as_view()), name="oidc_authentication_callback"),
]
