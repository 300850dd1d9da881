"""A forecast run: the scenario(s) as submitted, its progress, and the summarised result."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ForecastRun(models.Model):
    """One forecast (scenario A) or one comparison (A against B), run by a background task.

    The scenario JSON is stored exactly as it was run (knobs applied), so a run can be repeated
    and explained later. The result holds quantile rows and clearance summaries only — never the
    raw replication paths, which are large and can be regenerated from scenario and seed.
    """

    class Kind(models.TextChoices):
        FORECAST = "forecast", _("Forecast")
        COMPARISON = "comparison", _("Comparison")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.FORECAST)
    scenario = models.JSONField(_("scenario"))
    scenario_b = models.JSONField(_("scenario B"), null=True, blank=True)
    replications = models.PositiveIntegerField(_("replications"))
    target_date = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("forecast run")
        verbose_name_plural = _("forecast runs")

    def __str__(self) -> str:
        return self.name

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_comparison(self) -> bool:
        return self.kind == self.Kind.COMPARISON
