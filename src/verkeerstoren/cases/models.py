# SPDX-License-Identifier: EUPL-1.2
"""Register models. Names follow the glossary (DOMAIN.md §6).

Deadlines and penalties are NOT stored: the law engine derives them from the legal events.
Every model with personal data keeps a full history (django-simple-history): who, when, before
and after, for edits through the web, the admin and imports alike.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from . import choices as c


class Location(models.Model):
    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=100)
    has_hearing_rooms = models.BooleanField(_("has hearing rooms"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["code"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="teams")
    stream = models.CharField(_("stream"), max_length=16, choices=c.STREAMS)
    decision_team = models.BooleanField(_("decision team (KDT)"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["code"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Staff(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="members")
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="staff")
    employment_type = models.CharField(
        _("employment type"), max_length=20, choices=c.EMPLOYMENT_TYPES
    )
    hours_per_week = models.DecimalField(
        _("contract hours per week"), max_digits=5, decimal_places=1
    )
    start_date = models.DateField(_("start date"))
    can_hear = models.BooleanField(_("can hear"), default=False)
    can_decide = models.BooleanField(_("can decide"), default=False)
    gender = models.CharField(_("gender"), max_length=1, choices=c.GENDERS, blank=True)
    max_hearings_per_day = models.PositiveSmallIntegerField(_("hearings a day at most"), default=2)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["code"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StaffCompetency(models.Model):
    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="competencies")
    competency = models.CharField(_("competency"), max_length=32, choices=c.COMPETENCIES)
    level = models.CharField(_("level"), max_length=8, choices=c.LEVELS)
    history = HistoricalRecords()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["staff", "competency"], name="uniq_staff_competency")
        ]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")


class Absence(models.Model):
    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="absences")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    reason = models.CharField(_("reason"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["staff", "start"], name="uniq_absence_start"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="absence_order"
            ),
        ]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")


class HearingRoom(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="rooms")
    child_friendly = models.BooleanField(_("child-friendly"), default=False)
    video = models.BooleanField(_("video"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["code"]
        verbose_name = _("hearing room")
        verbose_name_plural = _("hearing rooms")

    def __str__(self) -> str:
        return self.code


class Interpreter(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    languages = models.CharField(_("languages"), max_length=200, help_text=_("';'-separated codes"))
    mode = models.CharField(_("mode"), max_length=8, choices=c.INTERPRETER_MODES)
    gender = models.CharField(_("gender"), max_length=1, choices=c.GENDERS)
    # Where an on-site interpreter comes for oral hearings (location codes); video hearings
    # need no travel.
    locations = models.CharField(
        _("locations"), max_length=200, blank=True, help_text=_("';'-separated location codes")
    )
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["code"]
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")

    def language_list(self) -> list[str]:
        return [lang for lang in self.languages.split(";") if lang]

    def location_list(self) -> list[str]:
        return [loc for loc in self.locations.split(";") if loc]

    def __str__(self) -> str:
        return self.code


class InterpreterUnavailability(models.Model):
    """A half-day (``slot``) or a whole day (no slot) an interpreter cannot hear."""

    interpreter = models.ForeignKey(
        Interpreter, on_delete=models.CASCADE, related_name="unavailability"
    )
    date = models.DateField(_("date"))
    slot = models.PositiveSmallIntegerField(_("slot"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["date", "slot"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["interpreter", "date", "slot"], name="uniq_interpreter_unavailable"
            )
        ]
        verbose_name = _("interpreter unavailability")
        verbose_name_plural = _("interpreter unavailability")


class Lawyer(models.Model):
    """An applicant's lawyer (legal aid), who must be free for the client's hearing.

    Which lawyer a person has is personal data: only IND and the lawyer see it (access.py).
    """

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    max_per_day = models.PositiveSmallIntegerField(_("hearings a day at most"), default=2)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["code"]
        verbose_name = _("lawyer")
        verbose_name_plural = _("lawyers")

    def __str__(self) -> str:
        return self.name


class LawyerUnavailability(models.Model):
    """A half-day (``slot``) or a whole day (no slot) a lawyer cannot attend hearings."""

    lawyer = models.ForeignKey(Lawyer, on_delete=models.CASCADE, related_name="unavailability")
    date = models.DateField(_("date"))
    slot = models.PositiveSmallIntegerField(_("slot"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["date", "slot"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["lawyer", "date", "slot"], name="uniq_lawyer_unavailable"
            )
        ]
        verbose_name = _("lawyer unavailability")
        verbose_name_plural = _("lawyer unavailability")


class ExternalFirm(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    prep_hours_per_week = models.DecimalField(
        _("preparation hours/week"), max_digits=7, decimal_places=1
    )
    draft_hours_per_week = models.DecimalField(
        _("draft decision hours/week"), max_digits=7, decimal_places=1
    )
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["code"]
        verbose_name = _("external firm")
        verbose_name_plural = _("external firms")

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    # HMAC pseudonym of the V-number (cases/pseudonym.py); the plain number is never stored.
    person = models.CharField(_("person (pseudonym)"), max_length=64, db_index=True)
    received = models.DateField(_("received"), db_index=True)
    track = models.CharField(_("track"), max_length=1, choices=c.TRACKS)
    procedure = models.CharField(_("procedure"), max_length=2, choices=c.PROCEDURES)
    kind = models.CharField(_("kind"), max_length=16, choices=c.KINDS)
    stream = models.CharField(
        _("stream"), max_length=16, choices=c.STREAMS, blank=True, db_index=True
    )
    nationality = models.CharField(_("nationality"), max_length=3)
    language = models.CharField(_("hearing language"), max_length=16)
    family_group = models.CharField(_("family group"), max_length=32, blank=True, db_index=True)
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="cases")
    # Current status: kept equal to the latest StatusChange by services.change_status.
    status = models.CharField(_("status"), max_length=20, choices=c.STATUSES, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=c.OUTCOMES, blank=True)
    complexity = models.CharField(_("complexity"), max_length=8, choices=c.COMPLEXITIES)
    written_hearing_opt_in = models.BooleanField(_("opted in to written hearing"), default=False)
    manifestly_unfounded = models.BooleanField(
        _("manifestly unfounded/inadmissible"), default=False
    )
    gender = models.CharField(_("gender"), max_length=1, choices=c.GENDERS, blank=True)
    same_gender_request = models.BooleanField(_("asks for own-gender officer"), default=False)
    # How the applicant will be heard; written only with written_hearing_opt_in (the consent).
    hearing_mode = models.CharField(
        _("hearing mode"), max_length=8, choices=c.HEARING_MODES, blank=True
    )
    # The applicant's lawyer: personal data, shown to IND and that lawyer only (access.py).
    lawyer = models.ForeignKey(
        Lawyer,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clients",
        verbose_name=_("lawyer"),
    )
    # Optimistic locking: every recorded fact raises it by one in a conditional UPDATE, so an
    # edit made on an older version is refused by the database (cases.facts.locking).
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering: ClassVar[list[str]] = ["received", "reference"]
        # The case list's default order: a deep page (OFFSET) walks this index, not a sort.
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["received", "reference"], name="case_received_reference")
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.reference

    def feature_codes(self) -> list[str]:
        return sorted(f.feature for f in self.features.all())


class Intake(models.Model):
    """What the registration (police AVIM/KMar, or IND) recorded of the applicant at intake.

    The intake table's rules read these facts; the V-number itself is never stored (the case's
    ``person`` holds its keyed pseudonym). Declared features are CaseFeature rows.
    """

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="intake"
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    unaccompanied = models.BooleanField(_("unaccompanied minor"), default=False)
    family_members = models.PositiveSmallIntegerField(_("accompanying family members"), default=0)
    documents = models.CharField(
        _("accompanying documents"), max_length=200, blank=True, help_text=_("';'-separated codes")
    )
    eurodac_hit = models.BooleanField(_("Eurodac hit"), default=False)
    dublin_indication = models.BooleanField(_("other Dublin indication"), default=False)
    protection_elsewhere = models.BooleanField(_("protection in another EU state"), default=False)
    medical_advice = models.CharField(
        _("medical advice"), max_length=20, choices=c.MEDICAL_ADVICE, blank=True
    )
    age_assessment_needed = models.BooleanField(_("age assessment needed"), default=False)
    # Set by the intake table's decision: the planner plans the case from this week on.
    earliest_week = models.DateField(_("earliest week"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=20, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")

    def document_list(self) -> list[str]:
        return [d for d in self.documents.split(";") if d]


class CaseFeature(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="features")
    feature = models.CharField(_("feature"), max_length=32, choices=c.FEATURES, db_index=True)
    history = HistoricalRecords()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["case", "feature"], name="uniq_case_feature")
        ]


class StatusChange(models.Model):
    """One step in a case's status history (a fact; never edited)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_history")
    status = models.CharField(_("status"), max_length=20, choices=c.STATUSES)
    outcome = models.CharField(_("outcome"), max_length=20, choices=c.OUTCOMES, blank=True)
    date = models.DateField(_("date"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["date", "id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["case", "status", "date"], name="uniq_status_change")
        ]


class ImmutableError(Exception):
    """A legal event is a fact: it is never changed, only added (or corrected by a new event)."""


class LegalEventQuerySet(models.QuerySet["LegalEvent"]):
    def in_force(self) -> LegalEventQuerySet:
        """The events the law engine reads: neither superseded by a correction nor a retraction."""
        return self.filter(retraction=False, superseded_by__isnull=True)


class LegalEvent(models.Model):
    """An immutable legal fact about a case (DOMAIN.md §3): the law engine's input."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_events")
    kind = models.CharField(_("kind"), max_length=24, choices=c.LEGAL_EVENT_KINDS)
    date = models.DateField(_("date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)
    sent_date = models.DateField(_("sent"), null=True, blank=True)
    decision_term_days = models.PositiveIntegerField(
        _("decision term (days)"), null=True, blank=True
    )
    daily_eur = models.DecimalField(
        _("penalty per day"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    cap_eur = models.DecimalField(
        _("penalty cap"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=100, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=c.OUTCOMES, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    # A correction supersedes one earlier event (with a reason); a retraction supersedes it and
    # says nothing itself. Both rows stay; the law engine reads the events in force only.
    supersedes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    retraction = models.BooleanField(_("retraction"), default=False)
    history = HistoricalRecords()

    objects = LegalEventQuerySet.as_manager()

    class Meta:
        ordering: ClassVar[list[str]] = ["date", "id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["case", "kind", "date"],
                condition=models.Q(supersedes__isnull=True),
                name="uniq_legal_event",
            ),
            models.CheckConstraint(
                condition=models.Q(retraction=False) | models.Q(supersedes__isnull=False),
                name="retraction_supersedes",
            ),
            # A suspension is a period [date, end_date]: the law engine cannot derive a deadline
            # from an open one. An ongoing suspension is recorded once its end is known.
            models.CheckConstraint(
                condition=~models.Q(kind="suspension") | models.Q(end_date__isnull=False),
                name="suspension_has_end",
            ),
        ]
        verbose_name = _("legal event")
        verbose_name_plural = _("legal events")

    @staticmethod
    def in_force_of(events: list[LegalEvent]) -> list[LegalEvent]:
        """The events of an already loaded list that are in force (as the queryset's in_force)."""
        superseded = {e.supersedes_id for e in events if e.supersedes_id is not None}
        return [e for e in events if not e.retraction and e.pk not in superseded]

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ImmutableError("legal events are immutable; record a new event instead")
        super().save(*args, **kwargs)


class DossierItem(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="dossier_items")
    kind = models.CharField(_("kind"), max_length=32, choices=c.DOSSIER_ITEM_KINDS)
    done = models.BooleanField(_("done"), default=False)
    done_date = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["case", "kind"], name="uniq_dossier_item")
        ]
        verbose_name = _("dossier item")
        verbose_name_plural = _("dossier items")


class RegisterClock(models.Model):
    """The demo's register day (one row, pk 1). Production has no row: its day is today.

    Moved forward only, by cases.clock.advance, which also generates the period's facts.
    """

    today = models.DateField(_("register day"))
    moved_at = models.DateTimeField(auto_now=True)
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=models.Q(id=1), name="one_register_clock")
        ]


