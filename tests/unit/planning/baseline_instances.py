# SPDX-License-Identifier: EUPL-1.2
"""Planning instances for the baseline tests: random examples and crowded instances."""

from __future__ import annotations

import random
from typing import Any

from verkeerstoren.planning.examples import random_instance_dict


def crowded(seed: int) -> dict[str, Any]:
    """More work than hours, families of up to four, scarce firm hours, odd effort values."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    data = random_instance_dict(seed, staff=7, cases=60, weeks=6, firms=3, families=10, pins=3)
    for case in data["cases"]:
        for mode, e in case["effort"].items():
            e["hear"] = rng.choice([0, 0.5, 1.3, 2, 4.7, 6]) if mode == "written" else e["hear"]
            e["prepare"] = rng.choice([0, 1.5, 2, 3.1])
            e["draft"] = rng.choice([0, 2.2, 3, 4])
    for k in range(6):  # larger families (some members may already be in a family)
        for c in rng.sample(range(len(data["cases"])), 4):
            case = data["cases"][c]
            if not any(p["case"] == case["id"] for p in data["pins"]):
                case["family"] = f"G{k}"
    for firm in data["firms"]:
        firm["prepare_hours"] = [rng.choice([0, 1.5, 3, 6]) for _ in range(6)]
        firm["draft_hours"] = [rng.choice([0, 2.2, 4, 8]) for _ in range(6)]
    return data


def mixed_instances(no_firms_seeds: range) -> list[tuple[str, int, dict[str, Any]]]:
    """Small examples, examples without firms (seeds as asked) and crowded instances."""
    return [
        *(
            ("example", s, random_instance_dict(s, staff=6, cases=20, weeks=5, firms=2, families=3))
            for s in range(15)
        ),
        *(
            (
                "no-firms",
                s,
                random_instance_dict(s, staff=5, cases=30, weeks=4, firms=0, families=4),
            )
            for s in no_firms_seeds
        ),
        *(("crowded", s, crowded(s)) for s in range(200, 225)),
    ]
