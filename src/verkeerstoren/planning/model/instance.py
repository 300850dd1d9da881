# SPDX-License-Identifier: EUPL-1.2
"""Planning instance: staff, cases, families, firms and pins over a horizon of weeks.

Plain frozen dataclasses plus :func:`instance_from_dict` (the JSON shape documented in
docs/formats.md, section "Planning instance"). No file I/O here: the caller reads the JSON.
Validation errors raise :class:`PlanningInputError` naming the offending field.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

PACKAGES = ("prepare", "hear", "draft", "decide")
OUTSOURCEABLE = ("prepare", "draft")
MODES = ("oral", "video", "written")
WEEKLY = "weekly"
CARRY_OVER = "carry_over"
CAPACITY_RULES = (WEEKLY, CARRY_OVER)


class PlanningInputError(ValueError):
    """The planning instance is malformed or contradictory (message names the field).

    ``str(exc)`` is the English message. ``code`` (empty if none) names the message, so that a
    caller can show it in the reader's language, with ``params`` filled in: ids and numbers
    only, never personal data.
    """

    def __init__(
        self, message: str, *, code: str = "", params: Mapping[str, str | int] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.params: dict[str, str | int] = dict(params or {})


@dataclass(frozen=True)
class Staff:
    """An officer; hours available per week are given or derived (see ``hours_in_week``)."""

    id: str
    team: str = ""
    location: str = ""
    competencies: Mapping[str, int] = field(default_factory=dict)
    can_hear: bool = True
    can_decide: bool = True
    decision_team: bool = False
    hours: tuple[float, ...] | None = None
    contract_hours: float = 36.0
    availability: float = 1.0
    productive_share: float = 1.0
    start_week: int = 0
    ramp: tuple[float, ...] = ()

    def hours_in_week(self, week: int) -> float:
        """Hours for case work in ``week``: given list, else contract x availability x ramp."""
        if self.hours is not None:
            return self.hours[week] if week < len(self.hours) else 0.0
        if week < self.start_week:
            return 0.0
        since = week - self.start_week
        ramp = self.ramp[since] if since < len(self.ramp) else 1.0
        return self.contract_hours * self.availability * self.productive_share * ramp


@dataclass(frozen=True, slots=True, eq=False)
class Effort(Mapping[str, float]):
    """Hours of work per package of one case in one hearing mode.

    Read by name (``effort.draft``) or, as in the JSON form, as a mapping package -> hours
    (``effort["draft"]``, ``dict(effort)``), in the order of PACKAGES.
    """

    prepare: float = 0.0
    hear: float = 0.0
    draft: float = 0.0
    decide: float = 0.0

    @property
    def total(self) -> float:
        """Hours of all packages: the officer's hours when nothing is outsourced."""
        return self.prepare + self.hear + self.draft + self.decide

    def own_hours(self, prepare_outsourced: bool = False, draft_outsourced: bool = False) -> float:
        """The officer's hours: every package except those outsourced to a firm."""
        prepare = self.prepare if prepare_outsourced else 0.0
        draft = self.draft if draft_outsourced else 0.0
        return self.total - prepare - draft

    def __getitem__(self, package: str) -> float:
        if package not in PACKAGES:
            raise KeyError(package)
        value: float = getattr(self, package)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(PACKAGES)

    def __len__(self) -> int:
        return len(PACKAGES)

    def _hours(self) -> tuple[float, float, float, float]:
        return (self.prepare, self.hear, self.draft, self.decide)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Effort):
            return self._hours() == other._hours()
        if isinstance(other, Mapping):
            return dict(self) == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._hours())


def effort_of(packages: Mapping[str, float]) -> Effort:
    """``packages`` (package -> hours, missing packages 0) as an Effort."""
    if isinstance(packages, Effort):
        return packages
    return Effort(**{p: float(packages.get(p, 0.0)) for p in PACKAGES})


