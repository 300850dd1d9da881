# SPDX-License-Identifier: EUPL-1.2
"""Hearing instance: days and slots, rooms, officers, interpreters, lawyers and hearings.

Plain frozen dataclasses, :func:`instance_from_dict` for the JSON object form of docs/formats.md
("Hearing instance"), :func:`instance_from_json` for text read from outside (bounded by
:func:`verkeerstoren.jsonin.loads`) and :func:`instance_to_dict`, its inverse. Every error is a
:class:`HearingInputError` whose message starts with the field path (``hearings[3].lawyer: ...``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from verkeerstoren.jsonin import JsonInputError, loads
from verkeerstoren.planning.hearings.parse import Reader
from verkeerstoren.planning.model.instance import PlanningInputError

MODES = ("oral", "video")
GENDERS = ("f", "m", "x")
SAME_GENDERS = ("f", "m")
MAX_DAYS = 366
MAX_SLOTS = 24
MAX_WEIGHT = 10**9
MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 8

Slot = tuple[int, int]  # (day, slot)


class HearingInputError(PlanningInputError):
    """The hearing instance is malformed or contradictory; ``field`` is the path named first."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message, code="hearing_input", params={"field": field})
        self.field = field


@dataclass(frozen=True)
class Room:
    """A hearing room at a location; a child hearing needs a child room, a video one a video room."""

    id: str
    location: str
    child: bool = False
    video: bool = False


@dataclass(frozen=True)
class Officer:
    """An IND officer who may hear at its location (or the hearings the weekly plan fixes to it)."""

    id: str
    location: str
    gender: str | None = None
    competences: frozenset[str] = frozenset()
    unavailable: frozenset[Slot] = frozenset()
    max_per_day: int = MAX_SLOTS


@dataclass(frozen=True)
class Interpreter:
    """An interpreter; on site at ``locations`` (oral hearings), any video hearing of a language."""

    id: str
    languages: frozenset[str]
    gender: str | None = None
    locations: frozenset[str] = frozenset()
    unavailable: frozenset[Slot] = frozenset()
    max_per_day: int = MAX_SLOTS


@dataclass(frozen=True)
class Lawyer:
    """The applicant's lawyer, who must be free for the whole hearing."""

    id: str
    unavailable: frozenset[Slot] = frozenset()
    max_per_day: int = MAX_SLOTS


@dataclass(frozen=True)
class Hearing:
    """A hearing to schedule; ``weight`` is what hearing it in this run avoids (> 0).

    ``language`` None: no interpreter needed. ``officer`` set: the officer the weekly plan fixed
    (location and competences are then not asked). ``family``: all of one family on one day, or
    none of them.
    """

    id: str
    location: str
    mode: str
    weight: int
    length: int = 1
    language: str | None = None
    competences: frozenset[str] = frozenset()
    child: bool = False
    same_gender: str | None = None
    lawyer: str | None = None
    officer: str | None = None
    earliest_day: int = 0
    family: str | None = None


@dataclass(frozen=True)
class HearingInstance:
    """A run of ``days`` working days of ``slots`` slots each; ids unique within each list."""

    days: int
    slots: int
    locations: tuple[str, ...]
    rooms: tuple[Room, ...]
    officers: tuple[Officer, ...]
    interpreters: tuple[Interpreter, ...]
    lawyers: tuple[Lawyer, ...]
    hearings: tuple[Hearing, ...]


def instance_from_json(data: str | bytes, *, what: str = "") -> HearingInstance:
    """Parse JSON text from outside (size and depth bounded) into a checked instance."""
    try:
        obj = loads(data, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH, what=what)
    except JsonInputError as exc:
        raise HearingInputError(str(exc), field=exc.field or "") from None
    return instance_from_dict(obj)


