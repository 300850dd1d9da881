# SPDX-License-Identifier: EUPL-1.2
"""The case page's fact forms: a legal event of each kind, a correction, a status change, a
dossier item completed and the hearing mode. Each carries the case version the user saw.

Field names are the services' parameter names (``date`` for ``on``), so a refusal's messages
land at their fields without translation (fields.show_refusal).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verkeerstoren import eventshape, process
from verkeerstoren import glossary as g
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.cases.models import Case, LegalEvent
from verkeerstoren.eventshape import MONTHS, TERM_DAYS
from verkeerstoren.web.common.labels import choices, label

from .fields import checkbox, date_input, number_input, select, text_input, version_field

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

K = g.LegalEventKind

# The fields of each kind's form, in the order the form shows them.
EVENT_FIELDS: dict[str, tuple[str, ...]] = {
    K.NOTICE_OF_DEFAULT: ("date", "sent_date"),
    K.EXTENSION: ("date", "months", "reason"),
    K.SUSPENSION: ("date", "end_date", "reason"),
    K.APPEAL: ("date",),
    K.COURT_RULING: ("date", "decision_term_days", "daily_eur", "cap_eur"),
    K.DECISION_SENT: ("date", "outcome"),
}
# What the event's own date means for each kind.
DATE_LABELS: dict[str, StrOrPromise] = {
    K.NOTICE_OF_DEFAULT: _("Received on"),
    K.EXTENSION: _("Extended on"),
    K.SUSPENSION: _("Suspended from"),
    K.APPEAL: _("Appeal lodged on"),
    K.COURT_RULING: _("Ruling date"),
    K.DECISION_SENT: _("Sent on"),
}
REQUIRED = frozenset({"date", "months", "end_date", "decision_term_days", "outcome", "reason"})
EVENT_VALUES = ("date", *eventshape.FIELDS, "outcome")
# A decision sent has an outcome; a withdrawal is a status change, not a decision sent.
DECISION_OUTCOMES = [(c, t) for c, t in choices("outcome") if c != g.Outcome.WITHDRAWN]


def _amount(text: StrOrPromise) -> forms.DecimalField:
    return forms.DecimalField(
        label=text,
        min_value=Decimal(0),
        max_digits=9,
        decimal_places=2,
        widget=number_input(step="0.01"),
    )


def _event_field(kind: str, name: str) -> forms.Field:
    required = name in REQUIRED and (name != "reason" or kind in (K.EXTENSION, K.SUSPENSION))
    made: dict[str, Any] = {
        "date": lambda: forms.DateField(label=DATE_LABELS[kind], widget=date_input()),
        "sent_date": lambda: forms.DateField(
            label=_("Sent on"),
            widget=date_input(),
            help_text=_("Optional: the date on the letter."),
        ),
        "end_date": lambda: forms.DateField(label=_("Suspended until"), widget=date_input()),
        "months": lambda: forms.IntegerField(
            label=_("Months"), min_value=MONTHS[0], max_value=MONTHS[1], widget=number_input()
        ),
        "decision_term_days": lambda: forms.IntegerField(
            label=_("Decision term (days)"),
            min_value=TERM_DAYS[0],
            max_value=TERM_DAYS[1],
            widget=number_input(),
        ),
        "daily_eur": lambda: _amount(_("Court penalty per day (EUR)")),
        "cap_eur": lambda: _amount(_("Court penalty cap (EUR)")),
        "outcome": lambda: forms.ChoiceField(
            label=_("Outcome"), choices=[("", "—"), *DECISION_OUTCOMES], widget=select()
        ),
        "reason": lambda: forms.CharField(
            label=_("Reason"), max_length=200, widget=text_input(maxlength=200)
        ),
    }
    field: forms.Field = made[name]()
    field.required = required
    return field


class EventForm(forms.Form):
    """A new legal event of one kind (the kind is in the URL, not in the form)."""

    version = version_field()

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", kind)
        super().__init__(*args, **kwargs)
        self.kind = kind
        for name in EVENT_FIELDS[kind]:
            self.fields[name] = _event_field(kind, name)
        self.fields["date"].initial = register_as_of()

    @property
    def title(self) -> str:
        return label("legal_event", self.kind)

    def values(self) -> dict[str, Any]:
        """The service's keyword arguments (``on`` for the date)."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        data["on"] = data.pop("date")
        return data


class CorrectionForm(forms.Form):
    """A correction of one recorded event (new values) or its retraction; a reason always."""

    version = version_field()
    retract = forms.BooleanField(
        label=_("Retract: this event should not have been recorded"),
        required=False,
        widget=checkbox(),
    )

    def __init__(self, *args: Any, event: LegalEvent, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"correct-{event.pk}")
        super().__init__(*args, **kwargs)
        self.event = event
        for name in EVENT_FIELDS[event.kind]:
            if name != "reason":
                self.fields[name] = _event_field(event.kind, name)
                self.fields[name].required = False  # not for a retraction; see clean()
                self.fields[name].initial = getattr(event, name)
        self.fields["reason"] = forms.CharField(
            label=_("Reason for the correction"), max_length=200, widget=text_input(maxlength=200)
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("retract") and "date" not in self.errors and data.get("date") is None:
            self.add_error("date", forms.Field.default_error_messages["required"])
        return data

    def values(self) -> dict[str, Any]:
        """The corrected fields (none for a retraction)."""
        if self.cleaned_data["retract"]:
            return {}
        return {n: self.cleaned_data[n] for n in EVENT_FIELDS[self.event.kind] if n != "reason"}


class StatusForm(forms.Form):
    """The next status along the process model, on a day (the register's day by default)."""

    version = version_field()
    status = forms.ChoiceField(label=_("New status"), widget=select())
    date = forms.DateField(label=_("Date"), widget=date_input())
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        required=False,
        choices=choices("outcome", blank="—"),
        widget=select(),
        help_text=_("Only for a decision; a withdrawal ends the case without a decision sent."),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "status")
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        # Every status is accepted, so that a step the process refuses gets the service's
        # message; only the next steps are offered.
        field.choices = choices("status")
        offered = {s.value for s in process.next_steps(g.Status(case.status))}
        field.widget.choices = [(c, t) for c, t in choices("status") if c in offered]
        self.offered = bool(offered)
        self.fields["date"].initial = register_as_of()


class DossierItemForm(forms.Form):
    """One open dossier item (its kind is in the URL) marked complete on the register's day."""

    version = version_field()

    def __init__(self, *args: Any, item_kind: str, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"dossier-{item_kind}")
        super().__init__(*args, **kwargs)
        self.item_kind = item_kind


HEARING_MODES = [
    (g.HearingMode.ORAL.value, _("Oral")),
    (g.HearingMode.VIDEO.value, _("Video")),
    (g.HearingMode.WRITTEN.value, _("Written")),
]


class HearingModeForm(forms.Form):
    """How the applicant will be heard; written only with their consent, recorded here."""

    version = version_field()
    mode = forms.ChoiceField(label=_("Hearing mode"), choices=HEARING_MODES, widget=select())
    consent = forms.BooleanField(
        label=_("The applicant has consented in writing to a written hearing"),
        required=False,
        widget=checkbox(),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "hearing")
        super().__init__(*args, **kwargs)
        self.fields["mode"].initial = case.hearing_mode or g.HearingMode.ORAL.value
        if case.written_hearing_opt_in:
            self.fields["consent"].help_text = _("Consent is already recorded for this case.")
