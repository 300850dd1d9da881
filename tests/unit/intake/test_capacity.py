# SPDX-License-Identifier: EUPL-1.2
"""Placement under capacity: location and first feasible week, on hand-made capacity tables."""

from __future__ import annotations

from datetime import date

from verkeerstoren.intake.capacity import Capacity, Need, Officer, place

MONDAY = date(2020, 4, 6)
WEEKS = 6


def cap(officers: list[Officer], *, interpreters: dict[str, list[int]] | None = None,
        child_rooms: dict[str, list[int]] | None = None,
        reception: dict[str, int] | None = None) -> Capacity:  # fmt: skip
    return Capacity(
        start=MONDAY,
        weeks=WEEKS,
        officers=officers,
        interpreters=interpreters or {"ar": [9] * WEEKS, "ti": [9] * WEEKS},
        child_rooms=child_rooms or {"TA": [9] * WEEKS, "ZW": [9] * WEEKS},
        reception=reception or {"TA": 50, "ZW": 50},
    )


def officer(id: str, loc: str, *comps: str, free: int = 5) -> Officer:
    return Officer(id, loc, frozenset(comps), [free] * WEEKS)


def need(id: str, **kw: object) -> Need:
    values: dict[str, object] = {
        "id": id, "registered": MONDAY, "preferred": "TA", "heard": True,
        "competences": frozenset(), "language": "ar", "child_hearing": False,
    }  # fmt: skip
    values.update(kw)
    return Need(**values)  # type: ignore[arg-type]


def test_the_first_week_after_registration_and_rest_at_the_preferred_location() -> None:
    # Registered Monday 6 April: 9 days of registration and rest end on Wednesday 15 April,
    # in week 1 (from Monday 13 April).
    (p,) = place(cap([officer("o1", "TA")]), [need("a")])
    assert (p.location, p.week, p.first_day, p.shortfalls) == ("TA", 1, date(2020, 4, 13), ())


def test_a_competence_held_only_elsewhere_sends_the_case_there() -> None:
    c = cap([officer("o1", "TA"), officer("o2", "ZW", "lgbti")])
    (p,) = place(c, [need("a", competences=frozenset({"lgbti"}))])
    assert (p.location, p.week) == ("ZW", 1)


def test_each_placement_uses_capacity_so_the_next_waits_a_week() -> None:
    c = cap([officer("o1", "TA", free=2)], reception={"TA": 50})
    out = place(c, [need(x) for x in "abcde"])
    assert [p.week for p in out] == [1, 1, 2, 2, 3]
    assert c.officers[0].free == [2, 0, 0, 1, 2, 2]


def test_a_specialist_is_kept_for_the_case_that_needs_them() -> None:
    # The generalist takes the routine case, so the LGBTI case still fits in week 1.
    c = cap([officer("spec", "TA", "lgbti", free=1), officer("gen", "TA", free=1)])
    out = place(c, [need("routine"), need("lgbti", competences=frozenset({"lgbti"}))])
    assert [(p.location, p.week) for p in out] == [("TA", 1), ("TA", 1)]


def test_a_child_hearing_needs_a_child_room() -> None:
    c = cap(
        [officer("o1", "TA"), officer("o2", "ZW")],
        child_rooms={"TA": [0] * WEEKS, "ZW": [0, 0, 0, 1, 1, 1]},
    )
    (p,) = place(c, [need("kid", child_hearing=True)])
    assert (p.location, p.week) == ("ZW", 3)


def test_a_scarce_language_waits_for_its_interpreter() -> None:
    c = cap([officer("o1", "TA")], interpreters={"ti": [0, 0, 0, 0, 1, 1]})
    out = place(c, [need("a", language="ti"), need("b", language="ti"), need("c", language="nl")])
    assert [p.week for p in out] == [4, 5, 1]  # Dutch needs no interpreter


def test_a_family_is_placed_at_one_location_in_a_week_all_fit() -> None:
    # TA has room for one hearing a week, ZW for two: the family of two goes to ZW in week 1.
    c = cap([officer("o1", "TA", free=1), officer("o2", "ZW", free=2)])
    out = place(c, [need("m", family="F"), need("f", family="F"), need("x")])
    assert [(p.location, p.week) for p in out] == [("ZW", 1), ("ZW", 1), ("TA", 1)]


def test_no_room_anywhere_is_shown_as_shortfalls_not_overbooked() -> None:
    c = cap([officer("o1", "TA", free=0)], reception={"TA": 0, "ZW": 0})
    (p,) = place(c, [need("a", competences=frozenset({"1f"}), language="ti")])
    assert (p.location, p.week, p.first_day) == ("TA", None, None)
    assert p.shortfalls == ("reception@TA", "officer:1f@TA")
    assert c.reception == {"TA": 0, "ZW": 0}  # nothing was taken


def test_a_child_who_is_not_heard_needs_only_a_reception_place() -> None:
    c = cap([], reception={"TA": 1})
    (p,) = place(c, [need("kid", heard=False, child_hearing=False)])
    assert (p.location, p.week, p.shortfalls) == ("TA", 1, ())
    assert c.reception["TA"] == 0


def test_a_family_tried_and_undone_leaves_the_officers_as_they_were() -> None:
    # Two hearings a week at TA, none at ZW: a family of three fits nowhere. Trying it takes the
    # specialist (for the LGBTI member), then the generalist, and gives them back in that
    # order; the generalist must still come first, so the routine case leaves the specialist
    # for the LGBTI case.
    c = cap([officer("spec", "TA", "lgbti", free=1), officer("gen", "TA", free=1)])
    family = [need("m", family="F", competences=frozenset({"lgbti"})),
              need("f", family="F"), need("k", family="F")]  # fmt: skip
    out = place(c, [*family, need("routine"), need("lgbti", competences=frozenset({"lgbti"}))])
    assert [p.week for p in out[:3]] == [None, None, None]
    assert [(p.location, p.week) for p in out[3:]] == [("TA", 1), ("TA", 1)]
    assert [o.free for o in c.officers] == [[1, 0, 1, 1, 1, 1], [1, 0, 1, 1, 1, 1]]
