# SPDX-License-Identifier: EUPL-1.2
"""The case list's filter form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verkeerstoren.cases.queries import DEFAULT_SORT, LAW_SORT_KEYS, NO, SORT_KEYS, YES, CaseFilters
from verkeerstoren.web.common.forms import SELECT, TEXTBOX, RefusesPersonalNumbers, date_input
from verkeerstoren.web.common.labels import choices

ALL = _("All")
YES_NO = [("", ALL), (YES, _("Yes")), (NO, _("No"))]
# Filters on the law figures: deadlines and penalties, for roles with legal visibility only.
LAW_FIELDS = ("deadline_from", "deadline_to", "overdue", "min_overdue_days", "penalty_running")


class CaseFilterForm(RefusesPersonalNumbers):
    """GET filters of the case list. Invalid fields are reported and ignored, never fatal."""

    reference = forms.CharField(label=_("Reference contains"), required=False, max_length=32)
    stream = forms.ChoiceField(label=_("Stream"), required=False)
    track = forms.ChoiceField(label=_("Track"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    procedure = forms.ChoiceField(label=_("Procedure"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    feature = forms.ChoiceField(label=_("Feature"), required=False)
    nationality = forms.RegexField(
        label=_("Nationality"),
        help_text=_("Three-letter country code, e.g. SYR"),
        regex=r"^[A-Za-z]{3}$",
        required=False,
        max_length=3,
    )
    location = forms.ChoiceField(label=_("Location"), required=False)
    received_from = forms.DateField(label=_("Received from"), required=False, widget=date_input())
    received_to = forms.DateField(label=_("Received until"), required=False, widget=date_input())
    deadline_from = forms.DateField(label=_("Deadline from"), required=False, widget=date_input())
    deadline_to = forms.DateField(label=_("Deadline until"), required=False, widget=date_input())
    overdue = forms.ChoiceField(label=_("Overdue"), required=False, choices=YES_NO)
    min_overdue_days = forms.IntegerField(
        label=_("At least days overdue"), required=False, min_value=0, max_value=100_000
    )
    penalty_running = forms.ChoiceField(label=_("Penalty running"), required=False, choices=YES_NO)
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        show_features: bool,
        locations: list[tuple[str, str]],
        show_law: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.show_law = show_law
        for name in ("stream", "track", "status", "procedure", "kind", "feature"):
            field = self.fields[name]
            if not isinstance(field, forms.ChoiceField):
                raise TypeError(f"{name} is a ChoiceField")
            field.choices = choices(name, blank=ALL)
        location = self.fields["location"]
        if not isinstance(location, forms.ChoiceField):
            raise TypeError("location is a ChoiceField")
        location.choices = [("", ALL), *locations]
        if not show_features:
            # Features reveal asylum motives; a role that may not see them may not filter on them
            # either (filtering would reveal them by elimination).
            del self.fields["feature"]
        if not show_law:
            # Same rule for deadlines and penalties: no filter on what the role may not see.
            for name in LAW_FIELDS:
                del self.fields[name]
        for field in self.fields.values():
            widget = field.widget
            if not isinstance(widget, forms.HiddenInput):
                widget.attrs["class"] = SELECT if isinstance(widget, forms.Select) else TEXTBOX

    def filters(self) -> CaseFilters:
        """The valid filters (after is_valid()); invalid ones are left out."""
        data = getattr(self, "cleaned_data", {})
        sort = data.get("sort") or DEFAULT_SORT
        allowed = SORT_KEYS + tuple(LAW_SORT_KEYS) if self.show_law else SORT_KEYS
        if sort.lstrip("-") not in allowed:
            sort = DEFAULT_SORT
        return CaseFilters(
            stream=data.get("stream", ""),
            track=data.get("track", ""),
            status=data.get("status", ""),
            procedure=data.get("procedure", ""),
            kind=data.get("kind", ""),
            nationality=(data.get("nationality") or "").upper(),
            feature=data.get("feature", ""),
            location=data.get("location", ""),
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            reference=(data.get("reference") or "").strip(),
            deadline_from=data.get("deadline_from"),
            deadline_to=data.get("deadline_to"),
            overdue=data.get("overdue", ""),
            min_overdue_days=data.get("min_overdue_days"),
            penalty_running=data.get("penalty_running", ""),
            sort=sort,
        )
