# SPDX-License-Identifier: EUPL-1.2
"""Forecast results: raw paths per replication, and the summaries built on them.

Everything a chart needs comes out as flat rows (``week, date, metric, p5 .. p95, mean``) so a
Vega-Lite fan chart can use them directly (an area from p5 to p95, another from p25 to p75 and
a line at p50).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from verkeerstoren.forecast.scenario import Scenario
from verkeerstoren.weeks import end_of

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

QUANTILES: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)
QUANTILE_NAMES: tuple[str, ...] = ("p5", "p25", "p50", "p75", "p95")

# Metrics in the order they are reported; per-type metrics ("stock.<type>") follow.
METRICS: tuple[str, ...] = (
    "stock",
    "decisions",
    "decisions_cumulative",
    "arrivals",
    "overdue",
    "admin_penalty_eur",
    "admin_penalty_eur_cumulative",
    "court_penalty_eur",
    "court_penalty_eur_cumulative",
    "reception_persons",
)


@dataclass(frozen=True, slots=True)
class Draws:
    """The random inputs one run used, kept for checking the engine against the oracle."""

    arrivals: FloatArray  # (R, H, T) arrivals per week and case type
    general: FloatArray  # (R, H) capacity units for any case type
    teams: FloatArray  # (R, H) capacity units for complex case types
    grants: FloatArray  # (R, H, T) grants among the week's decisions


@dataclass(frozen=True, slots=True)
class ForecastResult:
    """Paths of every metric for every replication: ``paths[metric]`` has shape (R, H)."""

    scenario: Scenario
    replications: int
    seed: int
    paths: dict[str, FloatArray]
    draws: Draws | None = None

    @property
    def horizon_weeks(self) -> int:
        """Number of forecast weeks."""
        return self.scenario.horizon_weeks

    def week_end(self, week: int) -> date:
        """Last day of forecast week ``week`` (week 0 starts on the scenario start date)."""
        return end_of(self.scenario.start_date, week)

    def clearance_weeks(self, threshold: int | None = None) -> IntArray:
        """Per replication the first week whose end stock is <= ``threshold`` (-1: never)."""
        limit = self.scenario.working_stock if threshold is None else threshold
        below = self.paths["stock"] <= limit
        first = np.argmax(below, axis=1).astype(np.int64)
        return np.where(below.any(axis=1), first, -1)

    def quantiles(self, metric: str) -> FloatArray:
        """Quantiles P5..P95 of ``metric`` per week, shape (5, H)."""
        return np.quantile(self.paths[metric], QUANTILES, axis=0)

    def rows(self, metrics: tuple[str, ...] | None = None) -> list[dict[str, object]]:
        """Flat rows ``week, date, metric, p5, p25, p50, p75, p95, mean`` for charts and tables."""
        return quantile_rows(self, self.paths, metrics)

    def clearance(self, threshold: int | None = None) -> dict[str, object]:
        """Distribution of the clearance week (first week with stock <= the working stock)."""
        limit = self.scenario.working_stock if threshold is None else threshold
        weeks = self.clearance_weeks(limit)
        cleared = weeks >= 0
        # Not cleared = after the horizon; an order statistic keeps "after the horizon" exact.
        as_float = np.where(cleared, weeks, np.inf).astype(np.float64)
        values = np.quantile(as_float, QUANTILES, method="inverted_cdf")
        out: dict[str, object] = {
            "threshold": limit,
            "share_cleared": float(cleared.mean()),
        }
        for name, value in zip(QUANTILE_NAMES, values, strict=True):
            finite = bool(np.isfinite(value))
            out[f"{name}_week"] = int(value) if finite else None
            out[f"{name}_date"] = self.week_end(int(value)).isoformat() if finite else None
        return out

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary: run settings, quantile rows and clearance."""
        return {
            "scenario": self.scenario.name,
            "start_date": self.scenario.start_date.isoformat(),
            "horizon_weeks": self.horizon_weeks,
            "replications": self.replications,
            "seed": self.seed,
            "case_types": list(self.scenario.type_names),
            "metrics": list(self.paths),
            "quantiles": list(QUANTILE_NAMES),
            "clearance": self.clearance(),
            "rows": self.rows(),
        }


