# SPDX-License-Identifier: EUPL-1.2
"""URLs of the hearing pages (included under /hearings/ by web/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.hearings_home, name="hearings_home"),
    path("runs/<int:pk>/", views.hearings_run, name="hearings_run"),
    path("runs/<int:pk>/status/", views.hearings_run_status, name="hearings_run_status"),
    path("weeks/<str:day>/", views.hearings_week, name="hearings_week"),
    path("<int:pk>/outcome/", views.hearing_outcome, name="hearing_outcome"),
    path("planning-list/", views.hearings_lawyer, name="hearings_lawyer"),
    path("transport/", views.hearings_transport, name="hearings_transport"),
]
