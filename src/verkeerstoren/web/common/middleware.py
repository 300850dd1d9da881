# SPDX-License-Identifier: EUPL-1.2
"""Language selection: Dutch unless the user chose otherwise with the language switch."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """LocaleMiddleware without Accept-Language negotiation.

    Django's LocaleMiddleware follows the browser's Accept-Language, so an officer with an
    English browser would get English pages. The register's working language is Dutch; only
    the language cookie (set by the switch in the header, i18n set_language) changes it.
    To use: put "verkeerstoren.web.common.middleware.ChosenLanguageMiddleware" in settings.MIDDLEWARE
    in place of "django.middleware.locale.LocaleMiddleware".
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        super().__init__(get_response)
        self.supported = {code for code, _ in settings.LANGUAGES}

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
