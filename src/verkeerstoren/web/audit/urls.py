# SPDX-License-Identifier: EUPL-1.2
"""URLs of the audit trail (included under /audit/ by web/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.trail, name="audit_trail"),
    path("export.csv", views.trail_csv, name="audit_trail_csv"),
]
