# SPDX-License-Identifier: EUPL-1.2
"""What each role sees of the intake table's rows, shaped field by field.

The rows of ``intaketable.proposals.day_rows`` carry everything; each role gets its own row type
holding only the fields it may see, so a template cannot show more than its role is allowed:

- the chair (IND): the applicant, the proposal and its reasons, shortfalls, IND's decision;
- COA: reference, family, location, first week, the reception decision; of the shortfalls only
  a lack of reception places. No features, competences, reasons, track or nationality;
- DT&V: the departure-relevant rows (``departures``): reference, track, location, first week;
- police: the intake data a police user recorded: reference, received, nationality, language,
  documents, Eurodac hit, family members. No proposal.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verkeerstoren.cases.roles import Role
from verkeerstoren.intake.capacity import Placement
from verkeerstoren.intake.propose import age_on
from verkeerstoren.intake.rules import RuleSet
from verkeerstoren.intaketable.models import IntakeDecision, ReceptionDecision
from verkeerstoren.intaketable.proposals import PROCEDURE_CODE, Row
from verkeerstoren.web.common.labels import label
from verkeerstoren.web.facts.intake import DOCUMENTS

from . import departures

# The default rules' ids in words; a rule of an uploaded file without words here shows its id.
REASONS: dict[str, Any] = {
    "track.eurodac": gettext_lazy("Eurodac hit: another member state may be responsible"),
    "track.dublin": gettext_lazy("Other Dublin indication"),
    "track.protection_elsewhere": gettext_lazy("Protection granted in another member state"),
    "track.safe_country": gettext_lazy("Nationality on the list of safe countries of origin"),
    "track.general": gettext_lazy("No Dublin or safe-country ground: track 4"),
    "procedure.medical": gettext_lazy("Medical advice: cannot be heard in the general procedure"),
    "procedure.age_assessment": gettext_lazy("Age assessment needed"),
    "procedure.general": gettext_lazy("General procedure"),
    "competence.amv": gettext_lazy("Unaccompanied minor"),
    "competence.lgbti": gettext_lazy("Declared LGBTI"),
    "competence.conversion": gettext_lazy("Declared conversion"),
    "competence.1f": gettext_lazy("1F indication"),
    "competence.trafficking": gettext_lazy("Trafficking indication"),
    "competence.medical": gettext_lazy("Medical advice with restrictions"),
    "heard.accompanied_child_under_15": gettext_lazy("Child with parents, under 15: not heard"),
    "heard.unaccompanied_under_6": gettext_lazy("Unaccompanied child under 6: not heard"),
    "heard.yes": gettext_lazy("Heard"),
    "child_hearing.under_15": gettext_lazy("Heard child under 15: child hearing"),
    "child_hearing.no": gettext_lazy("No child hearing"),
    "family.track": gettext_lazy("Family handled together: the family's track"),
    "family.procedure": gettext_lazy("Family handled together: the family's procedure"),
}
# The family rule is code, not a row of the rule file (intake.propose.together).
FAMILY_SOURCE = "docs/domain.md 2.4: a family is handled together (intake.propose)"


@dataclass(frozen=True)
class Reason:
    id: str
    text: str
    source: str
    fallback: bool  # a rule without conditions (the table's default): listed, not highlighted


@dataclass(frozen=True)
class Route:
    """A route as proposed or as decided, in the register's codes."""

    track: str  # "1", "2", "4"
    procedure: str  # "AA", "VA"
    competences: tuple[str, ...]
    heard: bool
    child_hearing: bool
    location: str
    week: date | None
    location_name: str = ""


@dataclass(frozen=True)
class Decided:
    route: Route
    overridden: bool
    reason: str
    by: str
    at: datetime
    differs: frozenset[str]  # the fields where the decision is not the proposal


@dataclass
class ChairRow:
    reference: str
    version: int
    received: date
    nationality: str
    language: str
    age: int | None
    unaccompanied: bool
    family_group: str
    family_members: int
    features: list[str]
    proposal: Route
    shortfalls: list[str]
    reasons: list[Reason]
    proposal_key: str
    decided: Decided | None
    reception: str  # COA's reception decision in words, or ""
    form: Any = None  # the override form (fresh or as refused)
    message: str = ""  # a refusal for the whole row (the case changed, ...)
    message_ok: str = ""

    @property
    def settled(self) -> bool:
        return self.decided is not None

    @property
    def routine(self) -> bool:
        """One key press confirms it: not decided yet, and the proposal fits the capacity."""
        return self.decided is None and not self.shortfalls

    @property
    def highlighted(self) -> list[Reason]:
        return [r for r in self.reasons if not r.fallback]


