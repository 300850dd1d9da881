# SPDX-License-Identifier: EUPL-1.2
"""Adapter from the law engine's penalty tariffs to weekly amounts per cohort cell.

The daily rates come from :mod:`verkeerstoren.law.tariffs` (one table for the law engine and the
forecast); here they are only summed into weeks. Week semantics (docs/formats.md): a notice of
default is received at the start of the week in which its cohort reaches ``term + delay`` weeks
of age; penalty day 1 is two weeks later (Awb 4:17 lid 1); a case decided in week ``w`` stops
accruing at the end of week ``w``. Notices received on or after ``penalty_free_notices_from``
(the temporary law, DOMAIN.md §3.4) carry neither the administrative penalty nor an appeal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np
import numpy.typing as npt

from verkeerstoren.forecast.layout import Layout
from verkeerstoren.forecast.scenario import PenaltyBehaviour, Scenario
from verkeerstoren.law.tariffs import MAX_PENALTY_DAYS, admin_tariff_for
from verkeerstoren.weeks import start_of

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

ADMIN_WAIT_WEEKS = 2  # Awb 4:17 lid 1: two weeks after the notice was received
ADMIN_PENALTY_WEEKS = -(-MAX_PENALTY_DAYS // 7)  # 42 days = 6 weeks


@cache
def admin_weekly_eur(notice_received: date) -> tuple[int, ...]:
    """EUR owed in each penalty week (days 7k+1..7k+7) for a notice received on that date."""
    tariff = admin_tariff_for(notice_received)
    return tuple(
        sum(tariff.daily_eur(day) for day in range(7 * k + 1, 7 * k + 8))
        for k in range(ADMIN_PENALTY_WEEKS)
    )


def court_weekly_eur(daily_eur: float, cap_eur: float) -> FloatArray:
    """EUR owed in each week of a court penalty of ``daily_eur`` per day up to ``cap_eur``."""
    if daily_eur <= 0 or cap_eur <= 0:
        return np.zeros(0)
    days = int(np.ceil(cap_eur / daily_eur))
    weeks = -(-days // 7)
    cumulative = np.minimum(np.arange(weeks + 1) * 7 * daily_eur, cap_eur)
    return np.diff(cumulative)


@dataclass(frozen=True, slots=True)
class PenaltyPlan:
    """Per column: when notices and appeals happen and what each week of delay costs."""

    behaviour: PenaltyBehaviour
    notice_week: IntArray  # (P,) week the cohort's notices are received (may be < 0)
    appeal_week: IntArray  # (P,) week appeals are filed
    eligible: BoolArray  # (P,) notices in this column lead to penalties (before temporary law)
    admin_table: FloatArray  # (P, 6) EUR per penalty week
    court_table: FloatArray  # (K,) EUR per court-penalty week
    court_start: IntArray  # (P,) first week of the court penalty

    def admin_columns(self, week: int) -> tuple[IntArray, FloatArray]:
        """Columns accruing an administrative penalty in ``week`` and the EUR per case."""
        k = week - self.notice_week - ADMIN_WAIT_WEEKS
        cols = np.flatnonzero(self.eligible & (k >= 0) & (k < ADMIN_PENALTY_WEEKS))
        return cols, self.admin_table[cols, k[cols]]

    def court_columns(self, week: int) -> tuple[IntArray, FloatArray]:
        """Columns accruing a court penalty in ``week`` and the EUR per appealed case."""
        k = week - self.court_start
        cols = np.flatnonzero(self.eligible & (k >= 0) & (k < self.court_table.size))
        return cols, self.court_table[k[cols]]


def build_penalty_plan(scenario: Scenario, layout: Layout) -> PenaltyPlan | None:
    """Timing and amounts for every column, or None when the scenario models no penalties."""
    behaviour = scenario.penalties
    if behaviour is None:
        return None
    term = np.array([t.term_weeks for t in scenario.case_types], dtype=np.int64)
    notice_week = layout.cell_cohort + term[layout.cell_type] + behaviour.notice_delay_weeks
    received = [start_of(scenario.start_date, int(w)) for w in notice_week]
    cutoff = behaviour.penalty_free_notices_from
    eligible = np.array([cutoff is None or day < cutoff for day in received], dtype=np.bool_)
    admin = np.array([admin_weekly_eur(day) for day in received], dtype=np.float64)
    appeal_week = notice_week + behaviour.appeal_delay_weeks
    return PenaltyPlan(
        behaviour=behaviour,
        notice_week=notice_week,
        appeal_week=appeal_week,
        eligible=eligible,
        admin_table=admin.reshape(-1, ADMIN_PENALTY_WEEKS),
        court_table=court_weekly_eur(behaviour.court_daily_eur, behaviour.court_cap_eur),
        court_start=appeal_week + behaviour.court_weeks,
    )
