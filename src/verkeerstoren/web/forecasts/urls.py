# SPDX-License-Identifier: EUPL-1.2
"""URLs of the forecast pages (included under /forecasts/ by web/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.forecast_new, name="forecast_new"),
    path("compare/", views.forecast_compare, name="forecast_compare"),
    path("runs/<int:pk>/", views.forecast_run, name="forecast_run"),
    path("runs/<int:pk>/status/", views.forecast_run_status, name="forecast_run_status"),
    path("runs/<int:pk>/retry/", views.forecast_run_retry, name="forecast_run_retry"),
]
