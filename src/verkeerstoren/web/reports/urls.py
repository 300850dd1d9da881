# SPDX-License-Identifier: EUPL-1.2
"""URLs of the report pages (included under /reports/ by web/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("new/", views.report_new, name="report_new"),
    path("<int:pk>/", views.report_version, name="report_version"),
    path("<int:pk>/status/", views.report_status, name="report_status"),
    path("<int:pk>/retry/", views.report_retry, name="report_retry"),
    path("<int:pk>/download/<str:fmt>/", views.report_download, name="report_download"),
]
