# SPDX-License-Identifier: EUPL-1.2
"""Forecast scenario: plain dataclasses and JSON loading with field-named validation errors.

The JSON format is documented in docs/formats.md ("Forecast scenario"). Week references may be
given as a week number counted from ``start_date`` (week 0) or as a date, which is floored to the
week that contains it. Behaviour parameters (notice and appeal probabilities, productivity) are
inputs here, never constants in code (DOMAIN.md §3.5).

Every number has an upper bound (the ``MAX_`` constants below) so that a typo such as
``"replications": 1000000000`` is an error naming the field rather than an attempt to allocate
more memory than the machine has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt

from verkeerstoren.forecast.fields import MISSING, Fields, ScenarioError, check_number, join
from verkeerstoren.jsonin import JsonInputError, loads

__all__ = [
    "MAX_REPLICATIONS",
    "MAX_REPLICATION_WEEKS",
    "POLICIES",
    "CaseType",
    "DecisionTeams",
    "DirectCapacity",
    "Inflow",
    "Outsourcing",
    "PenaltyBehaviour",
    "Reception",
    "Scenario",
    "ScenarioError",
    "Schedule",
    "StaffCapacity",
    "StaffCohort",
    "StockBand",
    "WorkOrder",
    "check_replications",
    "load_scenario",
    "parse_scenario_json",
    "scenario_from_dict",
]

POLICIES = ("oldest_first", "deadline_first", "newest_first", "complex_last", "shares")

# Temporary law Stb. 2020, 242 (DOMAIN.md §3.4): no 4:17 penalty and no appeal for notices of
# default given from this date. A parameter so that other regimes can be explored.
TEMPORARY_LAW_FROM = date(2020, 7, 10)

# A scenario document: the example files are a few kilobytes, nested six levels deep.
MAX_SCENARIO_BYTES = 2 * 1024 * 1024
MAX_SCENARIO_DEPTH = 32

# Bounds on the sizes that drive a run's memory and time. A run keeps arrays of replications x
# weeks for every metric and of replications x cells (case type x week of arrival) for its state:
# about half a kilobyte per replication-week for three case types. So the product of
# replications and horizon is bounded as well as each factor (6 million replication-weeks is a
# few gigabytes; 5,000 replications of twenty years fit).
MAX_HORIZON_WEEKS = 1040  # twenty years
MAX_REPLICATIONS = 100_000
MAX_REPLICATION_WEEKS = 6_000_000
MAX_CASE_TYPES = 50
# Far above the Taskforce's scale (hundreds of staff, a few thousand cases a week) and below the
# limits of NumPy's random draws (hypergeometric draws need fewer than 10^9 cases in a cell).
MAX_CASES = 10_000_000  # initial stock of one case type; working stock
MAX_RATE_PER_WEEK = 1_000_000.0  # arrivals, or decisions in capacity mode 'decisions'
MAX_HEADCOUNT = 100_000.0  # one staff cohort
MAX_HOURS_PER_WEEK = 168.0  # productive hours of one person: the hours in a week
MAX_HOURS_PER_CASE = 10_000.0
MAX_CAPACITY_HOURS = MAX_HEADCOUNT * MAX_HOURS_PER_WEEK  # outsourcing, decision teams
MAX_FACTOR = 100.0  # multipliers: productivity, onboarding, profiles, shares, hours saved
MAX_EUR = 1_000_000_000.0
# A court penalty lasts cap / daily days; the engine tabulates it week by week.
MAX_COURT_PENALTY_DAYS = 7 * MAX_HORIZON_WEEKS


@dataclass(frozen=True, slots=True)
class Schedule:
    """A step function over weeks: ``steps`` are (from_week, value), the first from week 0."""

    steps: tuple[tuple[int, float], ...]

    @classmethod
    def constant(cls, value: float) -> Schedule:
        """A schedule with one value for every week."""
        return cls(((0, value),))

    def weekly(self, horizon: int) -> npt.NDArray[np.float64]:
        """The value in each week ``0..horizon-1``."""
        out = np.empty(horizon, dtype=np.float64)
        for index, (start, value) in enumerate(self.steps):
            end = self.steps[index + 1][0] if index + 1 < len(self.steps) else horizon
            out[max(start, 0) : max(end, 0)] = value
        return out


@dataclass(frozen=True, slots=True)
class StockBand:
    """``count`` pending cases spread evenly over ages ``age_from..age_to`` weeks (inclusive)."""

    age_from: int
    age_to: int
    count: int


@dataclass(frozen=True, slots=True)
class CaseType:
    """A group of cases with one term, effort and outcome profile."""

    name: str
    term_weeks: int
    hours_oral: float
    hours_written: float
    complex: bool = False
    persons_per_case: float = 1.0
    grant_share: float = 0.5
    initial_stock: tuple[StockBand, ...] = ()

    def initial_by_age(self) -> npt.NDArray[np.int64]:
        """Initial pending cases per age in weeks (index = age)."""
        top = max((band.age_to for band in self.initial_stock), default=-1)
        out = np.zeros(top + 1, dtype=np.int64)
        for band in self.initial_stock:
            width = band.age_to - band.age_from + 1
            base, extra = divmod(band.count, width)
            out[band.age_from : band.age_to + 1] += base
            # The remainder goes to the oldest ages so totals are exact and deterministic.
            if extra:
                out[band.age_to - extra + 1 : band.age_to + 1] += 1
        return out


@dataclass(frozen=True, slots=True)
class Inflow:
    """Poisson arrivals: rate per week times a monthly profile, split over case types."""

    rate_per_week: Schedule
    type_shares: tuple[float, ...]
    monthly_profile: tuple[float, ...] = (1.0,) * 12


@dataclass(frozen=True, slots=True)
class StaffCohort:
    """A group of staff joining (and maybe leaving) together."""

    name: str
    headcount: float
    productive_hours_per_week: float
    start_week: int = 0
    end_week: int | None = None
    onboarding: tuple[float, ...] = ()
    absence: float = 0.0
    productivity: float = 1.0


@dataclass(frozen=True, slots=True)
class StaffCapacity:
    """Capacity in hours from staff cohorts; cases cost hours by type and hearing mode."""

    cohorts: tuple[StaffCohort, ...]
    hours_factor: Schedule = field(default_factory=lambda: Schedule.constant(1.0))
    noise_cv: float = 0.0
    hours_per_case_cv: float = 0.0


@dataclass(frozen=True, slots=True)
class DirectCapacity:
    """Capacity given as decisions per week (every case costs one decision)."""

    decisions_per_week: Schedule
    distribution: str = "poisson"


@dataclass(frozen=True, slots=True)
class Outsourcing:
    """Support work bought from firms: firm hours save IND hours after a lead time."""

    hours_per_week: float
    start_week: int = 0
    total_hours: float | None = None
    lead_time_weeks: int = 0
    ind_hours_saved_per_firm_hour: float = 1.0


@dataclass(frozen=True, slots=True)
class DecisionTeams:
    """Senior capacity reserved for complex case types (hours, or decisions in direct mode)."""

    capacity_per_week: float
    start_week: int = 0
    end_week: int | None = None


@dataclass(frozen=True, slots=True)
class WorkOrder:
    """Which pending cases are decided first; ``shares`` per case type for policy 'shares'."""

    policy: str = "oldest_first"
    shares: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class PenaltyBehaviour:
    """Applicant behaviour and court practice that turn overdue cases into penalties."""

    notice_probability: float
    notice_delay_weeks: int
    appeal_probability: float = 0.0
    appeal_delay_weeks: int = 2
    court_weeks: int = 16
    court_daily_eur: float = 0.0
    court_cap_eur: float = 0.0
    penalty_free_notices_from: date | None = TEMPORARY_LAW_FROM


@dataclass(frozen=True, slots=True)
class Reception:
    """How long decided applicants stay in reception (grant: housing; refusal: departure)."""

    stay_weeks_after_grant: int = 0
    stay_weeks_after_refusal: int = 0


@dataclass(frozen=True, slots=True)
class Scenario:
    """Everything one forecast run needs."""

    name: str
    start_date: date
    horizon_weeks: int
    case_types: tuple[CaseType, ...]
    inflow: Inflow
    capacity: StaffCapacity | DirectCapacity
    replications: int = 1000
    seed: int = 0
    working_stock: int = 0
    description: str = ""
    written_hearing_share: Schedule = field(default_factory=lambda: Schedule.constant(0.0))
    outsourcing: Outsourcing | None = None
    decision_teams: DecisionTeams | None = None
    order: WorkOrder = field(default_factory=WorkOrder)
    penalties: PenaltyBehaviour | None = None
    reception: Reception = field(default_factory=Reception)

    @property
    def type_names(self) -> tuple[str, ...]:
        """Case type names in scenario order."""
        return tuple(t.name for t in self.case_types)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario JSON file (OSError when it cannot be read)."""
    with Path(path).open("rb") as handle:
        data = handle.read(MAX_SCENARIO_BYTES + 1)
    return scenario_from_dict(parse_scenario_json(data))


