# SPDX-License-Identifier: EUPL-1.2
"""Build a planning instance (verkeerstoren.planning) from the register as of a date.

* **Cases**: open cases (status not decided or closed, and no decision day on or before the
  as-of date, cases/decided.py) received on or before the as-of date, of one stream (default
  the Taskforce) or all. Ids are case references.
* **Effort** per hearing mode and package from the effort table (effort.py): by features,
  complexity and what the status leaves to do. Written hearings only with the applicant's
  opt-in; a case that was already heard needs no hearing, so its location does not bind.
* **Competencies**: the feature -> competency/min level table of effort.py; complex cases go to
  decision-team (KDT) officers only (Team.decision_team).
* **Ready week**: 0 when every dossier item is done, else ``open_item_weeks`` (the back office
  completes the file first, DOMAIN.md §1.2).
* **Cost** of deciding a case at the end of week w: the law engine's expected exposure (penalty
  payments owed and expected, with the behaviour parameters of settings.EXPOSURE_BEHAVIOUR) if
  decided on that day, plus ``lateness_eur_per_day`` x days past the decision deadline. Not
  planned within the horizon: the same, as if decided ``beyond_weeks`` after the horizon.
* **Staff**: officers who may decide (the planning model gives one officer all IND work of a
  case, docs/formats.md), of the stream's teams or all; hours per week = contract hours x
  productive share x available working days / 5 (absences and Atw holidays) x onboarding ramp.
* **Firms**: every external firm with its weekly preparation and drafting hours.
* **Capacity rule** ``carry_over`` (docs/formats.md): officers work ahead, so a case's work may
  span the weeks from its ready week to its decision week; firm hours stay weekly.
* **Pins**: active Pin rows; those that no longer apply are returned as ``ignored_pins``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray

from verkeerstoren import glossary as g
from verkeerstoren.cases import models as cm
from verkeerstoren.cases.decided import decided_dates, not_decided_by
from verkeerstoren.cases.law_figures import behaviour, history_of
from verkeerstoren.law.calendar import ATW_CALENDAR
from verkeerstoren.law.portfolio import (
    assess_portfolio,
    build_portfolio,
    expected_portfolio_exposure,
)
from verkeerstoren.planning.model.instance import (
    CARRY_OVER,
    MODES,
    Case,
    Firm,
    Pin,
    PlanningInstance,
    Staff,
)
from verkeerstoren.planning.model.plan import CaseAssignment
from verkeerstoren.weeks import decide_day, end_of, start_of, week_of

from .effort import EffortTable
from .models import Pin as PinRow

F64 = NDArray[np.float64]


@dataclass(frozen=True)
class InstanceParameters:
    """Everything besides the register that shapes the instance; all planning assumptions (L)."""

    effort: EffortTable = field(default_factory=EffortTable)
    open_item_weeks: int = 2  # (L) weeks the back office needs to complete an open dossier
    lateness_eur_per_day: float = 2.0  # (L) cost of a day past the deadline beyond penalties
    beyond_weeks: int = 8  # (L) an unplanned case is assumed decided this long after the horizon
    # (L) onboarding: first two weeks course only, then 50 %, 75 %, then full (DOMAIN.md §1.3).
    ramp: tuple[float, ...] = (0.0, 0.0, 0.5, 0.75)
    productive_share: float = 0.8  # (L) share of contract hours for case work
    firm_cost_per_hour: float = 0.0  # (L) contracted capacity is paid anyway: no marginal cost
    staff_scope: str = "stream"  # "stream": staff of the stream's teams; "all": every team
    # (L) officers work ahead: hours left in a week go to cases decided later (docs/formats.md)
    capacity_rule: str = CARRY_OVER

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-able form (stored with each plan version)."""
        data: dict[str, Any] = {
            f.name: getattr(self, f.name) for f in fields(self) if f.name != "effort"
        }
        data["effort"] = self.effort.as_dict()
        data["ramp"] = list(self.ramp)
        return data


