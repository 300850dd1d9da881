# SPDX-License-Identifier: EUPL-1.2
"""The register's hearing instance (planning.hearings) for a week of the published plan.

* **Days**: the Atw working days of plan week ``W`` (docs/formats.md, "Hearing instance": day
  ``k`` is the k-th of them); ``slots`` = ``HEARING_SLOTS_PER_DAY``.
* **Hearings**: the plan's cases in week ``W`` that still need their hearing (the plan gives
  them a hearing mode, and their status is before *heard*), oral or video; a written hearing
  gets a due date instead and is left out of the instance. Id = the case reference. An oral
  hearing that no on-site interpreter of its location could interpret (language, and gender
  where asked) is held by **video** when another interpreter could and the location has a
  room for it (``by_video``); without either it stays oral and waits for an interpreter.
  ``officer`` = the plan's officer (fixed); ``location`` = the case's; ``language`` = the case's
  hearing language (none for Dutch); ``competences`` = those the case's features ask for (the
  effort table of plans); ``child`` = the intake table's child hearing when recorded;
  ``same_gender`` = the applicant's gender when they asked for their own; ``lawyer`` = the case's;
  ``family`` = the family group when two or more of it are heard this week; ``length`` = 2 slots
  for a complex case, else 1 (L); ``earliest_day`` = the first day after the register's day;
  ``weight`` = the plan's cost avoided: the expected cost of deciding the case after the plan's
  horizon (not planned) less that of deciding it in week ``W``, in whole euros, at least 1.
* **People**: the plans' officers with their absences (whole days) and hearings a day; the
  interpreters of the week's languages with their locations (on site; none for remote ones, who
  hear by video), gender and half-days away; the lawyers of the week's cases with theirs.
  Disruptions add their slots to the person's unavailability.
* **Rooms** of every location; a room out of use on a day (a disruption, any slot) is held by a
  placeholder hearing of that day (``keep.room_blocker``) that must take a room of its kind for
  the whole day and outweighs all real hearings; ``keep.place_blocked_rooms`` swaps it into the
  room that is out. Placeholders never reach the register.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from verkeerstoren import glossary as g
from verkeerstoren.cases import models as cm
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.intaketable.models import IntakeDecision
from verkeerstoren.planning.hearings.instance import (
    Hearing,
    HearingInstance,
    Interpreter,
    Lawyer,
    Officer,
    Room,
    Slot,
)
from verkeerstoren.planning.hearings.schedule import ScheduledHearing
from verkeerstoren.plans.effort import EffortTable
from verkeerstoren.plans.models import PlanAssignment, PlanVersion
from verkeerstoren.plans.register_instance import InstanceParameters, build_cases

from .keep import blocker_id, room_blocker
from .models import Disruption
from .slots import SLOTS, WRITTEN_DAYS, week_days

COMPLEX_LENGTH = 2  # (L) a complex case's hearing takes the whole day
NO_INTERPRETER = frozenset({"nl", "nld"})  # hearing languages that need no interpreter


class HearingExportError(ValueError):
    """The register has no instance for this week; ``code`` keys the message (models)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class WeekInstance:
    """A week's instance plus what maps it back to the register."""

    instance: HearingInstance
    version_pk: int
    week: int
    week_start: date
    days: tuple[date, ...]
    case_pk: dict[str, int]
    officer_pk: dict[str, int]
    interpreter_pk: dict[str, int]
    room_pk: dict[str, int]
    lawyer_pk: dict[str, int]
    location_pk: dict[str, int]
    # Written hearings of the week: case reference -> (case pk, location pk, officer pk, due).
    written: dict[str, tuple[int, int, int | None, date]] = field(default_factory=dict)
    # Placeholder hearing id -> the room that is out that day.
    blocked: dict[str, str] = field(default_factory=dict)

    def real(self, scheduled: Iterable[ScheduledHearing]) -> list[ScheduledHearing]:
        """The scheduled hearings that are cases (placeholders left out)."""
        return [s for s in scheduled if s.hearing not in self.blocked]

    @property
    def blocker_weight(self) -> int:
        """The weight of all placeholders together (part of a schedule's weight and bound)."""
        weights = {h.id: h.weight for h in self.instance.hearings}
        return sum(weights[b] for b in self.blocked)

    def day_index(self, day: date) -> int:
        """The instance's index of a day of the week."""
        return self.days.index(day)


