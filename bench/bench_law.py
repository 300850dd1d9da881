# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: exposure of N random cases as of one date, per-case loop vs vectorised.

Usage: .venv/bin/python bench/bench_law.py [--cases 100000] [--seed 1] [--as-of 2020-09-01]

Prints a small table (seconds) and checks that both engines give the same numbers.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

import numpy as np

from verkeerstoren.law import (
    BehaviourParameters,
    CaseHistory,
    CourtRuling,
    Notice,
    Suspension,
    assess,
    assess_portfolio,
    build_portfolio,
    expected_exposure,
    expected_portfolio_exposure,
)

T = TypeVar("T")


def random_cases(n: int, seed: int) -> list[CaseHistory]:
    """Plausible histories: received 2018-2020, some extensions, suspensions, notices, rulings."""
    rng = np.random.default_rng(seed)
    start = date(2018, 1, 1)
    # Draw everything as arrays first: scalar NumPy draws in a loop would dominate the run.
    received_off = rng.integers(0, 3 * 365, n).tolist()
    n_notices = rng.choice(3, n, p=[0.5, 0.4, 0.1]).tolist()
    notice_off = rng.integers(150, 700, (n, 2)).tolist()
    has_susp = (rng.random(n) < 0.2).tolist()
    susp_off = rng.integers(0, 200, n).tolist()
    susp_len = rng.integers(0, 80, n).tolist()
    has_ruling = (rng.random(n) < 0.1).tolist()
    ruling_off = rng.integers(250, 700, n).tolist()
    decided_off = np.where(rng.random(n) < 0.6, rng.integers(60, 900, n), -1).tolist()
    extended = (rng.random(n) < 0.15).tolist()
    unfounded = (rng.random(n) < 0.05).tolist()
    cases = []
    for i in range(n):
        received = start + timedelta(days=received_off[i])
        s0 = received + timedelta(days=susp_off[i])
        cases.append(
            CaseHistory(
                id=f"B{i:06d}",
                received=received,
                extensions=(9,) if extended[i] else (),
                suspensions=(Suspension(s0, s0 + timedelta(days=susp_len[i])),)
                if has_susp[i]
                else (),
                notices=tuple(
                    Notice(received + timedelta(days=d)) for d in notice_off[i][: n_notices[i]]
                ),
                rulings=(CourtRuling(received + timedelta(days=ruling_off[i]), 56, 100.0, 7500.0),)
                if has_ruling[i]
                else (),
                decided=None if decided_off[i] < 0 else received + timedelta(days=decided_off[i]),
                manifestly_unfounded=unfounded[i],
            )
        )
    return cases


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """Result and wall-clock seconds of ``fn()``."""
    t0 = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2020, 9, 1))
    args = parser.parse_args()
    as_of: date = args.as_of
    behaviour = BehaviourParameters(0.3, 30, 0.2, 56, 56, 100.0, 7500.0)
    decide_on = as_of + timedelta(days=90)

    cases, t_gen = timed(lambda: random_cases(args.cases, args.seed))
    portfolio, t_build = timed(lambda: build_portfolio(cases))
    per_case, t_loop = timed(lambda: [assess(c, as_of) for c in cases])
    _, t_vec_cold = timed(lambda: assess_portfolio(portfolio, as_of))
    columns, t_vec = timed(lambda: assess_portfolio(portfolio, as_of))
    exp_case, t_exp_loop = timed(
        lambda: [expected_exposure(c, as_of, decide_on, behaviour) for c in cases]
    )
    exp_vec, t_exp_vec = timed(
        lambda: expected_portfolio_exposure(portfolio, as_of, decide_on, behaviour)
    )

    same = np.array_equal(columns.penalty_eur, [r.penalty_eur for r in per_case])
    same &= np.array_equal(columns.deadline, np.array([r.deadline for r in per_case], "M8[D]"))
    same &= np.array_equal(exp_vec.expected_eur, [e.expected_eur for e in exp_case])

    print(f"law exposure benchmark: {args.cases:,} cases as of {as_of}, seed {args.seed}")
    print(f"python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}")
    print(f"{'step':<44}{'seconds':>10}")
    rows = [
        ("generate random histories", t_gen),
        ("build_portfolio (flatten to arrays)", t_build),
        ("per-case assess loop", t_loop),
        ("vectorised assess_portfolio (first call)", t_vec_cold),
        ("vectorised assess_portfolio", t_vec),
        ("per-case expected_exposure loop", t_exp_loop),
        ("vectorised expected_portfolio_exposure", t_exp_vec),
    ]
    for name, seconds in rows:
        print(f"{name:<44}{seconds:>10.3f}")
    print(f"speed-up assess: {t_loop / t_vec:.0f}x, expected: {t_exp_loop / t_exp_vec:.0f}x")
    print(f"total owed as of {as_of}: EUR {columns.penalty_eur.sum():,.0f}")
    print(f"expected if decided {decide_on}: EUR {exp_vec.total_expected_eur:,.0f}")
    print(f"per-case and vectorised identical: {bool(same)}")


if __name__ == "__main__":
    main()
