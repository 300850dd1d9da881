# SPDX-License-Identifier: EUPL-1.2
"""The forecast page's main knobs, applied on top of a scenario's JSON.

A knob left empty keeps the scenario's value, so the JSON stays the single source of truth and a
knob is an explicit change. Each knob records which scenario fields it wrote; a validation error
in one of those fields is then shown at the knob rather than at the JSON.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from verkeerstoren.forecast import ScenarioError
from verkeerstoren.forecast.fields import week_ref

# Profile of added temporary staff when the scenario has no "temps" cohort to copy from: the
# tf2020 temps' hours, absence and two-week course, at full productivity.
DEFAULT_TEMPS = {
    "productive_hours_per_week": 24,
    "absence": 0.1,
    "onboarding": [0, 0, 0.5, 0.75],
}
_COPIED_FROM_TEMPS = ("productive_hours_per_week", "absence", "onboarding", "productivity")


class KnobError(ScenarioError):
    """A knob cannot be applied to this scenario; ``knob`` names the knob."""

    def __init__(self, knob: str, field: str, message: str) -> None:
        super().__init__(field, message)
        self.knob = knob


@dataclass(frozen=True)
class Knobs:
    """Changes to a scenario; None means 'keep the scenario's value'."""

    horizon_weeks: int | None = None
    extra_temps: int | None = None
    extra_temps_start_week: int | None = None
    written_share: float | None = None  # 0..1
    written_from_week: int | None = None
    outsourcing_hours_per_week: float | None = None
    order_policy: str | None = None
    notice_probability: float | None = None  # 0..1

    def changes_scenario(self, *, ignore_horizon: bool = False) -> bool:
        """Whether any knob is set (optionally not counting the horizon)."""
        skip = {"horizon_weeks", "extra_temps_start_week", "written_from_week"}
        if not ignore_horizon:
            skip.discard("horizon_weeks")
        return any(getattr(self, f.name) is not None for f in fields(self) if f.name not in skip)


def apply_knobs(data: object, knobs: Knobs) -> tuple[dict[str, Any], dict[str, str]]:
    """A copy of ``data`` with the knobs applied, and {scenario field path: knob name}."""
    if not isinstance(data, dict):
        raise ScenarioError("(root)", "must be a JSON object")
    out: dict[str, Any] = copy.deepcopy(data)
    touched: dict[str, str] = {}
    if knobs.horizon_weeks is not None:
        out["horizon_weeks"] = knobs.horizon_weeks
        touched["horizon_weeks"] = "horizon_weeks"
    if knobs.extra_temps:
        touched.update(_add_temps(out, knobs.extra_temps, knobs.extra_temps_start_week or 0))
    if knobs.written_share is not None:
        touched.update(_written(out, knobs.written_share, knobs.written_from_week or 0))
    if knobs.outsourcing_hours_per_week is not None:
        touched.update(_outsourcing(out, knobs.outsourcing_hours_per_week))
    if knobs.order_policy:
        current = out.get("order")
        order: dict[str, Any] = current if isinstance(current, dict) else {}
        # A policy other than 'shares' must not carry shares (the format rejects them).
        out["order"] = {
            k: v for k, v in order.items() if k != "shares" or knobs.order_policy == "shares"
        }
        out["order"]["policy"] = knobs.order_policy
        touched["order"] = "order_policy"
    if knobs.notice_probability is not None:
        penalties = out.get("penalties")
        if not isinstance(penalties, dict):
            raise KnobError(
                "notice_probability", "penalties", "the scenario has no penalties section to change"
            )
        penalties["notice_probability"] = knobs.notice_probability
        touched["penalties.notice_probability"] = "notice_probability"
    return out, touched


def knob_for(field: str, touched: dict[str, str]) -> str | None:
    """The knob that wrote ``field`` (or a field containing it), if any."""
    for prefix, knob in touched.items():
        if field == prefix or field.startswith((f"{prefix}.", f"{prefix}[")):
            return knob
    return None


