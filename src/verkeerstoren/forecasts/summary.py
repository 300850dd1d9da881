# SPDX-License-Identifier: EUPL-1.2
"""Turn engine results into the JSON a run stores: quantile rows and clearance summaries.

Only what the pages and reports show is kept (a handful of metrics), so a stored run stays a few
hundred kilobytes; the full paths can always be regenerated from the scenario and its seed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

from verkeerstoren.forecast import Comparison, ForecastResult
from verkeerstoren.forecast.outputs import FloatArray, quantile_rows
from verkeerstoren.weeks import last_week_ended

PENALTY_TOTAL = "penalty_eur_cumulative"

# Stored metrics. The total penalty is summed per replication before taking quantiles: adding
# the P50s of the two penalty kinds would not give the P50 of their sum.
STORED_METRICS: tuple[str, ...] = (
    "stock",
    "overdue",
    "decisions",
    "admin_penalty_eur_cumulative",
    "court_penalty_eur_cumulative",
    PENALTY_TOTAL,
    "reception_persons",
)


def _stored_paths(paths: dict[str, FloatArray]) -> dict[str, FloatArray]:
    out = dict(paths)
    out[PENALTY_TOTAL] = (
        paths["admin_penalty_eur_cumulative"] + paths["court_penalty_eur_cumulative"]
    )
    return {m: out[m] for m in STORED_METRICS}


def initial_stock(result: ForecastResult) -> int:
    """Pending cases at the start of week 0, from the scenario's stock bands."""
    return int(sum(int(t.initial_by_age().sum()) for t in result.scenario.case_types))


def cleared_by(result: ForecastResult, target: date | None) -> float | None:
    """Share of replications whose stock reached the working stock by the end of ``target``."""
    if target is None:
        return None
    weeks = result.clearance_weeks()
    last_week = last_week_ended(result.scenario.start_date, target)
    return float(((weeks >= 0) & (weeks <= last_week)).mean())


def summarise_forecast(result: ForecastResult, target: date | None) -> dict[str, Any]:
    """The stored summary of one forecast."""
    scenario = result.scenario
    return {
        "scenario": scenario.name,
        "start_date": scenario.start_date.isoformat(),
        "horizon_weeks": result.horizon_weeks,
        "replications": result.replications,
        "seed": result.seed,
        "working_stock": scenario.working_stock,
        "initial_stock": initial_stock(result),
        "clearance": result.clearance(),
        "cleared_by_target": cleared_by(result, target),
        "rows": quantile_rows(result, _stored_paths(result.paths)),
    }


def summarise_comparison(comparison: Comparison, target: date | None) -> dict[str, Any]:
    """Both forecasts plus the paired differences B - A (same seed and replications)."""
    a, b = comparison.a, comparison.b
    paths_a, paths_b = _stored_paths(a.paths), _stored_paths(b.paths)
    differences = {m: paths_b[m] - paths_a[m] for m in STORED_METRICS}
    last = a.horizon_weeks - 1
    final: dict[str, dict[str, float]] = {}
    for metric, diff in differences.items():
        q5, q50, q95 = np.quantile(diff[:, last], (0.05, 0.5, 0.95))
        final[metric] = {
            "a_p50": float(np.median(paths_a[metric][:, last])),
            "b_p50": float(np.median(paths_b[metric][:, last])),
            "difference_mean": float(diff[:, last].mean()),
            "difference_p5": float(q5),
            "difference_p50": float(q50),
            "difference_p95": float(q95),
        }
    return {
        "a": summarise_forecast(a, target),
        "b": summarise_forecast(b, target),
        "difference": {
            "of": "b - a",
            "final_week": final,
            "clearance": comparison.clearance(),
            "rows": quantile_rows(a, differences),
        },
    }
