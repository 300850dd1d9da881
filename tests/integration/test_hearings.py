# SPDX-License-Identifier: EUPL-1.2
"""The register's hearing instance, the stored week schedule, and a re-schedule after a
disruption that keeps what still fits and lists who must be told (hearing_setup.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import hearing_setup
import pytest

import factories as f
from verkeerstoren.cases.roles import Role
from verkeerstoren.hearings import services
from verkeerstoren.hearings.export import build_week_instance
from verkeerstoren.hearings.models import Disruption, Hearing, HearingScheduleRun
from verkeerstoren.hearings.tasks import execute_run
from verkeerstoren.planning.hearings.checker import check_schedule
from verkeerstoren.planning.hearings.schedule import ScheduledHearing

pytestmark = pytest.mark.django_db

hearing_register = hearing_setup.hearing_register  # the fixture (hearing_setup.py)
WEEK_DAYS = hearing_setup.WEEK_DAYS


def _run(reg: dict[str, Any]) -> HearingScheduleRun:
    planner = f.user("planner", Role.IND_PLANNER)
    run = services.start_schedule(planner, reg["version"], 0, 5.0)
    done = execute_run(run.pk)
    assert done is not None, HearingScheduleRun.objects.get(pk=run.pk).error
    return done


def test_the_week_instance_is_built_from_the_register(hearing_register: dict[str, Any]) -> None:
    week = build_week_instance(hearing_register["version"], 0)
    inst = week.instance
    assert week.days == tuple(WEEK_DAYS)  # Good Friday 10 April is no working day
    assert (inst.days, inst.slots) == (4, 2)
    by_id = {h.id: h for h in inst.hearings}
    assert set(by_id) == {"C1", "C2", "C3"}  # C4 is written: a due date, not a slot
    assert set(week.written) == {"C4"}
    assert week.written["C4"][3] == dt.date(2020, 4, 20)  # 14 days after Monday 6 April
    c1 = by_id["C1"]
    assert (c1.location, c1.mode, c1.language, c1.officer, c1.lawyer) == (
        "TA",
        "oral",
        "ar",
        "O1",
        "A1",
    )
    assert c1.earliest_day == 0 and c1.length == 1 and c1.weight >= 1
    assert by_id["C3"].language == "ti" and by_id["C3"].lawyer is None
    assert {o.id for o in inst.officers} == {"O1", "O2"}
    interpreters = {i.id: i for i in inst.interpreters}
    assert set(interpreters) == {"I1", "I2"}
    assert interpreters["I1"].locations == {"TA"}
    assert interpreters["I2"].locations == frozenset()  # remote: video hearings only
    assert {lw.id: lw.max_per_day for lw in inst.lawyers} == {"A1": 1, "A2": 2}
    assert {r.id: (r.child, r.video) for r in inst.rooms} == {
        "TA-H1": (False, False),
        "TA-H2": (False, True),
    }


def test_an_oral_hearing_only_an_interpreter_by_video_could_do_is_held_by_video(
    hearing_register: dict[str, Any],
) -> None:
    """French: only I2 (remote) speaks it. Arabic for a man who asked for his own gender: I1 (on
    site at TA) is a woman, I2 a man. Zwolle has no video room: its French hearing stays oral."""
    from verkeerstoren.cases import models as cm
    from verkeerstoren.plans.models import PlanAssignment

    version, o2 = hearing_register["version"], hearing_register["officers"]["O2"]
    zwolle = f.location("ZW", "Zwolle")
    cm.HearingRoom.objects.create(code="ZW-H1", location=zwolle)
    common = {"stream": "taskforce", "status": "ready_for_hearing", "received": dt.date(2019, 6, 1)}
    extra = {
        "C5": f.case(reference="C5", language="fr", person="p5" * 32, **common),
        "C6": f.case(reference="C6", gender="m", same_gender_request=True, person="p6" * 32,
                     **common),
        "C7": f.case(reference="C7", language="fr", location=zwolle, person="p7" * 32, **common),
    }  # fmt: skip
    for case in extra.values():
        PlanAssignment.objects.create(
            version=version, case=case, officer=o2, team=o2.team, week=0, mode="oral", cost=0.0
        )
    modes = {h.id: h.mode for h in build_week_instance(version, 0).instance.hearings}
    assert extra["C6"].language == "ar"  # the factory's default language
    assert modes == {
        "C1": "oral",  # Arabic: I1 is on site at Ter Apel
        "C2": "oral",
        "C3": "oral",  # Tigrinya: nobody speaks it, by video neither; it waits
        "C5": "video",
        "C6": "video",
        "C7": "oral",  # no video room at Zwolle
    }
    # The schedule hears C5 in the video room with I2, and stores it as a video hearing.
    run = _run(hearing_register)
    c5 = Hearing.objects.get(run=run, case__reference="C5")
    assert (c5.mode, c5.room.code, c5.interpreter.code) == ("video", "TA-H2", "I2")


def test_unavailability_and_disruptions_become_unavailable_slots(
    hearing_register: dict[str, Any],
) -> None:
    from verkeerstoren.cases import models as cm

    cm.LawyerUnavailability.objects.create(
        lawyer=hearing_register["lawyers"]["A1"], date=dt.date(2020, 4, 7)
    )
    cm.Absence.objects.create(
        staff=hearing_register["officers"]["O1"],
        start=dt.date(2020, 4, 9),
        end=dt.date(2020, 4, 20),
    )
    Disruption.objects.create(
        kind="interpreter", interpreter=hearing_register["interpreters"]["I1"],
        start=dt.date(2020, 4, 8), end=dt.date(2020, 4, 8), slots=[1],
    )  # fmt: skip
    inst = build_week_instance(hearing_register["version"], 0).instance
    lawyers = {lw.id: lw for lw in inst.lawyers}
    assert lawyers["A1"].unavailable == {(1, 0), (1, 1)}  # Tuesday, both half-days
    officers = {o.id: o for o in inst.officers}
    assert officers["O1"].unavailable == {(3, 0), (3, 1)}  # Thursday (the absence starts then)
    interpreters = {i.id: i for i in inst.interpreters}
    assert interpreters["I1"].unavailable == {(2, 1)}  # Wednesday afternoon


def test_the_schedule_is_stored_checked_and_current(hearing_register: dict[str, Any]) -> None:
    run = _run(hearing_register)
    assert run.status == "done" and run.current and run.violations == []
    rows = {h.case.reference: h for h in Hearing.objects.filter(run=run).select_related("case")}
    assert set(rows) == {"C1", "C2", "C3", "C4"}
    # C1 and C2 share officer O1 and need Arabic: both fit in four days of two slots.
    for ref in ("C1", "C2"):
        assert rows[ref].status == "scheduled" and rows[ref].day in WEEK_DAYS
        assert rows[ref].interpreter is not None and rows[ref].room is not None
    assert (rows["C1"].day, rows["C1"].slot) != (rows["C2"].day, rows["C2"].slot)
    assert rows["C3"].status == "unscheduled"  # nobody interprets Tigrinya
    assert rows["C4"].mode == "written" and rows["C4"].due_date == dt.date(2020, 4, 20)
    assert rows["C4"].slot is None
    assert (run.scheduled_count, run.written_count, run.hearing_count) == (2, 1, 4)
    assert run.scheduled_weight == rows["C1"].weight + rows["C2"].weight
    assert run.upper_bound >= run.scheduled_weight
    # The stored schedule passes the independent checker on a fresh export of the week.
    week = build_week_instance(hearing_register["version"], 0)
    stored = [
        ScheduledHearing(h.case.reference, WEEK_DAYS.index(h.day), h.slot, h.room.code,
                         h.officer.code, h.interpreter.code if h.interpreter else None)
        for h in rows.values() if h.day is not None
    ]  # fmt: skip
    assert check_schedule(week.instance, stored) == []


def test_a_disruption_keeps_what_still_fits_and_lists_who_must_be_told(
    hearing_register: dict[str, Any],
) -> None:
    first = _run(hearing_register)
    before = {
        h.case.reference: h
        for h in Hearing.objects.filter(run=first).select_related("case", "interpreter")
    }
    c1 = before["C1"]
    planner = f.user("planner2", Role.IND_PLANNER)
    # C1's interpreter falls ill in C1's slot.
    disruption, run = services.disrupt(
        planner, "interpreter", c1.interpreter.code, c1.day, c1.day, [c1.slot], "ill"
    )
    assert run is not None and run.reschedule_of_id == first.pk
    done = execute_run(run.pk)
    assert done is not None and done.violations == [] and done.current
    first.refresh_from_db()
    assert not first.current
    after = {
        h.case.reference: h
        for h in Hearing.objects.filter(run=done).select_related("case", "interpreter")
    }
    # C2 did not touch the disruption: kept exactly as it was.
    for attr in ("day", "slot", "room_id", "officer_id", "interpreter_id"):
        assert getattr(after["C2"], attr) == getattr(before["C2"], attr), attr
    assert not after["C2"].changed and done.kept_count == 1
    # C1 moved (or changed interpreter): never its interpreter in that slot again.
    moved = after["C1"]
    assert moved.changed and moved.status == "scheduled"
    assert not (
        moved.day == c1.day and moved.slot == c1.slot and moved.interpreter_id == c1.interpreter_id
    )
    [change] = done.changes
    assert change["case"] == "C1"
    assert change["before"]["interpreter"] == c1.interpreter.code
    roles = [(t["role"], t.get("code")) for t in change["tell"]]
    assert ("applicant", None) in roles and ("lawyer", "A1") in roles
    assert ("officer", "O1") in roles and ("interpreter", c1.interpreter.code) in roles
    assert disruption.history.first().history_user == planner


def test_bad_disruptions_are_refused_at_the_field_and_write_nothing(
    hearing_register: dict[str, Any],
) -> None:
    day = dt.date(2020, 4, 7)
    cases = [
        (("nobody", "I1", day, day, [0]), "kind"),
        (("interpreter", "I9", day, day, [0]), "code"),
        (("interpreter", "I1", day, day, []), "slots"),
        (("interpreter", "I1", day, day, [5]), "slots"),
        (("room", "TA-H1", day, day - dt.timedelta(days=1), [0]), "end"),
    ]
    for args, field in cases:
        with pytest.raises(services.HearingError) as caught:
            services.disrupt(None, *args)  # type: ignore[arg-type]
        assert caught.value.field == field
    assert Disruption.objects.count() == 0 and HearingScheduleRun.objects.count() == 0


def test_a_room_out_of_use_is_not_used_that_day(hearing_register: dict[str, Any]) -> None:
    for day in WEEK_DAYS:
        Disruption.objects.create(
            kind="room", room=hearing_register["rooms"]["TA-H1"], start=day, end=day, slots=[0]
        )
    run = _run(hearing_register)
    placed = Hearing.objects.filter(run=run, status="scheduled", day__isnull=False)
    assert placed.count() == 2 and run.violations == []
    assert {h.room.code for h in placed} == {"TA-H2"}  # the video room is all that is left


def test_the_cli_writes_the_week_instance_in_the_documented_format(
    hearing_register: dict[str, Any], tmp_path: Any, settings: Any
) -> None:
    import json

    settings.VERKEERSTOREN_DEMO = True  # the CLI's start-up checks: the demo keys are allowed

    from verkeerstoren.cli import main
    from verkeerstoren.planning.hearings.instance import instance_from_dict

    out = tmp_path / "week.json"
    assert main(["hearings", "export", "--week", "0", "--out", str(out)]) == 0
    inst = instance_from_dict(json.loads(out.read_text()))
    assert {h.id for h in inst.hearings} == {"C1", "C2", "C3"} and inst.days == 4
    assert main(["hearings", "export", "--week", "9"]) == 2  # the plan has weeks 0 to 3
