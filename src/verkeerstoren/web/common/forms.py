# SPDX-License-Identifier: EUPL-1.2
"""Form pieces shared by every feature: NL Design System (utrecht-*) classes and the login form."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from verkeerstoren.identifiers import looks_like_v_number

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
SELECT = "utrecht-select utrecht-select--html-select"


def date_input() -> forms.DateInput:
    # Native date picker; it always speaks ISO dates whatever the page language.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LoginForm(AuthenticationForm):
    """Django's login form with NL Design System classes on its controls."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = TEXTBOX


# A long run of digits is some personal number (V-number, BSN, phone) even when not ten long.
_LONG_NUMBER = re.compile(r"\s*\d{8,}\s*")


class RefusesPersonalNumbers(forms.Form):
    """A form whose text fields refuse anything that looks like a V-number, without echo.

    A V-number typed into a search box or a name field would land in the URL, the access log,
    the browser history and the page; the field gets an error and the value is dropped from the
    form's data, so the page never shows it again. Fields named in ``not_screened`` (structured
    input such as JSON) are left alone.
    """

    not_screened: ClassVar[frozenset[str]] = frozenset()
    refused: frozenset[str] = frozenset()

    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        refused = set()
        for name, field in self.fields.items():
            raw = self.data.get(name, "")
            if name in self.not_screened or not isinstance(field, forms.CharField):
                continue
            if isinstance(raw, str) and (looks_like_v_number(raw) or _LONG_NUMBER.fullmatch(raw)):
                refused.add(name)
        for name in refused:
            self.add_error(
                name,
                forms.ValidationError(
                    _("Do not enter a V-number or another personal number here."),
                    code="personal_number",
                ),
            )
        self.refused = frozenset(refused)
        if refused:
            self.data = self.without(refused)

    def without(self, names: set[str] | frozenset[str]) -> QueryDict:
        data = self.data.copy() if isinstance(self.data, QueryDict) else QueryDict(mutable=True)
        if not isinstance(self.data, QueryDict):
            for key, value in self.data.items():
                data[key] = value
        for name in names:
            data.pop(name, None)
        return data

    def scrub_personal_numbers(self) -> QueryDict:
        """The submitted data without refused personal numbers (after is_valid())."""
        return self.without(self.refused)
