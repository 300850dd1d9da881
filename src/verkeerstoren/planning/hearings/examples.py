# SPDX-License-Identifier: EUPL-1.2
"""Random hearing instances: small ones for the exact tests, weeks for the benchmark.

:func:`random_instance_dict` draws a run of days for a few locations in the JSON form of
docs/formats.md, deterministic for a seed. Staff, rooms and interpreters are sized from the
number of hearings per location, so a small instance is as tight as a large one. Some languages
are scarce (fewer interpreters than hearings need), one location has child rooms and one is
short of rooms, so a week cannot hear everyone and the weights decide.
"""

from __future__ import annotations

import math
import random
from typing import Any

from verkeerstoren.planning.hearings.instance import HearingInstance, instance_from_dict

# (code, rooms per hearing a day): Schiphol is short of rooms; Den Bosch has the child rooms.
LOCATIONS = (("TAP", 1.5), ("ZVN", 1.3), ("DBS", 1.3), ("SPL", 0.85), ("BDL", 1.2), ("RSW", 1.2))
CHILD_LOCATION = "DBS"
# Hearing languages and their shares; None = no interpreter needed.
LANGUAGES: tuple[tuple[str | None, float], ...] = (
    ("ar", 0.30), ("ti", 0.10), ("tr", 0.09), ("fa", 0.08), ("prs", 0.06), ("kmr", 0.05),
    ("ckb", 0.04), ("en", 0.05), ("fr", 0.04), ("ps", 0.04), ("so", 0.03), ("am", 0.03),
    ("ka", 0.02), ("ur", 0.02), ("ru", 0.02), (None, 0.03),
)  # fmt: skip
# Interpreter slots offered per slot needed: below 1 the language is scarce.
SUPPLY = {"ti": 0.55, "so": 0.5, "am": 0.5, "ps": 0.6}
COMMON_SUPPLY = 1.35
SECOND_LANGUAGE = {"ar": "fr", "fa": "prs", "prs": "fa", "ti": "am", "am": "ti", "tr": "kmr"}
COMPETENCES = ("lgbti", "medical", "1f", "trafficking")


def random_instance(seed: int, **sizes: Any) -> HearingInstance:
    """:func:`random_instance_dict`, parsed."""
    return instance_from_dict(random_instance_dict(seed, **sizes))


def benchmark_week(seed: int) -> HearingInstance:
    """A benchmark week: 6 locations x 150 hearings, 5 days x 2 slots."""
    return random_instance(seed, locations=6, hearings_per_location=150, days=5, slots=2)


def random_instance_dict(
    seed: int,
    *,
    locations: int = 2,
    hearings_per_location: int = 6,
    days: int = 2,
    slots: int = 2,
    family_share: float = 0.02,
) -> dict[str, Any]:
    """A random instance in the JSON form of docs/formats.md (deterministic for a seed).

    ``family_share``: the chance that a family of 2 or 3 starts at a hearing.
    """
    rng = random.Random(seed)  # noqa: S311  # test data from a seed, no secret
    locs = [code for code, _ in LOCATIONS[: max(1, min(locations, len(LOCATIONS)))]]
    n = hearings_per_location
    hearings = [_hearing(rng, f"H{k}", loc, days, slots) for loc in locs for k in range(n)]
    for k, h in enumerate(hearings):
        h["id"] = f"H{k}"
    _families(rng, hearings, family_share)
    officers = _officers(rng, locs, hearings, days, slots)
    interpreters = _interpreters(rng, locs, hearings, days, slots)
    lawyers = _lawyers(rng, locs, hearings, days, slots)
    return {
        "days": days,
        "slots": slots,
        "locations": locs,
        "rooms": _rooms(rng, locs, n, days),
        "officers": officers,
        "interpreters": interpreters,
        "lawyers": lawyers,
        "hearings": hearings,
    }


def _weighted(rng: random.Random, table: tuple[tuple[Any, float], ...]) -> Any:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def _hearing(rng: random.Random, hid: str, loc: str, days: int, slots: int) -> dict[str, Any]:
    child = loc == CHILD_LOCATION and rng.random() < 0.25
    competences = ["amv"] if child else []
    if rng.random() < 0.2:
        competences.append(rng.choice(COMPETENCES))
    return {
        "id": hid,
        "location": loc,
        "mode": "video" if rng.random() < 0.25 else "oral",
        "length": 2 if slots >= 2 and rng.random() < 0.15 else 1,
        "language": _weighted(rng, LANGUAGES),
        "competences": competences,
        "child": child,
        "same_gender": rng.choice(("f", "f", "f", "m")) if rng.random() < 0.08 else None,
        "lawyer": None,
        "officer": None,
        "earliest_day": rng.randint(1, days - 1) if days > 1 and rng.random() < 0.2 else 0,
        "family": None,
        # Expected costs avoided, in euros: most of a few hundred, a long tail of old cases.
        "weight": max(20, min(20_000, round(math.exp(rng.gauss(6.4, 0.8))))),
    }


def _families(rng: random.Random, hearings: list[dict[str, Any]], share: float) -> None:
    """Families of 2 or 3 at one location (about 5 % of hearings at the default share)."""
    k = 0
    while k < len(hearings) - 2:
        size = rng.choice((2, 2, 3))
        group = hearings[k : k + size]
        if rng.random() < share and len({h["location"] for h in group}) == 1:
            for h in group:
                h["family"] = f"F{k}"
                h["earliest_day"] = group[0]["earliest_day"]
            k += size
        else:
            k += 1


