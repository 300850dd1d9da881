# SPDX-License-Identifier: EUPL-1.2
"""Locations, hearing rooms, interpreters and external firms."""

from __future__ import annotations

from collections import Counter
from datetime import date

import numpy as np

from verkeerstoren.synth import calibration as cal
from verkeerstoren.synth.lawyers import AVAILABILITY_WEEKS, away_rows, working_days
from verkeerstoren.synth.reference import CHILD_LOCATION, LOCATIONS, SECOND_LANGUAGES
from verkeerstoren.synth.tables import Table, table_from_rows

# Languages with few interpreters in 2020 (Tigrinya, Kurmanji, Pashto; L): they are away most
# half-days, so some weeks cannot hear every applicant who speaks them and the weights decide.
SCARCE_LANGUAGES = frozenset({"ti", "kmr", "ps"})
INTERPRETER_AWAY_DAY = 0.10  # probability an interpreter is away a whole working day (L)
INTERPRETER_AWAY_HALF_DAY = 0.15  # one half-day away otherwise (L)
SCARCE_AWAY_DAY = 0.55  # the same for an interpreter of a scarce language only (L)
SCARCE_AWAY_HALF_DAY = 0.25
SECOND_LOCATION_SHARE = 0.35  # on-site interpreters who also come to a second location (L)


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


def with_interpreter_locations(rng: np.random.Generator, interpreters: Table) -> Table:
    """interpreters.csv with ``locations``: where an on-site interpreter comes for oral hearings.

    One location drawn by the cases heard there, a second one for some; remote interpreters
    do video hearings only and travel nowhere.
    """
    codes = [loc.code for loc in LOCATIONS]
    p = np.array([loc.case_share for loc in LOCATIONS])
    p = p / p.sum()
    column: list[str] = []
    for mode in interpreters.column("mode"):
        first = int(rng.choice(len(codes), p=p))
        second = int(rng.choice(len(codes), p=p))
        if mode == "remote":
            column.append("")
        elif second != first and rng.random() < SECOND_LOCATION_SHARE:
            column.append(";".join(sorted((codes[first], codes[second]))))
        else:
            column.append(codes[first])
    return Table(
        interpreters.name, (*interpreters.columns, "locations"), (*interpreters.data, column)
    )


def interpreter_unavailability_table(
    rng: np.random.Generator, interpreters: Table, start: date
) -> Table:
    """interpreter_unavailability.csv: days and half-days away in the quarter from ``start``;
    interpreters who speak only scarce languages are away most of the time."""
    codes = interpreters.column("code")
    scarce = [
        set(langs.split(";")) <= SCARCE_LANGUAGES for langs in interpreters.column("languages")
    ]
    rows = away_rows(
        rng,
        codes,
        working_days(start, AVAILABILITY_WEEKS),
        [SCARCE_AWAY_DAY if s else INTERPRETER_AWAY_DAY for s in scarce],
        [SCARCE_AWAY_HALF_DAY if s else INTERPRETER_AWAY_HALF_DAY for s in scarce],
    )
    return table_from_rows("interpreter_unavailability", ("interpreter", "date", "slot"), rows)


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
