# SPDX-License-Identifier: EUPL-1.2
"""A report version (the lifecycle of ``runs``) and its files.

A version is one report of a kind, period and day, made by a background task: its inputs (what
it was made from, reports/inputs.py), its figures (JSON, the numbers every file shows) and one
file per format and language. Versions are never edited: making a report again makes a new
version, and the old one stays as it was sent.
"""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from verkeerstoren.runs.models import Run

from .periods import Kind

# A report of a 100,000-case register takes a worker well under a minute (docs/benchmarks.md);
# a version "running" this long has lost its worker.
STALL_AFTER = timedelta(minutes=20)


class ReportVersion(Run):
    """One report: kind, period and day, made on demand or by the schedule."""

    class Kinds(models.TextChoices):
        WEEKLY = Kind.WEEKLY.value, _("Weekly management report")
        QUARTERLY = Kind.QUARTERLY.value, _("Quarterly report to parliament")
        TRENDS = Kind.TRENDS.value, _("Monthly trends")

    kind = models.CharField(_("kind"), max_length=16, choices=Kinds.choices)
    period = models.CharField(_("period"), max_length=16)  # 2020-W14, 2020Q1, 2020-03
    period_start = models.DateField(_("first day"))
    period_end = models.DateField(_("last day"))
    # The day the figures are for: the period's last day, or an earlier day of it.
    as_of = models.DateField(_("as of"))
    scheduled = models.BooleanField(_("made by the schedule"), default=False)
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0)
    inputs = models.JSONField(_("inputs"), null=True, blank=True)
    figures = models.JSONField(_("figures"), null=True, blank=True)
    # The status history; inputs and figures never change once the version is done.
    history = HistoricalRecords(excluded_fields=["inputs", "figures", "progress"])

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            # The schedule makes each period's report once, however often it runs.
            models.UniqueConstraint(
                fields=["kind", "period"],
                condition=models.Q(scheduled=True),
                name="uniq_scheduled_report",
            )
        ]
        verbose_name = _("report version")
        verbose_name_plural = _("report versions")

    def __str__(self) -> str:
        return f"{self.kind} {self.period}"

    def allowed_duration(self) -> timedelta:
        return STALL_AFTER

    @property
    def complete(self) -> bool:
        """Whether the figures cover the whole period (the day is its last day)."""
        return self.as_of >= self.period_end


class ReportFile(models.Model):
    """One rendering of a version: HTML, PDF or XLSX in one language."""

    class Format(models.TextChoices):
        HTML = "html", "HTML"
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "XLSX"

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    language = models.CharField(_("language"), max_length=8)
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["version", "format", "language"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["version", "format", "language"], name="uniq_report_file"
            )
        ]
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
