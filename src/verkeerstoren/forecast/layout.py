# SPDX-License-Identifier: EUPL-1.2
"""Cell layout of the cohort state: one column per (case type, arrival week), in work order.

Cases are indexed by *arrival week* (cohort) rather than by age, so nothing shifts when a week
passes: age = week - cohort. The initial stock has negative cohorts. Because every work-order
policy ranks cells by a key that does not change over time (oldest first ranks by cohort,
deadline first by cohort + term), the columns are stored once in priority order and a week's
decisions are a single cumulative sum along the columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from verkeerstoren.forecast.scenario import Scenario

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Layout:
    """Columns of the state arrays and where each (type, cohort) lives."""

    cohort_min: int
    n_cohorts: int
    cell_type: IntArray  # (P,) case-type index per column
    cell_cohort: IntArray  # (P,) arrival week per column
    position: IntArray  # (T, n_cohorts) column of (type, cohort - cohort_min)

    @property
    def n_cells(self) -> int:
        """Number of columns."""
        return int(self.cell_type.size)

    def columns(self, cohorts: IntArray) -> IntArray:
        """Column per type for one cohort per type (``cohorts`` shape (T,)); -1 if out of range."""
        index = cohorts - self.cohort_min
        valid = (index >= 0) & (index < self.n_cohorts)
        types = np.arange(cohorts.size)
        out = np.full(cohorts.size, -1, dtype=np.int64)
        out[valid] = self.position[types[valid], index[valid]]
        return out


def build_layout(scenario: Scenario) -> Layout:
    """Lay out the cells of ``scenario`` in the priority order of its work-order policy."""
    max_age = max((t.initial_by_age().size - 1 for t in scenario.case_types), default=0)
    cohort_min = -max(max_age, 0)
    n_cohorts = scenario.horizon_weeks - cohort_min
    n_types = len(scenario.case_types)
    types = np.repeat(np.arange(n_types, dtype=np.int64), n_cohorts)
    cohorts = np.tile(np.arange(cohort_min, scenario.horizon_weeks, dtype=np.int64), n_types)
    term = np.array([t.term_weeks for t in scenario.case_types], dtype=np.int64)
    complex_ = np.array([t.complex for t in scenario.case_types], dtype=np.int64)
    policy = scenario.order.policy
    # np.lexsort sorts by the last key first; the type index breaks ties deterministically.
    if policy == "newest_first":
        order = np.lexsort((types, -cohorts))
    elif policy == "deadline_first":
        order = np.lexsort((types, cohorts + term[types]))
    elif policy == "complex_last":
        order = np.lexsort((types, cohorts, complex_[types]))
    else:  # oldest_first, and 'shares' (oldest first within each type's share)
        order = np.lexsort((types, cohorts))
    cell_type = types[order]
    cell_cohort = cohorts[order]
    position = np.empty((n_types, n_cohorts), dtype=np.int64)
    position[cell_type, cell_cohort - cohort_min] = np.arange(order.size, dtype=np.int64)
    return Layout(cohort_min, n_cohorts, cell_type, cell_cohort, position)
