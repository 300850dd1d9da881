# SPDX-License-Identifier: EUPL-1.2
"""The hearing resources of the synthetic register: lawyers, interpreter locations, half-days
away and officers' days off (docs/formats.md), with scarce languages that cannot cover a week."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date

from verkeerstoren.synth.facilities import SCARCE_LANGUAGES

Rows = list[dict[str, str]]
Load = Callable[[str], Rows]


def test_every_case_has_a_lawyer_of_its_region_and_families_share_one(load: Load) -> None:
    lawyers = {r["code"]: r for r in load("lawyers")}
    assert len(lawyers) == len(load("lawyers"))
    assert {r["max_per_day"] for r in lawyers.values()} <= {"1", "2"}
    family_lawyers: dict[str, set[str]] = defaultdict(set)
    for c in load("cases"):
        assert c["lawyer"] in lawyers, c["reference"]
        # Lawyer codes name their region: A-<location>-<n>.
        assert c["lawyer"].split("-")[1] == c["location"], c["reference"]
        if c["family_group"]:
            family_lawyers[c["family_group"]].add(c["lawyer"])
    assert family_lawyers and all(len(v) == 1 for v in family_lawyers.values())


def test_unavailability_rows_name_known_people_once_per_half_day(load: Load) -> None:
    for name, person, known in (
        ("lawyer_unavailability", "lawyer", {r["code"] for r in load("lawyers")}),
        ("interpreter_unavailability", "interpreter", {r["code"] for r in load("interpreters")}),
    ):
        rows = load(name)
        assert rows, name
        keys = Counter((r[person], r["date"], r["slot"]) for r in rows)
        assert max(keys.values()) == 1, name
        assert {r[person] for r in rows} <= known, name
        assert {r["slot"] for r in rows} <= {"", "0", "1"}, name
        assert all(date.fromisoformat(r["date"]).weekday() < 5 for r in rows), name


def test_on_site_interpreters_serve_known_locations_and_remote_ones_none(load: Load) -> None:
    locations = {r["code"] for r in load("locations")}
    for i in load("interpreters"):
        served = set(filter(None, i["locations"].split(";")))
        if i["mode"] == "remote":
            assert not served, i["code"]
        else:
            assert 1 <= len(served) <= 2 and served <= locations, i["code"]


def test_scarce_language_interpreters_are_away_far_more_often(load: Load) -> None:
    """Scarce languages (SCARCE_LANGUAGES) are drawn with 0.55 + 0.25 of days away, the others
    with 0.10 + 0.15: the average away rows per interpreter must differ by well over 2x."""
    away = Counter(r["interpreter"] for r in load("interpreter_unavailability"))
    scarce, other = [], []
    for i in load("interpreters"):
        group = scarce if set(i["languages"].split(";")) <= SCARCE_LANGUAGES else other
        group.append(away[i["code"]])
    assert scarce and other
    assert sum(scarce) / len(scarce) > 2 * sum(other) / len(other)


def test_officers_days_off_and_hearing_limits(load: Load) -> None:
    staff = {s["code"]: s for s in load("staff")}
    assert {s["max_hearings_per_day"] for s in staff.values()} <= {"1", "2"}
    for s in staff.values():
        assert (s["max_hearings_per_day"] == "1") == (float(s["hours_per_week"]) <= 24), s["code"]
    days_off = [a for a in load("absences") if a["start"] == a["end"] and a["reason"] == "leave"]
    assert days_off
    assert all(staff[a["staff"]]["can_hear"] == "true" for a in days_off)