def parse_scenario_json(data: str | bytes) -> object:
    """The parsed JSON of a scenario document within the size and depth limits.

    Raises :class:`ScenarioError` naming the field (for a bad string) or ``(file)``.
    """
    try:
        return loads(data, max_bytes=MAX_SCENARIO_BYTES, max_depth=MAX_SCENARIO_DEPTH)
    except JsonInputError as exc:
        message = (
            exc.message
            if exc.message.startswith("invalid JSON")
            else f"invalid JSON: {exc.message}"
        )
        raise ScenarioError(exc.field or "(file)", message) from None


def check_replications(replications: int, horizon_weeks: int, where: str = "replications") -> int:
    """``replications`` when it is within :data:`MAX_REPLICATIONS` and, times the horizon,
    within :data:`MAX_REPLICATION_WEEKS`; else :class:`ScenarioError` at ``where``."""
    if not 1 <= replications <= MAX_REPLICATIONS:
        raise ScenarioError(where, f"must be between 1 and {MAX_REPLICATIONS:,}: {replications}")
    if replications * horizon_weeks > MAX_REPLICATION_WEEKS:
        raise ScenarioError(
            where,
            f"replications x horizon_weeks must be at most {MAX_REPLICATION_WEEKS:,} "
            f"(memory grows with both): {replications} x {horizon_weeks}",
        )
    return replications


