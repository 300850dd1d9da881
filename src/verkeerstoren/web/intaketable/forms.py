# SPDX-License-Identifier: EUPL-1.2
"""The intake table's forms: the day shown, a confirm or an override of one row's proposal, COA's
reception of one applicant and its reception places, and a new version of the rules.

Field names are the services' parameter names, so a refusal's messages land at their fields
(web.facts.fields.show_refusal). Each row's forms carry a prefix with the case reference, so the
ids on the page stay unique.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verkeerstoren.intake.rules import OUTPUT_VALUES
from verkeerstoren.intaketable.capacity import HORIZON_WEEKS
from verkeerstoren.intaketable.models import ReceptionDecision
from verkeerstoren.intaketable.services import MAX_RECEPTION_PLACES
from verkeerstoren.web.common.asof import bound_widget, bounded_day
from verkeerstoren.web.common.forms import TEXTBOX
from verkeerstoren.web.common.labels import label
from verkeerstoren.web.facts.fields import date_input, number_input, select, text_input

from .display import Route

TRACKS = (1, 2, 4)
PROCEDURES = (("general", "AA"), ("extended", "VA"))


class DayForm(forms.Form):
    """The day whose table is shown (the register's day when empty or refused).

    Bounded as the as-of switch is (web.common.asof): a day far out of range would overflow the
    placement's horizon (a 500), and no table of such a day exists."""

    day = forms.DateField(label=_("Day"), required=False, widget=date_input())

    def __init__(self, *args: Any, register_day: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register_day = register_day
        bound_widget(self.fields["day"], register_day)

    def clean_day(self) -> date | None:
        return bounded_day(self.cleaned_data.get("day"), self.register_day)

    def day_or(self, default: date) -> date:
        if self.is_bound and self.is_valid() and self.cleaned_data["day"] is not None:
            day: date = self.cleaned_data["day"]
            return day
        return default


class ConfirmForm(forms.Form):
    """The proposal as shown, confirmed: the case version and the proposal's digest."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    proposal = forms.CharField(max_length=64, widget=forms.HiddenInput)


def week_choices(start: date) -> list[tuple[str, str]]:
    """The Mondays of the placement's horizon (d-m-yyyy), and no week."""
    monday = start - timedelta(days=start.weekday())
    weeks = [monday + timedelta(weeks=w) for w in range(HORIZON_WEEKS)]
    return [("", str(_("No week yet"))), *((w.isoformat(), f"{w:%-d-%-m-%Y}") for w in weeks)]


def _checks() -> forms.CheckboxSelectMultiple:
    return forms.CheckboxSelectMultiple(
        attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}
    )


class OverrideForm(ConfirmForm):
    """Another route than the proposal's, with the reason why (always required)."""

    track = forms.TypedChoiceField(label=_("Track"), coerce=int, widget=select())
    procedure = forms.ChoiceField(label=_("Procedure"), widget=select())
    competences = forms.MultipleChoiceField(
        label=_("Competences"), required=False, widget=_checks()
    )
    location = forms.ChoiceField(label=_("Location"), widget=select())
    week = forms.ChoiceField(label=_("First week"), required=False, widget=select())
    reason = forms.CharField(
        label=_("Reason for the override"),
        max_length=200,
        widget=text_input(maxlength=200),
        error_messages={"required": _("Give a reason.")},
    )

    def __init__(
        self,
        *args: Any,
        reference: str,
        locations: list[tuple[str, str]],
        start: date,
        route: Route | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", f"override-{reference}")
        super().__init__(*args, **kwargs)
        # Labels are set here, per request, so that they follow the request's language.
        self._choices("track", [(t, label("track", str(t))) for t in TRACKS])
        self._choices("procedure", [(k, label("procedure", code)) for k, code in PROCEDURES])
        comps = sorted(OUTPUT_VALUES["competences"])
        self._choices("competences", [(c, label("feature", c)) for c in comps])
        self._choices("location", [(code, f"{name} ({code})") for code, name in locations])
        weeks = week_choices(start)
        if route is not None and route.week and route.week.isoformat() not in dict(weeks):
            weeks.append((route.week.isoformat(), f"{route.week:%-d-%-m-%Y}"))
        self._choices("week", weeks)
        if route is not None:
            self.initial.update(
                track=int(route.track),
                procedure={"AA": "general", "VA": "extended"}.get(route.procedure),
                competences=list(route.competences),
                location=route.location,
                week=route.week.isoformat() if route.week else "",
            )

    def _choices(self, name: str, options: list[tuple[Any, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = options

    def route(self) -> dict[str, Any]:
        """The service's ``route``: the proposal's keys, in the proposal's types."""
        data = self.cleaned_data
        return {
            "track": data["track"],
            "procedure": data["procedure"],
            "competences": sorted(data["competences"]),
            "location": data["location"],
            "week": data["week"] or None,
        }


class ReceptionForm(forms.Form):
    """COA's reception of one applicant: at the location shown, with a way of transport."""

    location = forms.CharField(max_length=20, widget=forms.HiddenInput)
    transport = forms.ChoiceField(
        label=_("Transport"), choices=ReceptionDecision.Transport.choices, widget=select()
    )

    def __init__(self, *args: Any, reference: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"reception-{reference}")
        super().__init__(*args, **kwargs)


class PlacesForm(forms.Form):
    """COA's reception places at one location (the location is in the URL)."""

    places = forms.IntegerField(
        label=_("Reception places"),
        min_value=0,
        max_value=MAX_RECEPTION_PLACES,
        widget=number_input(min=0, max=MAX_RECEPTION_PLACES),
    )

    def __init__(self, *args: Any, location: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"places-{location}")
        super().__init__(*args, **kwargs)
        self.fields["places"].label = _("Reception places at %(location)s") % {"location": location}


class RulesForm(forms.Form):
    """A new version of the intake rules (TOML) and why it changes."""

    text = forms.CharField(
        label=_("Rules (TOML)"),
        strip=False,
        widget=forms.Textarea(
            attrs={"class": f"{TEXTBOX} vt-rules-text", "rows": 24, "spellcheck": "false"}
        ),
        help_text=_("The whole file; it is checked before it is used."),
    )
    note = forms.CharField(
        label=_("Reason for the change"),
        max_length=200,
        widget=text_input(maxlength=200),
        error_messages={"required": _("Give a reason.")},
    )
