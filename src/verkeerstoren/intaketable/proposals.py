# SPDX-License-Identifier: EUPL-1.2
"""The table of a day: every applicant not yet routed (and those routed that day), with the
rules' proposal and a location and week under capacity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from verkeerstoren import glossary as g
from verkeerstoren.cases import models as cm
from verkeerstoren.intake.capacity import Need, Placement, place
from verkeerstoren.intake.propose import Applicant, Proposal, propose
from verkeerstoren.intake.rules import RuleSet, load, parse

from .capacity import register_capacity
from .models import IntakeDecision, ReceptionDecision, RuleFile

DECLARED = frozenset({g.Feature.LGBTI.value, g.Feature.CONVERSION.value})
INDICATIONS = frozenset({g.Feature.EXCLUSION_1F.value, g.Feature.TRAFFICKING.value})
PROCEDURE_CODE = {"general": g.Procedure.GENERAL.value, "extended": g.Procedure.EXTENDED.value}


def active_rules() -> tuple[RuleSet, str]:
    """The newest uploaded rule file (checked when it was uploaded), else the default rules."""
    latest = RuleFile.objects.first()
    if latest is None:
        rules = load()
        return rules, f"default {rules.version}"
    return parse(latest.text), latest.version


@dataclass(frozen=True)
class Row:
    case: cm.Case
    intake: cm.Intake
    applicant: Applicant
    proposal: Proposal
    placement: Placement
    decision: IntakeDecision | None
    reception: ReceptionDecision | None

    @property
    def features(self) -> list[str]:
        return sorted(self.applicant.declared | self.applicant.indications)

    def proposal_json(self, rules_version: str) -> dict[str, Any]:
        """What the table proposed, stored with the decision (proposal vs decision)."""
        p = self.placement
        return {
            **self.proposal.as_json(),
            "location": p.location,
            "week": None if p.first_day is None else p.first_day.isoformat(),
            "shortfalls": list(p.shortfalls),
            "rules": rules_version,
        }


def applicant_of(case: cm.Case, intake: cm.Intake, features: set[str]) -> Applicant:
    return Applicant(
        id=case.reference,
        registered=case.received,
        nationality=case.nationality,
        birth_date=intake.birth_date,
        unaccompanied=intake.unaccompanied,
        eurodac_hit=intake.eurodac_hit,
        dublin_indication=intake.dublin_indication,
        protection_elsewhere=intake.protection_elsewhere,
        declared=frozenset(features & DECLARED),
        indications=frozenset(features & INDICATIONS),
        medical_advice=intake.medical_advice or "none",
        age_assessment_needed=intake.age_assessment_needed,
        family=case.family_group or None,
        language=case.language,
        same_gender=case.gender if case.same_gender_request and case.gender in ("f", "m") else None,
    )


def day_rows(day: date) -> tuple[list[Row], str]:
    """The table of ``day``: open cases with an intake, not routed yet or routed on that day,
    received on or before it; families kept together, oldest first. Returns the rules' version."""
    decided_today = IntakeDecision.objects.filter(register_day=day).values("case")
    cases = list(
        cm.Case.objects.filter(intake__isnull=False, received__lte=day, status__in=g.OPEN_STATUSES)
        .filter(Q(intake_decision__isnull=True) | Q(pk__in=decided_today))
        .select_related(
            "intake",
            "location",
            "intake_decision__location",
            "intake_decision__decided_by",
            "reception_decision__location",
            "reception_decision__confirmed_by",
        )
        .order_by("received", "family_group", "reference")
    )
    features: dict[int, set[str]] = {c.pk: set() for c in cases}
    for cid, code in cm.CaseFeature.objects.filter(case__in=cases).values_list(
        "case_id", "feature"
    ):
        features[cid].add(code)
    rules, version = active_rules()
    applicants = [applicant_of(c, c.intake, features[c.pk]) for c in cases]
    proposals = propose(applicants, rules)
    needs = [
        Need(
            a.id,
            a.registered,
            c.location.code,
            p.heard,
            frozenset(p.competences),
            a.language,
            p.child_hearing,
            a.family,
        )
        for c, a, p in zip(cases, applicants, proposals, strict=True)
    ]
    placements = place(register_capacity(day), needs)
    rows = [
        Row(
            c,
            c.intake,
            a,
            p,
            pl,
            getattr(c, "intake_decision", None),
            getattr(c, "reception_decision", None),
        )
        for c, a, p, pl in zip(cases, applicants, proposals, placements, strict=True)
    ]
    return rows, version
