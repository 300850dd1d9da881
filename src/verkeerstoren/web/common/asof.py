# SPDX-License-Identifier: EUPL-1.2
"""The "as of" switch: view a page's derived figures as of another day (the law of that day).

Pages with derived figures read ``?asOf=YYYY-MM-DD`` through :func:`as_of_switch` and show it
with ``web/common/_as_of_switch.html``. A bad date is a message at the field and the page shows
the register's day; the register's day itself (or no date) means "no other day".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.http import HttpRequest, QueryDict
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from .forms import TEXTBOX

PARAM = "asOf"  # the query key (lowerCamelCase, as the API's)
EARLIEST = dt.date(2000, 1, 1)  # the Vreemdelingenwet 2000 took effect on 2000-04-01
YEARS_AHEAD = 5


def latest(register_day: dt.date) -> dt.date:
    """The last day the switch accepts: five years after the register's day."""
    try:
        return register_day.replace(year=register_day.year + YEARS_AHEAD)
    except ValueError:  # 29 February -> 28 February
        return register_day.replace(year=register_day.year + YEARS_AHEAD, day=28)


def _short(day: dt.date) -> str:
    return f"{day.day}-{day.month}-{day.year}"  # d-m-yyyy in every language


class AsOfForm(forms.Form):
    """The switch's one field; its errors are shown at the field."""

    asOf = forms.DateField(  # the query key
        label=_("Show the figures as of"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter an existing date as yyyy-mm-dd.")},
        widget=forms.DateInput(attrs={"type": "date", "class": TEXTBOX}, format="%Y-%m-%d"),
    )

    def __init__(self, data: QueryDict, register_day: dt.date) -> None:
        super().__init__({PARAM: data.get(PARAM, "")})
        self.register_day = register_day
        bound_widget(self.fields[PARAM], register_day)

    def clean_asOf(self) -> dt.date | None:
        return bounded_day(self.cleaned_data.get(PARAM), self.register_day)


def bound_widget(field: forms.Field, register_day: dt.date) -> None:
    """The date picker's min and max: the days :func:`bounded_day` accepts."""
    field.widget.attrs.update(min=EARLIEST.isoformat(), max=latest(register_day).isoformat())


def bounded_day(day: dt.date | None, register_day: dt.date) -> dt.date | None:
    """``day`` if it lies from EARLIEST to five years after the register's day, else a
    ValidationError for the field: every page's chosen day has these bounds (a day far out of
    them is no day of the register, and overflows date arithmetic)."""
    if day is None:
        return None
    if day < EARLIEST:
        raise forms.ValidationError(
            _("Choose a day on or after %(first)s."),
            code="too_early",
            params={"first": _short(EARLIEST)},
        )
    last = latest(register_day)
    if day > last:
        raise forms.ValidationError(
            _("Choose a day at most five years after the register's day (until %(last)s)."),
            code="too_late",
            params={"last": _short(last)},
        )
    return day


@dataclass(frozen=True)
class AsOfSwitch:
    """What a page shows of the switch: the form, the register's day and the chosen day."""

    form: AsOfForm
    register_day: dt.date
    day: dt.date | None  # None: the register's day

    @property
    def shown_day(self) -> dt.date:
        """The day the page's figures are for."""
        return self.day or self.register_day

    @property
    def label(self) -> str:
        """The chosen day as d-m-yyyy (the banner's date)."""
        return _short(self.shown_day)

    @property
    def register_label(self) -> str:
        return _short(self.register_day)

    @property
    def long_label(self) -> str:
        return formats.date_format(self.shown_day, "DATE_FORMAT")


def as_of_switch(request: HttpRequest, register_day: dt.date) -> AsOfSwitch:
    """The switch of this request; an invalid or absent date, or the register's day: None."""
    form = AsOfForm(request.GET, register_day)
    day = form.cleaned_data.get(PARAM) if form.is_valid() else None
    return AsOfSwitch(form, register_day, None if day == register_day else day)


def without_switch(params: QueryDict) -> QueryDict:
    """``params`` without the switch's key (the other fields a page carries along)."""
    rest = params.copy()
    rest.pop(PARAM, None)
    rest.pop("page", None)
    return rest
