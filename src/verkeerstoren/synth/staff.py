# SPDX-License-Identifier: EUPL-1.2
"""Staff, teams, competencies and absences of the Taskforce and the regular directorate.

Only IND staff with a senior decision competency may decide (DOMAIN.md §1.7: the final decision
is always taken by experienced IND staff); the others hear, prepare and draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from verkeerstoren.glossary import Competency, EmploymentType, Level
from verkeerstoren.synth import calibration as cal
from verkeerstoren.synth.lawyers import AVAILABILITY_WEEKS, working_days
from verkeerstoren.synth.reference import FIRST_NAMES, LAST_NAMES, LOCATIONS
from verkeerstoren.synth.tables import Table, table_from_rows

LOCATION_NAMES = {loc.code: loc.name for loc in LOCATIONS}
SPECIALISMS: tuple[Competency, ...] = (
    Competency.AMV,
    Competency.LGBTI,
    Competency.CONVERSION,
    Competency.EXCLUSION_1F,
    Competency.MEDICAL,
    Competency.TRAFFICKING,
    Competency.AGE_ASSESSMENT,
    Competency.LANGUAGE_ANALYSIS,
    Competency.DOCUMENT_EXAMINATION,
    Competency.DUBLIN,
    Competency.FAMILY,
)
# How often IND staff hold each specialism (relative weights, L).
IND_SPECIALISM_WEIGHTS = (0.12, 0.14, 0.14, 0.05, 0.12, 0.05, 0.05, 0.05, 0.08, 0.10, 0.10)
KDT_LOCATIONS = ("TAP", "DBS", "RSW")
LEVELS = (Level.JUNIOR, Level.MEDIOR, Level.SENIOR)
FREE_DAY_SHARE = 0.03  # probability a hearing officer takes a working day off (leave) (L)
ONE_HEARING_HOURS = 24  # officers on at most this many hours hear once a day at most (L)


@dataclass(frozen=True, slots=True)
class StaffGroup:
    """A block of staff of one origin, with how they are spread and what they can do (L)."""

    stream: str
    employment: EmploymentType
    count: int
    senior_share: float
    medior_share: float
    can_hear_share: float
    hours: dict[int, float]
    start: tuple[date, date]
    location_weights: dict[str, float]
    team_size: int
    label: str


def staff_groups() -> tuple[StaffGroup, ...]:
    """The staff blocks of the tf2020 scenario; counts from calibration (DOMAIN.md §1.3)."""
    even = {loc.code: 1.0 for loc in LOCATIONS}
    ind_spread = {"TAP": 0.25, "ZVN": 0.15, "DBS": 0.15, "SPL": 0.05, "BDL": 0.15, "RSW": 0.25}
    return (
        StaffGroup(
            "taskforce",
            EmploymentType.IND,
            cal.TASKFORCE_IND_STAFF,
            cal.TASKFORCE_SENIOR_SHARE,
            0.45,
            0.85,
            {36: 0.4, 32: 0.3, 24: 0.2, 16: 0.1},
            (date(2020, 4, 1), date(2020, 6, 1)),
            ind_spread,
            15,
            "IND",
        ),
        StaffGroup(
            "taskforce",
            EmploymentType.FOREIGN_AFFAIRS,
            cal.TASKFORCE_FOREIGN_AFFAIRS_STAFF,
            0.0,
            0.5,
            0.8,
            {36: 0.6, 32: 0.4},
            (date(2020, 5, 1), date(2020, 6, 30)),
            {"RSW": 0.7, "TAP": 0.3},
            10,
            "BZ",
        ),
        StaffGroup(
            "taskforce",
            EmploymentType.DTV,
            cal.TASKFORCE_DTV_STAFF,
            0.0,
            0.6,
            0.3,
            {36: 1.0},
            (date(2020, 5, 1), date(2020, 6, 30)),
            {"TAP": 0.5, "BDL": 0.5},
            15,
            "DT&V",
        ),
        StaffGroup(
            "taskforce",
            EmploymentType.TEMP_AGENCY,
            cal.TASKFORCE_TEMP_STAFF,
            0.0,
            0.0,
            0.6,
            {36: 0.6, 40: 0.2, 32: 0.2},
            (cal.TEMP_START_DATE, cal.TEMP_START_DATE),
            even,
            21,
            "inhuur",
        ),
        StaffGroup(
            "regular",
            EmploymentType.IND,
            cal.REGULAR_STAFF,
            cal.REGULAR_SENIOR_SHARE,
            0.45,
            0.9,
            {36: 0.55, 32: 0.25, 28: 0.1, 24: 0.1},
            (date(2005, 1, 1), date(2019, 12, 31)),
            ind_spread,
            20,
            "AenB",
        ),
    )


def _choice(
    rng: np.random.Generator, weights: dict[str, float] | dict[int, float], size: int
) -> list[str]:
    keys = [str(k) for k in weights]
    p = np.array(list(weights.values()), dtype=np.float64)
    return [keys[i] for i in rng.choice(len(keys), size=size, p=p / p.sum()).tolist()]


def staff_tables(rng: np.random.Generator) -> tuple[Table, Table, Table, Table]:
    """teams.csv, staff.csv, competencies.csv and absences.csv."""
    teams: list[tuple[str, ...]] = []
    staff: list[tuple[str, ...]] = []
    comps: list[tuple[str, ...]] = []
    team_of = _Teams(teams)
    kdt_slots = cal.KDT_TEAMS * cal.KDT_TEAM_SIZE
    for number, loc in enumerate(KDT_LOCATIONS[: cal.KDT_TEAMS], start=1):
        teams.append(
            (
                f"TF-KDT-{number}",
                f"Knopen-door-hak-team {LOCATION_NAMES[loc]}",
                loc,
                "taskforce",
                "true",
            )
        )
    for group in staff_groups():
        n = group.count
        level_idx = rng.choice(
            3,
            size=n,
            p=[1 - group.senior_share - group.medior_share, group.medior_share, group.senior_share],
        )
        locs = _choice(rng, group.location_weights, n)
        hours = _choice(rng, group.hours, n)
        lo, hi = group.start
        start_days = rng.integers(0, (hi - lo).days + 1, n)
        can_hear = rng.random(n) < group.can_hear_share
        genders = _choice(rng, {"f": 0.55, "m": 0.44, "x": 0.01}, n)
        for i in range(n):
            level = LEVELS[int(level_idx[i])]
            loc = locs[i]
            is_ind = group.employment == EmploymentType.IND
            can_decide = is_ind and level == Level.SENIOR
            # Seniors who can decide fill the knot-cutting teams (KDT) first.
            if can_decide and group.stream == "taskforce" and kdt_slots > 0:
                k = (cal.KDT_TEAMS * cal.KDT_TEAM_SIZE - kdt_slots) // cal.KDT_TEAM_SIZE
                team, loc = f"TF-KDT-{k + 1}", KDT_LOCATIONS[k]
                kdt_slots -= 1
                kdt = True
            else:
                team = team_of.assign(group, loc)
                kdt = False
            code = f"M{len(staff) + 1:05d}"
            name = (
                f"{FIRST_NAMES[rng.integers(len(FIRST_NAMES))]} "
                f"{LAST_NAMES[rng.integers(len(LAST_NAMES))]}"
            )
            start = date.fromordinal(lo.toordinal() + int(start_days[i]))
            staff.append(
                (
                    code,
                    name,
                    team,
                    loc,
                    str(group.employment),
                    hours[i],
                    start.isoformat(),
                    _b(bool(can_hear[i]) or kdt),
                    _b(can_decide),
                    genders[i],
                )
            )
            comps.extend(_competencies(rng, code, group, level, bool(can_hear[i]) or kdt, loc, kdt))
    absences = _absences(rng, staff)
    return (
        table_from_rows("teams", ("code", "name", "location", "stream", "decision_team"), teams),
        table_from_rows(
            "staff",
            (
                "code",
                "name",
                "team",
                "location",
                "employment_type",
                "hours_per_week",
                "start_date",
                "can_hear",
                "can_decide",
                "gender",
            ),
            staff,
        ),
        table_from_rows("competencies", ("staff", "competency", "level"), comps),
        table_from_rows("absences", ("staff", "start", "end", "reason"), absences),
    )


def _b(value: bool) -> str:
    return "true" if value else "false"


class _Teams:
    """Teams of ``team_size`` per stream, origin and location, filled in arrival order."""

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        self.rows = rows
        self.members: dict[tuple[str, str, str], int] = {}
        self.codes: dict[tuple[str, str, str, int], str] = {}
        self.per_location: dict[tuple[str, str], int] = {}

    def assign(self, group: StaffGroup, loc: str) -> str:
        """The team code for the next member of ``group`` at ``loc``."""
        prefix = "TF" if group.stream == "taskforce" else "AB"
        seen = self.members.get((prefix, loc, group.label), 0)
        self.members[(prefix, loc, group.label)] = seen + 1
        number = seen // group.team_size + 1
        key = (prefix, loc, group.label, number)
        if key not in self.codes:
            index = self.per_location.get((prefix, loc), 0) + 1
            self.per_location[(prefix, loc)] = index
            code = f"{prefix}-{loc}-{index:02d}"
            self.codes[key] = code
            stream_name = "Taskforce" if group.stream == "taskforce" else "Asiel en Bescherming"
            name = f"{stream_name} {LOCATION_NAMES[loc]} {index} ({group.label})"
            self.rows.append((code, name, loc, group.stream, "false"))
        return self.codes[key]


def _competencies(
    rng: np.random.Generator,
    code: str,
    group: StaffGroup,
    level: Level,
    can_hear: bool,
    loc: str,
    kdt: bool,
) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = [(code, str(Competency.PREPARATION), str(level))]
    if can_hear:
        rows.append((code, str(Competency.HEARING), str(level)))
    if group.employment == EmploymentType.IND:
        rows.append((code, str(Competency.DECISION), str(level)))
    elif group.employment == EmploymentType.TEMP_AGENCY and rng.random() < 0.3:
        rows.append((code, str(Competency.DECISION), str(Level.JUNIOR)))  # drafts only
    chosen: set[Competency] = set()
    if group.employment == EmploymentType.IND:
        weights = np.array(IND_SPECIALISM_WEIGHTS)
        if loc == "DBS":  # child hearing rooms: more AMV specialists there
            weights[SPECIALISMS.index(Competency.AMV)] *= 3
        k = min(int(rng.poisson(2.0 if level == Level.SENIOR else 1.0)), 4)
        picks = rng.choice(len(SPECIALISMS), size=k, replace=False, p=weights / weights.sum())
        chosen.update(SPECIALISMS[j] for j in picks.tolist())
        if kdt:  # decision teams take the complex cases: conversion, LGBTI, 1F
            chosen.update((Competency.CONVERSION, Competency.LGBTI))
            if rng.random() < 0.5:
                chosen.add(Competency.EXCLUSION_1F)
    elif group.employment == EmploymentType.FOREIGN_AFFAIRS:
        chosen.update(
            c
            for c in (Competency.LANGUAGE_ANALYSIS, Competency.DOCUMENT_EXAMINATION)
            if rng.random() < 0.5
        )
    elif group.employment == EmploymentType.DTV:
        chosen.update(
            c
            for c, p in ((Competency.DUBLIN, 0.5), (Competency.DOCUMENT_EXAMINATION, 0.3))
            if rng.random() < p
        )
    for comp in SPECIALISMS:  # glossary order keeps the output stable
        if comp in chosen:
            spec_level = (
                level
                if rng.random() < 0.5 or level == Level.JUNIOR
                else LEVELS[LEVELS.index(level) - 1]
            )
            rows.append((code, str(comp), str(spec_level)))
    return rows


def _absences(rng: np.random.Generator, staff: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """One spell of leave, sickness or training for a few staff in 2020 (L)."""
    rows: list[tuple[str, ...]] = []
    reasons = ("leave", "sick", "training")
    for row in staff:
        if rng.random() >= cal.ABSENCE_SHARE:
            continue
        start_date = max(date.fromisoformat(row[6]), date(2020, 4, 6))
        begin = start_date.toordinal() + int(rng.integers(0, 180))
        end = begin + int(rng.integers(4, 20))
        rows.append(
            (
                row[0],
                date.fromordinal(begin).isoformat(),
                date.fromordinal(end).isoformat(),
                reasons[int(rng.integers(3))],
            )
        )
    return rows


def with_hearing_limits(staff: Table) -> Table:
    """staff.csv with ``max_hearings_per_day``: one for small part-timers, else two (L)."""
    limits = [
        "1" if float(hours) <= ONE_HEARING_HOURS else "2"
        for hours in staff.column("hours_per_week")
    ]
    return Table(staff.name, (*staff.columns, "max_hearings_per_day"), (*staff.data, limits))


def with_free_days(rng: np.random.Generator, staff: Table, absences: Table, start: date) -> Table:
    """absences.csv plus single days off of hearing officers in the quarter from ``start``
    (days inside another absence are left out: the officer is away already)."""
    spells: dict[str, list[tuple[str, str]]] = {}
    for code, a_start, a_end in zip(
        absences.column("staff"), absences.column("start"), absences.column("end"), strict=True
    ):
        spells.setdefault(code, []).append((a_start, a_end))
    days = [d.isoformat() for d in working_days(start, AVAILABILITY_WEEKS)]
    rows = list(zip(*absences.data, strict=True))
    hearers = [
        (code, begun)
        for code, hear, begun in zip(
            staff.column("code"), staff.column("can_hear"), staff.column("start_date"), strict=True
        )
        if hear == "true"
    ]
    for code, begun in hearers:
        u = rng.random(len(days))
        for day_text, x in zip(days, u.tolist(), strict=True):
            if x >= FREE_DAY_SHARE or day_text < begun:
                continue
            if any(a <= day_text <= b for a, b in spells.get(code, ())):
                continue
            rows.append((code, day_text, day_text, "leave"))
    rows.sort(key=lambda r: (r[0], r[1]))
    return table_from_rows(absences.name, absences.columns, rows)
