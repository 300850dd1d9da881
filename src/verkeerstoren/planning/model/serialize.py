# SPDX-License-Identifier: EUPL-1.2
"""Planning instance to its JSON object form: the inverse of ``instance_from_dict``."""

from __future__ import annotations

from typing import Any

from verkeerstoren.planning.model.instance import Case, Firm, PlanningInstance, Staff


def _staff(s: Staff) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": s.id,
        "team": s.team,
        "location": s.location,
        "competencies": dict(s.competencies),
        "can_hear": s.can_hear,
        "can_decide": s.can_decide,
        "decision_team": s.decision_team,
        "contract_hours": s.contract_hours,
        "availability": s.availability,
        "productive_share": s.productive_share,
        "start_week": s.start_week,
        "ramp": list(s.ramp),
    }
    if s.hours is not None:
        out["hours"] = list(s.hours)
    return out


def _case(c: Case) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.id,
        "effort": {mode: dict(packages) for mode, packages in c.effort.items()},
        "cost_by_week": list(c.cost_by_week),
        "cost_beyond": c.cost_beyond,
        "ready_week": c.ready_week,
        "competencies": dict(c.competencies),
        "written_opt_in": c.written_opt_in,
        "complex": c.complex,
        "location": c.location,
        "family": c.family,
        "received": c.received,
    }
    if c.deadline_week is not None:
        out["deadline_week"] = c.deadline_week
    return out


def _firm(f: Firm) -> dict[str, Any]:
    return {
        "id": f.id,
        "prepare_hours": list(f.prepare_hours),
        "draft_hours": list(f.draft_hours),
        "cost_per_hour": f.cost_per_hour,
    }


def instance_to_dict(inst: PlanningInstance) -> dict[str, Any]:
    """The JSON object form of ``inst`` (docs/formats.md, "Planning instance")."""
    return {
        "horizon_weeks": inst.horizon_weeks,
        "capacity_rule": inst.capacity_rule,
        "staff": [_staff(s) for s in inst.staff],
        "cases": [_case(c) for c in inst.cases],
        "firms": [_firm(f) for f in inst.firms],
        "pins": [{"case": p.case, "officer": p.officer, "week": p.week} for p in inst.pins],
    }