@dataclass(frozen=True)
class Case:
    """A case to decide: ``effort[mode]`` hours per package, cost of finishing in each week.

    ``effort`` may be given as plain mappings package -> hours; they are stored as Effort.
    """

    id: str
    effort: Mapping[str, Effort]
    cost_by_week: tuple[float, ...]
    cost_beyond: float
    ready_week: int = 0
    competencies: Mapping[str, int] = field(default_factory=dict)
    written_opt_in: bool = False
    complex: bool = False
    location: str = ""
    family: str = ""
    received: int = 0
    deadline_week: int | None = None

    def __post_init__(self) -> None:
        if not all(isinstance(e, Effort) for e in self.effort.values()):
            typed = {mode: effort_of(e) for mode, e in self.effort.items()}
            object.__setattr__(self, "effort", typed)

    def modes(self) -> tuple[str, ...]:
        """Hearing modes allowed for this case (written only when the applicant opted in)."""
        return tuple(
            m for m in MODES if m in self.effort and (m != "written" or self.written_opt_in)
        )


@dataclass(frozen=True)
class Firm:
    """External firm: weekly hours for file preparation and for drafting decisions."""

    id: str
    prepare_hours: tuple[float, ...]
    draft_hours: tuple[float, ...]
    cost_per_hour: float = 0.0


@dataclass(frozen=True)
class Pin:
    """A planner's fixed choice: case to officer in a week."""

    case: str
    officer: str
    week: int


@dataclass(frozen=True)
class PlanningInstance:
    """Everything the planner needs; ids are unique within each list."""

    horizon_weeks: int
    staff: tuple[Staff, ...]
    cases: tuple[Case, ...]
    firms: tuple[Firm, ...] = ()
    pins: tuple[Pin, ...] = ()
    # How officer hours bind (docs/formats.md): "weekly" = a case's own hours all fall in the
    # week it is decided; "carry_over" = hours an officer does not use in a week go to cases
    # decided later (work ahead), never to a case before its ready week.
    capacity_rule: str = "weekly"

    @property
    def carry_over(self) -> bool:
        """May an officer's unused hours of a week go to cases decided later?"""
        return self.capacity_rule == CARRY_OVER


def unit_pin(
    inst: PlanningInstance, members: Sequence[int], pin_of: Mapping[str, Pin]
) -> tuple[str, int] | None:
    """(officer id, week) a unit (a family or one case) is pinned to, None if not pinned.

    Raises PlanningInputError when members of one family are pinned apart.
    """
    pins = {
        (pin_of[inst.cases[c].id].officer, pin_of[inst.cases[c].id].week)
        for c in members
        if inst.cases[c].id in pin_of
    }
    if len(pins) > 1:
        family = inst.cases[members[0]].family
        raise PlanningInputError(
            f"family {family!r}: members pinned to different officers or weeks",
            code="family_pinned_apart",
            params={"family": family},
        )
    return next(iter(pins)) if pins else None


def instance_from_dict(data: Mapping[str, Any]) -> PlanningInstance:
    """Build and validate an instance from its JSON object form."""
    if not isinstance(data, Mapping):
        raise PlanningInputError("instance must be a JSON object")
    horizon = _int(data, "horizon_weeks", "instance", minimum=1)
    staff = tuple(_staff(s, k, horizon) for k, s in enumerate(_list(data, "staff")))
    cases = tuple(_case(c, k, horizon) for k, c in enumerate(_list(data, "cases")))
    firms = tuple(_firm(f, k, horizon) for k, f in enumerate(_list(data, "firms", True)))
    pins = tuple(_pin(p, k) for k, p in enumerate(_list(data, "pins", True)))
    _unique([s.id for s in staff], "staff")
    _unique([c.id for c in cases], "cases")
    _unique([f.id for f in firms], "firms")
    _unique([p.case for p in pins], "pins (case)")
    staff_ids = {s.id for s in staff}
    case_by_id = {c.id: c for c in cases}
    for k, p in enumerate(pins):
        if p.case not in case_by_id:
            raise PlanningInputError(f"pins[{k}].case: unknown case {p.case!r}")
        if p.officer not in staff_ids:
            raise PlanningInputError(f"pins[{k}].officer: unknown staff {p.officer!r}")
        if not 0 <= p.week < horizon:
            raise PlanningInputError(f"pins[{k}].week: {p.week} outside 0..{horizon - 1}")
    rule = _str(data, "capacity_rule", "instance", WEEKLY)
    if rule not in CAPACITY_RULES:
        raise PlanningInputError(
            f"instance.capacity_rule: {rule!r} is not one of {', '.join(CAPACITY_RULES)}"
        )
    return PlanningInstance(horizon, staff, cases, firms, pins, rule)


