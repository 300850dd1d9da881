# SPDX-License-Identifier: EUPL-1.2
"""Forms of the hearing pages; service errors come back at the field they name."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.hearings import services
from verkeerstoren.hearings.models import Disruption, Hearing, HearingScheduleRun
from verkeerstoren.hearings.slots import SLOT_LABELS
from verkeerstoren.plans.models import PlanVersion
from verkeerstoren.web.common.asof import bounded_day
from verkeerstoren.web.common.forms import SELECT, TEXTBOX


class _ServiceForm(forms.Form):
    def _refused(self, exc: services.HearingError) -> None:
        field = exc.field if exc.field in self.fields else None
        self.add_error(field, exc.message)


class ScheduleForm(_ServiceForm):
    """Make the schedule of a week of the published plan."""

    week = forms.IntegerField(
        label=_("Plan week"), min_value=0, initial=0,
        widget=forms.NumberInput(attrs={"class": TEXTBOX}),
    )  # fmt: skip
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=1, initial=20,
        max_value=int(services.MAX_TIME_LIMIT_S),
        widget=forms.NumberInput(attrs={"class": TEXTBOX}),
    )  # fmt: skip

    def submit(self, user: Any, version: PlanVersion) -> HearingScheduleRun | None:
        try:
            return services.start_schedule(
                user, version, self.cleaned_data["week"], float(self.cleaned_data["time_limit"])
            )
        except services.HearingError as exc:
            self._refused(exc)
            return None


class DisruptionForm(_ServiceForm):
    """An interpreter, officer or room out of use on some slots: re-schedule the week."""

    kind = forms.ChoiceField(
        label=_("Who or what"), choices=Disruption.Kind.choices,
        widget=forms.Select(attrs={"class": SELECT}),
    )  # fmt: skip
    code = forms.CharField(
        label=_("Code"), max_length=32, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )
    start = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date", "class": TEXTBOX})
    )
    end = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs={"type": "date", "class": TEXTBOX})
    )
    slots = forms.TypedMultipleChoiceField(
        label=_("Slots"), coerce=int, choices=list(enumerate(SLOT_LABELS)),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Reason"), max_length=200, required=False,
        widget=forms.TextInput(attrs={"class": TEXTBOX}),
    )  # fmt: skip

    def clean_start(self) -> date | None:
        return bounded_day(self.cleaned_data.get("start"), register_as_of())

    def clean_end(self) -> date | None:
        return bounded_day(self.cleaned_data.get("end"), register_as_of())

    def submit(self, user: Any) -> tuple[Disruption, HearingScheduleRun | None] | None:
        d = self.cleaned_data
        try:
            return services.disrupt(
                user, d["kind"], d["code"], d["start"], d["end"], d["slots"], d["reason"]
            )
        except services.HearingError as exc:
            self._refused(exc)
            return None


class OutcomeForm(_ServiceForm):
    """A scheduled hearing was held or cancelled (one button each), with an optional reason."""

    status = forms.ChoiceField(
        label=_("Outcome"), choices=[(s.value, s.label) for s in services.SETTLED]
    )
    reason = forms.CharField(label=_("Reason"), max_length=services.MAX_REASON, required=False)

    def submit(self, user: Any, hearing: Hearing) -> Hearing | None:
        try:
            return services.set_status(
                user, hearing, self.cleaned_data["status"], self.cleaned_data["reason"]
            )
        except services.HearingError as exc:
            self._refused(exc)
            return None

    def problems(self) -> str:
        """Every refusal in one line, for a message above the table the row is in."""
        return " ".join(str(e) for errors in self.errors.values() for e in errors)
