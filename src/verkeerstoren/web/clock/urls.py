# SPDX-License-Identifier: EUPL-1.2
"""URL of the demo clock (included under /demo-clock/ by web/urls.py)."""

from django.urls import path

from . import views

urlpatterns = [path("advance/", views.clock_advance, name="clock_advance")]
