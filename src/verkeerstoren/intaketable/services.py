# SPDX-License-Identifier: EUPL-1.2
"""The intake table's facts: IND routes a case (confirming or overriding the proposal), COA
confirms its reception and sets its reception places, an administrator uploads a new version of
the rules.

A route sets the case's track, procedure and location, adds the competences as features (the
planner reads them), gives the case the dossier items the route needs (the back office's
checklist) and the earliest week the planner may plan it. Each is one transaction, audited,
raising the case's version (optimistic locking).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from verkeerstoren import glossary as g
from verkeerstoren.cases import models as cm
from verkeerstoren.cases.audit import actor, audited
from verkeerstoren.cases.facts.common import lock, refuse
from verkeerstoren.cases.facts.errors import FactError
from verkeerstoren.cases.facts.locking import bump
from verkeerstoren.cases.facts.messages import word
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.intake.rules import OUTPUT_VALUES, RuleFileError, parse

from .models import IntakeDecision, ReceptionCapacity, ReceptionDecision, RuleFile

TRACKS = {str(t) for t in OUTPUT_VALUES["track"]}
COMPETENCES = OUTPUT_VALUES["competences"]
PROCEDURES = {"general": g.Procedure.GENERAL.value, "extended": g.Procedure.EXTENDED.value}
MAX_RECEPTION_PLACES = 100_000  # more than any location has; a typo's extra zeros are refused


def _route_problems(route: dict[str, Any], reason: str, overridden: bool) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if str(route.get("track")) not in TRACKS:
        problems.append(("track", "unknown_code"))
    if route.get("procedure") not in PROCEDURES:
        problems.append(("procedure", "unknown_code"))
    if not set(route.get("competences", ())) <= COMPETENCES:
        problems.append(("competences", "unknown_code"))
    if not cm.Location.objects.filter(code=route.get("location")).exists():
        problems.append(("location", "unknown_location"))
    if overridden and not reason.strip():
        problems.append(("reason", "reason_required"))
    return problems


@transaction.atomic
def decide_route(
    case: cm.Case,
    proposal: dict[str, Any],
    *,
    route: dict[str, Any] | None = None,
    reason: str = "",
    user: Any = None,
    expected_version: int | None = None,
) -> IntakeDecision:
    """Route ``case`` as proposed (``route`` None) or as ``route`` says (an override, with a
    reason). ``route`` keys: track, procedure, competences, heard, child_hearing, location, week."""
    case = lock(case)
    chosen = {**proposal, **(route or {})}
    overridden = any(chosen.get(k) != proposal.get(k) for k in chosen)
    refuse(_route_problems(chosen, reason, overridden))
    if IntakeDecision.objects.filter(case=case).exists() and not reason.strip():
        refuse([("reason", "reason_required")])  # a second route is a correction: say why
    bump(case, expected_version)
    location = cm.Location.objects.get(code=chosen["location"])
    week = date.fromisoformat(chosen["week"]) if chosen.get("week") else None
    decision = IntakeDecision.objects.filter(case=case).first() or IntakeDecision(case=case)
    decision.proposal = proposal
    decision.track = str(chosen["track"])
    decision.procedure = PROCEDURES[chosen["procedure"]]
    decision.competences = ";".join(sorted(set(chosen.get("competences", ()))))
    decision.heard = bool(chosen.get("heard", True))
    decision.child_hearing = bool(chosen.get("child_hearing", False))
    decision.location = location
    decision.earliest_week = week
    decision.overridden = overridden
    decision.reason = reason.strip()
    decision.register_day = register_as_of()
    decision.decided_by = actor(user)
    with audited(decision, user, "route overridden" if overridden else "route confirmed"):
        decision.save()
    case.track, case.procedure, case.location = decision.track, decision.procedure, location
    with audited(case, user, "routed by the intake table"):
        case.save(update_fields=["track", "procedure", "location"])
    for code in decision.competence_list():
        feature, made = cm.CaseFeature.objects.get_or_create(case=case, feature=code)
        if made:
            with audited(feature, user, "intake table"):
                feature.save()
    _checklist(case, decision, user)
    intake = case.intake
    intake.earliest_week = week
    with audited(intake, user, "intake table: earliest week"):
        intake.save(update_fields=["earliest_week"])
    return decision


def _checklist(case: cm.Case, decision: IntakeDecision, user: Any) -> None:
    """The dossier items the route adds to the back office's checklist."""
    needed = []
    if case.intake.age_assessment_needed:
        needed.append(g.DossierItemKind.AGE_ASSESSMENT.value)
    if decision.track == g.Track.DUBLIN.value:
        needed.append(g.DossierItemKind.DUBLIN_CLAIM.value)
    if "trafficking" in decision.competence_list():
        needed.append(g.DossierItemKind.TRAFFICKING_CHECK.value)
    for kind in needed:
        item, made = cm.DossierItem.objects.get_or_create(case=case, kind=kind)
        if made:
            with audited(item, user, "intake table checklist"):
                item.save()


