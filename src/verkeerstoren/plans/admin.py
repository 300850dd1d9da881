# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest

from .models import PlanRun, PlanVersion

if TYPE_CHECKING:
    RunAdminBase = admin.ModelAdmin[PlanRun]
    VersionAdminBase = admin.ModelAdmin[PlanVersion]
else:
    RunAdminBase = VersionAdminBase = admin.ModelAdmin


@admin.register(PlanRun)
class PlanRunAdmin(RunAdminBase):
    list_display = ("pk", "as_of", "horizon_weeks", "stream", "status", "created_by", "created_at")
    list_filter = ("status", "stream")
    # Runs and versions are records of what was computed; they are not edited by hand.
    readonly_fields = tuple(f.name for f in PlanRun._meta.fields)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(PlanVersion)
class PlanVersionAdmin(VersionAdminBase):
    list_display = ("pk", "as_of", "stream", "status", "cost", "lower_bound", "gap_pct")
    list_filter = ("status", "stream")
    readonly_fields = tuple(f.name for f in PlanVersion._meta.fields)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
