# SPDX-License-Identifier: EUPL-1.2
"""Forms of the forecast pages: a scenario with its main knobs, and a comparison of two.

A knob left empty keeps the scenario's value (forecasts.knobs). Scenario errors from the engine's
validation come back as form errors that name the field: at the knob that wrote the field, else
at the JSON. The JSON itself is read within the scenario size and depth limits (jsonin), so a
huge or deeply nested document is a form error too.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from verkeerstoren.forecast import ScenarioError
from verkeerstoren.forecast.scenario import MAX_SCENARIO_BYTES, MAX_SCENARIO_DEPTH
from verkeerstoren.forecasts import services
from verkeerstoren.forecasts.knobs import (
    KnobError,
    Knobs,
    apply_knobs,
    current_values,
    knob_for,
)
from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.forecasts.scenarios import load_source, source_choices
from verkeerstoren.jsonin import JsonInputError, loads
from verkeerstoren.web.common.forms import SELECT, TEXTBOX, RefusesPersonalNumbers

DEFAULT_REPLICATIONS = 200  # enough for stable P5-P95 bands in about a second of work

POLICY_LABELS = {
    "oldest_first": _("Oldest first"),
    "deadline_first": _("Earliest deadline first"),
    "newest_first": _("Newest first"),
    "complex_last": _("Complex cases last"),
    "shares": _("Fixed shares per case type"),
}


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def default_target(data: object) -> date | None:
    """End of the start date's year: the Taskforce's own target for the 2020 stock."""
    start = data.get("start_date") if isinstance(data, dict) else None
    try:
        return date(date.fromisoformat(str(start)).year, 12, 31)
    except ValueError:
        return None


def parse_json(text: str) -> Any:
    """The scenario JSON of the editor, within the scenario limits (JsonInputError if not)."""
    return loads(text, max_bytes=MAX_SCENARIO_BYTES, max_depth=MAX_SCENARIO_DEPTH)


def scenario_json_text(data: object) -> str:
    """The JSON as shown in the editor: indented, non-ASCII kept readable."""
    return json.dumps(data, indent=2, ensure_ascii=False)


def format_scenario_error(exc: ScenarioError, side: str | None = None) -> str:
    """'Field “x”: message' (the engine's message is English; the field path is universal)."""
    text = gettext("Field “%(field)s”: %(message)s") % {"field": exc.field, "message": exc.message}
    if side:
        return gettext("Scenario %(side)s: %(error)s") % {"side": side.upper(), "error": text}
    return text


class RunSettingsMixin(RefusesPersonalNumbers):
    """Settings of the run itself, not of the scenario."""

    # Scenario JSON is structured input, validated by the engine (a seed may be long).
    not_screened = frozenset({"scenario_json"})

    name = forms.CharField(
        label=_("Name of the run"),
        required=False,
        max_length=200,
        help_text=_("Empty: the scenario's name."),
    )
    replications = forms.IntegerField(
        label=_("Replications"),
        initial=DEFAULT_REPLICATIONS,
        min_value=10,
        max_value=services.MAX_REPLICATIONS,
        help_text=_("More replications give smoother bands but take longer."),
    )
    target_date = forms.DateField(
        label=_("Target date"),
        required=False,
        widget=_date_input(),
        help_text=_(
            "A line in the stock chart; the share of replications cleared by then is reported. "
            "Empty: 31 December of the start year."
        ),
    )
    horizon_weeks = forms.IntegerField(
        label=_("Horizon (weeks)"), required=False, min_value=1, max_value=1040
    )


class ForecastForm(RunSettingsMixin):
    """One scenario: its JSON plus the main knobs."""

    extra_temps = forms.IntegerField(
        label=_("Extra temporary staff (headcount)"),
        required=False,
        min_value=0,
        max_value=5000,
        help_text=_("Added as a new staff group with the profile of the scenario's temps."),
    )
    extra_temps_start_week = forms.IntegerField(
        label=_("Extra temporary staff start (week)"),
        required=False,
        min_value=0,
        max_value=1040,
        help_text=_("Week 0 is the start date."),
    )
    written_share = forms.FloatField(
        label=_("Written hearings (percent of cases)"), required=False, min_value=0, max_value=100
    )
    written_from_week = forms.IntegerField(
        label=_("Written hearings from (week)"),
        required=False,
        min_value=0,
        max_value=1040,
        help_text=_("Earlier weeks keep the scenario's share."),
    )
    outsourcing_hours_per_week = forms.FloatField(
        label=_("Outsourcing (firm hours per week)"), required=False, min_value=0
    )
    order_policy = forms.ChoiceField(label=_("Order of work"), required=False)
    notice_probability = forms.FloatField(
        label=_("Notice of default probability (percent)"),
        required=False,
        min_value=0,
        max_value=100,
    )
    scenario_json = forms.CharField(
        label=_("Scenario (JSON)"),
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        help_text=_(
            "The format is described in docs/formats.md. The knobs above are applied on top."
        ),
    )

    KNOB_FIELDS = (
        "horizon_weeks",
        "extra_temps",
        "extra_temps_start_week",
        "written_share",
        "written_from_week",
        "outsourcing_hours_per_week",
        "order_policy",
        "notice_probability",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.touched: dict[str, str] = {}
        self.scenario: dict[str, Any] | None = None
        self.base_scenario: dict[str, Any] | None = None
        order = self.fields["order_policy"]
        if not isinstance(order, forms.ChoiceField):
            raise TypeError("order_policy is a ChoiceField")
        order.choices = [("", _("As in the scenario")), *POLICY_LABELS.items()]
        self._describe_current()
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput):
                field.widget.attrs["class"] = (
                    SELECT if isinstance(field.widget, forms.Select) else TEXTBOX
                )

    def _describe_current(self) -> None:
        """Help texts that say what the scenario has now, since empty knobs keep it."""
        raw = self.data.get("scenario_json") if self.is_bound else self.initial.get("scenario_json")
        try:
            now = current_values(parse_json(raw)) if raw else {}
        except JsonInputError:
            now = {}
        keep = gettext("Empty keeps the scenario's value: %(value)s.")
        unknown = gettext("unknown")

        def show(key: str, percent: bool = False) -> str:
            value = now.get(key)
            if isinstance(value, int | float) and percent:
                return f"{value * 100:g}%"
            return unknown if value is None else str(POLICY_LABELS.get(str(value), value))

        self.fields["horizon_weeks"].help_text = keep % {"value": show("horizon_weeks")}
        self.fields["written_share"].help_text = keep % {"value": show("written_share", True)}
        self.fields["outsourcing_hours_per_week"].help_text = (
            keep % {"value": show("outsourcing_hours_per_week")}
            + " "
            + gettext("0 stops outsourcing.")
        )
        self.fields["order_policy"].help_text = keep % {"value": show("order_policy")}
        self.fields["notice_probability"].help_text = keep % {
            "value": show("notice_probability", True)
        }

    def clean_scenario_json(self) -> Any:
        text = self.cleaned_data["scenario_json"]
        try:
            return parse_json(text)
        except JsonInputError as exc:
            # The detail (English, like the engine's messages) names the line and column, the
            # field or the limit.
            detail = f"field '{exc.field}': {exc.message}" if exc.field else exc.message
            raise forms.ValidationError(
                gettext("The scenario JSON is refused: %(error)s.") % {"error": detail},
                code="json",
            ) from None

    def knobs(self) -> Knobs:
        data = self.cleaned_data

        def share(key: str) -> float | None:
            value = data.get(key)
            return None if value is None else value / 100

        return Knobs(
            horizon_weeks=data.get("horizon_weeks"),
            extra_temps=data.get("extra_temps"),
            extra_temps_start_week=data.get("extra_temps_start_week"),
            written_share=share("written_share"),
            written_from_week=data.get("written_from_week"),
            outsourcing_hours_per_week=data.get("outsourcing_hours_per_week"),
            order_policy=data.get("order_policy") or None,
            notice_probability=share("notice_probability"),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        raw = cleaned["scenario_json"]
        knobs = self.knobs()
        try:
            self.scenario, self.touched = apply_knobs(raw, knobs)
            # The unchanged scenario (only the horizon applied) is the baseline of a comparison.
            self.base_scenario, _ = apply_knobs(raw, Knobs(horizon_weeks=knobs.horizon_weeks))
        except ScenarioError as exc:
            self.add_scenario_error(exc)
        return cleaned

    def add_scenario_error(self, exc: ScenarioError, side: str | None = None) -> None:
        """Show ``exc`` at the knob that wrote its field, else at the JSON."""
        touched = {"horizon_weeks": "horizon_weeks"} if side == "a" else self.touched
        field = exc.knob if isinstance(exc, KnobError) else knob_for(exc.field, touched)
        field = field or "scenario_json"
        if exc.field == "replications":
            field = "replications"
        self.add_error(field, format_scenario_error(exc, side))

    def submit(self, user: Any, *, compare: bool) -> ForecastRun | None:
        """Start the run (after is_valid()); None with form errors when a field is wrong."""
        if self.scenario is None or self.base_scenario is None:
            raise RuntimeError("submit() needs a valid form (call is_valid() first)")
        data = self.cleaned_data
        run_settings = {
            "replications": data["replications"],
            "target_date": data.get("target_date") or default_target(self.scenario),
        }
        try:
            if not compare:
                return services.start_forecast(self.scenario, user, data["name"], **run_settings)
            if not self.knobs().changes_scenario(ignore_horizon=True):
                self.add_error(
                    None, gettext("Set at least one knob to compare with the unchanged scenario.")
                )
                return None
            return services.start_comparison(
                self.base_scenario, self.scenario, user, data["name"], **run_settings
            )
        except services.ComparisonError as exc:
            self.add_scenario_error(exc, exc.side)
        except ScenarioError as exc:
            self.add_scenario_error(exc)
        return None


class CompareForm(RunSettingsMixin):
    """Two scenarios from the list of sources, run on the same random numbers."""

    a_source = forms.ChoiceField(label=_("Scenario A (baseline)"))
    b_source = forms.ChoiceField(label=_("Scenario B (variant)"))

    # Django reads this per form class and never changes it.
    field_order = ["a_source", "b_source", "name", "replications", "horizon_weeks", "target_date"]  # noqa: RUF012

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sources = source_choices()
        for name in ("a_source", "b_source"):
            field = self.fields[name]
            if not isinstance(field, forms.ChoiceField):
                raise TypeError(f"{name} is a ChoiceField")
            field.choices = sources
        if len(sources) > 1:
            self.fields["b_source"].initial = sources[1][0]
        self.fields["horizon_weeks"].help_text = gettext(
            "Both scenarios need the same horizon; empty keeps theirs."
        )
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                SELECT if isinstance(field.widget, forms.Select) else TEXTBOX
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("a_source") and cleaned.get("a_source") == cleaned.get("b_source"):
            self.add_error("b_source", gettext("Choose a different scenario than A."))
        return cleaned

    def submit(self, user: Any) -> ForecastRun | None:
        """Start the comparison (after is_valid()); None with form errors when invalid."""
        data = self.cleaned_data
        knobs = Knobs(horizon_weeks=data.get("horizon_weeks"))
        try:
            a, _ = apply_knobs(load_source(data["a_source"]), knobs)
            b, _ = apply_knobs(load_source(data["b_source"]), knobs)
            return services.start_comparison(
                a,
                b,
                user,
                data["name"],
                replications=data["replications"],
                target_date=data.get("target_date") or default_target(a),
            )
        except services.ComparisonError as exc:
            target = "horizon_weeks" if exc.field == "horizon_weeks" else None
            self.add_error(target, format_scenario_error(exc, exc.side))
        except ScenarioError as exc:
            self.add_error(None, format_scenario_error(exc))
        except KeyError:
            self.add_error(None, gettext("This scenario is no longer available."))
        return None