def scenario_from_dict(data: object) -> Scenario:
    """Validate a parsed JSON object and build a :class:`Scenario`."""
    root = Fields(data, "")
    start = root.day("start_date")
    if start is None:  # day() without a default raises instead; this narrows the type
        raise ScenarioError("start_date", "is required")
    horizon = root.integer("horizon_weeks", minimum=1, maximum=MAX_HORIZON_WEEKS)
    types = _case_types(root)
    names = tuple(t.name for t in types)
    scenario = Scenario(
        name=root.string("name", "scenario"),
        description=root.string("description", ""),
        start_date=start,
        horizon_weeks=horizon,
        replications=check_replications(
            root.integer("replications", 1000, minimum=1, maximum=MAX_REPLICATIONS), horizon
        ),
        seed=root.integer("seed", 0, minimum=0),
        working_stock=root.integer("working_stock", 0, minimum=0, maximum=MAX_CASES),
        case_types=types,
        inflow=_inflow(root, names, start),
        capacity=_capacity(root, start),
        written_hearing_share=_schedule(root, "written_hearing_share", start, 0.0, maximum=1.0),
        outsourcing=_outsourcing(root, start),
        decision_teams=_decision_teams(root, start),
        order=_order(root, names),
        penalties=_penalties(root),
        reception=_reception(root),
    )
    root.done()
    if scenario.decision_teams is not None and not any(t.complex for t in types):
        raise ScenarioError("decision_teams", "needs at least one case type with complex: true")
    if scenario.outsourcing is not None and isinstance(scenario.capacity, DirectCapacity):
        raise ScenarioError("outsourcing", "only possible with capacity.mode 'staff' (hours)")
    return scenario


def _schedule(
    parent: Fields,
    key: str,
    start: date,
    default: float | None = None,
    *,
    minimum: float = 0.0,
    maximum: float,
) -> Schedule:
    """A number, or a list of {"from": week-or-date, "value": number} starting at week 0."""
    where = parent.path_of(key)
    raw = parent.raw(key, default)
    if not isinstance(raw, list):
        return Schedule.constant(check_number(raw, where, minimum=minimum, maximum=maximum))
    steps: list[tuple[int, float]] = []
    for index, item in enumerate(raw):
        step = Fields(item, join(where, index))
        begin = step.week("from", start) or 0  # required: never None
        value = step.number("value", minimum=minimum, maximum=maximum)
        step.done()
        if steps and begin <= steps[-1][0]:
            raise ScenarioError(step.path_of("from"), "must be later than the previous step")
        steps.append((begin, value))
    if not steps or steps[0][0] > 0:
        raise ScenarioError(where, "the first step must start at week 0 (or the start date)")
    return Schedule(tuple(steps))


