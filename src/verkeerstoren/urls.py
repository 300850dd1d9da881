# SPDX-License-Identifier: EUPL-1.2
"""URL configuration. No personal identifiers in URLs: cases are addressed by reference."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    # Before the web's patterns; the API's own 404s and 500s are problem+json (api/problems.py).
    path("api/v1/", include("verkeerstoren.api.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("verkeerstoren.web.urls")),
]

handler400 = "verkeerstoren.api.problems.bad_request"
handler403 = "verkeerstoren.api.problems.permission_denied"
handler404 = "verkeerstoren.api.problems.page_not_found"
handler500 = "verkeerstoren.api.problems.server_error"