class CutoffSplitRun(models.Model):
    """The cut-off split as an event: the rule used and what it moved."""

    performed_at = models.DateTimeField(auto_now_add=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cutoff = models.DateField(_("cut-off date"))
    tracks = models.CharField(_("tracks"), max_length=20)
    kinds = models.CharField(_("kinds"), max_length=100)
    court_reentry_to_taskforce = models.BooleanField(default=True)
    summary = models.JSONField(_("summary"), default=dict)

    class Meta:
        ordering: ClassVar[list[str]] = ["-performed_at"]


class ImportRun(models.Model):
    """One import: which files, by whom, how many rows each (the history rows carry the details)."""

    performed_at = models.DateTimeField(auto_now_add=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=255)
    summary = models.JSONField(_("summary"), default=dict)

    class Meta:
        ordering: ClassVar[list[str]] = ["-performed_at"]


class AppendOnlyError(Exception):
    """The access log is append-only: a row is never changed or deleted."""


class AccessLogQuerySet(models.QuerySet["AccessLog"]):
    """Refuses bulk changes: ``update()`` and ``delete()`` raise AppendOnlyError.

    Deleting a user still works: Django's collector sets ``user`` to NULL through the plain base
    manager, and the row keeps ``user_id_kept`` and ``username``.
    """

    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError("the access log is append-only; rows are never updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the access log is append-only; rows are never deleted")


class AccessLog(models.Model):
    """One read of personal data (GDPR art. 9 accountability), as a Logboek Dataverwerkingen record.

    Reads only: a write is recorded in the changed model's history (who, when, why; see
    cases.audit), so it needs no second record here. A read of several cases is one row per
    case. Append-only: saving an existing row or deleting one raises AppendOnlyError (on
    PostgreSQL a trigger refuses UPDATE and DELETE too). ``user`` is SET_NULL when the account is
    deleted; ``user_id_kept`` and ``username`` keep who it was. Written by cases.access.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_id_kept = models.IntegerField(null=True, db_index=True)
    username = models.CharField(max_length=150, blank=True, db_index=True)
    role = models.CharField(max_length=200, blank=True)  # the user's role names at that moment
    session = models.CharField(max_length=64, blank=True)  # keyed hash of the session key
    ip = models.GenericIPAddressField(null=True)  # the client address as django-axes sees it
    trace_id = models.CharField(max_length=32, blank=True, db_index=True)  # one per request
    via = models.CharField(max_length=8, blank=True)  # web, cli
    os_user = models.CharField(max_length=64, blank=True)  # the OS account of a CLI command
    activity = models.CharField(max_length=40, blank=True, db_index=True)  # cases.access.ACTIVITIES
    action = models.CharField(max_length=16)  # read, list, export (cases.access.READS)
    object_type = models.CharField(max_length=32)
    # The case reference, never a V-number.
    object_ref = models.CharField(max_length=64, blank=True, db_index=True)
    # The data subject: the case's person pseudonym (Case.person), never a V-number.
    subject = models.CharField(max_length=64, blank=True, db_index=True)
    detail = models.CharField(max_length=200, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering: ClassVar[list[str]] = ["-at", "-pk"]

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise AppendOnlyError("the access log is append-only; rows are never changed")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the access log is append-only; rows are never deleted")


class LawFigures(models.Model):
    """Derived, never edited: the law engine's figures for a case as of a date.

    A cache so that 100k cases can be filtered and sorted by deadline and exposure in the
    database. Rebuilt from the legal events by services.refresh_law_figures after every import,
    legal event or change of the as-of date; the facts stay the only truth.
    """

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="law"
    )
    as_of = models.DateField()
    regime = models.CharField(max_length=40)
    deadline = models.DateField(db_index=True)
    overdue_days = models.IntegerField(db_index=True)
    notice_received = models.DateField(null=True)
    first_penalty_day = models.DateField(null=True, db_index=True)
    admin_penalty_eur = models.FloatField()
    court_penalty_eur = models.FloatField()
    penalty_eur = models.FloatField()
    penalty_per_day_eur = models.FloatField()
    fixing_decision_due = models.DateField(null=True)
    exposure_eur = models.FloatField(db_index=True)  # expected, if decided at the exposure horizon
