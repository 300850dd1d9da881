# SPDX-License-Identifier: EUPL-1.2
"""The new-application form: the intake facts of ``cases.facts.Application``.

The V-number is typed into a password-like field that is never rendered back (a refused form
asks for it again) and never goes into a URL; the other text fields refuse anything that looks
like a personal number (RefusesPersonalNumbers), so it cannot land in them either.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from verkeerstoren import glossary as g
from verkeerstoren.cases import queries
from verkeerstoren.cases.facts import Application
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.web.common.forms import TEXTBOX, RefusesPersonalNumbers
from verkeerstoren.web.common.labels import choices

from .fields import checkbox, date_input, number_input, select, text_input

# The service's (API-style) field names and the form's.
FIELD_NAMES = {
    "vNumber": "v_number",
    "birthDate": "birth_date",
    "medicalAdvice": "medical_advice",
    "familyMembers": "family_members",
    "familyGroup": "family_group",
    "sameGenderRequest": "same_gender_request",
}
NATIONALITY = re.compile(r"^[A-Z]{3}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")

DOCUMENTS = [
    (g.DocumentKind.PASSPORT.value, _("Passport")),
    (g.DocumentKind.ID_CARD.value, _("Identity card")),
    (g.DocumentKind.BIRTH_CERTIFICATE.value, _("Birth certificate")),
    (g.DocumentKind.DRIVING_LICENCE.value, _("Driving licence")),
    (g.DocumentKind.OTHER.value, _("Other document")),
]
MEDICAL_ADVICE = [
    ("", _("Not yet known")),
    (g.MedicalAdvice.NONE.value, _("Can be heard without restrictions")),
    (g.MedicalAdvice.RESTRICTIONS.value, _("Can be heard with accommodations")),
    (g.MedicalAdvice.NOT_HEARABLE_IN_AA.value, _("Cannot be heard in the general procedure")),
]


def _checks(options: list[tuple[str, Any]]) -> forms.CheckboxSelectMultiple:
    return forms.CheckboxSelectMultiple(
        attrs={"class": "utrecht-checkbox utrecht-checkbox--html-input"}, choices=options
    )


class ApplicationForm(RefusesPersonalNumbers):
    """One applicant's intake facts, as the registration takes them."""

    not_screened: ClassVar[frozenset[str]] = frozenset({"v_number"})

    v_number = forms.CharField(
        label=_("V-number"),
        max_length=20,
        strip=True,
        # Typed, never shown: not rendered back on a refused form, not remembered by the browser.
        widget=forms.PasswordInput(
            render_value=False,
            attrs={"class": TEXTBOX, "autocomplete": "off", "spellcheck": "false"},
        ),
        help_text=_("Ten digits. It is pseudonymised at once and never shown again."),
    )
    nationality = forms.CharField(
        label=_("Nationality"),
        max_length=3,
        widget=text_input(maxlength=3, autocomplete="off"),
        help_text=_("ISO 3166 three-letter code, e.g. SYR or ERI."),
    )
    language = forms.CharField(
        label=_("Hearing language"),
        max_length=16,
        widget=text_input(maxlength=16, autocomplete="off"),
        help_text=_("Language code, e.g. ar, ti or fa-af."),
    )
    received = forms.DateField(label=_("Application received on"), widget=date_input())
    location = forms.ChoiceField(label=_("Location"), widget=select())
    kind = forms.ChoiceField(
        label=_("Kind"), choices=choices("kind"), initial=g.CaseKind.FIRST.value, widget=select()
    )
    gender = forms.ChoiceField(
        label=_("Gender"), choices=choices("gender", blank="—"), required=False, widget=select()
    )
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=date_input())
    unaccompanied = forms.BooleanField(
        label=_("Unaccompanied minor"), required=False, widget=checkbox()
    )
    family_group = forms.CharField(
        label=_("Family group"),
        required=False,
        max_length=32,
        widget=text_input(maxlength=32),
        help_text=_("The code that links the cases of one family."),
    )
    family_members = forms.IntegerField(
        label=_("Accompanying family members"),
        min_value=0,
        max_value=30,
        initial=0,
        widget=number_input(),
    )
    documents = forms.MultipleChoiceField(
        label=_("Accompanying documents"),
        required=False,
        choices=DOCUMENTS,
        widget=_checks(DOCUMENTS),
    )
    eurodac_hit = forms.BooleanField(label=_("Eurodac hit"), required=False, widget=checkbox())
    dublin_indication = forms.BooleanField(
        label=_("Other Dublin indication"), required=False, widget=checkbox()
    )
    protection_elsewhere = forms.BooleanField(
        label=_("Protection in another EU state"), required=False, widget=checkbox()
    )
    features = forms.MultipleChoiceField(
        label=_("Declared features"),
        required=False,
        choices=choices("feature"),
        widget=_checks(choices("feature")),
    )
    medical_advice = forms.ChoiceField(
        label=_("Medical advice"), choices=MEDICAL_ADVICE, required=False, widget=select()
    )
    same_gender_request = forms.BooleanField(
        label=_("Asks for an officer of own gender"), required=False, widget=checkbox()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        location = self.fields["location"]
        assert isinstance(location, forms.ChoiceField)  # noqa: S101 - declared above
        location.choices = [("", "—"), *queries.location_choices()]
        self.fields["received"].initial = register_as_of()

    def clean_v_number(self) -> str:
        # As people write it (V1234 567 890, 1234-567-890): the service checks the ten digits.
        return (
            re.sub(r"[\s.\-]", "", str(self.cleaned_data["v_number"]))
            .removeprefix("V")
            .removeprefix("v")
        )

    def clean_nationality(self) -> str:
        code = str(self.cleaned_data["nationality"]).strip().upper()
        if not NATIONALITY.match(code):
            raise forms.ValidationError(_("Give a three-letter ISO 3166 code, e.g. SYR."))
        return code

    def clean_language(self) -> str:
        code = str(self.cleaned_data["language"]).strip().lower()
        if not LANGUAGE.match(code):
            raise forms.ValidationError(_("Give a language code such as ar, ti or fa-af."))
        return code

    def application(self) -> Application:
        """The service's input from the cleaned form."""
        d = self.cleaned_data
        return Application(
            v_number=d["v_number"],
            nationality=d["nationality"],
            language=d["language"],
            received=d["received"],
            location=d["location"],
            kind=d["kind"],
            gender=d["gender"],
            birth_date=d["birth_date"],
            unaccompanied=d["unaccompanied"],
            family_group=d["family_group"],
            family_members=d["family_members"],
            documents=list(d["documents"]),
            eurodac_hit=d["eurodac_hit"],
            dublin_indication=d["dublin_indication"],
            protection_elsewhere=d["protection_elsewhere"],
            features=list(d["features"]),
            medical_advice=d["medical_advice"],
            same_gender_request=d["same_gender_request"],
        )
