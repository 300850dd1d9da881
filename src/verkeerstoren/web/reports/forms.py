# SPDX-License-Identifier: EUPL-1.2
"""The "make now" form of the reports page: a kind, a period and optionally an earlier day.

It checks and queues through reports.services; a refusal (a period that names none, one that
starts after the register's day, a day after it, a period without cases) is shown at its field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verkeerstoren.reports.build import ReportError
from verkeerstoren.reports.models import ReportVersion
from verkeerstoren.reports.periods import Kind, containing, last_complete
from verkeerstoren.reports.services import start_report
from verkeerstoren.web.common.forms import SELECT, TEXTBOX, date_input


def default_period(day: dt.date, chosen: dt.date | None) -> str:
    """The week the form proposes: the week of the chosen day, else the last complete week."""
    if chosen is not None:
        return containing(Kind.WEEKLY, chosen).code
    return last_complete(Kind.WEEKLY, day).code


class MakeReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Report"),
        choices=ReportVersion.Kinds.choices,
        widget=forms.Select(attrs={"class": SELECT}),
    )
    period = forms.CharField(
        label=_("Period"),
        max_length=16,
        help_text=_("A week as 2020-W14, a quarter as 2020Q1, a month as 2020-03."),
        widget=forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "off", "size": 10}),
    )
    as_of = forms.DateField(
        label=_("Figures as of (optional)"),
        required=False,
        help_text=_(
            "An earlier day of the period: the figures as known then, the law of that day."
        ),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter an existing date as yyyy-mm-dd.")},
        widget=date_input(),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["as_of"].widget.attrs["class"] = TEXTBOX

    def submit(self, user: Any) -> ReportVersion | None:
        """Queue the report; None (with the reason at its field) when it makes none."""
        data = self.cleaned_data
        try:
            return start_report(data["kind"], data["period"], user, as_of=data.get("as_of"))
        except ReportError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
            return None