def published_version(stream: str | None = None) -> PlanVersion:
    """The published plan (of ``stream``; without one, the most recently published)."""
    qs = PlanVersion.objects.filter(status=PlanVersion.Status.PUBLISHED)
    if stream:
        qs = qs.filter(stream=stream)
    version = qs.order_by("-published_at", "-pk").first()
    if version is None:
        raise HearingExportError(
            "no_published_plan", "There is no published plan to schedule hearings from."
        )
    return version


def week_assignments(version: PlanVersion, week: int) -> list[PlanAssignment]:
    """The plan's cases of week ``week`` that still need their hearing."""
    effort = EffortTable()
    rows = (
        PlanAssignment.objects.filter(version=version, week=week, officer__isnull=False)
        .exclude(mode="")
        .select_related("case", "case__location", "case__lawyer", "officer")
        .order_by("case__reference")
    )
    return [a for a in rows if effort.hearing_left(a.case.status)]


def build_week_instance(
    version: PlanVersion,
    week: int,
    *,
    disruptions: Sequence[Disruption] | None = None,
    register_day: date | None = None,
) -> WeekInstance:
    """The instance of week ``week`` of ``version``; HearingExportError when there is none."""
    week_start = version.week_start(week)
    days = tuple(week_days(week_start))
    today = register_day or register_as_of()
    earliest = next((k for k, d in enumerate(days) if d > today), None)
    if earliest is None:
        raise HearingExportError("week_over", "Every working day of this week has passed.")
    if disruptions is None:
        disruptions = list(
            Disruption.objects.filter(start__lte=days[-1], end__gte=days[0]).select_related(
                "interpreter", "officer", "room"
            )
        )
    rows = week_assignments(version, week)
    if not rows:
        raise HearingExportError(
            "no_hearings", "The published plan has no hearings to schedule in this week."
        )
    weights = _weights(version, week, [a.case for a in rows])
    heard = [a for a in rows if a.mode != g.HearingMode.WRITTEN.value]
    written = {
        a.case.reference: (
            a.case.pk,
            a.case.location_id,
            a.officer_id,
            _due(days, today),
        )
        for a in rows
        if a.mode == g.HearingMode.WRITTEN.value
    }
    hearings = _hearings(heard, weights, earliest)
    officers = _officers({a.officer_id for a in heard if a.officer_id}, days, disruptions)
    interpreters = _interpreters({h.language for h in hearings if h.language}, days, disruptions)
    lawyers = _lawyers({h.lawyer for h in hearings if h.lawyer}, days)
    rooms = tuple(
        Room(r.code, r.location.code, r.child_friendly, r.video)
        for r in cm.HearingRoom.objects.select_related("location").order_by("code")
    )
    hearings = by_video(hearings, [i for i, _ in interpreters], rooms)
    locations = dict(cm.Location.objects.order_by("code").values_list("code", "pk"))
    blockers, blocked = _room_blockers(rooms, days, disruptions, sum(h.weight for h in hearings))
    inst = HearingInstance(
        days=len(days),
        slots=SLOTS,
        locations=tuple(locations),
        rooms=rooms,
        officers=tuple(o for o, _ in officers) + tuple(b for _, b in blockers),
        interpreters=tuple(i for i, _ in interpreters),
        lawyers=tuple(lw for lw, _ in lawyers),
        hearings=tuple(hearings) + tuple(h for h, _ in blockers),
    )
    return WeekInstance(
        instance=inst,
        version_pk=version.pk,
        week=week,
        week_start=week_start,
        days=days,
        case_pk={a.case.reference: a.case.pk for a in heard},
        officer_pk={o.id: pk for o, pk in officers},
        interpreter_pk={i.id: pk for i, pk in interpreters},
        room_pk=dict(cm.HearingRoom.objects.values_list("code", "pk")),
        lawyer_pk={lw.id: pk for lw, pk in lawyers},
        location_pk=locations,
        written=written,
        blocked=blocked,
    )


