# SPDX-License-Identifier: EUPL-1.2
"""Locations, hearing rooms, interpreters and external firms."""

from __future__ import annotations

from collections import Counter

import numpy as np

from verkeerstoren.synth import calibration as cal
from verkeerstoren.synth.reference import CHILD_LOCATION, LOCATIONS, SECOND_LANGUAGES
from verkeerstoren.synth.tables import Table, table_from_rows


def locations_table() -> Table:
    """locations.csv: the six IND locations with hearing rooms (DOMAIN.md §5)."""
    rows = [(loc.code, loc.name, "true") for loc in LOCATIONS]
    return table_from_rows("locations", ("code", "name", "has_hearing_rooms"), rows)


def hearing_rooms_table(rng: np.random.Generator) -> Table:
    """hearing_rooms.csv: child-friendly rooms only in Den Bosch; a share with video."""
    rows: list[tuple[str, ...]] = []
    for loc in LOCATIONS:
        video = rng.random(loc.hearing_rooms) < cal.VIDEO_ROOM_SHARE
        for i in range(loc.hearing_rooms):
            child = loc.code == CHILD_LOCATION and i < loc.child_friendly_rooms
            rows.append((f"{loc.code}-H{i + 1:02d}", loc.code, _b(child), _b(bool(video[i]))))
    return table_from_rows("hearing_rooms", ("code", "location", "child_friendly", "video"), rows)


def interpreters_table(rng: np.random.Generator, languages: list[str]) -> Table:
    """interpreters.csv: every hearing language covered, with at least one woman and one man.

    Interpreters per language follow the demand (the languages of the cases), with a minimum so
    that own-gender requests and parallel hearings can be served.
    """
    demand = Counter(languages)
    total = sum(demand.values())
    rows: list[tuple[str, ...]] = []
    for lang in sorted(demand):
        n = max(
            cal.INTERPRETERS_MIN_PER_LANGUAGE, round(cal.INTERPRETERS_TOTAL * demand[lang] / total)
        )
        genders = ["f", "m"] + ["f" if g else "m" for g in (rng.random(n - 2) < 0.45).tolist()]
        remote = rng.random(n) < cal.INTERPRETER_REMOTE_SHARE
        second = rng.random(n) < cal.INTERPRETER_SECOND_LANGUAGE_SHARE
        for i in range(n):
            spoken = [lang]
            others = SECOND_LANGUAGES.get(lang, ())
            if second[i] and others:
                spoken.append(others[int(rng.integers(len(others)))])
            mode = "remote" if remote[i] else "on_site"
            rows.append((f"T-{lang.upper()}-{i + 1:03d}", ";".join(spoken), mode, genders[i]))
    return table_from_rows("interpreters", ("code", "languages", "mode", "gender"), rows)


def external_firms_table() -> Table:
    """external_firms.csv: weekly hours sized so OUTSOURCED_CASES fit in OUTSOURCING_WEEKS."""
    prep = cal.OUTSOURCED_CASES * cal.PREP_HOURS_PER_OUTSOURCED_CASE / cal.OUTSOURCING_WEEKS
    draft = cal.OUTSOURCED_CASES * cal.DRAFT_HOURS_PER_OUTSOURCED_CASE / cal.OUTSOURCING_WEEKS
    names = (
        "Juridisch Steunpunt Noord",
        "Dossierbureau Randstad",
        "Asiel Juridische Diensten Zuid",
        "Bureau Beschikkingsvoorbereiding Oost",
        "Legal Support Nederland",
    )
    rows = [
        (f"EXT-{i + 1}", name, f"{prep * share:.0f}", f"{draft * share:.0f}")
        for i, (name, share) in enumerate(zip(names, cal.EXTERNAL_FIRM_SHARES, strict=True))
    ]
    columns = ("code", "name", "prep_hours_per_week", "draft_hours_per_week")
    return table_from_rows("external_firms", columns, rows)


def _b(value: bool) -> str:
    return "true" if value else "false"
