# SPDX-License-Identifier: EUPL-1.2
"""Weekly decision capacity per replication, in *cost units*.

In staff mode a unit is one productive hour and a case costs its type's hours (mixing oral and
written hearings by the week's written share); in direct mode a unit is one decision and every
case costs 1. Decision-team capacity is kept apart because only complex cases may use it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from verkeerstoren.forecast.scenario import (
    DecisionTeams,
    DirectCapacity,
    Outsourcing,
    Scenario,
    StaffCapacity,
    StaffCohort,
)
from verkeerstoren.forecast.streams import Purpose, Streams

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class CapacityPlan:
    """Budgets and costs for one run."""

    general: FloatArray  # (R, H) units available for any case type
    teams: FloatArray  # (R, H) units only for complex case types
    cost: FloatArray  # (H, T) units one case of each type costs in each week
    carry_over: bool  # hours of work in progress carry over to the next week (staff mode)


def cohort_hours(cohort: StaffCohort, horizon: int) -> FloatArray:
    """Productive hours per week of one staff cohort, with onboarding and absence."""
    weeks = np.arange(horizon)
    since = weeks - cohort.start_week
    ramp = np.ones(horizon)
    curve = np.asarray(cohort.onboarding, dtype=np.float64)
    inside = (since >= 0) & (since < curve.size)
    ramp[inside] = curve[since[inside]]
    active = since >= 0
    if cohort.end_week is not None:
        active &= weeks < cohort.end_week
    per_head = cohort.productive_hours_per_week * (1.0 - cohort.absence) * cohort.productivity
    return np.where(active, cohort.headcount * per_head * ramp, 0.0)


def outsourced_hours(outsourcing: Outsourcing, horizon: int) -> FloatArray:
    """IND hours saved per week: firm hours (until the total is used) after the lead time."""
    weeks = np.arange(horizon)
    firm = np.where(weeks >= outsourcing.start_week, outsourcing.hours_per_week, 0.0)
    if outsourcing.total_hours is not None:
        used_before = np.concatenate(([0.0], np.cumsum(firm)[:-1]))
        firm = np.clip(outsourcing.total_hours - used_before, 0.0, firm)
    lag = outsourcing.lead_time_weeks
    saved = np.zeros(horizon)
    if lag < horizon:
        saved[lag:] = firm[: horizon - lag]
    return saved * outsourcing.ind_hours_saved_per_firm_hour


def team_weeks(teams: DecisionTeams | None, horizon: int) -> FloatArray:
    """Decision-team capacity per week (0 outside its start..end)."""
    out = np.zeros(horizon)
    if teams is not None:
        end = horizon if teams.end_week is None else min(teams.end_week, horizon)
        out[max(teams.start_week, 0) : max(end, 0)] = teams.capacity_per_week
    return out


def case_costs(scenario: Scenario) -> FloatArray:
    """Hours per case of each type in each week (H, T), mixing hearing modes."""
    written = scenario.written_hearing_share.weekly(scenario.horizon_weeks)[:, None]
    oral_h = np.array([t.hours_oral for t in scenario.case_types])[None, :]
    written_h = np.array([t.hours_written for t in scenario.case_types])[None, :]
    costs: FloatArray = (1.0 - written) * oral_h + written * written_h
    return costs


def build_capacity(scenario: Scenario, replications: int, streams: Streams) -> CapacityPlan:
    """Draw the capacity of every replication and week."""
    horizon = scenario.horizon_weeks
    teams = team_weeks(scenario.decision_teams, horizon)
    if isinstance(scenario.capacity, DirectCapacity):
        return _direct(scenario.capacity, teams, scenario, replications, streams)
    return _staff(scenario.capacity, teams, scenario, replications, streams)


def _staff(
    staff: StaffCapacity, teams: FloatArray, scenario: Scenario, reps: int, streams: Streams
) -> CapacityPlan:
    horizon = scenario.horizon_weeks
    hours = np.zeros(horizon)
    for cohort in staff.cohorts:
        hours += cohort_hours(cohort, horizon)
    hours *= staff.hours_factor.weekly(horizon)
    if scenario.outsourcing is not None:
        hours += outsourced_hours(scenario.outsourcing, horizon)
    noise = np.ones((2, reps, horizon))
    if staff.noise_cv > 0:
        for week in range(horizon):
            z = streams.get(Purpose.CAPACITY, week).standard_normal((2, reps))
            noise[:, :, week] = np.maximum(0.0, 1.0 + staff.noise_cv * z)
    # Uncertainty about effort per case is one draw per replication (a parameter, not noise);
    # lognormal with mean 1 so the expected effort is the scenario's.
    sigma = float(np.sqrt(np.log1p(staff.hours_per_case_cv**2)))
    z = streams.get(Purpose.PARAMETERS).standard_normal(reps)
    effort = np.exp(sigma * z - sigma**2 / 2)[:, None]
    return CapacityPlan(
        general=hours[None, :] * noise[0] / effort,
        teams=teams[None, :] * noise[1] / effort,
        cost=case_costs(scenario),
        carry_over=True,
    )


def _direct(
    direct: DirectCapacity, teams: FloatArray, scenario: Scenario, reps: int, streams: Streams
) -> CapacityPlan:
    horizon = scenario.horizon_weeks
    mean = direct.decisions_per_week.weekly(horizon)
    if direct.distribution == "fixed":
        # Whole decisions whose running total follows the (possibly fractional) rate exactly.
        general = np.diff(np.floor(np.concatenate(([0.0], np.cumsum(mean)))))
        team = np.diff(np.floor(np.concatenate(([0.0], np.cumsum(teams)))))
        return CapacityPlan(
            general=np.tile(general, (reps, 1)),
            teams=np.tile(team, (reps, 1)),
            cost=np.ones((horizon, len(scenario.case_types))),
            carry_over=False,
        )
    general_draws = np.empty((reps, horizon))
    team_draws = np.empty((reps, horizon))
    for week in range(horizon):
        rng = streams.get(Purpose.CAPACITY, week)
        general_draws[:, week] = rng.poisson(mean[week], reps)
        team_draws[:, week] = rng.poisson(teams[week], reps)
    return CapacityPlan(
        general=general_draws,
        teams=team_draws,
        cost=np.ones((horizon, len(scenario.case_types))),
        carry_over=False,
    )