def _list(data: Mapping[str, Any], key: str, optional: bool = False) -> list[Any]:
    value = data.get(key)
    if value is None and optional:
        return []
    if not isinstance(value, list):
        raise PlanningInputError(f"{key}: expected a list")
    return value


def _where(ctx: str, key: str) -> str:
    return f"{ctx}.{key}"


def _num(obj: Mapping[str, Any], key: str, ctx: str, default: float | None = None) -> float:
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlanningInputError(f"{_where(ctx, key)}: expected a number, got {value!r}")
    if value < 0:
        raise PlanningInputError(f"{_where(ctx, key)}: must not be negative")
    return float(value)


def _int(
    obj: Mapping[str, Any], key: str, ctx: str, default: int | None = None, minimum: int = 0
) -> int:
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanningInputError(f"{_where(ctx, key)}: expected an integer, got {value!r}")
    if value < minimum:
        raise PlanningInputError(f"{_where(ctx, key)}: must be at least {minimum}")
    return value


def _bool(obj: Mapping[str, Any], key: str, ctx: str, default: bool) -> bool:
    value = obj.get(key, default)
    if not isinstance(value, bool):
        raise PlanningInputError(f"{_where(ctx, key)}: expected true or false")
    return value


def _str(obj: Mapping[str, Any], key: str, ctx: str, default: str | None = None) -> str:
    value = obj.get(key, default)
    if not isinstance(value, str) or (default is None and not value):
        raise PlanningInputError(f"{_where(ctx, key)}: expected a non-empty string")
    return value


def _weekly(
    obj: Mapping[str, Any], key: str, ctx: str, horizon: int, default: float | None = None
) -> tuple[float, ...]:
    """A number (same every week) or a list with one number per week of the horizon."""
    value = obj.get(key, default)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value < 0:
            raise PlanningInputError(f"{_where(ctx, key)}: must not be negative")
        return (float(value),) * horizon
    if not isinstance(value, list) or len(value) != horizon:
        raise PlanningInputError(
            f"{_where(ctx, key)}: expected a number or a list of {horizon} numbers"
        )
    return tuple(_num({"v": v}, "v", f"{ctx}.{key}[{w}]") for w, v in enumerate(value))


def _levels(obj: Mapping[str, Any], key: str, ctx: str) -> dict[str, int]:
    value = obj.get(key, {})
    if not isinstance(value, Mapping):
        raise PlanningInputError(f"{_where(ctx, key)}: expected an object code -> level")
    return {str(k): _int(value, k, f"{ctx}.{key}", minimum=1) for k in value}


def _staff(obj: Any, k: int, horizon: int) -> Staff:
    ctx = f"staff[{k}]"
    if not isinstance(obj, Mapping):
        raise PlanningInputError(f"{ctx}: expected an object")
    hours = None
    if "hours" in obj:
        hours = _weekly(obj, "hours", ctx, horizon)
    ramp_raw = obj.get("ramp", [])
    if not isinstance(ramp_raw, list):
        raise PlanningInputError(f"{ctx}.ramp: expected a list of factors")
    ramp = tuple(_num({"v": v}, "v", f"{ctx}.ramp[{w}]") for w, v in enumerate(ramp_raw))
    return Staff(
        id=_str(obj, "id", ctx),
        team=_str(obj, "team", ctx, ""),
        location=_str(obj, "location", ctx, ""),
        competencies=_levels(obj, "competencies", ctx),
        can_hear=_bool(obj, "can_hear", ctx, True),
        can_decide=_bool(obj, "can_decide", ctx, True),
        decision_team=_bool(obj, "decision_team", ctx, False),
        hours=hours,
        contract_hours=_num(obj, "contract_hours", ctx, 36.0),
        availability=_num(obj, "availability", ctx, 1.0),
        productive_share=_num(obj, "productive_share", ctx, 1.0),
        start_week=_int(obj, "start_week", ctx, 0),
        ramp=ramp,
    )


