# SPDX-License-Identifier: EUPL-1.2
"""Django admin of lawyer accounts: which legal-aid user acts for which lawyer.

The account decides whose clients' hearings the user sees on the planning list (queries.
lawyer_of), so every link and unlink is kept in the history view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from simple_history.admin import SimpleHistoryAdmin

from verkeerstoren.cases.roles import Role

from .models import LawyerAccount

if TYPE_CHECKING:
    HistoryAdmin = admin.ModelAdmin[Any]
else:
    HistoryAdmin = SimpleHistoryAdmin


@admin.register(LawyerAccount)
class LawyerAccountAdmin(HistoryAdmin):
    list_display = ("user", "lawyer")
    list_select_related = ("user", "lawyer")
    search_fields = ("user__username", "lawyer__code", "lawyer__name")
    autocomplete_fields = ("lawyer",)

    def formfield_for_foreignkey(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        # Only legal-aid users act for a lawyer: an IND account linked by mistake would see
        # nothing more, but the list should not offer it.
        if db_field.name == "user":
            kwargs["queryset"] = get_user_model().objects.filter(groups__name=Role.LEGAL_AID.value)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
