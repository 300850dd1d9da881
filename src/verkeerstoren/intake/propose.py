# SPDX-License-Identifier: EUPL-1.2
"""From an applicant's intake facts to the table's proposal, and a family handled together.

Ages are whole years on the registration day. A family takes the most extensive track (4 over 2
over 1) and procedure (extended over general) of any member, with the reason
``family.track`` / ``family.procedure`` on the members it changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from .rules import RuleSet
from .tables import evaluate

TRACK_ORDER = {1: 0, 2: 1, 4: 2}  # 4 is the most extensive
PROCEDURE_ORDER = {"general": 0, "extended": 1}


@dataclass(frozen=True)
class Applicant:
    id: str
    registered: date
    nationality: str
    birth_date: date | None
    unaccompanied: bool = False
    eurodac_hit: bool = False
    dublin_indication: bool = False
    protection_elsewhere: bool = False
    declared: frozenset[str] = frozenset()
    indications: frozenset[str] = frozenset()
    medical_advice: str = "none"
    age_assessment_needed: bool = False
    family: str | None = None
    language: str = ""
    same_gender: str | None = None


@dataclass(frozen=True)
class Proposal:
    id: str
    track: int
    procedure: str
    competences: tuple[str, ...]
    heard: bool
    child_hearing: bool
    reasons: tuple[str, ...]
    family: str | None = None
    confidence: dict[str, str] = field(default_factory=dict)  # per output: the lowest of its rules

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "track": self.track,
            "procedure": self.procedure,
            "competences": list(self.competences),
            "heard": self.heard,
            "child_hearing": self.child_hearing,
            "reasons": list(self.reasons),
        }


def age_on(born: date | None, day: date) -> int | None:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def facts_of(a: Applicant) -> dict[str, Any]:
    """The inputs the rules may test (rules.INPUTS), derived from the intake facts."""
    age = age_on(a.birth_date, a.registered)
    minor = age is not None and age < 18
    return {
        "age": age,
        "minor": minor,
        "unaccompanied": a.unaccompanied,
        "accompanied_child": minor and not a.unaccompanied,
        "eurodac_hit": a.eurodac_hit,
        "dublin_indication": a.dublin_indication,
        "protection_elsewhere": a.protection_elsewhere,
        "declared": a.declared,
        "indications": a.indications,
        "medical_advice": a.medical_advice,
        "age_assessment_needed": a.age_assessment_needed,
        "nationality": a.nationality,
        "language": a.language,
    }


def propose_one(a: Applicant, rules: RuleSet) -> Proposal:
    """One applicant's proposal, before the family rule."""
    facts = facts_of(a)
    reasons: list[str] = []
    confidence: dict[str, str] = {}
    for table in rules.tables:
        value, hits = evaluate(table, facts, rules, a.registered)
        facts[table.output] = value
        reasons += [r.id for r in hits]
        if hits:
            confidence[table.output] = max((r.confidence for r in hits), key="HML".index)
    return Proposal(
        id=a.id,
        track=int(facts["track"] or 4),
        procedure=str(facts["procedure"] or "general"),
        competences=tuple(sorted(facts["competences"] or ())),
        heard=bool(facts["heard"]) if facts["heard"] is not None else True,
        child_hearing=bool(facts["child_hearing"]),
        reasons=tuple(reasons),
        family=a.family,
        confidence=confidence,
    )


def together(proposals: list[Proposal]) -> list[Proposal]:
    """Give every family member the family's most extensive track and procedure (input order)."""
    track: dict[str, int] = {}
    procedure: dict[str, str] = {}
    for p in proposals:
        if p.family is None:
            continue
        track[p.family] = max(track.get(p.family, 1), p.track, key=TRACK_ORDER.__getitem__)
        procedure[p.family] = max(
            procedure.get(p.family, "general"), p.procedure, key=PROCEDURE_ORDER.__getitem__
        )
    out = []
    for p in proposals:
        if p.family is not None:
            extra = []
            if track[p.family] != p.track:
                extra.append("family.track")
            if procedure[p.family] != p.procedure:
                extra.append("family.procedure")
            if extra:
                p = replace(
                    p,
                    track=track[p.family],
                    procedure=procedure[p.family],
                    reasons=(*p.reasons, *extra),
                    confidence={**p.confidence, "track": "L"}
                    if "family.track" in extra
                    else p.confidence,
                )
        out.append(p)
    return out


def propose(applicants: Iterable[Applicant], rules: RuleSet) -> list[Proposal]:
    """Proposals for ``applicants`` in input order, families handled together."""
    return together([propose_one(a, rules) for a in applicants])
