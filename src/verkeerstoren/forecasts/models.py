# SPDX-License-Identifier: EUPL-1.2
"""A forecast run (the lifecycle of ``runs``): the scenario(s) as submitted, its progress, and
the summarised result."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from verkeerstoren.runs.models import Run

# The largest forecast the web allows takes a worker seconds; a run "running" this long has lost
# its worker (crash, restart).
STALL_AFTER = timedelta(minutes=30)


class ForecastRun(Run):
    """One forecast (scenario A) or one comparison (A against B), run by a background task.

    The scenario JSON is stored exactly as it was run (knobs applied), so a run can be repeated
    and explained later. The result holds quantile rows and clearance summaries only — never the
    raw replication paths, which are large and can be regenerated from scenario and seed.
    """

    class Kind(models.TextChoices):
        FORECAST = "forecast", _("Forecast")
        COMPARISON = "comparison", _("Comparison")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.FORECAST)
    scenario = models.JSONField(_("scenario"))
    scenario_b = models.JSONField(_("scenario B"), null=True, blank=True)
    replications = models.PositiveIntegerField(_("replications"))
    target_date = models.DateField(_("target date"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    result = models.JSONField(_("result"), null=True, blank=True)
    # The status history (runs.services writes one row per transition); the scenarios and the
    # result stay on the run itself, they never change after the run was queued or finished.
    history = HistoricalRecords(excluded_fields=["scenario", "scenario_b", "result", "progress"])

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        verbose_name = _("forecast run")
        verbose_name_plural = _("forecast runs")

    def __str__(self) -> str:
        return self.name

    def allowed_duration(self) -> timedelta:
        return STALL_AFTER

    @property
    def is_comparison(self) -> bool:
        return self.kind == self.Kind.COMPARISON
