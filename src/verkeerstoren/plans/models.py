# SPDX-License-Identifier: EUPL-1.2
"""Plan runs, plan versions with their assignments, and pins.

A *run* is one background job (the lifecycle of ``runs``: queued → running → done/failed). A
finished run stores one *version*: the figures (cost, lower bound, baselines, expected
penalties) and one assignment per case. Versions are derived data: they are never edited, only
published or superseded. A *pin* is a fact a planner records ("this case goes to this officer
in this week"); every later run keeps the active pins. Pins are never deleted: removing one
closes it (removed_at/by), and django-simple-history keeps who did what.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from simple_history.models import HistoricalRecords

from verkeerstoren import glossary as g
from verkeerstoren import weeks
from verkeerstoren.cases.choices import STREAMS
from verkeerstoren.cases.models import Case, ExternalFirm, Staff, Team
from verkeerstoren.runs.models import Run

STREAM_CHOICES = [*STREAMS, ("all", _("All streams"))]

# PlanningInputError codes of the planning core -> message ids (English, with the error's
# params). The core has no Django, so its messages are translated here, when a page is shown.
PLANNING_ERROR_MESSAGES = {
    "no_plan_for_pins": gettext_noop("No plan satisfies every pin and family constraint."),
    "pins_not_met": gettext_noop(
        "The pins of cases %(cases)s cannot all be met together (eligibility, readiness or hours)."
    ),
    "family_pinned_apart": gettext_noop(
        "The cases of family %(family)s are pinned to different officers or weeks."
    ),
}


# A run takes its time limit plus building, checking and storing (about a minute on a whole
# register, measured on tf2020); well past that, its worker has stopped (crash, restart).
STALL_GRACE = timedelta(minutes=15)


class PlanRun(Run):
    """One plan run: its inputs, progress and (once done) its version."""

    as_of = models.DateField(_("as of"))
    horizon_weeks = models.PositiveSmallIntegerField(_("horizon (weeks)"))
    stream = models.CharField(_("stream"), max_length=16, choices=STREAM_CHOICES)
    staff_scope = models.CharField(_("staff"), max_length=16, default="stream")
    time_limit = models.FloatField(_("time limit (seconds)"))
    # What the run is doing now ("building", "baselines", "solving", "checking", "storing"):
    # the solver has no progress callback, so the page shows the stage and the elapsed time.
    stage = models.CharField(_("stage"), max_length=16, blank=True)
    replan_of = models.ForeignKey(
        "PlanVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The status history (runs.services writes one row per transition).
    history = HistoricalRecords()

    # error_code is a PlanningInputError code of the planning core.
    error_messages: ClassVar[dict[str, str]] = PLANNING_ERROR_MESSAGES
    cleared_when_finished: ClassVar[dict[str, Any]] = {"stage": ""}

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        verbose_name = _("plan run")
        verbose_name_plural = _("plan runs")

    def __str__(self) -> str:
        return f"plan run {self.pk}"

    def allowed_duration(self) -> timedelta:
        return timedelta(seconds=self.time_limit) + STALL_GRACE


class PlanVersion(models.Model):
    """The stored result of a run: figures, baselines and (via assignments) the plan itself."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")

    run = models.OneToOneField(PlanRun, on_delete=models.CASCADE, related_name="version")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    as_of = models.DateField(_("as of"))
    horizon_weeks = models.PositiveSmallIntegerField(_("horizon (weeks)"))
    stream = models.CharField(_("stream"), max_length=16, choices=STREAM_CHOICES)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("published by"),
    )
    # Solver figures. Cost = expected penalties + lateness weight x days late (+ firm cost),
    # summed over the cases; lower_bound is a proven bound on any plan's cost.
    cost = models.FloatField(_("cost"))
    lower_bound = models.FloatField(_("lower bound"))
    gap_pct = models.FloatField(_("gap (%)"))
    seconds = models.FloatField(_("seconds"))
    solver_status = models.CharField(_("solver status"), max_length=16)
    fifo_cost = models.FloatField(_("FIFO cost"))
    edf_cost = models.FloatField(_("EDF cost"))
    # The same plans in the two terms a manager reads: euros of expected penalty payments and
    # days past the decision deadline (both summed over the cases; unplanned cases counted as
    # decided after the horizon, see register_instance).
    expected_penalty_eur = models.FloatField(_("expected penalties (EUR)"))
    late_days = models.FloatField(_("days late"))
    fifo_penalty_eur = models.FloatField(_("FIFO expected penalties (EUR)"))
    fifo_late_days = models.FloatField(_("FIFO days late"))
    edf_penalty_eur = models.FloatField(_("EDF expected penalties (EUR)"))
    edf_late_days = models.FloatField(_("EDF days late"))
    case_count = models.PositiveIntegerField(_("cases"))
    planned_count = models.PositiveIntegerField(_("planned"))
    staff_count = models.PositiveIntegerField(_("officers"))
    # The independent checker's findings; a version with violations cannot be published.
    violations = models.JSONField(_("violations"), default=list)
    # Pins that no longer apply (case decided, week outside the horizon ...), with the reason.
    ignored_pins = models.JSONField(_("ignored pins"), default=list)
    parameters = models.JSONField(_("parameters"), default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        # At most one published version per stream, whatever publishes at the same moment.
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["stream"],
                condition=models.Q(status="published"),
                name="uniq_published_version_per_stream",
            )
        ]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")

    def __str__(self) -> str:
        return f"plan version {self.pk}"

    def week_start(self, week: int) -> date:
        """First day of plan week ``week`` (week 0 starts on the as-of date)."""
        return weeks.start_of(self.as_of, week)

    def week_of(self, day: date) -> int:
        """The plan week that contains ``day``."""
        return weeks.week_of(self.as_of, day)

    def saving(self, baseline_cost: float) -> tuple[float, float]:
        """(euros, percent) by which this plan is cheaper than a baseline."""
        eur = baseline_cost - self.cost
        return eur, (100.0 * eur / baseline_cost if baseline_cost > 0 else 0.0)

    @property
    def fifo_saving(self) -> tuple[float, float]:
        return self.saving(self.fifo_cost)

    @property
    def edf_saving(self) -> tuple[float, float]:
        return self.saving(self.edf_cost)

    @property
    def publishable(self) -> bool:
        return self.status == self.Status.DRAFT and not self.violations


