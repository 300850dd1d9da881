# SPDX-License-Identifier: EUPL-1.2
"""Cohort engine: flow balance, Skellam moments, penalty arithmetic, reception, determinism."""

from __future__ import annotations

import numpy as np
import pytest

from verkeerstoren.forecast import run, scenario_from_dict
from verkeerstoren.forecast.cohort import allocate
from verkeerstoren.law.tariffs import admin_tariff_for


def _direct(scenario_dict, *, rate, kappa, stock, horizon, reps, penalties=None):
    data = scenario_dict(
        horizon_weeks=horizon,
        replications=reps,
        case_types=[
            {
                "name": "a",
                "term_weeks": 26,
                "hours_oral": 1,
                "initial_stock": [{"age_weeks": [0, 9], "count": stock}],
            }
        ],
        inflow={"rate_per_week": rate},
        capacity={"mode": "decisions", "decisions_per_week": kappa},
        written_hearing_share=0.0,
        decision_teams=None,
        penalties=penalties,
    )
    return scenario_from_dict(data)


def test_skellam_mean_and_variance(scenario_dict):
    """Stock after t weeks = N0 + Poisson(lam t) - Poisson(kappa t) while it stays positive."""
    lam, kappa, n0, t, reps = 150.0, 120.0, 20_000, 30, 4000
    result = run(_direct(scenario_dict, rate=lam, kappa=kappa, stock=n0, horizon=t, reps=reps))
    x = result.paths["stock"][:, -1]
    assert x.min() > 0  # the premise: capacity never ran out of cases
    mean_theory, var_theory = n0 + (lam - kappa) * t, (lam + kappa) * t
    se_mean = x.std(ddof=1) / np.sqrt(reps)
    assert abs(x.mean() - mean_theory) < 3 * se_mean
    # CI of the sample variance from the sample fourth central moment (no normality assumed).
    s2 = x.var(ddof=1)
    m4 = np.mean((x - x.mean()) ** 4)
    se_var = np.sqrt((m4 - s2**2 * (reps - 3) / (reps - 1)) / reps)
    assert abs(s2 - var_theory) < 3 * se_var
    # And the test has teeth: a 10% wrong variance would be far outside that interval.
    assert 0.1 * var_theory > 3 * se_var


def test_flow_balance_in_every_replication(scenario_dict):
    """stock0 + arrivals = decisions + stock_end exactly, for every replication and week."""
    for policy in ("oldest_first", "newest_first", "deadline_first", "complex_last", "shares"):
        order = {"policy": policy}
        if policy == "shares":
            order["shares"] = {"regular": 3, "complex": 1}
        s = scenario_from_dict(scenario_dict(order=order, replications=40))
        r = run(s)
        stock0 = sum(int(t.initial_by_age().sum()) for t in s.case_types)
        lhs = stock0 + np.cumsum(r.paths["arrivals"], axis=1)
        rhs = r.paths["decisions_cumulative"] + r.paths["stock"]
        np.testing.assert_array_equal(lhs, rhs)
        assert (r.paths["stock"] >= 0).all()
        assert (r.paths["overdue"] <= r.paths["stock"]).all()
        per_type = r.paths["stock.regular"] + r.paths["stock.complex"]
        np.testing.assert_array_equal(per_type, r.paths["stock"])


def test_direct_capacity_is_respected(scenario_dict):
    s = _direct(scenario_dict, rate=5, kappa=40, stock=100, horizon=20, reps=30)
    r = run(s, keep_draws=True)
    assert r.draws is not None
    assert (r.paths["decisions"] <= r.draws.general).all()
    # Once the stock is gone, decisions equal what arrives (work-conserving, nothing carried).
    assert (r.paths["stock"][:, -5:] <= r.draws.general[:, -5:]).all()


def test_allocate_strict_priority():
    avail = np.array([[3.0, 5.0, 2.0], [0.0, 1.0, 9.0]])
    cost = np.array([2.0, 4.0, 1.0])
    take, used = allocate(avail, cost, np.array([13.0, 6.0]))
    # Rep 0: 3 cases x 2 h = 6, then one case of 4 h (10); 3 h left cannot start cell 1 again,
    # and strict priority forbids skipping to the cheap cell 2.
    np.testing.assert_array_equal(take, [[3, 1, 0], [0, 1, 2]])
    np.testing.assert_array_equal(used, [10, 6])


def _penalty_case(scenario_dict, start, *, appeal=0.0):
    data = scenario_dict(
        start_date=start,
        horizon_weeks=40,
        replications=3,
        case_types=[
            {
                "name": "a",
                "term_weeks": 2,
                "hours_oral": 1,
                "initial_stock": [{"age_weeks": 0, "count": 10}],
            }
        ],
        inflow=None,
        capacity={"mode": "decisions", "decisions_per_week": 0, "distribution": "fixed"},
        written_hearing_share=0.0,
        decision_teams=None,
        penalties={
            "notice_probability": 1.0,
            "notice_delay_weeks": 1,
            "appeal_probability": appeal,
            "court_weeks": 4,
            "court_daily_eur": 100,
            "court_cap_eur": 1000,
        },
    )
    return run(scenario_from_dict(data))