def _due(days: tuple[date, ...], today: date) -> date:
    """A written account is due ``WRITTEN_DAYS`` after the week's first day still ahead."""
    start = next((d for d in days if d > today), days[-1])
    return start + timedelta(days=WRITTEN_DAYS)


def _weights(version: PlanVersion, week: int, cases: list[cm.Case]) -> dict[int, int]:
    """Case pk -> the plan's cost avoided by deciding it in ``week`` (whole euros, >= 1)."""
    qs = cm.Case.objects.filter(pk__in=[c.pk for c in cases])
    horizon = max(version.horizon_weeks, week + 1)
    data = build_cases(qs, version.as_of, horizon, InstanceParameters(), with_family=False)
    return {
        pk: max(1, round(case.cost_beyond - case.cost_by_week[week]))
        for pk, case in zip(data.pks, data.cases, strict=True)
    }


def _hearings(rows: list[PlanAssignment], weights: dict[int, int], earliest: int) -> list[Hearing]:
    ids = [a.case.pk for a in rows]
    features: dict[int, set[str]] = defaultdict(set)
    for cid, code in cm.CaseFeature.objects.filter(case_id__in=ids).values_list(
        "case_id", "feature"
    ):
        features[cid].add(code)
    child = dict(
        IntakeDecision.objects.filter(case_id__in=ids).values_list("case_id", "child_hearing")
    )
    family_size: dict[str, int] = defaultdict(int)
    for a in rows:
        if a.case.family_group:
            family_size[a.case.family_group] += 1
    effort = EffortTable()
    out = []
    for a in rows:
        c = a.case
        language = c.language.strip().lower() or None
        out.append(
            Hearing(
                id=c.reference,
                location=c.location.code,
                mode=a.mode,
                weight=weights.get(c.pk, 1),
                length=COMPLEX_LENGTH if c.complexity == g.Complexity.COMPLEX.value else 1,
                language=None if language in NO_INTERPRETER else language,
                competences=frozenset(effort.competencies(features.get(c.pk, set()))),
                child=bool(child.get(c.pk, False)),
                same_gender=c.gender if c.same_gender_request and c.gender in ("f", "m") else None,
                lawyer=c.lawyer.code if c.lawyer else None,
                officer=a.officer.code if a.officer else None,
                earliest_day=earliest,
                family=c.family_group if family_size.get(c.family_group, 0) > 1 else None,
            )
        )
    return out


def by_video(
    hearings: Sequence[Hearing], interpreters: Sequence[Interpreter], rooms: Sequence[Room]
) -> list[Hearing]:
    """The hearings, each oral one that no interpreter on site could interpret but one by video
    could made a video hearing, where its location has a room for it (a child one for a child)."""

    def speaks(i: Interpreter, h: Hearing) -> bool:
        return h.language in i.languages and h.same_gender in (None, i.gender)

    out = []
    for h in hearings:
        if h.mode == g.HearingMode.ORAL.value and h.language:
            on_site = any(speaks(i, h) and h.location in i.locations for i in interpreters)
            # Any interpreter may serve a video hearing: remote ones, and on-site ones elsewhere.
            by_link = any(speaks(i, h) for i in interpreters)
            room = any(r.location == h.location and r.video and r.child >= h.child for r in rooms)
            if not on_site and by_link and room:
                h = replace(h, mode=g.HearingMode.VIDEO.value)
        out.append(h)
    return out


def _all_slots(day: int) -> set[Slot]:
    return {(day, s) for s in range(SLOTS)}


def _away(
    days: tuple[date, ...], spells: Iterable[tuple[date, date, Iterable[int] | None]]
) -> frozenset[Slot]:
    """(day, slot) pairs of the week inside the spells (slots None: the whole day)."""
    out: set[Slot] = set()
    for k, day in enumerate(days):
        for start, end, slots in spells:
            if start <= day <= end:
                out |= _all_slots(k) if slots is None else {(k, s) for s in slots if s < SLOTS}
    return frozenset(out)


def _disrupted(disruptions: Sequence[Disruption], kind: str, pk: int) -> list[tuple[Any, ...]]:
    attr = f"{kind}_id"
    return [
        (d.start, d.end, list(d.slots))
        for d in disruptions
        if d.kind == kind and getattr(d, attr) == pk
    ]


