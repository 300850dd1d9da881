# SPDX-License-Identifier: EUPL-1.2
"""Django admin for reference data (locations, teams, staff, rooms, interpreters, lawyers, firms).

Cases are deliberately absent: they change through services (one place per state change, with
its audit record) and imports, never by editing rows by hand. SimpleHistoryAdmin adds the
"History" view, so every edit of reference data shows who changed what and when. The access log
is shown read-only: it is append-only (cases.models.AccessLog).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Absence,
    AccessLog,
    ExternalFirm,
    HearingRoom,
    Interpreter,
    Lawyer,
    Location,
    Staff,
    StaffCompetency,
    Team,
)

admin.site.site_header = _("Verkeerstoren reference data")
admin.site.site_title = _("Verkeerstoren reference data")
admin.site.index_title = _("Reference data")
admin.site.site_url = "/"

if TYPE_CHECKING:
    # simple_history ships no type stubs; type-check our admins as the ModelAdmin it extends.
    HistoryAdmin = admin.ModelAdmin[Any]
    Inline = admin.TabularInline[Any, Any]
else:
    HistoryAdmin = SimpleHistoryAdmin
    Inline = admin.TabularInline


@admin.register(Location)
class LocationAdmin(HistoryAdmin):
    list_display = ("code", "name", "has_hearing_rooms")
    list_filter = ("has_hearing_rooms",)
    search_fields = ("code", "name")


@admin.register(Team)
class TeamAdmin(HistoryAdmin):
    list_display = ("code", "name", "location", "stream", "decision_team")
    list_filter = ("stream", "decision_team", "location")
    list_select_related = ("location",)
    search_fields = ("code", "name")


class StaffCompetencyInline(Inline):
    model = StaffCompetency
    extra = 0


class AbsenceInline(Inline):
    model = Absence
    extra = 0


@admin.register(Staff)
class StaffAdmin(HistoryAdmin):
    list_display = (
        "code",
        "name",
        "team",
        "location",
        "employment_type",
        "hours_per_week",
        "can_hear",
        "can_decide",
    )
    list_filter = ("employment_type", "can_hear", "can_decide", "team", "location")
    # Avoid one query per row for the team and location columns on long staff lists.
    list_select_related = ("team", "location")
    search_fields = ("code", "name")
    inlines = (StaffCompetencyInline, AbsenceInline)


@admin.register(HearingRoom)
class HearingRoomAdmin(HistoryAdmin):
    list_display = ("code", "location", "child_friendly", "video")
    list_filter = ("location", "child_friendly", "video")
    list_select_related = ("location",)
    search_fields = ("code",)


@admin.register(Interpreter)
class InterpreterAdmin(HistoryAdmin):
    list_display = ("code", "languages", "mode", "gender")
    list_filter = ("mode", "gender")
    search_fields = ("code", "languages")


@admin.register(Lawyer)
class LawyerAdmin(HistoryAdmin):
    list_display = ("code", "name", "max_per_day")
    search_fields = ("code", "name")


@admin.register(ExternalFirm)
class ExternalFirmAdmin(HistoryAdmin):
    list_display = ("code", "name", "prep_hours_per_week", "draft_hours_per_week")
    search_fields = ("code", "name")


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin[AccessLog]):
    """Read-only: no add, change or delete, whatever the user's permissions."""

    list_display = ("at", "username", "role", "via", "activity", "action", "object_ref")
    list_filter = ("via", "action", "activity")
    search_fields = ("username", "object_ref", "trace_id")
    date_hierarchy = "at"
    exclude = ("subject", "user")  # the pseudonym is for subject-access requests, not browsing
    readonly_fields = tuple(
        f.name for f in AccessLog._meta.get_fields() if f.name not in {"subject", "user"}
    )

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
