# SPDX-License-Identifier: EUPL-1.2
"""URLs of the intake table (included under /intake-table/ by web/urls.py). Cases by reference;
no personal data in them."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.intake_table, name="intake_table"),
    path("rules/", views.intake_rules, name="intake_rules"),
    path("cases/<str:reference>/confirm/", views.confirm_route, name="intake_confirm"),
    path("cases/<str:reference>/override/", views.override_route, name="intake_override"),
    path("cases/<str:reference>/reception/", views.confirm_reception, name="intake_reception"),
    path(
        "reception-places/<str:location>/",
        views.reception_places,
        name="intake_reception_places",
    ),
]