def _rooms(rng: random.Random, locs: list[str], n: int, days: int) -> list[dict[str, Any]]:
    factor = dict(LOCATIONS)
    rooms: list[dict[str, Any]] = []
    for loc in locs:
        count = max(1, round(factor[loc] * n / days / 2))
        for k in range(count):
            child = loc == CHILD_LOCATION and k < max(1, count // 4)
            video = k == count - 1 or rng.random() < 0.25
            rooms.append({"id": f"{loc}-H{k + 1:02d}", "location": loc, "child": child,
                          "video": video})  # fmt: skip
    return rooms


def _unavailable(rng: random.Random, days: int, slots: int, off_day: float) -> list[list[int]]:
    out: list[list[int]] = []
    if rng.random() < off_day:
        day = rng.randrange(days)
        out.extend([day, s] for s in range(slots))
    if rng.random() < 0.15:
        pair = [rng.randrange(days), rng.randrange(slots)]
        if pair not in out:
            out.append(pair)
    return out


def _officers(
    rng: random.Random, locs: list[str], hearings: list[dict[str, Any]], days: int, slots: int
) -> list[dict[str, Any]]:
    """Officers per location for about 1.15 hearings per needed hearing; half the hearings fixed."""
    officers: list[dict[str, Any]] = []
    for loc in locs:
        here = [h for h in hearings if h["location"] == loc]
        count = max(2, math.ceil(1.15 * len(here) / days / 1.3))
        staff: list[dict[str, Any]] = []
        for k in range(count):
            comps = [c for c in COMPETENCES if rng.random() < 0.3]
            if k % 3 == 0 or (loc == CHILD_LOCATION and k % 2 == 0):
                comps.append("amv")
            staff.append({
                "id": f"O-{loc}-{k + 1:02d}", "location": loc,
                "gender": "f" if rng.random() < 0.6 else "m", "competences": sorted(comps),
                "unavailable": _unavailable(rng, days, slots, 0.3),
                "max_per_day": 2 if rng.random() < 0.3 else 1,
            })  # fmt: skip
        officers.extend(staff)
        for h in here:
            if rng.random() < 0.5:
                fit = [
                    o
                    for o in staff
                    if set(h["competences"]) <= set(o["competences"])
                    and h["same_gender"] in (None, o["gender"])
                ]
                if fit:
                    h["officer"] = rng.choice(fit)["id"]
    return officers


def _interpreters(
    rng: random.Random, locs: list[str], hearings: list[dict[str, Any]], days: int, slots: int
) -> list[dict[str, Any]]:
    """Interpreters per language for its demand: scarce languages get too few."""
    demand: dict[str, int] = {}
    for h in hearings:
        if h["language"] is not None:
            demand[h["language"]] = demand.get(h["language"], 0) + h["length"]
    interpreters: list[dict[str, Any]] = []
    per_interpreter = 0.75 * days * min(slots, 2)  # slots an interpreter is free for, roughly
    for lang, need in sorted(demand.items()):
        supply = SUPPLY.get(lang, COMMON_SUPPLY)
        count = max(1, round(supply * need / per_interpreter))
        for k in range(count):
            spoken = {lang}
            if lang in SECOND_LANGUAGE and rng.random() < 0.25:
                spoken.add(SECOND_LANGUAGE[lang])
            remote = rng.random() < 0.2
            # Interpreters of the smaller languages travel further.
            reach = rng.choice((1, 2, 2, 3)) + (2 if count <= 6 else 0)
            served = [] if remote else rng.sample(locs, min(len(locs), reach))
            interpreters.append({
                "id": f"T-{lang.upper()}-{k + 1:03d}", "languages": sorted(spoken),
                "gender": "f" if rng.random() < 0.45 else "m", "locations": sorted(served),
                "unavailable": _unavailable(rng, days, slots, 0.4), "max_per_day": 2,
            })  # fmt: skip
    return interpreters


def _lawyers(
    rng: random.Random, locs: list[str], hearings: list[dict[str, Any]], days: int, slots: int
) -> list[dict[str, Any]]:
    """About 70 % of hearings have a lawyer, each lawyer about 12 clients at one or two places."""
    represented = [h for h in hearings if rng.random() < 0.7]
    count = max(1, math.ceil(len(represented) / 12))
    lawyers = [
        {"id": f"A{k + 1:03d}", "unavailable": _unavailable(rng, days, slots, 0.2),
         "max_per_day": rng.choice((1, 2, 2))}
        for k in range(count)
    ]  # fmt: skip
    home = {lw["id"]: rng.sample(locs, min(2, len(locs))) for lw in lawyers}
    by_family: dict[str, str] = {}
    for h in represented:
        if h["family"] is not None and h["family"] in by_family:
            h["lawyer"] = by_family[h["family"]]
            continue
        near = [lw["id"] for lw in lawyers if h["location"] in home[lw["id"]]]
        h["lawyer"] = rng.choice(near or [lw["id"] for lw in lawyers])
        if h["family"] is not None:
            by_family[h["family"]] = h["lawyer"]
    return lawyers