@dataclass(frozen=True)
class RegisterInstance:
    """A planning instance plus what is needed to map it back to the register and explain it.

    ``exposure`` and ``late_days`` have one row per case (instance order) and one column per
    week plus a last column for "after the horizon".
    """

    instance: PlanningInstance
    as_of: date
    stream: str
    parameters: InstanceParameters
    case_pk: dict[str, int]
    staff_pk: dict[str, int]
    staff_team: dict[str, int]
    firm_pk: dict[str, int]
    exposure: F64
    late_days: F64
    deadline: tuple[date, ...]
    hearing_left: tuple[bool, ...]
    ignored_pins: tuple[dict[str, Any], ...] = ()

    def week_start(self, week: int) -> date:
        """First day of plan week ``week``."""
        return start_of(self.as_of, week)

    def figures(self, assignments: Sequence[CaseAssignment]) -> tuple[float, float]:
        """(expected penalties in EUR, days late) of a plan, summed over the cases."""
        horizon = self.instance.horizon_weeks
        cols = np.array([horizon if a.week is None else a.week for a in assignments], np.int64)
        rows = np.arange(len(cols))
        return (
            float(self.exposure[rows, cols].sum()),
            float(self.late_days[rows, cols].sum()),
        )


def open_cases(as_of: date, stream: str) -> Any:
    """Queryset of the cases to plan."""
    qs = cm.Case.objects.exclude(status__in=g.CLOSED_STATUSES).filter(received__lte=as_of)
    qs = not_decided_by(qs, as_of)
    if stream != "all":
        qs = qs.filter(stream=stream)
    return qs


def planning_staff(stream: str, scope: str) -> Any:
    """Queryset of the officers to plan with: those who may decide, in scope."""
    qs = cm.Staff.objects.filter(can_decide=True)
    if scope != "all" and stream != "all":
        qs = qs.filter(team__stream=stream)
    return qs


# --- cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseData:
    """Cases of the instance with their cost columns (rows in the order of ``cases``)."""

    cases: tuple[Case, ...]
    pks: tuple[int, ...]
    exposure: F64
    late_days: F64
    deadline: tuple[date, ...]
    hearing_left: tuple[bool, ...]


def build_cases(
    qs: Any, as_of: date, horizon: int, params: InstanceParameters, *, with_family: bool = True
) -> CaseData:
    """Planning cases for the cases of ``qs`` (ordered by received date, then reference)."""
    rows = list(
        qs.select_related("location")
        .only(
            "reference",
            "received",
            "status",
            "complexity",
            "written_hearing_opt_in",
            "family_group",
            "manifestly_unfounded",
            "location__code",
        )
        .order_by("received", "reference")
    )
    ids = [c.pk for c in rows]
    features: dict[int, set[str]] = defaultdict(set)
    open_items: set[int] = set()
    events: dict[int, list[cm.LegalEvent]] = defaultdict(list)
    earliest: dict[int, date] = {}  # the intake table's earliest week
    decided = decided_dates(ids)
    for start in range(0, len(ids), 5000):  # chunks keep the IN lists within database limits
        chunk = ids[start : start + 5000]
        for cid, code in cm.CaseFeature.objects.filter(case_id__in=chunk).values_list(
            "case_id", "feature"
        ):
            features[cid].add(code)
        open_items.update(
            cm.DossierItem.objects.filter(case_id__in=chunk, done=False).values_list(
                "case_id", flat=True
            )
        )
        for event in cm.LegalEvent.objects.in_force().filter(case_id__in=chunk):
            events[event.case_id].append(event)
        for cid, week in cm.Intake.objects.filter(
            case_id__in=chunk, earliest_week__isnull=False
        ).values_list("case_id", "earliest_week"):
            if week is not None:
                earliest[cid] = week
    family_size: dict[str, int] = defaultdict(int)
    for c in rows:
        if c.family_group:
            family_size[c.family_group] += 1
    exposure, late, deadline = _costs(rows, events, decided, as_of, horizon, params.beyond_weeks)
    weight = params.lateness_eur_per_day
    cost = exposure + weight * late
    first = min((c.received for c in rows), default=as_of)
    effort_table = params.effort
    cases: list[Case] = []
    hearing_left: list[bool] = []
    for i, c in enumerate(rows):
        feats = frozenset(features.get(c.pk, set()))
        complex_case = c.complexity == g.Complexity.COMPLEX.value
        heard = not effort_table.hearing_left(c.status)
        modes = [m for m in MODES if m != "written" or c.written_hearing_opt_in]
        if heard:
            modes = modes[:1]  # no hearing left: every mode is the same work
        effort = {m: effort_table.hours(m, feats, complex_case, c.status) for m in modes}
        deadline_week = max(0, week_of(as_of, deadline[i]))
        cases.append(
            Case(
                id=c.reference,
                effort=effort,
                cost_by_week=tuple(round(float(v), 2) for v in cost[i, :horizon]),
                cost_beyond=round(float(cost[i, horizon]), 2),
                ready_week=max(
                    params.open_item_weeks if c.pk in open_items else 0,
                    max(0, week_of(as_of, earliest[c.pk])) if c.pk in earliest else 0,
                ),
                competencies=effort_table.competencies(feats),
                written_opt_in=bool(c.written_hearing_opt_in),
                complex=complex_case,
                # Only an oral hearing ties the officer to the case's location.
                location="" if heard else c.location.code,
                family=c.family_group
                if with_family and family_size.get(c.family_group, 0) > 1
                else "",
                received=(c.received - first).days,
                deadline_week=min(deadline_week, horizon),
            )
        )
        hearing_left.append(not heard)
    return CaseData(tuple(cases), tuple(ids), exposure, late, tuple(deadline), tuple(hearing_left))


