# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest

from .models import ForecastRun

if TYPE_CHECKING:
    RunAdminBase = admin.ModelAdmin[ForecastRun]
else:
    RunAdminBase = admin.ModelAdmin


@admin.register(ForecastRun)
class ForecastRunAdmin(RunAdminBase):
    list_display = (
        "name",
        "kind",
        "status",
        "progress",
        "replications",
        "created_by",
        "created_at",
    )
    list_filter = ("kind", "status")
    # Runs are records of what was computed; they are not edited by hand.
    readonly_fields = tuple(f.name for f in ForecastRun._meta.fields)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
