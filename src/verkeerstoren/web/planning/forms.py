# SPDX-License-Identifier: EUPL-1.2
"""Forms of the planning pages: start a plan run, pin a case, pick an officer's work list.

Service errors (plans.services.PlanningError / PinError) come back as form errors on the field
they name, so a planner sees at the field what to change.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.plans import services
from verkeerstoren.plans.models import Pin, PlanRun, PlanVersion
from verkeerstoren.web.common.forms import SELECT, TEXTBOX, RefusesPersonalNumbers

STREAM_CHOICES = [
    ("taskforce", _("Taskforce")),
    ("regular", _("Regular directorate")),
    ("all", _("All streams")),
]


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date", "class": TEXTBOX}, format="%Y-%m-%d")


def _number(**attrs: Any) -> forms.NumberInput:
    return forms.NumberInput(attrs={"class": TEXTBOX, **attrs})


class PlanRunForm(forms.Form):
    """A new plan run: as-of date, horizon, stream, time limit."""

    as_of = forms.DateField(
        label=_("As of"),
        widget=_date_input(),
        help_text=_("Week 0 of the plan starts on this day."),
    )
    horizon_weeks = forms.IntegerField(
        label=_("Horizon (weeks)"),
        initial=26,
        min_value=1,
        max_value=services.MAX_HORIZON_WEEKS,
        widget=_number(),
    )
    stream = forms.ChoiceField(
        label=_("Stream"),
        choices=STREAM_CHOICES,
        initial="taskforce",
        widget=forms.Select(attrs={"class": SELECT}),
    )
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"),
        initial=60,
        min_value=1,
        max_value=int(services.MAX_TIME_LIMIT_S),
        widget=_number(),
        help_text=_("The optimiser stops after this time with the best plan found."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = register_as_of()

    def submit(self, user: Any) -> PlanRun | None:
        """Start the run, or record the service's error on the form and return None."""
        data = self.cleaned_data
        try:
            return services.start_plan_run(
                user, data["as_of"], data["horizon_weeks"], data["stream"], data["time_limit"]
            )
        except services.PlanningError as exc:
            self.add_error(exc.field, exc.message)
            return None


class PinForm(RefusesPersonalNumbers):
    """Pin a case to an officer in a week of a version's plan."""

    case = forms.CharField(
        label=_("Case reference"), max_length=32, widget=forms.TextInput(attrs={"class": TEXTBOX})
    )
    officer = forms.CharField(
        label=_("Officer code"),
        max_length=32,
        widget=forms.TextInput(attrs={"class": TEXTBOX, "list": "officer-codes"}),
    )
    week = forms.IntegerField(label=_("Week"), min_value=0, widget=_number())
    conflict = False

    def __init__(self, *args: Any, version: PlanVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        # The range depends on the version's horizon, so the field is made per form.
        self.fields["week"] = forms.IntegerField(
            label=_("Week"),
            min_value=0,
            max_value=version.horizon_weeks - 1,
            widget=_number(),
            help_text=_("0 to %(last)s; week 0 starts on %(day)s.")
            % {"last": version.horizon_weeks - 1, "day": version.as_of.isoformat()},
        )

    def submit(self, user: Any) -> Pin | None:
        """Record the pin, or put the rule it breaks on the field it concerns."""
        data = self.cleaned_data
        try:
            return services.add_pin(user, self.version, data["case"], data["officer"], data["week"])
        except services.PinError as exc:
            self.conflict = isinstance(exc, services.PinConflict)  # someone pinned it meanwhile
            self.add_error(exc.field, exc.message)
            return None
