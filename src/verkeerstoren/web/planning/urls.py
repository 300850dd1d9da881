# SPDX-License-Identifier: EUPL-1.2
"""URLs of the planning pages (included under /planning/ by web/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.planning_home, name="planning_home"),
    path("runs/<int:pk>/", views.planning_run, name="planning_run"),
    path("runs/<int:pk>/status/", views.planning_run_status, name="planning_run_status"),
    path("runs/<int:pk>/retry/", views.planning_run_retry, name="planning_run_retry"),
    path("versions/<int:pk>/", views.planning_version, name="planning_version"),
    path("versions/<int:pk>/publish/", views.planning_publish, name="planning_publish"),
    path("versions/<int:pk>/replan/", views.planning_replan, name="planning_replan"),
    path("versions/<int:pk>/pins/", views.planning_pin, name="planning_pin"),
    path(
        "versions/<int:pk>/pins/<int:pin_pk>/remove/",
        views.planning_pin_remove,
        name="planning_pin_remove",
    ),
]
