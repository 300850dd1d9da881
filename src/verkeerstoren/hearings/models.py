# SPDX-License-Identifier: EUPL-1.2
"""Hearing schedule runs, the hearings they place, and disruptions.

A *run* makes the schedule of one week of a published plan (the lifecycle of ``runs``: queued →
running → done/failed). A finished run stores one :class:`Hearing` row per hearing of the week:
scheduled (day, slot, room, officer, interpreter), not scheduled (the week had no room for it),
or written (a due date instead of a slot). The newest finished run of a week is its *current*
schedule; a re-schedule after a :class:`Disruption` (an interpreter, officer or room out for some
slots) is a new run that keeps every hearing that still fits and lists who must be told of the
others. Hearings are derived data, never edited, except their status (held, cancelled), which
is a fact recorded through ``hearings.services``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from simple_history.models import HistoricalRecords

from verkeerstoren.cases.models import Case, HearingRoom, Interpreter, Lawyer, Location, Staff
from verkeerstoren.plans.models import PlanVersion
from verkeerstoren.runs.models import Run

# A run takes its time limit plus export, check and storing; well past that its worker stopped.
STALL_GRACE = timedelta(minutes=10)

# HearingInputError fields of the instance the register built -> message ids; the register is
# checked before it is exported, so these point at register data a planner can fix.
HEARING_ERROR_MESSAGES = {
    "no_published_plan": gettext_noop("There is no published plan to schedule hearings from."),
    "no_hearings": gettext_noop("The published plan has no hearings to schedule in this week."),
    "week_over": gettext_noop("Every working day of this week has passed."),
}


class Disruption(models.Model):
    """An interpreter, officer or room out of use on some slots of some days (a fact)."""

    class Kind(models.TextChoices):
        INTERPRETER = "interpreter", _("interpreter")
        OFFICER = "officer", _("officer")
        ROOM = "room", _("room")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    interpreter = models.ForeignKey(
        Interpreter, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    officer = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    room = models.ForeignKey(
        HearingRoom, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    # The slots of each day (0 = morning, 1 = afternoon), as a sorted list.
    slots = models.JSONField(_("slots"), default=list)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["-recorded_at", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="disruption_order"
            ),
        ]
        verbose_name = _("disruption")
        verbose_name_plural = _("disruptions")

    def resource_code(self) -> str:
        """The code of the interpreter, officer or room."""
        target = {"interpreter": self.interpreter, "officer": self.officer, "room": self.room}
        found = target.get(self.kind)
        return str(getattr(found, "code", ""))

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


class HearingScheduleRun(Run):
    """One schedule run: a week of a published plan, its progress and (once done) its figures."""

    version = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="+")
    week = models.PositiveSmallIntegerField(_("plan week"))
    week_start = models.DateField(_("week starting"), db_index=True)
    time_limit = models.FloatField(_("time limit (seconds)"))
    # What the run is doing ("exporting", "solving", "checking", "storing") and how far the
    # solver is (0..1 of its time limit), for the polling page.
    stage = models.CharField(_("stage"), max_length=16, blank=True)
    progress = models.FloatField(_("progress"), default=0.0)
    reschedule_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disruption = models.ForeignKey(
        Disruption, null=True, blank=True, on_delete=models.PROTECT, related_name="runs"
    )
    # The week's schedule in force: the newest done run of the week (one per week).
    current = models.BooleanField(_("current"), default=False)
    hearing_count = models.PositiveIntegerField(_("hearings"), default=0)
    scheduled_count = models.PositiveIntegerField(_("scheduled"), default=0)
    written_count = models.PositiveIntegerField(_("written"), default=0)
    scheduled_weight = models.BigIntegerField(_("scheduled weight"), default=0)
    upper_bound = models.BigIntegerField(_("upper bound"), default=0)
    gap_pct = models.FloatField(_("gap (%)"), default=0.0)
    seconds = models.FloatField(_("seconds"), default=0.0)
    solver_status = models.CharField(_("solver status"), max_length=16, blank=True)
    # The independent checker's findings (planning.hearings.checker); empty for a valid schedule.
    violations = models.JSONField(_("violations"), default=list)
    # After a re-schedule: per changed hearing who must be told (hearings.changes).
    changes = models.JSONField(_("changes"), default=list)
    kept_count = models.PositiveIntegerField(_("kept"), default=0)
    parameters = models.JSONField(_("parameters"), default=dict)
    history = HistoricalRecords()

    error_messages: ClassVar[dict[str, str]] = HEARING_ERROR_MESSAGES
    cleared_when_finished: ClassVar[dict[str, Any]] = {"stage": ""}

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["week_start"],
                condition=models.Q(current=True),
                name="uniq_current_hearing_schedule",
            )
        ]
        verbose_name = _("hearing schedule run")
        verbose_name_plural = _("hearing schedule runs")

    def __str__(self) -> str:
        return f"hearing schedule run {self.pk}"

    def allowed_duration(self) -> timedelta:
        return timedelta(seconds=self.time_limit) + STALL_GRACE

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=6)


class Hearing(models.Model):
    """One hearing of a run's week: where and when it is, or why it is not (yet) scheduled."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        UNSCHEDULED = "unscheduled", _("not scheduled this week")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    run = models.ForeignKey(HearingScheduleRun, on_delete=models.CASCADE, related_name="hearings")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    mode = models.CharField(_("hearing mode"), max_length=8)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, db_index=True)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("day"), null=True, blank=True, db_index=True)
    slot = models.PositiveSmallIntegerField(_("slot"), null=True, blank=True)
    length = models.PositiveSmallIntegerField(_("slots"), default=1)
    # A written hearing has a day by which the applicant sends the account, no slot or room.
    due_date = models.DateField(_("due date"), null=True, blank=True)
    room = models.ForeignKey(
        HearingRoom, null=True, blank=True, on_delete=models.PROTECT, related_name="hearings"
    )
    officer = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="hearings"
    )
    interpreter = models.ForeignKey(
        Interpreter, null=True, blank=True, on_delete=models.PROTECT, related_name="hearings"
    )
    lawyer = models.ForeignKey(
        Lawyer, null=True, blank=True, on_delete=models.PROTECT, related_name="hearings"
    )
    weight = models.PositiveIntegerField(_("weight"), default=0)
    # Why it was cancelled (or a note on the hearing held), as the officer recorded it.
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    # Different from the schedule this run re-planned (day, slot, room, officer or interpreter).
    changed = models.BooleanField(_("changed"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["day", "slot", "case__reference"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["run", "case"], name="uniq_hearing_per_run"),
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["run", "status"])]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")

    def __str__(self) -> str:
        return f"hearing {self.pk}"

    @property
    def is_written(self) -> bool:
        return self.mode == "written"

    @property
    def placed(self) -> bool:
        """Has a day and slot (scheduled or held)."""
        return self.day is not None and self.slot is not None


class LawyerAccount(models.Model):
    """Links a legal-aid user to the lawyer whose clients' hearings they may see."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lawyer_account"
    )
    lawyer = models.ForeignKey(Lawyer, on_delete=models.CASCADE, related_name="accounts")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lawyer account")
        verbose_name_plural = _("lawyer accounts")
