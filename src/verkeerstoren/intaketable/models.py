# SPDX-License-Identifier: EUPL-1.2
"""What the intake table decides and by which rules: every row is a recorded fact with history."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from verkeerstoren.cases.models import Case, Location


class RuleFile(models.Model):
    """One version of the intake rules (TOML, see intake/default_rules.toml); the newest is used.

    Versions are never edited: a change is a new version, with who and why.
    """

    version = models.CharField(_("version"), max_length=40)
    text = models.TextField(_("rules"))
    note = models.CharField(_("reason for the change"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar[list[str]] = ["-created_at", "-pk"]
        verbose_name = _("intake rules")


class ReceptionCapacity(models.Model):
    """COA's reception places at a location (all places; occupancy is counted from the register)."""

    location = models.OneToOneField(
        Location, on_delete=models.CASCADE, primary_key=True, related_name="reception"
    )
    places = models.PositiveIntegerField(_("reception places"))
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()


class IntakeDecision(models.Model):
    """IND's route for one applicant: the proposal as made, and what was decided (maybe other)."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="intake_decision"
    )
    proposal = models.JSONField(_("proposal"))  # the rules' output, placement and rule version
    track = models.CharField(_("track"), max_length=1)
    procedure = models.CharField(_("procedure"), max_length=2)
    competences = models.CharField(_("competences"), max_length=200, blank=True)
    heard = models.BooleanField(_("heard"))
    child_hearing = models.BooleanField(_("child hearing"))
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    earliest_week = models.DateField(_("earliest week"), null=True, blank=True)
    overridden = models.BooleanField(_("overridden"), default=False)
    reason = models.CharField(_("reason for the override"), max_length=200, blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)
    # The register's day of the decision (the demo clock's day, not the wall clock): the table
    # of that day still shows the row, settled, and its placement keeps its capacity.
    register_day = models.DateField(_("register day"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    def competence_list(self) -> list[str]:
        return [c for c in self.competences.split(";") if c]


class ReceptionDecision(models.Model):
    """COA's confirmation of where the applicant is received and how they get there."""

    class Transport(models.TextChoices):
        COA = "coa", _("COA transport")
        PUBLIC = "public", _("public transport ticket")
        OWN = "own", _("own transport")
        NONE = "none", _("stays at the registration location")

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, primary_key=True, related_name="reception_decision"
    )
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="+")
    transport = models.CharField(_("transport"), max_length=8, choices=Transport.choices)
    confirmed_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()