def _case_types(root: Fields) -> tuple[CaseType, ...]:
    types: list[CaseType] = []
    for where, item in root.items("case_types"):
        f = Fields(item, where)
        name = f.string("name")
        if not name or name in {t.name for t in types}:
            raise ScenarioError(f.path_of("name"), "must be a unique non-empty name")
        bands = []
        for band_where, band_item in f.items("initial_stock", []):
            bands.append(_stock_band(Fields(band_item, band_where)))
        if sum(band.count for band in bands) > MAX_CASES:
            raise ScenarioError(
                f.path_of("initial_stock"), f"must total at most {MAX_CASES:,} cases"
            )
        types.append(
            CaseType(
                name=name,
                complex=f.boolean("complex", False),
                term_weeks=f.integer("term_weeks", minimum=1, maximum=MAX_HORIZON_WEEKS),
                hours_oral=f.number("hours_oral", minimum=0.01, maximum=MAX_HOURS_PER_CASE),
                hours_written=f.number(
                    "hours_written",
                    f.number("hours_oral"),
                    minimum=0.01,
                    maximum=MAX_HOURS_PER_CASE,
                ),
                persons_per_case=f.number("persons_per_case", 1.0, minimum=0, maximum=MAX_FACTOR),
                grant_share=f.number("grant_share", 0.5, minimum=0, maximum=1),
                initial_stock=tuple(bands),
            )
        )
        f.done()
    if not types:
        raise ScenarioError("case_types", "needs at least one case type")
    if len(types) > MAX_CASE_TYPES:
        raise ScenarioError("case_types", f"at most {MAX_CASE_TYPES} case types")
    return tuple(types)


def _stock_band(f: Fields) -> StockBand:
    """{"age_weeks": 30 or [from, to], "count": n}."""
    raw = f.raw("age_weeks")
    where = f.path_of("age_weeks")
    if isinstance(raw, list):
        if len(raw) != 2:
            raise ScenarioError(where, "must be a number or a [from, to] pair")
        low, high = (int(check_number(v, join(where, i), minimum=0)) for i, v in enumerate(raw))
    else:
        low = high = int(check_number(raw, where, minimum=0))
    if high < low or high > MAX_HORIZON_WEEKS:
        raise ScenarioError(where, f"must satisfy from <= to <= {MAX_HORIZON_WEEKS}")
    band = StockBand(low, high, f.integer("count", minimum=0, maximum=MAX_CASES))
    f.done()
    return band


def _shares(f: Fields, key: str, names: tuple[str, ...]) -> tuple[float, ...]:
    """A {case type: share} object, normalised to sum 1."""
    sub = f.sub(key)
    if sub is None:
        raise ScenarioError(f.path_of(key), "is required")
    values = tuple(sub.number(name, 0.0, minimum=0, maximum=MAX_FACTOR) for name in names)
    sub.done()
    total = sum(values)
    if total <= 0:
        raise ScenarioError(f.path_of(key), "needs a positive share for at least one case type")
    return tuple(v / total for v in values)


def _inflow(root: Fields, names: tuple[str, ...], start: date) -> Inflow:
    f = root.sub("inflow")
    if f is None:
        return Inflow(Schedule.constant(0.0), tuple(1.0 / len(names) for _ in names))
    rate = _schedule(f, "rate_per_week", start, maximum=MAX_RATE_PER_WEEK)
    # With one case type the split is trivial; with more it must be explicit.
    shares = _shares(f, "type_shares", names) if len(names) > 1 or f.has("type_shares") else (1.0,)
    profile_raw = f.raw("monthly_profile", [1.0] * 12)
    where = f.path_of("monthly_profile")
    if not isinstance(profile_raw, list) or len(profile_raw) != 12:
        raise ScenarioError(where, "must be a list of 12 numbers (January..December)")
    profile = tuple(
        check_number(v, join(where, i), minimum=0, maximum=MAX_FACTOR)
        for i, v in enumerate(profile_raw)
    )
    f.done()
    return Inflow(rate, shares, profile)


def _capacity(root: Fields, start: date) -> StaffCapacity | DirectCapacity:
    f = root.sub("capacity")
    if f is None:
        raise ScenarioError("capacity", "is required")
    mode = f.choice("mode", ("staff", "decisions"))
    if mode == "decisions":
        direct = DirectCapacity(
            decisions_per_week=_schedule(f, "decisions_per_week", start, maximum=MAX_RATE_PER_WEEK),
            distribution=f.choice("distribution", ("poisson", "fixed"), "poisson"),
        )
        f.done()
        return direct
    cohorts: list[StaffCohort] = []
    for where, item in f.items("staff"):
        c = Fields(item, where)
        onboarding = []
        for o_where, value in c.items("onboarding", []):
            onboarding.append(check_number(value, o_where, minimum=0, maximum=MAX_FACTOR))
        end = c.week("end", start, None)
        begin = c.week("start", start, 0) or 0
        if end is not None and end <= begin:
            raise ScenarioError(c.path_of("end"), "must be later than start")
        cohorts.append(
            StaffCohort(
                name=c.string("name", f"staff {len(cohorts) + 1}"),
                headcount=c.number("headcount", minimum=0, maximum=MAX_HEADCOUNT),
                productive_hours_per_week=c.number(
                    "productive_hours_per_week", minimum=0, maximum=MAX_HOURS_PER_WEEK
                ),
                start_week=begin,
                end_week=end,
                onboarding=tuple(onboarding),
                absence=c.number("absence", 0.0, minimum=0, maximum=1),
                productivity=c.number("productivity", 1.0, minimum=0, maximum=MAX_FACTOR),
            )
        )
        c.done()
    staff = StaffCapacity(
        cohorts=tuple(cohorts),
        hours_factor=_schedule(f, "hours_factor", start, 1.0, maximum=MAX_FACTOR),
        noise_cv=f.number("noise_cv", 0.0, minimum=0, maximum=1),
        hours_per_case_cv=f.number("hours_per_case_cv", 0.0, minimum=0, maximum=1),
    )
    f.done()
    return staff