def test_admin_penalty_follows_the_law_tariff(scenario_dict):
    """10 cases, notice received in week 3 (2020-01-22): 42 penalty days from week 5."""
    r = _penalty_case(scenario_dict, "2020-01-01")
    weekly = r.paths["admin_penalty_eur"][0]
    tariff = admin_tariff_for(date_of(r, 3))
    expected = np.zeros(40)
    for k in range(6):
        expected[5 + k] = 10 * sum(tariff.daily_eur(d) for d in range(7 * k + 1, 7 * k + 8))
    np.testing.assert_array_equal(weekly, expected)
    assert r.paths["admin_penalty_eur_cumulative"][0, -1] == 10 * tariff.cap_eur == 14_420


def test_old_tariff_before_2019(scenario_dict):
    r = _penalty_case(scenario_dict, "2018-06-01")
    assert r.paths["admin_penalty_eur_cumulative"][0, -1] == 10 * 1260


def test_no_admin_penalty_or_appeal_under_the_temporary_law(scenario_dict):
    """Notices received from 2020-07-10 carry neither penalty nor appeal (DOMAIN.md §3.4)."""
    r = _penalty_case(scenario_dict, "2020-07-01", appeal=1.0)  # notice 2020-07-22
    assert r.paths["admin_penalty_eur_cumulative"][:, -1].sum() == 0
    assert r.paths["court_penalty_eur_cumulative"][:, -1].sum() == 0
    r = _penalty_case(scenario_dict, "2020-06-10", appeal=1.0)  # notice 2020-07-01
    assert r.paths["admin_penalty_eur_cumulative"][0, -1] == 14_420


def test_court_penalty_stops_at_cap(scenario_dict):
    r = _penalty_case(scenario_dict, "2020-01-01", appeal=1.0)
    court = r.paths["court_penalty_eur"][0]
    # Appeal in week 5, penalty from week 9: 700 a week for 10 cases until the 1,000 cap each.
    assert court[:9].sum() == 0
    assert court[9] == 10 * 700 and court[10] == 10 * 300 and court[11:].sum() == 0


def test_penalties_stop_when_decided(scenario_dict):
    """Cases decided before their notice cost nothing; a case decided mid-penalty stops."""
    never = _penalty_case(scenario_dict, "2020-01-01", appeal=1.0)
    data = scenario_dict(
        start_date="2020-01-01",
        horizon_weeks=40,
        replications=3,
        case_types=[
            {
                "name": "a",
                "term_weeks": 2,
                "hours_oral": 1,
                "initial_stock": [{"age_weeks": 0, "count": 10}],
            }
        ],
        inflow=None,
        # 10 decisions in week 6: one week into the penalty (weeks 5..10), before the court's.
        capacity={
            "mode": "decisions",
            "distribution": "fixed",
            "decisions_per_week": [{"from": 0, "value": 0}, {"from": 6, "value": 10}],
        },
        written_hearing_share=0.0,
        decision_teams=None,
        penalties={
            "notice_probability": 1.0,
            "notice_delay_weeks": 1,
            "appeal_probability": 1.0,
            "court_weeks": 4,
            "court_daily_eur": 100,
            "court_cap_eur": 1000,
        },
    )
    stopped = run(scenario_from_dict(data))
    assert never.paths["court_penalty_eur_cumulative"][0, -1] == 10 * 1000
    assert stopped.paths["court_penalty_eur_cumulative"][0, -1] == 0
    assert stopped.paths["admin_penalty_eur_cumulative"][0, -1] == 10 * 14 * 23
    assert stopped.paths["stock"][0, 6] == 0


def test_reception_occupancy(scenario_dict):
    """Pending persons plus decided persons still in their stay window."""
    data = scenario_dict(
        horizon_weeks=12,
        replications=2,
        case_types=[
            {
                "name": "a",
                "term_weeks": 26,
                "hours_oral": 1,
                "persons_per_case": 2.0,
                "grant_share": 1.0,
                "initial_stock": [{"age_weeks": 0, "count": 30}],
            }
        ],
        inflow=None,
        capacity={"mode": "decisions", "decisions_per_week": 10, "distribution": "fixed"},
        decision_teams=None,
        penalties=None,
        reception={"stay_weeks_after_grant": 4, "stay_weeks_after_refusal": 1},
    )
    r = run(scenario_from_dict(data))
    # Weeks 0-2 decide 10 each; each granted person stays 4 weeks (incl. the decision week).
    expected_pending = [40, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    expected_stay = [20, 40, 60, 60, 40, 20, 0, 0, 0, 0, 0, 0]
    np.testing.assert_array_equal(
        r.paths["reception_persons"][0], np.add(expected_pending, expected_stay)
    )


def test_same_seed_same_paths_other_seed_differs(scenario_dict):
    s = scenario_from_dict(scenario_dict())
    a, b, c = run(s), run(s), run(s, seed=8)
    for metric in a.paths:
        np.testing.assert_array_equal(a.paths[metric], b.paths[metric])
    assert not np.array_equal(a.paths["stock"], c.paths["stock"])


def test_notices_thin_binomially(scenario_dict):
    """With notice probability p, the administrative penalty scales with p on average."""
    data = scenario_dict(replications=400)
    data["penalties"].update(notice_probability=0.3, appeal_probability=0.0)
    part = run(scenario_from_dict(data)).paths["admin_penalty_eur_cumulative"][:, -1]
    data["penalties"].update(notice_probability=1.0)
    full = run(scenario_from_dict(data)).paths["admin_penalty_eur_cumulative"][:, -1]
    ratio = part.mean() / full.mean()
    assert ratio == pytest.approx(0.3, abs=3 * part.std(ddof=1) / np.sqrt(400) / full.mean())


def date_of(result, week):
    """Start date of a forecast week."""
    from datetime import timedelta

    return result.scenario.start_date + timedelta(weeks=week)
