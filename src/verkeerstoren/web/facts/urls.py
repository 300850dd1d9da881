# SPDX-License-Identifier: EUPL-1.2
"""URLs of the fact forms. No personal data in them: cases by reference, events by id.

Included before the register's URLs, so that ``cases/new/`` is the new-application page and
not a case with the reference "new".
"""

from django.urls import path

from . import views

urlpatterns = [
    path("cases/new/", views.new_application, name="facts_new_application"),
    path("cases/<str:reference>/events/<str:kind>/", views.record_event, name="facts_record_event"),
    path(
        "cases/<str:reference>/events/<int:pk>/correction/",
        views.correct_event,
        name="facts_correct_event",
    ),
    path("cases/<str:reference>/status/", views.change_status, name="facts_change_status"),
    path(
        "cases/<str:reference>/dossier/<str:kind>/complete/",
        views.complete_item,
        name="facts_complete_item",
    ),
    path("cases/<str:reference>/hearing-mode/", views.hearing_mode, name="facts_hearing_mode"),
]
