# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the cohort engine: 1,000 replications x 52 weeks for a 50,000-case stock.

    .venv/bin/python bench/bench_forecast.py [--replications 1000] [--repeat 3]

Prints one JSON object (seconds per run: min and median of the repeats). Target: under 2 s.
The scenario uses every engine feature that costs time: three case types, staff capacity with
noise, decision teams, complex-last order, notices, appeals and reception stays.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time

from verkeerstoren.forecast import run, scenario_from_dict

SCENARIO = {
    "name": "bench-50k",
    "start_date": "2020-04-01",
    "horizon_weeks": 52,
    "seed": 1,
    "working_stock": 500,
    "case_types": [
        {"name": "regular", "term_weeks": 26, "hours_oral": 10, "hours_written": 8,
         "initial_stock": [{"age_weeks": [0, 80], "count": 35_000}]},
        {"name": "extended", "term_weeks": 26, "hours_oral": 14,
         "initial_stock": [{"age_weeks": [0, 80], "count": 10_000}]},
        {"name": "complex", "complex": True, "term_weeks": 26, "hours_oral": 30,
         "initial_stock": [{"age_weeks": [10, 80], "count": 5_000}]},
    ],
    "inflow": {"rate_per_week": 600,
               "type_shares": {"regular": 0.7, "extended": 0.2, "complex": 0.1}},
    "capacity": {"mode": "staff", "noise_cv": 0.1, "hours_per_case_cv": 0.1,
                 "staff": [{"headcount": 500, "productive_hours_per_week": 24, "absence": 0.1}]},
    "written_hearing_share": 0.2,
    "decision_teams": {"start": 10, "capacity_per_week": 800},
    "order": {"policy": "complex_last"},
    "penalties": {"notice_probability": 0.5, "notice_delay_weeks": 4, "appeal_probability": 0.3,
                  "court_daily_eur": 100, "court_cap_eur": 7500},
    "reception": {"stay_weeks_after_grant": 12, "stay_weeks_after_refusal": 4},
}  # fmt: skip


def main() -> None:
    """Run the benchmark and print the timings as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replications", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    scenario = scenario_from_dict(SCENARIO)
    run(scenario, replications=10)  # warm-up: imports, caches
    seconds = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        result = run(scenario, replications=args.replications)
        seconds.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "benchmark": "forecast cohort engine",
                "stock": 50_000,
                "weeks": scenario.horizon_weeks,
                "replications": args.replications,
                "seconds_min": round(min(seconds), 3),
                "seconds_median": round(statistics.median(seconds), 3),
                "final_stock_p50": float(result.quantiles("stock")[2, -1]),
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
