# SPDX-License-Identifier: EUPL-1.2
"""The demo clock's day generator (synth.daily): pure, deterministic, consistent with the plan.

Calendar facts used below, worked out by hand: Monday 6 April 2020 starts a plan week whose
working days are 6-9 April (Friday 10 April is Good Friday, Monday 13 April Easter Monday);
Saturday 11 April is quiet.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import numpy as np

from verkeerstoren import process
from verkeerstoren.glossary import Outcome, Status
from verkeerstoren.law.calendar import is_working_day
from verkeerstoren.synth import daily
from verkeerstoren.synth.daily import OpenCase, PlannedCase, day_intents
from verkeerstoren.synth.reference import MAIN_NATIONALITIES, NATIONALITIES

WEEK0 = date(2020, 4, 6)
WEEK1 = date(2020, 4, 13)
LOCATIONS = ["TAP", "DBS", "ZVN"]


def case(i: int, status: str = "heard", **kw: object) -> OpenCase:
    values: dict[str, object] = {
        "id": i,
        "status": status,
        "received": date(2019, 1, 1) + timedelta(days=i % 300),
        "track": "4",
        "extended": False,
        "deadline": date(2019, 7, 1) + timedelta(days=i % 300),
        "noticed": True,
        "has_extension": False,
        "grant_share": 0.55,
    }
    values.update(kw)
    return OpenCase(**values)  # type: ignore[arg-type]


STATUSES = ["registered", "preparing", "ready_for_hearing", "hearing_planned", "heard",
            "intention", "response"]  # fmt: skip


def register(n: int = 300) -> list[OpenCase]:
    return [case(i, STATUSES[i % len(STATUSES)]) for i in range(1, n + 1)]


def test_the_same_seed_day_and_register_give_the_same_facts() -> None:
    cases, planned = register(), [PlannedCase(i, WEEK0) for i in range(1, 101)]
    first = day_intents(7, date(2020, 4, 8), cases, planned, LOCATIONS)
    again = day_intents(7, date(2020, 4, 8), list(reversed(cases)), planned[::-1], LOCATIONS)
    assert first == again  # the order of the summaries does not matter either
    other = day_intents(8, date(2020, 4, 8), cases, planned, LOCATIONS)
    assert [r.v_number for r in other.registrations] != [r.v_number for r in first.registrations]


def test_weekends_and_holidays_are_quiet() -> None:
    cases, planned = register(), [PlannedCase(i, WEEK0) for i in range(1, 101)]
    for quiet in (date(2020, 4, 10), date(2020, 4, 11), date(2020, 4, 12), date(2020, 4, 13)):
        assert day_intents(1, quiet, cases, planned, LOCATIONS) == daily.DayIntents(quiet)


def run_week(seed: int, cases: list[OpenCase], planned: list[PlannedCase], first: date,
             days: int) -> list[daily.DayIntents]:  # fmt: skip
    """Generate ``days`` days from ``first``, dropping decided cases as the recorder does."""
    state = {c.id: c for c in cases}
    out = []
    for i in range(days):
        intents = day_intents(seed, first + timedelta(days=i), list(state.values()), planned,
                              LOCATIONS)  # fmt: skip
        for d in intents.decisions:
            del state[d.case_id]
        out.append(intents)
    return out


def test_decisions_only_for_the_cases_planned_in_that_week() -> None:
    cases = register(400)
    week0 = {c.id for c in cases if c.id <= 200}
    week1 = {c.id for c in cases if 200 < c.id <= 300}
    planned = [PlannedCase(i, WEEK0) for i in week0] + [PlannedCase(i, WEEK1) for i in week1]
    days = run_week(3, cases, planned, WEEK0, 7)  # 6-12 April: week 0 only
    decided = [d.case_id for day in days for d in day.decisions]
    assert len(decided) == len(set(decided))  # no case decided twice
    assert set(decided) <= week0
    # 90% of the planned cases are decided in their week (REALISED_SHARE): 180 of 200.
    assert len(decided) == 180
    for day in days:
        if day.decisions:
            assert WEEK0 <= day.day <= date(2020, 4, 9) and is_working_day(day.day)
    # The following week decides week-1 cases only (13 April is a holiday, so from the 14th).
    later = run_week(3, cases, planned, WEEK1, 7)
    assert {d.case_id for day in later for d in day.decisions} <= week1


def test_a_planned_case_missed_on_its_day_is_decided_on_the_next_generated_day() -> None:
    cases = register(200)
    planned = [PlannedCase(c.id, WEEK0) for c in cases]
    # Cases whose drawn day is Monday 6 April: generating from Tuesday still decides them.
    draws = daily.plan_week(5, WEEK0, [c.id for c in cases])
    monday = [cid for cid, (on, _) in draws.items() if on == WEEK0]
    assert monday
    tuesday = day_intents(5, date(2020, 4, 7), cases, planned, LOCATIONS)
    assert set(monday) <= {d.case_id for d in tuesday.decisions}


def test_each_decision_is_reached_along_the_process() -> None:
    cases = register(300)
    planned = [PlannedCase(c.id, WEEK0) for c in cases]
    intents = day_intents(11, date(2020, 4, 9), cases, planned, LOCATIONS)
    assert intents.decisions
    status = {c.id: Status(c.status) for c in cases}
    for step in intents.steps:
        target = Status(step.status)
        assert process.allowed(status[step.case_id], target) is None
        status[step.case_id] = target
    for d in intents.decisions:
        assert process.allowed(status[d.case_id], Status.DECIDED, Outcome(d.outcome)) is None


def test_the_walk_to_a_decision_by_hand() -> None:
    rng = np.random.default_rng(0)
    grant = daily.path_to_decision("registered", "grant", rng)
    assert grant == ["preparing", "ready_for_hearing", "hearing_planned", "heard"]
    refusal = daily.path_to_decision("heard", "refusal", rng)
    assert refusal in (["intention"], ["intention", "response"])
    assert daily.path_to_decision("response", "refusal", rng) == []


def test_outcomes_by_track() -> None:
    regular, dublin, safe = case(1), case(2, track="1"), case(3, track="2")
    assert daily.outcome_for(regular, 0.0) == "withdrawn"  # below the withdrawn share 0.05
    assert daily.outcome_for(dublin, 0.5) == "dublin_transfer"
    assert daily.outcome_for(safe, 0.5) == "refusal"
    # u rescaled past the withdrawals: (0.5 - 0.05) / 0.95 = 0.47 < 0.55 -> grant; 0.6 -> 0.58.
    assert daily.outcome_for(regular, 0.5) == "grant"
    assert daily.outcome_for(regular, 0.6) == "refusal"


def test_without_a_plan_the_oldest_heard_cases_are_decided() -> None:
    cases = register(400)
    intents = day_intents(2, date(2020, 4, 8), cases, None, LOCATIONS)
    heard = sorted(
        (c for c in cases if c.status in ("heard", "intention", "response")),
        key=lambda c: (c.received, c.id),
    )
    expected = {c.id for c in heard[: daily.FALLBACK_DECISIONS_PER_DAY]}
    assert {d.case_id for d in intents.decisions} == expected


def test_registrations_fall_on_their_day_and_are_valid_intake_facts() -> None:
    first, days = date(2020, 4, 14), 14
    generated = run_week(4, [], [], first, days)
    languages = {n.code: {code for code, _ in n.languages} for n in NATIONALITIES}
    for day in generated:
        for r in day.registrations:
            assert r.received == day.day  # never before or after the day being generated
            assert first <= r.received < first + timedelta(days=days)
            assert len(r.v_number) == 10 and r.v_number.isdigit()
            assert r.language in languages[r.nationality]
            assert r.location in LOCATIONS
            assert r.birth_date <= r.received
            assert r.medical_advice in {"none", "restrictions", "not_hearable_in_aa"}
            assert set(r.features) <= {"lgbti", "conversion", "1f", "trafficking"}
            assert r.kind in {"first", "repeat"}
        if not is_working_day(day.day):
            assert not day.registrations


def age(r: daily.Registration) -> int:
    """Whole years on the day of registration (birthday rule by hand)."""
    born, on = r.birth_date, r.received
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def many(seed: int = 9, days: int = 300) -> list[daily.Registration]:
    """The registrations of ``days`` calendar days from 14 April 2020 (about 210 working days)."""
    rng_days = [date(2020, 4, 14) + timedelta(days=i) for i in range(days)]
    return [
        r for d in rng_days for r in day_intents(seed, d, [], None, ALL_LOCATIONS).registrations
    ]


ALL_LOCATIONS = ["TAP", "ZVN", "DBS", "SPL", "BDL", "RSW"]


def test_about_thirty_registrations_a_working_day() -> None:
    generated = run_week(9, [], [], date(2020, 4, 14), 28)  # 14 April - 11 May
    working = sum(is_working_day(d.day) for d in generated)
    assert working == 18  # hand count: 14-17, 20-24, 28-30 April, 1, 4, 6-8, 11 May
    total = sum(len(d.registrations) for d in generated)
    # 18 x 30 = 540 people. Units (a person or a family) are Poisson; the people of a unit have
    # E[size^2] = 0.919 x 1 + 0.081 x 9.15 = 1.66, so the count's sd is sqrt(470 x 1.66) = 28:
    # four standard deviations either side.
    assert 428 <= total <= 652


def test_the_mix_of_people() -> None:
    regs = many()
    n = len(regs)
    assert n > 5000
    share = lambda pred: sum(1 for r in regs if pred(r)) / n  # noqa: E731
    # Targets (calibration): 6.4% unaccompanied (7.2% of first applications, 88.7% first),
    # 11.3% repeat applications, a fifth in families, 20% Eurodac hits, 2% protection elsewhere,
    # 15% with medical advice. With n > 5000 a share's sd is below 0.6 points.
    assert 0.05 <= share(lambda r: r.unaccompanied) <= 0.08
    assert 0.09 <= share(lambda r: r.kind == "repeat") <= 0.135
    assert 0.17 <= share(lambda r: r.family_group != "") <= 0.23
    assert 0.17 <= share(lambda r: r.eurodac_hit) <= 0.23
    assert 0.01 <= share(lambda r: r.protection_elsewhere) <= 0.03
    assert 0.12 <= share(lambda r: r.medical_advice != "none") <= 0.18
    assert 0 < share(lambda r: r.medical_advice == "not_hearable_in_aa") < 0.06
    for feature in ("lgbti", "conversion", "1f", "trafficking"):
        assert 0 < share(lambda r, f=feature: f in r.features) < 0.08  # present, and rare
    nationalities = {r.nationality for r in regs}
    assert set(MAIN_NATIONALITIES) <= nationalities  # DOMAIN.md §5's twelve


def test_unaccompanied_minors_and_age_assessments() -> None:
    regs = many()
    minors = [r for r in regs if r.unaccompanied]
    assessed = [r for r in regs if r.age_assessment_needed]
    assert minors and assessed
    for r in minors:
        assert 12 <= age(r) <= 17 and r.family_group == "" and r.family_members == 0
        assert r.kind == "first"
    for r in assessed:  # only undocumented unaccompanied minors need one
        assert r.unaccompanied and r.documents == ()
    # About a third of them (calibration: 35%): sd below 4 points with ~300 minors.
    assert 0.2 <= len(assessed) / len(minors) <= 0.5
    for r in regs:
        if not r.unaccompanied:
            assert age(r) >= 18 or r.family_group  # a child without a parent is unaccompanied


def test_families_come_together_with_their_children() -> None:
    regs = many(days=120)
    families: dict[str, list[daily.Registration]] = {}
    for r in regs:
        if r.family_group:
            families.setdefault(r.family_group, []).append(r)
    assert len(families) > 50
    sizes = set()
    for members in families.values():
        size = len(members)
        sizes.add(size)
        assert 2 <= size <= 5
        shared = {(r.received, r.nationality, r.language, r.location, r.kind, r.eurodac_hit,
                   r.protection_elsewhere) for r in members}  # fmt: skip
        assert len(shared) == 1  # one day, one location, one file
        assert {r.family_members for r in members} == {size - 1}
        adults = [r for r in members if age(r) >= 18]
        children = [r for r in members if age(r) < 18]
        assert 1 <= len(adults) <= 2 and children
        assert not any(r.unaccompanied for r in members)
        assert all(r.features == () for r in children)
        eldest = min(r.birth_date for r in children)
        for parent in adults:  # a parent is at least 17 years older than the eldest child
            assert (eldest - parent.birth_date).days > 17 * 365
    assert sizes == {2, 3, 4, 5}
    # Family groups are unique across days (the register links cases by the group).
    day_of = {g: m[0].received for g, m in families.items()}
    assert all(g.startswith(f"FG-{d:%Y%m%d}-") for g, d in day_of.items())


def test_notices_go_to_overdue_cases_without_one_and_are_sent_after_the_deadline() -> None:
    day = date(2020, 4, 8)
    overdue = [case(i, noticed=False, deadline=date(2020, 3, 1)) for i in range(1, 51)]
    just_due = [case(i, noticed=False, deadline=day - timedelta(days=3)) for i in range(51, 81)]
    noticed = [case(i, noticed=True, deadline=date(2020, 3, 1)) for i in range(81, 111)]
    notices = [n for s in range(1, 30)
               for n in day_intents(s, day, overdue + just_due + noticed, [], LOCATIONS).notices]  # fmt: skip
    assert notices  # ~3 a day over 29 seeds
    for n in notices:
        assert 1 <= n.case_id <= 50
        assert date(2020, 3, 1) < n.sent < day


def test_extensions_for_extended_cases_near_their_deadline() -> None:
    day = date(2020, 4, 8)
    near = [case(i, extended=True, deadline=day + timedelta(days=10)) for i in range(1, 21)]
    far = [case(i, extended=True, deadline=day + timedelta(days=90)) for i in range(21, 41)]
    general = [case(i, extended=False, deadline=day + timedelta(days=10)) for i in range(41, 61)]
    done = [dataclasses.replace(c, id=c.id + 100, has_extension=True) for c in near]
    extensions = [e for s in range(1, 30)
                  for e in day_intents(s, day, near + far + general + done, [], LOCATIONS).extensions]  # fmt: skip
    assert extensions
    assert all(1 <= e.case_id <= 20 and e.months == 9 and e.reason for e in extensions)


def test_recent_registrations_move_on_to_preparation() -> None:
    day = date(2020, 4, 8)
    fresh = case(1, "registered", received=day - timedelta(days=1))
    ready = case(2, "registered", received=day - timedelta(days=4))
    old = case(3, "registered", received=day - timedelta(days=60))
    steps = day_intents(1, day, [fresh, ready, old], [], LOCATIONS).steps
    assert steps == (daily.Step(2, "preparing"),)
