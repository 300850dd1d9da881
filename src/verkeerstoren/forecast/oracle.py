# SPDX-License-Identifier: EUPL-1.2
"""Per-case discrete-event simulation (SimPy): the test oracle for the cohort engine.

Used only by tests. It models every case as an object and every week's work as events, so it is
slow but obviously right. Two modes share the work-order key:

* :func:`simulate_weekly` replays one replication of the engine: fed the engine's draws
  (arrivals, capacity, grants) it must produce the same stock, decisions, overdue cases,
  penalties and reception occupancy. Penalties are summed day by day with the law tariffs,
  independently of the engine's weekly tables.
* :func:`simulate_mmc` is a continuous-time queue with ``c`` servers, Poisson arrivals and
  exponential service (M/M/c), whose steady-state waiting time is known (Erlang C). It shows
  that the work-order queue behaves like queueing theory says.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt
import simpy

from verkeerstoren.forecast.outputs import Draws
from verkeerstoren.forecast.scenario import Scenario, StaffCapacity
from verkeerstoren.law.tariffs import MAX_PENALTY_DAYS, admin_tariff_for
from verkeerstoren.weeks import start_of

FloatArray = npt.NDArray[np.float64]
_EPS = 1e-9
_END_OF_WEEK = 6.5  # days after the week start when the week's decisions are sent


def work_order_key(
    policy: str, arrival: float, type_index: int, term: float, complex_: bool
) -> tuple[float, ...]:
    """Sort key of a pending case under a work-order policy; smaller goes first."""
    if policy == "newest_first":
        return (-arrival, type_index)
    if policy == "deadline_first":
        return (arrival + term, type_index)
    if policy == "complex_last":
        return (float(complex_), arrival, type_index)
    return (arrival, type_index)


@dataclass
class OracleCase:
    """One application."""

    type_index: int
    cohort: int  # arrival week (negative for the initial stock)
    noticed: bool = False
    appealed: bool = False
    decided_week: int | None = None
    granted: bool = False


class _WeeklyModel:
    def __init__(self, scenario: Scenario, draws: Draws, rep: int, rng: np.random.Generator):
        self.s = scenario
        self.draws = draws
        self.rep = rep
        self.rng = rng
        self.env = simpy.Environment()
        self.pending: list[OracleCase] = []
        self.cases: list[OracleCase] = []
        self.carry = 0.0
        horizon = scenario.horizon_weeks
        self.staff_mode = isinstance(scenario.capacity, StaffCapacity)
        written = scenario.written_hearing_share.weekly(horizon)
        self.costs = [
            [(1 - w) * t.hours_oral + w * t.hours_written for t in scenario.case_types]
            for w in written
        ]
        self.metrics = {
            name: np.zeros(horizon)
            for name in ("stock", "decisions", "overdue", "reception_persons")
        }

    # -- processes -------------------------------------------------------------------------
    def arrivals(self) -> Generator[simpy.Event, None, None]:
        for t, case_type in enumerate(self.s.case_types):
            for age, count in enumerate(case_type.initial_by_age()):
                for _ in range(int(count)):
                    self._admit(OracleCase(t, -age))
        for week in range(self.s.horizon_weeks):
            yield self.env.timeout(7 * week - self.env.now)
            for t, count in enumerate(self.draws.arrivals[self.rep, week]):
                for _ in range(int(count)):
                    self._admit(OracleCase(t, week))

    def legal_steps(self, case: OracleCase) -> Generator[simpy.Event, None, None]:
        """Notice (and maybe appeal) when the case reaches its notice / appeal week."""
        p = self.s.penalties
        if p is None:
            raise RuntimeError("legal steps run only for a scenario with penalties")
        notice_week = case.cohort + self.s.case_types[case.type_index].term_weeks
        notice_week += p.notice_delay_weeks
        if not self._eligible(notice_week):
            return
        yield self.env.timeout(max(0.0, 7 * notice_week - self.env.now))
        if case.decided_week is None:
            case.noticed = bool(self.rng.random() < p.notice_probability)
        appeal_week = notice_week + p.appeal_delay_weeks
        yield self.env.timeout(max(0.0, 7 * appeal_week - self.env.now))
        if case.decided_week is None and case.noticed:
            case.appealed = bool(self.rng.random() < p.appeal_probability)

    def decider(self) -> Generator[simpy.Event, None, None]:
        for week in range(self.s.horizon_weeks):
            yield self.env.timeout(7 * week + _END_OF_WEEK - self.env.now)
            self._decide(week)
            self._record(week)

    # -- helpers ---------------------------------------------------------------------------
    def _admit(self, case: OracleCase) -> None:
        self.pending.append(case)
        self.cases.append(case)
        if self.s.penalties is not None:
            self.env.process(self.legal_steps(case))

    def _eligible(self, notice_week: int) -> bool:
        p = self.s.penalties
        if p is None:
            raise RuntimeError("eligibility is asked only for a scenario with penalties")
        received = start_of(self.s.start_date, notice_week)
        cutoff = p.penalty_free_notices_from
        return cutoff is None or received < cutoff

    def _cost(self, case: OracleCase, week: int) -> float:
        return self.costs[week][case.type_index] if self.staff_mode else 1.0

    def _key(self, case: OracleCase) -> tuple[float, ...]:
        case_type = self.s.case_types[case.type_index]
        return work_order_key(
            self.s.order.policy,
            case.cohort,
            case.type_index,
            case_type.term_weeks,
            case_type.complex,
        )

    def _walk(self, cases: list[OracleCase], budget: float, week: int) -> float:
        """Decide cases in order while the next one is affordable; returns the budget left."""
        for case in cases:
            if case.decided_week is not None:
                continue
            cost = self._cost(case, week)
            if budget + _EPS < cost:
                break
            budget -= cost
            case.decided_week = week
        return budget

    def _decide(self, week: int) -> None:
        self.rng.shuffle(self.pending)  # random choice within a cell, as in the engine
        ordered = sorted(self.pending, key=self._key)
        complex_cases = [c for c in ordered if self.s.case_types[c.type_index].complex]
        self._walk(complex_cases, float(self.draws.teams[self.rep, week]), week)
        budget = float(self.draws.general[self.rep, week]) + self.carry
        shares = self.s.order.shares
        if shares is not None:
            left = 0.0
            for t, share in enumerate(shares):
                mine = [c for c in ordered if c.type_index == t]
                left += self._walk(mine, budget * share, week)
            budget = left
        budget = self._walk(ordered, budget, week)
        decided = [c for c in ordered if c.decided_week == week]
        for t in range(len(self.s.case_types)):
            grants = int(self.draws.grants[self.rep, week, t])
            for case in [c for c in decided if c.type_index == t][:grants]:
                case.granted = True
        self.pending = [c for c in self.pending if c.decided_week is None]
        if self.staff_mode:
            top = max(self.costs[week])
            self.carry = min(budget, top) if self.pending else 0.0

    def _record(self, week: int) -> None:
        m = self.metrics
        m["stock"][week] = len(self.pending)
        m["decisions"][week] = sum(1 for c in self.cases if c.decided_week == week)
        m["overdue"][week] = sum(
            1 for c in self.pending if c.cohort + self.s.case_types[c.type_index].term_weeks <= week
        )
        persons = 0.0
        stays = self.s.reception
        for case in self.cases:
            ppc = self.s.case_types[case.type_index].persons_per_case
            if case.decided_week is None:
                persons += ppc
                continue
            stay = stays.stay_weeks_after_grant if case.granted else stays.stay_weeks_after_refusal
            if week - case.decided_week < stay:
                persons += ppc
        m["reception_persons"][week] = persons

    def penalties(self) -> tuple[FloatArray, FloatArray]:
        """Administrative and court penalty per week, summed day by day per case."""
        horizon = self.s.horizon_weeks
        admin = np.zeros(horizon)
        court = np.zeros(horizon)
        p = self.s.penalties
        if p is None:
            return admin, court
        for case in self.cases:
            if not case.noticed:
                continue
            notice_week = case.cohort + self.s.case_types[case.type_index].term_weeks
            notice_week += p.notice_delay_weeks
            # Accrual stops when the decision is sent (end of its week) or at the horizon.
            end = 7 * (horizon if case.decided_week is None else case.decided_week + 1)
            tariff = admin_tariff_for(start_of(self.s.start_date, notice_week))
            first = 7 * (notice_week + 2)
            for day in range(max(first, 0), min(end, first + MAX_PENALTY_DAYS)):
                admin[day // 7] += tariff.daily_eur(day - first + 1)
            if case.appealed:
                start = 7 * (notice_week + p.appeal_delay_weeks + p.court_weeks)
                owed = 0.0
                for day in range(start, end):
                    amount = min(p.court_daily_eur, p.court_cap_eur - owed)
                    if amount <= 0:
                        break
                    owed += amount
                    if day >= 0:
                        court[day // 7] += amount
        return admin, court


def simulate_weekly(
    scenario: Scenario, draws: Draws, replication: int, seed: int = 0
) -> dict[str, FloatArray]:
    """Replay replication ``replication`` of an engine run case by case; weekly metric paths."""
    model = _WeeklyModel(scenario, draws, replication, np.random.default_rng(seed))
    model.env.process(model.arrivals())
    model.env.process(model.decider())
    model.env.run(until=7 * scenario.horizon_weeks)
    admin, court = model.penalties()
    out = dict(model.metrics)
    out["admin_penalty_eur"] = admin
    out["court_penalty_eur"] = court
    return out


def simulate_mmc(
    arrival_rate: float,
    service_rate: float,
    servers: int,
    customers: int,
    *,
    seed: int,
    policy: str = "oldest_first",
) -> FloatArray:
    """Waiting times (until service starts) of ``customers`` in an M/M/c queue, in arrival order.

    Servers are a SimPy ``PriorityResource`` ordered by :func:`work_order_key`, so
    ``oldest_first`` is first-come-first-served and ``newest_first`` is last-come-first-served.
    """
    rng = np.random.default_rng(seed)
    env = simpy.Environment()
    desk = simpy.PriorityResource(env, capacity=servers)
    gaps = rng.exponential(1.0 / arrival_rate, customers)
    services = rng.exponential(1.0 / service_rate, customers)
    waits = np.full(customers, np.nan)

    def customer(index: int, arrival: float) -> Generator[simpy.Event, None, None]:
        # SimPy only compares priorities with "<", so the tuple key works (its stubs say int).
        key = work_order_key(policy, arrival, 0, 0.0, False)
        with desk.request(priority=cast(int, key)) as req:
            yield req
            waits[index] = env.now - arrival
            yield env.timeout(services[index])

    def source() -> Generator[simpy.Event, None, None]:
        for index in range(customers):
            yield env.timeout(gaps[index])
            env.process(customer(index, env.now))

    env.process(source())
    env.run()
    return waits
