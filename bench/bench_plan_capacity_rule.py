# SPDX-License-Identifier: EUPL-1.2
"""How much of the planning gap is the weekly capacity rule: a sample solved exactly two ways.

    .venv/bin/python bench/bench_plan_capacity_rule.py INSTANCE.json [--every 40] [--weeks 26]
        [--one-firm | --no-firms] [--exact-limit 900]

The planning model (docs/formats.md) gives every case all its officer hours in the week it is
decided: an officer with 28 h in a week and an 18 h case has 10 h left that only a case of at
most 10 h can use. This script takes the sample of ``bench_plan_sample_exact.py`` and solves
the per-officer model with HiGHS (LP relaxation, then the MIP within ``--exact-limit``) under

- ``weekly``: the model as it is (each officer-week holds the hours of its cases);
- ``carry_over``: hours an officer does not use in a week may go to cases decided later
  (work ahead), never to a case before its ready week (docs/formats.md). Firms keep their
  weekly hours.

It prints, per rule, the LP value and the MIP's best plan and dual bound. A plan of the weekly
rule is also one of the carry-over rule; the LP values show how much the relaxation itself
moves, the MIP bounds how far the optimum can be proven. A measurement, not a test: minutes.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

import verkeerstoren.planning.solve as assign
from bench_plan_sample_exact import load_sample, sample_arguments
from verkeerstoren.planning.exact.model import solve_model
from verkeerstoren.planning.model.instance import (
    CARRY_OVER,
    WEEKLY,
    PlanningInstance,
)


def solve(inst: PlanningInstance, rule: str, limit: float) -> dict[str, object]:
    """LP and MIP of the per-officer model (``planning_model``) under one capacity rule."""
    inst = replace(inst, capacity_rule=rule)
    options = assign._officer_options(inst)
    weeks = range(inst.horizon_weeks)
    hours = np.array([[s.hours_in_week(w) for w in weeks] for s in inst.staff])
    out: dict[str, object] = {"options": len(options)}
    for integer in (False, True):
        t = time.perf_counter()
        res = solve_model(inst, options, hours, pinned=set(), integer=integer, time_limit=limit)
        out["mip" if integer else "lp"] = {
            "status": res.status,
            "best": round(res.objective, 1),
            "bound": round(res.dual_bound, 1),
            "seconds": round(time.perf_counter() - t, 1),
        }
    return out


def main() -> int:
    """Solve the sample under both rules and print one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sample_arguments(parser, weeks=26)
    args = parser.parse_args()
    inst = load_sample(args)
    out = {
        "cases": len(inst.cases),
        "officers": len(inst.staff),
        "weeks": args.weeks,
        "weekly": solve(inst, WEEKLY, args.exact_limit),
        "carry_over": solve(inst, CARRY_OVER, args.exact_limit),
    }
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
