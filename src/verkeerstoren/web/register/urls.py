# SPDX-License-Identifier: EUPL-1.2
"""URLs of the register pages: the overview (home), the case list and a case."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<str:reference>/", views.case_detail, name="case_detail"),
]