def instance_from_dict(data: Any) -> HearingInstance:
    """Build and check an instance from its JSON object form."""
    r = Reader(HearingInputError)
    top = r.obj(data, "instance")
    days = r.whole(top, "days", "", lo=1, hi=MAX_DAYS)
    slots = r.whole(top, "slots", "", lo=1, hi=MAX_SLOTS)
    r.days, r.slots = days, slots
    rooms = tuple(_room(r, o, f"rooms[{k}]") for k, o in enumerate(r.array(top, "rooms", "")))
    officers = tuple(
        _officer(r, o, f"officers[{k}]") for k, o in enumerate(r.array(top, "officers", ""))
    )
    interpreters = tuple(
        _interpreter(r, o, f"interpreters[{k}]")
        for k, o in enumerate(r.array(top, "interpreters", "", optional=True))
    )
    lawyers = tuple(
        _lawyer(r, o, f"lawyers[{k}]")
        for k, o in enumerate(r.array(top, "lawyers", "", optional=True))
    )
    hearings = tuple(
        _hearing(r, o, f"hearings[{k}]") for k, o in enumerate(r.array(top, "hearings", ""))
    )
    if "locations" in top:
        raw = r.array(top, "locations", "")
        locations = tuple(r.text({"v": v}, "v", f"locations[{k}]") for k, v in enumerate(raw))
        r.unique(locations, "locations", lambda k: f"locations[{k}]")
    else:
        locations = tuple(dict.fromkeys(o.location for o in officers))
    inst = HearingInstance(days, slots, locations, rooms, officers, interpreters, lawyers, hearings)
    _check_references(r, inst)
    return inst


def _room(r: Reader, obj: Any, ctx: str) -> Room:
    o = r.obj(obj, ctx)
    r.known_keys(o, ctx, ("id", "location", "child", "video"))
    return Room(
        r.text(o, "id", ctx),
        r.text(o, "location", ctx),
        r.flag(o, "child", ctx, False),
        r.flag(o, "video", ctx, False),
    )


def _officer(r: Reader, obj: Any, ctx: str) -> Officer:
    o = r.obj(obj, ctx)
    keys = ("id", "location", "gender", "competences", "unavailable", "max_per_day")
    r.known_keys(o, ctx, keys)
    return Officer(
        r.text(o, "id", ctx),
        r.text(o, "location", ctx),
        r.choice(o, "gender", ctx, GENDERS),
        r.texts(o, "competences", ctx),
        r.slots_of(o, "unavailable", ctx),
        r.whole(o, "max_per_day", ctx, lo=0, hi=MAX_SLOTS, default=MAX_SLOTS),
    )


def _interpreter(r: Reader, obj: Any, ctx: str) -> Interpreter:
    o = r.obj(obj, ctx)
    keys = ("id", "languages", "gender", "locations", "unavailable", "max_per_day")
    r.known_keys(o, ctx, keys)
    return Interpreter(
        r.text(o, "id", ctx),
        r.texts(o, "languages", ctx, required=True),
        r.choice(o, "gender", ctx, GENDERS),
        r.texts(o, "locations", ctx),
        r.slots_of(o, "unavailable", ctx),
        r.whole(o, "max_per_day", ctx, lo=0, hi=MAX_SLOTS, default=MAX_SLOTS),
    )


def _lawyer(r: Reader, obj: Any, ctx: str) -> Lawyer:
    o = r.obj(obj, ctx)
    r.known_keys(o, ctx, ("id", "unavailable", "max_per_day"))
    return Lawyer(
        r.text(o, "id", ctx),
        r.slots_of(o, "unavailable", ctx),
        r.whole(o, "max_per_day", ctx, lo=0, hi=MAX_SLOTS, default=MAX_SLOTS),
    )


_HEARING_KEYS = (
    "id", "location", "mode", "length", "language", "competences", "child", "same_gender",
    "lawyer", "officer", "earliest_day", "family", "weight",
)  # fmt: skip


