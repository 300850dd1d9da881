# SPDX-License-Identifier: EUPL-1.2
"""Small random planning instances (for tests, benchmarks and the CLI's `plan example`)."""

from __future__ import annotations

import random
from typing import Any


def random_instance_dict(
    seed: int,
    *,
    staff: int = 4,
    cases: int = 10,
    weeks: int = 4,
    firms: int = 1,
    families: int = 1,
    pins: int = 1,
) -> dict[str, Any]:
    """A random instance in the JSON form of docs/formats.md (deterministic for a seed)."""
    rng = random.Random(seed)  # noqa: S311  # test data from a seed, no secret
    comps = ["lgbti", "amv", "conversion"]
    locations = ["ZEV", "TA"]
    staff_list: list[dict[str, Any]] = []
    for k in range(staff):
        entry: dict[str, Any] = {
            "id": f"S{k}",
            "team": f"T{k % 2}",
            "location": rng.choice(locations),
            "competencies": {c: rng.randint(1, 3) for c in comps if rng.random() < 0.5},
            "can_hear": rng.random() < 0.9,
            "can_decide": k == 0 or rng.random() < 0.85,
            "decision_team": k == 0 or rng.random() < 0.3,
        }
        if rng.random() < 0.5:
            entry["hours"] = [rng.choice([8, 12, 16, 20]) for _ in range(weeks)]
        else:
            entry["contract_hours"] = rng.choice([24, 32, 36])
            entry["availability"] = 0.5
            entry["start_week"] = rng.randint(0, 1)
            entry["ramp"] = [0.5, 0.75]
        staff_list.append(entry)
    case_list: list[dict[str, Any]] = []
    for k in range(cases):
        base = rng.randint(2, 6)
        effort = {
            "oral": {"prepare": 2, "hear": base, "draft": 3, "decide": 1},
            "video": {"prepare": 2, "hear": base + 1, "draft": 3, "decide": 1},
            "written": {"prepare": 2, "hear": 1, "draft": 3, "decide": 1},
        }
        late = rng.randint(0, weeks)
        case_list.append(
            {
                "id": f"C{k}",
                "competencies": {rng.choice(comps): rng.randint(1, 2)}
                if rng.random() < 0.4
                else {},
                "effort": effort,
                "written_opt_in": rng.random() < 0.3,
                "ready_week": rng.randint(0, max(0, weeks - 2)),
                "cost_by_week": [0 if w < late else 100 * (w - late + 1) for w in range(weeks)],
                "cost_beyond": 100 * (weeks - late + 2) + rng.randint(0, 50),
                "complex": rng.random() < 0.15,
                "location": rng.choice(locations),
                "received": rng.randint(0, 100),
            }
        )
    for f in range(min(families, cases // 2)):
        for c in rng.sample(range(cases), 2):
            if "family" not in case_list[c]:
                case_list[c]["family"] = f"F{f}"
    firm_list = [
        {
            "id": f"Firm{f}",
            "prepare_hours": rng.choice([2, 4, 6]),
            "draft_hours": rng.choice([3, 6]),
            "cost_per_hour": rng.choice([0, 5]),
        }
        for f in range(firms)
    ]
    pin_list: list[dict[str, Any]] = []
    # Pin cases to the all-round officer S0 (decider, decision team) in a late week.
    for c in rng.sample(range(cases), min(pins, cases)):
        if "family" in case_list[c] or case_list[c]["competencies"]:
            continue
        case_list[c]["ready_week"] = 0
        pin_list.append({"case": f"C{c}", "officer": "S0", "week": weeks - 1})
    staff_list[0].update({"can_hear": True, "hours": [40] * weeks, "competencies": {}})
    return {
        "horizon_weeks": weeks,
        "staff": staff_list,
        "cases": case_list,
        "firms": firm_list,
        "pins": pin_list,
    }