def _outsourcing(root: Fields, start: date) -> Outsourcing | None:
    f = root.sub("outsourcing")
    if f is None:
        return None
    begin = f.week("start", start, 0) or 0
    total = f.raw("total_hours", None)
    result = Outsourcing(
        hours_per_week=f.number("hours_per_week", minimum=0, maximum=MAX_CAPACITY_HOURS),
        start_week=begin,
        total_hours=None
        if total is None
        else f.number("total_hours", minimum=0, maximum=MAX_CAPACITY_HOURS * MAX_HORIZON_WEEKS),
        lead_time_weeks=f.integer("lead_time_weeks", 0, minimum=0, maximum=520),
        ind_hours_saved_per_firm_hour=f.number(
            "ind_hours_saved_per_firm_hour", 1.0, minimum=0, maximum=MAX_FACTOR
        ),
    )
    f.done()
    return result


def _decision_teams(root: Fields, start: date) -> DecisionTeams | None:
    f = root.sub("decision_teams")
    if f is None:
        return None
    begin = f.week("start", start, 0) or 0
    end = f.week("end", start, None)
    if end is not None and end <= begin:
        raise ScenarioError(f.path_of("end"), "must be later than start")
    capacity = f.number("capacity_per_week", minimum=0, maximum=MAX_CAPACITY_HOURS)
    result = DecisionTeams(capacity, begin, end)
    f.done()
    return result


def _order(root: Fields, names: tuple[str, ...]) -> WorkOrder:
    f = root.sub("order")
    if f is None:
        return WorkOrder()
    policy = f.choice("policy", POLICIES, "oldest_first")
    if policy != "shares" and f.has("shares"):
        raise ScenarioError(f.path_of("shares"), "only used with policy 'shares'")
    shares = _shares(f, "shares", names) if policy == "shares" else None
    f.done()
    return WorkOrder(policy, shares)


def _penalties(root: Fields) -> PenaltyBehaviour | None:
    f = root.sub("penalties")
    if f is None:
        return None
    appeal = f.number("appeal_probability", 0.0, minimum=0, maximum=1)
    needs_court = appeal > 0
    result = PenaltyBehaviour(
        notice_probability=f.number("notice_probability", minimum=0, maximum=1),
        notice_delay_weeks=f.integer("notice_delay_weeks", minimum=0, maximum=520),
        appeal_probability=appeal,
        # Awb 6:12: an appeal against not deciding is possible two weeks after the notice.
        appeal_delay_weeks=f.integer("appeal_delay_weeks", 2, minimum=2, maximum=520),
        court_weeks=f.integer("court_weeks", 16, minimum=0, maximum=520),
        court_daily_eur=f.number(
            "court_daily_eur", MISSING if needs_court else 0.0, minimum=0, maximum=MAX_EUR
        ),
        court_cap_eur=f.number(
            "court_cap_eur", MISSING if needs_court else 0.0, minimum=0, maximum=MAX_EUR
        ),
        penalty_free_notices_from=f.day("penalty_free_notices_from", TEMPORARY_LAW_FROM),
    )
    f.done()
    daily, cap = result.court_daily_eur, result.court_cap_eur
    if daily > 0 and cap / daily > MAX_COURT_PENALTY_DAYS:
        raise ScenarioError(
            f.path_of("court_cap_eur"),
            f"court_cap_eur / court_daily_eur must be at most {MAX_COURT_PENALTY_DAYS:,} days",
        )
    return result


def _reception(root: Fields) -> Reception:
    f = root.sub("reception")
    if f is None:
        return Reception()
    result = Reception(
        stay_weeks_after_grant=f.integer("stay_weeks_after_grant", 0, minimum=0, maximum=520),
        stay_weeks_after_refusal=f.integer("stay_weeks_after_refusal", 0, minimum=0, maximum=520),
    )
    f.done()
    return result