def _hearing(r: Reader, obj: Any, ctx: str) -> Hearing:
    o = r.obj(obj, ctx)
    r.known_keys(o, ctx, _HEARING_KEYS)
    mode = r.choice(o, "mode", ctx, MODES, required=True)
    assert mode is not None  # noqa: S101  # required=True never returns None
    return Hearing(
        id=r.text(o, "id", ctx),
        location=r.text(o, "location", ctx),
        mode=mode,
        weight=r.whole(o, "weight", ctx, lo=1, hi=MAX_WEIGHT),
        length=r.whole(o, "length", ctx, lo=1, hi=r.slots, default=1),
        language=r.optional_text(o, "language", ctx),
        competences=r.texts(o, "competences", ctx),
        child=r.flag(o, "child", ctx, False),
        same_gender=r.choice(o, "same_gender", ctx, SAME_GENDERS),
        lawyer=r.optional_text(o, "lawyer", ctx),
        officer=r.optional_text(o, "officer", ctx),
        earliest_day=r.whole(o, "earliest_day", ctx, lo=0, hi=r.days - 1, default=0),
        family=r.optional_text(o, "family", ctx),
    )


def _check_references(r: Reader, inst: HearingInstance) -> None:
    for name, items in (
        ("rooms", inst.rooms),
        ("officers", inst.officers),
        ("interpreters", inst.interpreters),
        ("lawyers", inst.lawyers),
        ("hearings", inst.hearings),
    ):
        r.unique([x.id for x in items], name, lambda k, n=name: f"{n}[{k}].id")  # type: ignore[misc]
    known = set(inst.locations)

    def at_known(location: str, field: str) -> None:
        if location not in known:
            r.fail(field, f"unknown location {location!r}")

    for k, room in enumerate(inst.rooms):
        at_known(room.location, f"rooms[{k}].location")
    for k, officer in enumerate(inst.officers):
        at_known(officer.location, f"officers[{k}].location")
    for k, interpreter in enumerate(inst.interpreters):
        for loc in sorted(interpreter.locations):
            at_known(loc, f"interpreters[{k}].locations")
    officers = {o.id for o in inst.officers}
    lawyers = {lw.id for lw in inst.lawyers}
    for k, h in enumerate(inst.hearings):
        at_known(h.location, f"hearings[{k}].location")
        if h.officer is not None and h.officer not in officers:
            r.fail(f"hearings[{k}].officer", f"unknown officer {h.officer!r}")
        if h.lawyer is not None and h.lawyer not in lawyers:
            r.fail(f"hearings[{k}].lawyer", f"unknown lawyer {h.lawyer!r}")


def _slots_list(slots: frozenset[Slot]) -> list[list[int]]:
    return [[d, s] for d, s in sorted(slots)]


def instance_to_dict(inst: HearingInstance) -> dict[str, Any]:
    """The JSON object form of ``inst`` (docs/formats.md, "Hearing instance")."""

    def people(o: Officer | Interpreter | Lawyer) -> dict[str, Any]:
        return {"unavailable": _slots_list(o.unavailable), "max_per_day": o.max_per_day}

    return {
        "days": inst.days,
        "slots": inst.slots,
        "locations": list(inst.locations),
        "rooms": [
            {"id": x.id, "location": x.location, "child": x.child, "video": x.video}
            for x in inst.rooms
        ],
        "officers": [
            {
                "id": x.id,
                "location": x.location,
                "gender": x.gender,
                "competences": sorted(x.competences),
                **people(x),
            }
            for x in inst.officers
        ],
        "interpreters": [
            {
                "id": x.id,
                "languages": sorted(x.languages),
                "gender": x.gender,
                "locations": sorted(x.locations),
                **people(x),
            }
            for x in inst.interpreters
        ],
        "lawyers": [{"id": x.id, **people(x)} for x in inst.lawyers],
        "hearings": [_hearing_dict(h) for h in inst.hearings],
    }


def _hearing_dict(h: Hearing) -> dict[str, Any]:
    return {
        "id": h.id, "location": h.location, "mode": h.mode, "length": h.length,
        "language": h.language, "competences": sorted(h.competences), "child": h.child,
        "same_gender": h.same_gender, "lawyer": h.lawyer, "officer": h.officer,
        "earliest_day": h.earliest_day, "family": h.family, "weight": h.weight,
    }  # fmt: skip


def checked(inst: HearingInstance) -> HearingInstance:
    """``inst`` with every field checked as if read from a file (for instances built in code)."""
    return instance_from_dict(instance_to_dict(inst))
