# SPDX-License-Identifier: EUPL-1.2
"""Widgets of the fact forms and how a refused fact's messages reach the form's fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verkeerstoren.cases.facts import FactError
from verkeerstoren.web.common.forms import SELECT, TEXTBOX

STALE = _(
    "The case changed since you opened this page: the page now shows its current state. "
    "Check your entry and submit again if it is still needed."
)


def date_input() -> forms.DateInput:
    # Native date picker; it always speaks ISO dates whatever the page language.
    return forms.DateInput(attrs={"type": "date", "class": TEXTBOX}, format="%Y-%m-%d")


def text_input(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"class": TEXTBOX, **attrs})


def number_input(**attrs: Any) -> forms.NumberInput:
    return forms.NumberInput(attrs={"class": TEXTBOX, **attrs})


def select() -> forms.Select:
    return forms.Select(attrs={"class": SELECT})


def checkbox() -> forms.CheckboxInput:
    return forms.CheckboxInput(attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"})


def version_field() -> forms.IntegerField:
    """The case version the user saw: passed to the service as ``expected_version``."""
    return forms.IntegerField(min_value=0, widget=forms.HiddenInput)


def show_refusal(
    form: forms.Form, error: FactError, names: Mapping[str, str] | None = None
) -> None:
    """Put each message of ``error`` at its field of ``form``; ``names`` maps a service's field
    name to the form's where they differ. A field the form lacks gets a message at the top."""
    for field, messages in error.fields.items():
        name = (names or {}).get(field, field)
        target = name if name in form.fields and not form.fields[name].widget.is_hidden else None
        for message in messages:
            form.add_error(target, message)
