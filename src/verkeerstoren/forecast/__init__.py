# SPDX-License-Identifier: EUPL-1.2
"""Forecast engine: vectorised cohort Monte Carlo of the case stock, penalties and reception.

Pure (NumPy and the standard library); the SimPy oracle in :mod:`.oracle` is for tests only.

    scenario = load_scenario("scenarios/tf2020.json")
    result = run(scenario)                      # ForecastResult: paths per metric (R, H)
    rows = result.rows()                        # week, date, metric, p5..p95, mean
    comparison = compare(scenario, variant)     # paired differences on common random numbers
"""

from verkeerstoren.forecast.cohort import compare, run
from verkeerstoren.forecast.fields import ScenarioError
from verkeerstoren.forecast.outputs import (
    METRICS,
    QUANTILE_NAMES,
    QUANTILES,
    Comparison,
    ForecastResult,
    paired_differences,
)
from verkeerstoren.forecast.scenario import Scenario, load_scenario, scenario_from_dict

__all__ = [
    "METRICS",
    "QUANTILES",
    "QUANTILE_NAMES",
    "Comparison",
    "ForecastResult",
    "Scenario",
    "ScenarioError",
    "compare",
    "load_scenario",
    "paired_differences",
    "run",
    "scenario_from_dict",
]