class PlanAssignment(models.Model):
    """Where the plan puts one case; officer/week empty = not planned within the horizon."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="assignments")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_assignments")
    officer = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="plan_assignments"
    )
    # The officer's team when the plan was made: team targets stay as planned if people move.
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    week = models.PositiveSmallIntegerField(_("week"), null=True, blank=True)
    # Hearing mode; empty when the case needs no hearing any more (already heard) or is unplanned.
    mode = models.CharField(
        _("hearing mode"),
        max_length=8,
        blank=True,
        choices=[(m.value, m.value) for m in g.HearingMode],
    )
    prepare_by = models.ForeignKey(
        ExternalFirm, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    draft_by = models.ForeignKey(
        ExternalFirm, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    officer_hours = models.FloatField(_("officer hours"), default=0.0)
    cost = models.FloatField(_("cost"))
    pinned = models.BooleanField(_("pinned"), default=False)
    # Why the plan put the case here: a list of {"code": ..., params} (plans/reasons.py renders
    # it in the reader's language).
    reasons = models.JSONField(_("reasons"), default=list)

    class Meta:
        ordering: ClassVar[list[str]] = ["week", "case__reference"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["version", "case"], name="uniq_plan_case"),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["version", "officer", "week"])
        ]
        verbose_name = _("plan assignment")
        verbose_name_plural = _("plan assignments")

    @property
    def week_start(self) -> date | None:
        return None if self.week is None else self.version.week_start(self.week)

    def packages(self) -> dict[str, Any]:
        """Who does which package: the officer, or the firm it is outsourced to."""
        prep = self.prepare_by.code if self.prepare_by_id and self.prepare_by else None
        draft = self.draft_by.code if self.draft_by_id and self.draft_by else None
        return {"prepare": prep, "draft": draft}


class Pin(models.Model):
    """A planner's fixed choice: this case to this officer in the week starting ``week_start``.

    Active while ``removed_at`` is empty; at most one active pin per case.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_pins")
    officer = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="plan_pins")
    # Stored as a date, not a week number: week numbers depend on the as-of date of a run.
    week_start = models.DateField(_("week starting"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("removed by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["week_start", "case__reference"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(removed_at__isnull=True),
                name="uniq_active_pin_per_case",
            )
        ]
        verbose_name = _("pin")
        verbose_name_plural = _("pins")

    def __str__(self) -> str:
        return f"pin {self.case_id} -> {self.officer_id} {self.week_start}"
