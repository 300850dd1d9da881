# SPDX-License-Identifier: EUPL-1.2
"""URL configuration. No personal identifiers in URLs: cases are addressed by reference."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("verkeerstoren.web.urls")),
]
