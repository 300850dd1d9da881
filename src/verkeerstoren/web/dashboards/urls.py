# SPDX-License-Identifier: EUPL-1.2
"""URLs of the chain dashboards: one page per partner."""

from django.urls import path

from . import views

urlpatterns = [
    path("coa/", views.coa, name="dashboard_coa"),
    path("dtv/", views.dtv, name="dashboard_dtv"),
    path("management/", views.management, name="dashboard_management"),
]