def _officers(
    pks: set[int], days: tuple[date, ...], disruptions: Sequence[Disruption]
) -> list[tuple[Officer, int]]:
    staff = list(cm.Staff.objects.filter(pk__in=pks).select_related("location").order_by("code"))
    comps: dict[int, set[str]] = defaultdict(set)
    for sid, code in cm.StaffCompetency.objects.filter(staff_id__in=pks).values_list(
        "staff_id", "competency"
    ):
        comps[sid].add(code)
    absences: dict[int, list[tuple[date, date, None]]] = defaultdict(list)
    for sid, start, end in cm.Absence.objects.filter(
        staff_id__in=pks, end__gte=days[0], start__lte=days[-1]
    ).values_list("staff_id", "start", "end"):
        absences[sid].append((start, end, None))
    return [
        (
            Officer(
                id=s.code,
                location=s.location.code,
                gender=s.gender or None,
                competences=frozenset(comps.get(s.pk, set())),
                unavailable=_away(
                    days, [*absences.get(s.pk, []), *_disrupted(disruptions, "officer", s.pk)]
                ),
                max_per_day=min(s.max_hearings_per_day, SLOTS),
            ),
            s.pk,
        )
        for s in staff
    ]


def _interpreters(
    languages: set[str], days: tuple[date, ...], disruptions: Sequence[Disruption]
) -> list[tuple[Interpreter, int]]:
    rows = [
        i
        for i in cm.Interpreter.objects.order_by("code")
        if languages.intersection(i.language_list())
    ]
    away: dict[int, list[tuple[date, date, list[int] | None]]] = defaultdict(list)
    for iid, day, slot in cm.InterpreterUnavailability.objects.filter(
        interpreter_id__in=[i.pk for i in rows], date__gte=days[0], date__lte=days[-1]
    ).values_list("interpreter_id", "date", "slot"):
        away[iid].append((day, day, None if slot is None else [slot]))
    every = list(cm.Location.objects.values_list("code", flat=True))
    out = []
    for i in rows:
        on_site = i.mode == g.InterpreterMode.ON_SITE.value
        # An on-site interpreter without locations (an older register) comes everywhere.
        locations = (i.location_list() or every) if on_site else []
        spells = [*away.get(i.pk, []), *_disrupted(disruptions, "interpreter", i.pk)]
        out.append(
            (
                Interpreter(
                    id=i.code,
                    languages=frozenset(i.language_list()),
                    gender=i.gender or None,
                    locations=frozenset(locations),
                    unavailable=_away(days, spells),
                ),
                i.pk,
            )
        )
    return out


def _lawyers(codes: set[str], days: tuple[date, ...]) -> list[tuple[Lawyer, int]]:
    rows = list(cm.Lawyer.objects.filter(code__in=codes).order_by("code"))
    away: dict[int, list[tuple[date, date, list[int] | None]]] = defaultdict(list)
    for lid, day, slot in cm.LawyerUnavailability.objects.filter(
        lawyer_id__in=[lw.pk for lw in rows], date__gte=days[0], date__lte=days[-1]
    ).values_list("lawyer_id", "date", "slot"):
        away[lid].append((day, day, None if slot is None else [slot]))
    return [
        (
            Lawyer(lw.code, _away(days, away.get(lw.pk, [])), min(lw.max_per_day, SLOTS)),
            lw.pk,
        )
        for lw in rows
    ]


def _room_blockers(
    rooms: tuple[Room, ...],
    days: tuple[date, ...],
    disruptions: Sequence[Disruption],
    total_weight: int,
) -> tuple[list[tuple[Hearing, Officer]], dict[str, str]]:
    """A placeholder hearing (with its own officer) per room out of use on a day."""
    by_code = {r.id: r for r in rooms}
    out: list[tuple[Hearing, Officer]] = []
    blocked: dict[str, str] = {}
    for d in disruptions:
        if d.kind != Disruption.Kind.ROOM or d.room is None or d.room.code not in by_code:
            continue
        room = by_code[d.room.code]
        for k, day in enumerate(days):
            if d.covers(day) and blocker_id(room.id, k) not in blocked:
                out.append(room_blocker(room, k, len(days), SLOTS, total_weight + 1))
                blocked[blocker_id(room.id, k)] = room.id
    return out, blocked
