# SPDX-License-Identifier: EUPL-1.2
"""The register's capacity for the coming weeks, as the pure placement (intake.capacity) reads it.

Hearings per officer and week follow from the contract hours and the effort table's hours per
oral hearing, with a share of the week for hearings (L); weeks of absence give none. The
published plan's hearings (its cases that still need a hearing, in their officer's week) are
taken off first. Interpreters give a number of hearings a week per language they speak, child
rooms a number of child hearings a week; reception places are COA's places at a location minus
the open cases there. All these rates are planning assumptions (L) and live here only.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Count

from verkeerstoren import glossary as g
from verkeerstoren.cases import models as cm
from verkeerstoren.intake.capacity import Capacity, Officer
from verkeerstoren.plans.effort import EffortTable
from verkeerstoren.plans.models import PlanAssignment, PlanVersion

from .models import ReceptionCapacity

HEARING_SHARE = 0.4  # (L) of an officer's week goes to hearings; the rest to files and decisions
INTERPRETER_HEARINGS_PER_WEEK = 8  # (L) per interpreter, whatever their languages
CHILD_ROOM_HEARINGS_PER_WEEK = 8  # (L) half-day child hearings per child-friendly room
HORIZON_WEEKS = 8


def hearings_per_week(hours_per_week: float, effort: EffortTable | None = None) -> int:
    hear = (effort or EffortTable()).hear_hours[g.HearingMode.ORAL.value]
    return int(hours_per_week * HEARING_SHARE // hear)


def _absent_weeks(start: date, weeks: int) -> dict[int, set[int]]:
    """Staff pk -> the week numbers they are absent for the whole working week."""
    end = start + timedelta(weeks=weeks)
    out: dict[int, set[int]] = defaultdict(set)
    for staff, first, last in cm.Absence.objects.filter(start__lt=end, end__gte=start).values_list(
        "staff_id", "start", "end"
    ):
        for w in range(weeks):
            monday = start + timedelta(weeks=w)
            if first <= monday and monday + timedelta(days=4) <= last:
                out[staff].add(w)
    return out


def _planned_hearings(start: date, weeks: int) -> dict[tuple[int, int], int]:
    """(staff pk, week) -> hearings the published plan gives that officer in that week."""
    version = (
        PlanVersion.objects.filter(status=PlanVersion.Status.PUBLISHED)
        .order_by("-published_at")
        .first()
    )
    out: dict[tuple[int, int], int] = defaultdict(int)
    if version is None:
        return out
    needing = [s for s in g.OPEN_STATUSES if EffortTable().hearing_left(s)]
    rows = PlanAssignment.objects.filter(
        version=version, officer__isnull=False, week__isnull=False, case__status__in=needing
    ).values_list("officer_id", "week")
    for officer, plan_week in rows:
        assert plan_week is not None  # noqa: S101 - filtered above
        week = (version.week_start(plan_week) - start).days // 7
        if 0 <= week < weeks:
            out[(officer, week)] += 1
    return out


def register_capacity(day: date, weeks: int = HORIZON_WEEKS) -> Capacity:
    """What is free from the week of ``day`` on (week 0 starts on that week's Monday)."""
    start = day - timedelta(days=day.weekday())
    absent = _absent_weeks(start, weeks)
    planned = _planned_hearings(start, weeks)
    competences: dict[int, set[str]] = defaultdict(set)
    for staff, code in cm.StaffCompetency.objects.values_list("staff_id", "competency"):
        competences[staff].add(code)
    officers = []
    for pk, code, location, hours in cm.Staff.objects.filter(can_hear=True).values_list(
        "pk", "code", "location__code", "hours_per_week"
    ):
        base = hearings_per_week(float(hours))
        free = [
            0 if w in absent.get(pk, ()) else max(0, base - planned.get((pk, w), 0))
            for w in range(weeks)
        ]
        officers.append(Officer(code, location, frozenset(competences[pk]), free))
    languages: dict[str, int] = defaultdict(int)
    for spoken in cm.Interpreter.objects.values_list("languages", flat=True):
        langs = [x for x in spoken.split(";") if x]
        for lang in langs:  # an interpreter's week is shared over the languages they speak
            languages[lang] += INTERPRETER_HEARINGS_PER_WEEK // len(langs)
    rooms: dict[str, int] = defaultdict(int)
    for location in cm.HearingRoom.objects.filter(child_friendly=True).values_list(
        "location__code", flat=True
    ):
        rooms[location] += CHILD_ROOM_HEARINGS_PER_WEEK
    occupied = dict(
        cm.Case.objects.filter(status__in=g.OPEN_STATUSES)
        .values("location__code")
        .annotate(n=Count("pk"))
        .values_list("location__code", "n")
        .order_by()
    )
    reception = {
        code: places - occupied.get(code, 0)
        for code, places in ReceptionCapacity.objects.values_list("location__code", "places")
    }
    return Capacity(
        start=start,
        weeks=weeks,
        officers=officers,
        interpreters={lang: [n] * weeks for lang, n in languages.items()},
        child_rooms={loc: [n] * weeks for loc, n in rooms.items()},
        reception=reception,
    )