def _costs(
    rows: Sequence[cm.Case],
    events: dict[int, list[cm.LegalEvent]],
    decided: dict[int, date],
    as_of: date,
    horizon: int,
    beyond_weeks: int,
) -> tuple[F64, F64, list[date]]:
    """(expected exposure, days late) per case and week (+ beyond), and each case's deadline."""
    n = len(rows)
    exposure = np.zeros((n, horizon + 1))
    late = np.zeros((n, horizon + 1))
    if not n:
        return exposure, late, []
    portfolio = build_portfolio(
        [history_of(c, events.get(c.pk, []), decided.get(c.pk)) for c in rows]
    )
    deadline_days = assess_portfolio(portfolio, as_of).deadline
    deadline = [d.astype(date) for d in deadline_days]
    beh = behaviour()
    # One vectorised law-engine call per week over all cases (decide_on = one date for all).
    for w in range(horizon + 1):
        weeks = w if w < horizon else horizon - 1 + beyond_weeks
        day = decide_day(as_of, weeks)
        exposure[:, w] = expected_portfolio_exposure(portfolio, as_of, day, beh).expected_eur
        late[:, w] = np.maximum(
            0, (np.datetime64(day, "D") - deadline_days).astype(np.int64)
        ).astype(np.float64)
    return exposure, late, deadline


# --- staff and firms --------------------------------------------------------------------------


def build_staff(
    qs: Any, as_of: date, horizon: int, params: InstanceParameters, *, relevant: Iterable[str]
) -> tuple[tuple[Staff, ...], dict[str, int], dict[str, int]]:
    """Planning staff with weekly hours; only competencies in ``relevant`` are kept.

    Dropping competencies no case asks for does not change who may take what, and lets the
    solver pool officers with the same relevant competencies (a smaller bound LP).
    """
    keep = set(relevant)
    rows = list(qs.select_related("team", "location").order_by("code"))
    ids = [s.pk for s in rows]
    comps: dict[int, dict[str, int]] = defaultdict(dict)
    absences: dict[int, list[tuple[date, date]]] = defaultdict(list)
    end = start_of(as_of, horizon)
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        for sid, code, level in cm.StaffCompetency.objects.filter(staff_id__in=chunk).values_list(
            "staff_id", "competency", "level"
        ):
            if code in keep:
                comps[sid][code] = g.LEVEL_RANK[g.Level(level)]
        for sid, a_start, a_end in cm.Absence.objects.filter(
            staff_id__in=chunk, end__gte=as_of, start__lt=end
        ).values_list("staff_id", "start", "end"):
            absences[sid].append((a_start, a_end))
    working = [_working_days(start_of(as_of, w)) for w in range(horizon)]
    staff = []
    for s in rows:
        hours = tuple(
            round(
                float(s.hours_per_week)
                * params.productive_share
                * _available(working[w], absences.get(s.pk, ()))
                * _ramp(params.ramp, s.start_date, start_of(as_of, w)),
                2,
            )
            for w in range(horizon)
        )
        staff.append(
            Staff(
                id=s.code,
                team=s.team.code,
                location=s.location.code,
                competencies=dict(sorted(comps.get(s.pk, {}).items())),
                can_hear=s.can_hear,
                can_decide=s.can_decide,
                decision_team=s.team.decision_team,
                hours=hours,
            )
        )
    return tuple(staff), {s.code: s.pk for s in rows}, {s.code: s.team_id for s in rows}