def current_values(data: object) -> dict[str, object]:
    """What the scenario says for each knob, to show next to the (empty) knob fields."""
    if not isinstance(data, dict):
        return {}
    capacity = data.get("capacity") if isinstance(data.get("capacity"), dict) else {}
    written = data.get("written_hearing_share", 0)
    if isinstance(written, list) and written and isinstance(written[-1], dict):
        written = written[-1].get("value")
    outsourcing = data.get("outsourcing")
    order = data.get("order")
    penalties = data.get("penalties")
    return {
        "horizon_weeks": data.get("horizon_weeks"),
        "staff_cohorts": len(capacity.get("staff", [])) if isinstance(capacity, dict) else 0,
        "written_share": written,
        "outsourcing_hours_per_week": outsourcing.get("hours_per_week", 0)
        if isinstance(outsourcing, dict)
        else 0,
        "order_policy": order.get("policy", "oldest_first")
        if isinstance(order, dict)
        else "oldest_first",
        "notice_probability": penalties.get("notice_probability")
        if isinstance(penalties, dict)
        else None,
    }


def _add_temps(out: dict[str, Any], headcount: int, start_week: int) -> dict[str, str]:
    """Append a cohort of extra temps, with the profile of the scenario's own temps if any."""
    capacity = out.get("capacity")
    if not isinstance(capacity, dict) or capacity.get("mode") != "staff":
        raise KnobError("extra_temps", "capacity.mode", "extra temps need capacity mode 'staff'")
    staff = capacity.setdefault("staff", [])
    if not isinstance(staff, list):
        raise ScenarioError("capacity.staff", "must be a list")
    model = next(
        (c for c in staff if isinstance(c, dict) and str(c.get("name", "")).lower() == "temps"),
        None,
    )
    cohort: dict[str, Any] = {"name": "extra temps", "headcount": headcount, "start": start_week}
    if model is None:
        cohort.update(DEFAULT_TEMPS)
    else:
        cohort.update({k: copy.deepcopy(model[k]) for k in _COPIED_FROM_TEMPS if k in model})
    staff.append(cohort)
    return {f"capacity.staff[{len(staff) - 1}]": "extra_temps", "capacity.mode": "extra_temps"}


def _written(out: dict[str, Any], share: float, from_week: int) -> dict[str, str]:
    """Written-hearing share ``share`` from ``from_week`` on; earlier steps are kept."""
    current = out.get("written_hearing_share", 0.0)
    if from_week <= 0:
        out["written_hearing_share"] = share
        return {"written_hearing_share": "written_share"}
    start = _start_date(out)
    steps = current if isinstance(current, list) else [{"from": 0, "value": current}]
    kept = []
    for index, step in enumerate(steps):
        if not isinstance(step, dict):
            raise ScenarioError(f"written_hearing_share[{index}]", "must be a {from, value} step")
        begin = week_ref(step.get("from"), f"written_hearing_share[{index}].from", start)
        if begin < from_week:
            kept.append(step)
    out["written_hearing_share"] = [*kept, {"from": from_week, "value": share}]
    return {"written_hearing_share": "written_share"}


def _start_date(out: dict[str, Any]) -> date:
    """The scenario's start date, needed to turn dated steps into weeks."""
    try:
        return date.fromisoformat(str(out.get("start_date")))
    except ValueError:
        raise ScenarioError("start_date", "must be a date YYYY-MM-DD") from None


def _outsourcing(out: dict[str, Any], hours_per_week: float) -> dict[str, str]:
    """Firm hours per week; 0 removes outsourcing. Other outsourcing settings are kept."""
    if hours_per_week == 0:
        out.pop("outsourcing", None)
        return {"outsourcing": "outsourcing_hours_per_week"}
    current = out.get("outsourcing")
    section = current if isinstance(current, dict) else {}
    section["hours_per_week"] = hours_per_week
    out["outsourcing"] = section
    return {"outsourcing": "outsourcing_hours_per_week"}