@transaction.atomic
def confirm_reception(
    case: cm.Case, *, location: str, transport: str, user: Any = None
) -> ReceptionDecision:
    """COA confirms where the applicant is received and how they travel there."""
    case = lock(case)
    problems: list[tuple[str, str]] = []
    place = cm.Location.objects.filter(code=location).first()
    if place is None:
        problems.append(("location", "unknown_location"))
    if transport not in ReceptionDecision.Transport.values:
        problems.append(("transport", "unknown_code"))
    routed = (
        IntakeDecision.objects.filter(case=case).values_list("location__code", flat=True).first()
    )
    if routed is not None and routed != location:
        problems.append(("location", "not_the_routed_location"))
    refuse(problems)
    assert place is not None  # noqa: S101 - refused above
    decision = ReceptionDecision.objects.filter(case=case).first() or ReceptionDecision(case=case)
    decision.location, decision.transport, decision.confirmed_by = place, transport, actor(user)
    with audited(decision, user, "reception confirmed"):
        decision.save()
    return decision


@transaction.atomic
def upload_rules(text: str, note: str, *, user: Any = None) -> RuleFile:
    """A new version of the intake rules, checked before it is stored; RuleFileError -> field."""
    problems: list[tuple[str, str]] = []
    if not note.strip():
        problems.append(("note", "reason_required"))
    try:
        rules = parse(text)
    except RuleFileError as exc:
        # The checker's message names the table, rule or list and key (in English, as the file).
        message = _("The rules cannot be used: %(error)s") % {"error": exc}
        raise FactError(
            {"text": [message], **({"note": [word("reason_required")]} if problems else {})}
        ) from None
    refuse(problems)
    version = RuleFile(version=rules.version, text=text, note=note.strip(), created_by=actor(user))
    with audited(version, user, f"intake rules {rules.version}"):
        version.save()
    return version


@transaction.atomic
def set_reception_places(location: str, places: int, *, user: Any = None) -> ReceptionCapacity:
    """COA sets the reception places at ``location`` (all places; the register counts who is
    there). The placement of the intake table reads them from then on."""
    problems: list[tuple[str, str]] = []
    place = cm.Location.objects.filter(code=location).first()
    if place is None:
        problems.append(("location", "unknown_location"))
    refuse(problems)
    if isinstance(places, bool) or not isinstance(places, int):
        raise FactError.at("places", _("Give a whole number of places."))
    if not 0 <= places <= MAX_RECEPTION_PLACES:
        raise FactError.at(
            "places",
            _("The number of places is between 0 and %(most)s.") % {"most": MAX_RECEPTION_PLACES},
        )
    assert place is not None  # noqa: S101 - refused above
    row = ReceptionCapacity.objects.select_for_update().filter(location=place).first()
    row = row or ReceptionCapacity(location=place)
    row.places, row.updated_by = places, actor(user)
    with audited(row, user, "reception places"):
        row.save()
    return row