@dataclass
class CoaRow:
    reference: str
    family_group: str
    family_members: int
    location: str
    location_name: str
    routed: bool  # IND decided the location (else it is the proposal's)
    week: date | None
    no_reception_place: bool
    reception: ReceptionDecision | None
    reception_by: str
    form: Any = None
    message_ok: str = ""


@dataclass(frozen=True)
class DtvRow:
    reference: str
    track: str
    routed: bool
    location: str
    location_name: str
    week: date | None
    why: str


@dataclass(frozen=True)
class PoliceRow:
    reference: str
    received: date
    nationality: str
    language: str
    documents: list[str]
    eurodac_hit: bool
    family_members: int


def proposal_key(proposal: dict[str, Any]) -> str:
    """A short digest of a proposal as shown: a decision is taken on the proposal seen."""
    text = json.dumps(proposal, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def rule_sources(rules: RuleSet) -> dict[str, tuple[str, bool]]:
    """Rule id -> (source, whether it is a rule without conditions)."""
    out = {r.id: (r.source, not r.when) for t in rules.tables for r in t.rules}
    out["family.track"] = out["family.procedure"] = (FAMILY_SOURCE, False)
    return out


def reasons_of(ids: tuple[str, ...], sources: dict[str, tuple[str, bool]]) -> list[Reason]:
    out = []
    for rule_id in ids:
        source, fallback = sources.get(rule_id, ("", False))
        out.append(Reason(rule_id, str(REASONS.get(rule_id, rule_id)), source, fallback))
    return out


def shortfall_text(code: str, names: dict[str, str]) -> str:
    """A shortfall code of intake.capacity in words."""
    what, _sep, where = code.partition("@")
    place = names.get(where, where)
    if what == "reception":
        return _("No reception place free at %(location)s") % {"location": place}
    if what == "child_room":
        return _("No child hearing room free at %(location)s") % {"location": place}
    if what.startswith("officer:"):
        needs = what.removeprefix("officer:")
        if needs == "any":
            return _("No hearing officer free at %(location)s") % {"location": place}
        words = ", ".join(label("feature", c) for c in needs.split("+"))
        return _("No hearing officer with %(competences)s free at %(location)s") % {
            "competences": words,
            "location": place,
        }
    if what.startswith("interpreter:"):
        return _("No interpreter for %(language)s free") % {
            "language": what.removeprefix("interpreter:")
        }
    return code


def proposed_route(row: Row) -> Route:
    p, pl = row.proposal, row.placement
    return Route(
        str(p.track),
        PROCEDURE_CODE[p.procedure],
        tuple(p.competences),
        p.heard,
        p.child_hearing,
        pl.location,
        pl.first_day,
    )


def stored_route(proposal: dict[str, Any]) -> Route:
    """The proposal as stored with a decision (``Row.proposal_json``)."""
    week = proposal.get("week")
    return Route(
        str(proposal.get("track", "")),
        PROCEDURE_CODE.get(str(proposal.get("procedure")), str(proposal.get("procedure", ""))),
        tuple(sorted(proposal.get("competences", ()))),
        bool(proposal.get("heard", True)),
        bool(proposal.get("child_hearing", False)),
        str(proposal.get("location", "")),
        date.fromisoformat(week) if isinstance(week, str) else None,
    )


def decided_route(d: IntakeDecision) -> Route:
    return Route(
        d.track,
        d.procedure,
        tuple(d.competence_list()),
        d.heard,
        d.child_hearing,
        d.location.code,
        d.earliest_week,
    )


def _username(user: Any) -> str:
    return user.get_username() if user is not None else "—"


def _decided(d: IntakeDecision | None, proposal: Route, names: dict[str, str]) -> Decided | None:
    if d is None:
        return None
    route = replace(decided_route(d), location_name=d.location.name)
    differs = frozenset(
        name
        for name in ("track", "procedure", "competences", "location", "week")
        if getattr(route, name) != getattr(proposal, name)  # location_name follows location
    )
    return Decided(route, d.overridden, d.reason, _username(d.decided_by), d.decided_at, differs)


def reception_text(r: ReceptionDecision | None) -> str:
    if r is None:
        return ""
    return _("%(transport)s to %(location)s (COA, %(user)s)") % {
        "transport": r.get_transport_display(),
        "location": r.location.name,
        "user": _username(r.confirmed_by),
    }


def chair_rows(
    rows: list[Row], version: str, rules: RuleSet, names: dict[str, str]
) -> list[ChairRow]:
    sources = rule_sources(rules)
    out = []
    for row in rows:
        # A decided row shows the proposal the decision was taken on (stored with it): the
        # rules read the features the decision added, so a fresh proposal could differ.
        shown = row.decision.proposal if row.decision is not None else row.proposal_json(version)
        proposal = proposed_route(row) if row.decision is None else stored_route(shown)
        proposal = replace(proposal, location_name=names.get(proposal.location, proposal.location))
        out.append(
            ChairRow(
                reference=row.case.reference,
                version=row.case.version,
                received=row.case.received,
                nationality=row.case.nationality,
                language=row.case.language,
                age=age_on(row.intake.birth_date, row.case.received),
                unaccompanied=row.intake.unaccompanied,
                family_group=row.case.family_group,
                family_members=row.intake.family_members,
                features=[label("feature", f) for f in row.features],
                proposal=proposal,
                shortfalls=[shortfall_text(s, names) for s in shown.get("shortfalls", ())],
                reasons=reasons_of(tuple(shown.get("reasons", ())), sources),
                proposal_key=proposal_key(shown),
                decided=_decided(row.decision, proposal, names),
                reception=reception_text(row.reception),
            )
        )
    return out


def _where_and_when(row: Row) -> tuple[str, date | None, bool]:
    """The location and first week IND decided, else the proposal's."""
    if row.decision is not None:
        return row.decision.location.code, row.decision.earliest_week, True
    return row.placement.location, row.placement.first_day, False


def _reception_short(placement: Placement) -> bool:
    return any(s.startswith("reception@") for s in placement.shortfalls)


def coa_rows(rows: list[Row], names: dict[str, str]) -> list[CoaRow]:
    out = []
    for row in rows:
        location, week, routed = _where_and_when(row)
        out.append(
            CoaRow(
                reference=row.case.reference,
                family_group=row.case.family_group,
                family_members=row.intake.family_members,
                location=location,
                location_name=names.get(location, location),
                routed=routed,
                week=week,
                no_reception_place=_reception_short(row.placement),
                reception=row.reception,
                reception_by=_username(row.reception.confirmed_by) if row.reception else "",
            )
        )
    return out


def dtv_rows(rows: list[Row], names: dict[str, str], day: date) -> tuple[list[DtvRow], list[Row]]:
    """DT&V's rows and the register rows they show (for the access log)."""
    rates = departures.rates_on(day)
    out, shown = [], []
    for row in rows:
        track = row.decision.track if row.decision is not None else str(row.proposal.track)
        why = departures.why_listed(track, row.case.kind, rates)
        if why is None:
            continue
        location, week, routed = _where_and_when(row)
        name = names.get(location, location)
        out.append(DtvRow(row.case.reference, track, routed, location, name, week, why))
        shown.append(row)
    return out, shown


def police_rows(rows: list[Row]) -> tuple[list[PoliceRow], list[Row]]:
    """The rows whose intake a police user recorded, and the register rows they show."""
    police = set(
        get_user_model().objects.filter(groups__name=Role.POLICE.value).values_list("pk", flat=True)
    )
    documents = dict(DOCUMENTS)
    out, shown = [], []
    for row in rows:
        if row.intake.recorded_by_id not in police:
            continue
        out.append(
            PoliceRow(
                reference=row.case.reference,
                received=row.case.received,
                nationality=row.case.nationality,
                language=row.case.language,
                documents=[str(documents.get(d, d)) for d in row.intake.document_list()],
                eurodac_hit=row.intake.eurodac_hit,
                family_members=row.intake.family_members,
            )
        )
        shown.append(row)
    return out, shown