def _working_days(week_start: date) -> list[date]:
    days = (week_start + timedelta(days=k) for k in range(7))
    return [d for d in days if ATW_CALENDAR.is_working_day(d)]


def _available(working: list[date], absences: Iterable[tuple[date, date]]) -> float:
    """Share of a normal five-day week the officer works (holidays and absences off)."""
    present = [d for d in working if not any(a <= d <= b for a, b in absences)]
    return len(present) / 5.0


def _ramp(ramp: tuple[float, ...], start: date, week_start: date) -> float:
    """Onboarding factor in the week starting ``week_start`` for someone starting on ``start``."""
    if end_of(week_start, 0) < start:
        return 0.0  # not started yet
    k = week_of(start, week_start)
    if k < 0:
        return ramp[0] if ramp else 1.0  # starts within this week
    return ramp[k] if k < len(ramp) else 1.0


def build_firms(
    horizon: int, params: InstanceParameters
) -> tuple[tuple[Firm, ...], dict[str, int]]:
    """External firms with their weekly hours."""
    rows = list(cm.ExternalFirm.objects.order_by("code"))
    firms = tuple(
        Firm(
            id=f.code,
            prepare_hours=(float(f.prep_hours_per_week),) * horizon,
            draft_hours=(float(f.draft_hours_per_week),) * horizon,
            cost_per_hour=params.firm_cost_per_hour,
        )
        for f in rows
    )
    return firms, {f.code: f.pk for f in rows}


# --- pins -------------------------------------------------------------------------------------


def active_pins(
    as_of: date, horizon: int, case_ids: set[str], staff_ids: set[str]
) -> tuple[tuple[Pin, ...], tuple[dict[str, Any], ...]]:
    """(pins for the instance, pins left out with the reason why)."""
    pins: list[Pin] = []
    ignored: list[dict[str, Any]] = []
    rows = PinRow.objects.filter(removed_at__isnull=True).select_related("case", "officer")
    for p in rows.order_by("pk"):
        week = week_of(as_of, p.week_start)
        info = {
            "pin": p.pk,
            "case": p.case.reference,
            "officer": p.officer.code,
            "week_start": p.week_start.isoformat(),
        }
        if p.case.reference not in case_ids:
            ignored.append(info | {"why": "case_not_in_plan"})
        elif p.officer.code not in staff_ids:
            ignored.append(info | {"why": "officer_not_in_plan"})
        elif not 0 <= week < horizon:
            ignored.append(info | {"why": "week_outside_horizon"})
        else:
            pins.append(Pin(p.case.reference, p.officer.code, week))
    return tuple(pins), tuple(ignored)


# --- the whole instance -----------------------------------------------------------------------


def build_register_instance(
    as_of: date,
    horizon: int,
    stream: str = g.Stream.TASKFORCE.value,
    params: InstanceParameters | None = None,
) -> RegisterInstance:
    """The planning instance of the register on ``as_of`` over ``horizon`` weeks."""
    params = params or InstanceParameters()
    data = build_cases(open_cases(as_of, stream), as_of, horizon, params)
    relevant = {code for c in data.cases for code in c.competencies}
    staff, staff_pk, staff_team = build_staff(
        planning_staff(stream, params.staff_scope), as_of, horizon, params, relevant=relevant
    )
    firms, firm_pk = build_firms(horizon, params)
    pins, ignored = active_pins(as_of, horizon, {c.id for c in data.cases}, {s.id for s in staff})
    instance = PlanningInstance(
        horizon, staff, data.cases, firms, pins, capacity_rule=params.capacity_rule
    )
    return RegisterInstance(
        instance=instance,
        as_of=as_of,
        stream=stream,
        parameters=params,
        case_pk={c.id: pk for c, pk in zip(data.cases, data.pks, strict=True)},
        staff_pk=staff_pk,
        staff_team=staff_team,
        firm_pk=firm_pk,
        exposure=data.exposure,
        late_days=data.late_days,
        deadline=data.deadline,
        hearing_left=data.hearing_left,
        ignored_pins=ignored,
    )