def quantile_rows(
    result: ForecastResult, paths: dict[str, FloatArray], metrics: tuple[str, ...] | None = None
) -> list[dict[str, object]]:
    """Rows of weekly quantiles and means of ``paths`` (dates from ``result``'s scenario)."""
    rows: list[dict[str, object]] = []
    dates = [result.week_end(w).isoformat() for w in range(result.horizon_weeks)]
    for metric in metrics or tuple(paths):
        values = paths[metric]
        q = np.quantile(values, QUANTILES, axis=0)
        mean = values.mean(axis=0)
        for week in range(result.horizon_weeks):
            row: dict[str, object] = {"week": week, "date": dates[week], "metric": metric}
            for index, name in enumerate(QUANTILE_NAMES):
                row[name] = round(float(q[index, week]), 3)
            row["mean"] = round(float(mean[week]), 3)
            rows.append(row)
    return rows


@dataclass(frozen=True, slots=True)
class Comparison:
    """Paired differences B - A over the same replications (common random numbers)."""

    a: ForecastResult
    b: ForecastResult
    differences: dict[str, FloatArray]  # metric -> (R, H) of B - A

    def rows(self, metrics: tuple[str, ...] | None = None) -> list[dict[str, object]]:
        """Quantile rows of the paired differences, one per week and metric."""
        return quantile_rows(self.a, self.differences, metrics)

    def variance_reduction(self, metric: str, week: int = -1) -> float:
        """Var(paired B - A) / Var(unpaired B - A) at ``week``; small means sharp comparisons.

        Replications are independent, so pairing replication i of B with replication i+1 of A
        gives the variance that independent runs would have had, without running them.
        """
        a = self.a.paths[metric][:, week]
        b = self.b.paths[metric][:, week]
        unpaired = float(np.var(b - np.roll(a, 1), ddof=1))
        paired = float(np.var(b - a, ddof=1))
        return paired / unpaired if unpaired > 0 else float("nan")

    def clearance(self) -> dict[str, object]:
        """Paired difference of clearance weeks (B - A) where both runs cleared."""
        wa = self.a.clearance_weeks()
        wb = self.b.clearance_weeks()
        both = (wa >= 0) & (wb >= 0)
        out: dict[str, object] = {
            "share_cleared_a": float((wa >= 0).mean()),
            "share_cleared_b": float((wb >= 0).mean()),
            "share_both_cleared": float(both.mean()),
        }
        if both.any():
            diff = (wb - wa)[both].astype(np.float64)
            for name, value in zip(QUANTILE_NAMES, np.quantile(diff, QUANTILES), strict=True):
                out[f"{name}_weeks"] = float(value)
            out["mean_weeks"] = float(diff.mean())
        return out

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: both scenarios, final-week summaries and difference rows."""
        last = self.a.horizon_weeks - 1
        final: dict[str, object] = {}
        for metric, diff in self.differences.items():
            final[metric] = {
                "a_mean": float(self.a.paths[metric][:, last].mean()),
                "b_mean": float(self.b.paths[metric][:, last].mean()),
                "difference_mean": float(diff[:, last].mean()),
                "difference_sd": float(diff[:, last].std(ddof=1)) if diff.shape[0] > 1 else 0.0,
                "variance_reduction": self.variance_reduction(metric, last)
                if diff.shape[0] > 2
                else None,
            }
        return {
            "a": self.a.scenario.name,
            "b": self.b.scenario.name,
            "start_date": self.a.scenario.start_date.isoformat(),
            "horizon_weeks": self.a.horizon_weeks,
            "replications": self.a.replications,
            "seed": self.a.seed,
            "difference": "b - a",
            "final_week": final,
            "clearance": self.clearance(),
            "rows": self.rows(),
        }


def paired_differences(a: ForecastResult, b: ForecastResult) -> Comparison:
    """Paired differences of two runs made with the same seed, replications and weeks."""
    if (a.seed, a.replications) != (b.seed, b.replications):
        raise ValueError("paired differences need the same seed and number of replications")
    if (a.scenario.start_date, a.horizon_weeks) != (b.scenario.start_date, b.horizon_weeks):
        raise ValueError("paired differences need the same start date and horizon")
    shared = [m for m in a.paths if m in b.paths]
    return Comparison(a, b, {m: b.paths[m] - a.paths[m] for m in shared})
