# SPDX-License-Identifier: EUPL-1.2
"""The cohort engine against the per-case SimPy oracle, and the oracle against Erlang C."""

from __future__ import annotations

import math

import numpy as np
import pytest

from verkeerstoren.forecast import run, scenario_from_dict
from verkeerstoren.forecast.oracle import simulate_mmc, simulate_weekly

METRICS = (
    "stock",
    "decisions",
    "overdue",
    "admin_penalty_eur",
    "court_penalty_eur",
    "reception_persons",
)


@pytest.mark.parametrize(
    "policy", ["oldest_first", "newest_first", "deadline_first", "complex_last", "shares"]
)
@pytest.mark.parametrize("mode", ["staff", "decisions"])
def test_engine_equals_oracle_on_the_same_draws(scenario_dict, policy, mode):
    """Deterministic behaviour (p = 0 or 1): every weekly metric agrees exactly."""
    order = {"policy": policy}
    if policy == "shares":
        order["shares"] = {"regular": 0.6, "complex": 0.4}
    data = scenario_dict(order=order, replications=4, start_date="2020-02-05")
    data["case_types"][1]["term_weeks"] = 12  # deadline order differs from age order
    if mode == "decisions":
        data["capacity"] = {"mode": "decisions", "decisions_per_week": 9}
        data["decision_teams"]["capacity_per_week"] = 2
    scenario = scenario_from_dict(data)
    result = run(scenario, keep_draws=True)
    assert result.draws is not None
    for rep in range(result.replications):
        oracle = simulate_weekly(scenario, result.draws, rep)
        for metric in METRICS:
            np.testing.assert_allclose(
                result.paths[metric][rep], oracle[metric], err_msg=f"{metric} rep {rep}"
            )
    # The scenario really exercises the penalties (before and after the temporary law).
    assert result.paths["admin_penalty_eur"].sum() > 0
    assert result.paths["court_penalty_eur"].sum() > 0


def test_engine_matches_oracle_in_distribution(scenario_dict):
    """Random notices and appeals: mean penalties agree within 3 standard errors."""
    data = scenario_dict(replications=80, start_date="2020-01-08")
    data["penalties"].update(notice_probability=0.4, appeal_probability=0.5)
    scenario = scenario_from_dict(data)
    result = run(scenario, keep_draws=True)
    assert result.draws is not None
    runs = [
        simulate_weekly(scenario, result.draws, rep, seed=1000 + rep)
        for rep in range(result.replications)
    ]
    for metric in ("admin_penalty_eur", "court_penalty_eur"):
        engine = result.paths[metric].sum(axis=1)
        oracle = np.array([paths[metric].sum() for paths in runs])
        # Same capacity and arrivals, independent notice draws: compare the paired mean.
        diff = engine - oracle
        se = diff.std(ddof=1) / math.sqrt(diff.size)
        assert engine.mean() > 0
        assert abs(diff.mean()) < 3 * se, metric


def erlang_c(servers: int, offered: float) -> float:
    """Probability that an arrival waits in M/M/c (offered load a = lambda/mu < c)."""
    top = offered**servers / math.factorial(servers) * servers / (servers - offered)
    bottom = sum(offered**k / math.factorial(k) for k in range(servers)) + top
    return top / bottom


def _replicated(policy, lam, mu, c, reps=16, customers=5000, warmup=1000):
    means, shares, variances = [], [], []
    for rep in range(reps):
        waits = simulate_mmc(lam, mu, c, customers, seed=rep, policy=policy)[warmup:]
        means.append(waits.mean())
        shares.append((waits > 0).mean())
        variances.append(waits.var())
    return np.array(means), np.array(shares), np.array(variances)


def test_mmc_waiting_time_matches_erlang_c():
    """FCFS (oldest first) with c servers: mean wait C/(c mu - lambda) and P(wait) = C."""
    lam, mu, c = 2.0, 1.0, 3
    p_wait = erlang_c(c, lam / mu)
    mean_wait = p_wait / (c * mu - lam)
    means, shares, _ = _replicated("oldest_first", lam, mu, c)
    se = means.std(ddof=1) / math.sqrt(means.size)
    assert abs(means.mean() - mean_wait) < 3 * se
    assert abs(shares.mean() - p_wait) < 3 * shares.std(ddof=1) / math.sqrt(shares.size)
    # Teeth: a 15% error in the mean would be detected.
    assert 0.15 * mean_wait > 3 * se


def test_mmc_newest_first_same_mean_larger_spread():
    """LCFS does not change the mean wait of a work-conserving queue, only its spread."""
    lam, mu, c = 2.0, 1.0, 3
    mean_wait = erlang_c(c, lam / mu) / (c * mu - lam)
    means, _, lifo_var = _replicated("newest_first", lam, mu, c, reps=10, customers=4000)
    assert abs(means.mean() - mean_wait) < 3 * means.std(ddof=1) / math.sqrt(means.size)
    _, _, fifo_var = _replicated("oldest_first", lam, mu, c, reps=6, customers=4000)
    assert lifo_var.mean() > 1.5 * fifo_var.mean()