def _case(obj: Any, k: int, horizon: int) -> Case:
    ctx = f"cases[{k}]"
    if not isinstance(obj, Mapping):
        raise PlanningInputError(f"{ctx}: expected an object")
    effort_raw = obj.get("effort")
    if not isinstance(effort_raw, Mapping) or not effort_raw:
        raise PlanningInputError(f"{ctx}.effort: expected an object mode -> package hours")
    effort: dict[str, Effort] = {}
    for mode, packages in effort_raw.items():
        if mode not in MODES:
            raise PlanningInputError(f"{ctx}.effort.{mode}: unknown mode (use {MODES})")
        if not isinstance(packages, Mapping):
            raise PlanningInputError(f"{ctx}.effort.{mode}: expected package -> hours")
        for pkg in packages:
            if pkg not in PACKAGES:
                raise PlanningInputError(f"{ctx}.effort.{mode}.{pkg}: unknown package")
        effort[mode] = Effort(*(_num(packages, p, f"{ctx}.effort.{mode}", 0.0) for p in PACKAGES))
    costs_raw = obj.get("cost_by_week")
    if not isinstance(costs_raw, list) or len(costs_raw) != horizon:
        raise PlanningInputError(f"{ctx}.cost_by_week: expected a list of {horizon} numbers")
    costs = tuple(_num({"v": v}, "v", f"{ctx}.cost_by_week[{w}]") for w, v in enumerate(costs_raw))
    deadline = obj.get("deadline_week")
    case = Case(
        id=_str(obj, "id", ctx),
        effort=effort,
        cost_by_week=costs,
        cost_beyond=_num(obj, "cost_beyond", ctx),
        ready_week=_int(obj, "ready_week", ctx, 0),
        competencies=_levels(obj, "competencies", ctx),
        written_opt_in=_bool(obj, "written_opt_in", ctx, False),
        complex=_bool(obj, "complex", ctx, False),
        location=_str(obj, "location", ctx, ""),
        family=_str(obj, "family", ctx, ""),
        received=_int(obj, "received", ctx, k),
        deadline_week=None if deadline is None else _int(obj, "deadline_week", ctx),
    )
    if not case.modes():
        raise PlanningInputError(f"{ctx}.effort: no usable hearing mode (written needs opt-in)")
    return case


def _firm(obj: Any, k: int, horizon: int) -> Firm:
    ctx = f"firms[{k}]"
    if not isinstance(obj, Mapping):
        raise PlanningInputError(f"{ctx}: expected an object")
    return Firm(
        id=_str(obj, "id", ctx),
        prepare_hours=_weekly(obj, "prepare_hours", ctx, horizon, 0.0),
        draft_hours=_weekly(obj, "draft_hours", ctx, horizon, 0.0),
        cost_per_hour=_num(obj, "cost_per_hour", ctx, 0.0),
    )


def _pin(obj: Any, k: int) -> Pin:
    ctx = f"pins[{k}]"
    if not isinstance(obj, Mapping):
        raise PlanningInputError(f"{ctx}: expected an object")
    return Pin(_str(obj, "case", ctx), _str(obj, "officer", ctx), _int(obj, "week", ctx))


def _unique(ids: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise PlanningInputError(f"{what}: duplicate id {i!r}")
        seen.add(i)
