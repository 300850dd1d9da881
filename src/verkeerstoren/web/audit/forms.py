# SPDX-License-Identifier: EUPL-1.2
"""The audit trail's filter form: user, case, date range, action and processing activity."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verkeerstoren.web.common.forms import SELECT, TEXTBOX, RefusesPersonalNumbers, date_input

from .trail import ACTION_LABELS, ACTIVITY_LABELS, TrailFilters

ALL = _("All")


class TrailFilterForm(RefusesPersonalNumbers):
    """GET filters of the audit trail. Invalid fields are reported and ignored, never fatal."""

    user = forms.CharField(label=_("User name"), required=False, max_length=150)
    case = forms.CharField(label=_("Case reference"), required=False, max_length=64)
    date_from = forms.DateField(label=_("From"), required=False, widget=date_input())
    date_to = forms.DateField(label=_("Until"), required=False, widget=date_input())
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", ALL), *ACTION_LABELS.items()],
    )
    activity = forms.ChoiceField(
        label=_("Processing activity"),
        required=False,
        choices=[("", ALL), *ACTIVITY_LABELS.items()],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = SELECT if isinstance(field, forms.ChoiceField) else TEXTBOX
            field.widget.attrs["class"] = css
            if name == "user":
                field.widget.attrs["autocomplete"] = "off"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date lies before the start date."))
        return cleaned

    def filters(self) -> TrailFilters:
        """The valid fields as filters (call after is_valid(); invalid fields are left out)."""
        data = getattr(self, "cleaned_data", {})

        def text(name: str) -> str:
            return str(data.get(name) or "").strip() if name not in self.errors else ""

        def day(name: str) -> Any:
            return data.get(name) if name not in self.errors else None

        return TrailFilters(
            user=text("user"),
            case=text("case"),
            date_from=day("date_from"),
            date_to=day("date_to"),
            action=text("action"),
            activity=text("activity"),
        )
