# SPDX-License-Identifier: EUPL-1.2
"""The effort table: hours of work per case, by work package, hearing mode and case features.

Every number here is a planning assumption, not a measured fact (DOMAIN.md §5: "choose a per-type
effort model in hours and make it configurable"); all are marked (L). The table is a frozen
dataclass with defaults: a deployment or a test passes its own (``dataclasses.replace``), and
the values used are stored with every plan version so that a plan can be explained later.

Packages follow docs/formats.md: ``prepare`` (study and complete the file), ``hear`` (the
detailed hearing, by mode), ``draft`` (draft decision), ``decide`` (review and sign).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from verkeerstoren import glossary as g
from verkeerstoren.planning.model.instance import PACKAGES, Effort


def _frozen(d: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(d)


# Which competency (and minimum level: 1 junior, 2 medior, 3 senior) a case feature asks of the
# officer who hears and decides it (L). Features checked by specialists outside the decision
# officer's work (age assessment, language analysis, document examination, a Dublin claim) are
# dossier items, not officer competencies; linked family cases are a planning rule (same officer,
# same week), not a competency.
DEFAULT_REQUIRED_COMPETENCIES: Mapping[str, int] = _frozen(
    {
        g.Feature.AMV.value: 2,  # children are heard by trained specialists (DOMAIN.md §2)
        g.Feature.LGBTI.value: 3,
        g.Feature.CONVERSION.value: 3,
        g.Feature.EXCLUSION_1F.value: 3,
        g.Feature.TRAFFICKING.value: 2,
        g.Feature.MEDICAL.value: 1,
    }
)

# Share of each package still to do, by case status (L). A heard case needs no preparation or
# hearing any more; after the intention only the final decision (which weighs the applicant's
# response) is left, modelled as half a draft plus the decision.
_ALL: Mapping[str, float] = _frozen({p: 1.0 for p in PACKAGES})
_HEARD: Mapping[str, float] = _frozen({"prepare": 0.0, "hear": 0.0, "draft": 1.0, "decide": 1.0})
_AFTER_INTENTION: Mapping[str, float] = _frozen(
    {"prepare": 0.0, "hear": 0.0, "draft": 0.5, "decide": 1.0}
)
DEFAULT_REMAINING_BY_STATUS: Mapping[str, Mapping[str, float]] = _frozen(
    {
        g.Status.REGISTERED.value: _ALL,
        g.Status.PREPARING.value: _ALL,
        g.Status.READY_FOR_HEARING.value: _ALL,
        g.Status.HEARING_PLANNED.value: _ALL,
        g.Status.HEARD.value: _HEARD,
        g.Status.INTENTION.value: _AFTER_INTENTION,
        g.Status.RESPONSE.value: _AFTER_INTENTION,
    }
)


@dataclass(frozen=True)
class EffortTable:
    """Hours per package (L); see the module docstring."""

    prepare_hours: float = 4.0  # (L) file study, before the hearing
    hear_hours: Mapping[str, float] = field(
        # (L) a detailed hearing takes one to several hours plus reporting (DOMAIN.md §2); video
        # costs a little more (connection, remote interpreter), written much less officer time.
        default_factory=lambda: _frozen({"oral": 6.0, "video": 6.5, "written": 3.0})
    )
    draft_hours: float = 6.0  # (L) draft decision
    decide_hours: float = 2.0  # (L) review and signature by an experienced officer
    complex_factor: float = 1.5  # (L) every package of a complex case takes 50 % longer
    specialism_hours: float = 2.0  # (L) extra drafting per specialism feature of the case
    # Features that count as a specialism for the extra hours: all but the family link.
    specialism_features: frozenset[str] = frozenset(
        f.value for f in g.Feature if f is not g.Feature.FAMILY
    )
    required_competencies: Mapping[str, int] = field(
        default_factory=lambda: DEFAULT_REQUIRED_COMPETENCIES
    )
    remaining_by_status: Mapping[str, Mapping[str, float]] = field(
        default_factory=lambda: DEFAULT_REMAINING_BY_STATUS
    )

    def hours(
        self, mode: str, features: frozenset[str] | set[str], complex_case: bool, status: str
    ) -> Effort:
        """Hours per package still to do for one case in one hearing mode."""
        base = {
            "prepare": self.prepare_hours,
            "hear": self.hear_hours[mode],
            "draft": self.draft_hours
            + self.specialism_hours * len(set(features) & self.specialism_features),
            "decide": self.decide_hours,
        }
        factor = self.complex_factor if complex_case else 1.0
        share = self.remaining_by_status.get(status, _ALL)
        return Effort(*(round(base[p] * factor * share.get(p, 1.0), 4) for p in PACKAGES))

    def hearing_left(self, status: str) -> bool:
        """Does a case in this status still need its hearing?"""
        return self.remaining_by_status.get(status, _ALL).get("hear", 1.0) > 0

    def competencies(self, features: frozenset[str] | set[str]) -> dict[str, int]:
        """Competency code -> minimum level the officer needs for these features."""
        return {
            code: level
            for code, level in sorted(self.required_competencies.items())
            if code in features
        }

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-able form (stored with each plan version)."""
        return {
            "prepare_hours": self.prepare_hours,
            "hear_hours": dict(self.hear_hours),
            "draft_hours": self.draft_hours,
            "decide_hours": self.decide_hours,
            "complex_factor": self.complex_factor,
            "specialism_hours": self.specialism_hours,
            "specialism_features": sorted(self.specialism_features),
            "required_competencies": dict(self.required_competencies),
            "remaining_by_status": {k: dict(v) for k, v in self.remaining_by_status.items()},
        }
