# SPDX-License-Identifier: EUPL-1.2
"""One day of a living register: the facts the demo clock records when it moves over a day.

Pure: given a seed, the day and plain summaries of the open cases and of the published plan's
assignments, :func:`day_intents` returns what happens that day — new registrations, notices of
default, extensions, status steps and decisions — as plain intents. The demo package records
them through the register's fact services. The same seed, day and summaries give the same
intents, so a rerun from the same register state gives the same facts.

Working days (Atw, ``law.calendar``) have registrations (``synth.registrations``: about 30
people, families together) and decisions; weekends and holidays are quiet. Decisions follow the plan: a planned case is decided in its plan week, on a working day
drawn per case, or on the first working day after it when that day was not generated. Without a
published plan the oldest heard cases are decided at the Taskforce's pace.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from verkeerstoren import process
from verkeerstoren.glossary import STATUS_ORDER, Outcome, Status
from verkeerstoren.law.calendar import is_working_day
from verkeerstoren.synth import calibration as cal
from verkeerstoren.synth.registrations import Registration, registrations

S = Status
# Each intent stream draws from its own generator: adding a registration does not change which
# case gets a notice.
_REGISTRATIONS, _NOTICES, _EXTENSIONS, _STEPS, _FALLBACK = range(5)

# --- Rates and shares (marks as in DOMAIN.md; L = assumption made here, change freely) --------

NOTICES_PER_DAY = 3.0  # notices of default received per working day in the demo (L)
EXTENSIONS_PER_DAY = 1.0  # extensions per working day (L)
EXTENSION_WINDOW_DAYS = 28  # an extension is decided in the last weeks before the term ends (L)
EXTENSION_REASON = "Extended procedure: more time needed for the investigation (art. 42(4) Vw)"
INTAKE_DAYS = (3, 14)  # registered this many days ago -> preparation (DOMAIN.md §2.1: >= 3) (M)
REALISED_SHARE = 0.90  # planned decisions the teams actually make in the planned week (L)
RESPONSE_SHARE = 0.70  # refusals whose intention draws a written response (L)
WITHDRAWN_SHARE = cal.DECIDED_OUTCOME_SHARES["withdrawn"]
# Without a published plan: about the Taskforce's pace, 8,200 decisions over the 39 weeks from
# April to December 2020 (DOMAIN.md §1, M) = ~42 a working day.
FALLBACK_DECISIONS_PER_DAY = 42
HEARD_STATUSES = (S.HEARD, S.INTENTION, S.RESPONSE)


@dataclass(frozen=True, slots=True)
class OpenCase:
    """What the day's draws need of one open case (the register's summary, no personal data)."""

    id: int
    status: str  # glossary.Status code
    received: date
    track: str
    extended: bool  # extended procedure (VA)
    deadline: date | None  # the decision deadline as last derived; None when not known yet
    noticed: bool  # a notice of default is in force
    has_extension: bool  # an extension is in force
    grant_share: float  # share of grants among this case type's decisions (forecast scenario)


@dataclass(frozen=True, slots=True)
class PlannedCase:
    """A case the published plan puts in the week starting ``week_start``."""

    id: int
    week_start: date


@dataclass(frozen=True, slots=True)
class Notice:
    """A notice of default received on the day, sent ``sent`` (after the deadline passed)."""

    case_id: int
    sent: date


@dataclass(frozen=True, slots=True)
class Extension:
    case_id: int
    months: int
    reason: str


@dataclass(frozen=True, slots=True)
class Step:
    """A status the case moves to. Ready for hearing means: the dossier is complete."""

    case_id: int
    status: str


@dataclass(frozen=True, slots=True)
class Decision:
    """The case is decided with ``outcome`` after its steps (a withdrawal has no steps)."""

    case_id: int
    outcome: str


@dataclass(frozen=True, slots=True)
class DayIntents:
    """Everything that happens on ``day``; steps come in order and before the decisions."""

    day: date
    registrations: tuple[Registration, ...] = ()
    notices: tuple[Notice, ...] = ()
    extensions: tuple[Extension, ...] = ()
    steps: tuple[Step, ...] = ()
    decisions: tuple[Decision, ...] = ()


def day_intents(
    seed: int,
    day: date,
    cases: Sequence[OpenCase],
    planned: Sequence[PlannedCase] | None,
    locations: Sequence[str],
) -> DayIntents:
    """The facts of ``day``. ``planned`` is the published plan's assignments (None: no plan)."""
    if not is_working_day(day):
        return DayIntents(day)
    by_id = {c.id: c for c in sorted(cases, key=lambda c: c.id)}
    steps = _intake_steps(day, by_id.values())
    decisions: list[Decision] = []
    if planned is None:
        rng = _rng(seed, day, _FALLBACK)
        picks = [(c, float(rng.random())) for c in _oldest_heard(by_id.values())]
    else:
        picks = [(by_id[p.id], u) for p, u in _planned_today(seed, day, planned) if p.id in by_id]
    rng = _rng(seed, day, _STEPS)
    for case, u in picks:
        outcome = outcome_for(case, u)
        if outcome != Outcome.WITHDRAWN:
            steps += [Step(case.id, s) for s in path_to_decision(case.status, outcome, rng)]
        decisions.append(Decision(case.id, outcome))
    deciding = {d.case_id for d in decisions}
    return DayIntents(
        day=day,
        registrations=tuple(registrations(_rng(seed, day, _REGISTRATIONS), day, locations)),
        notices=tuple(_notices(_rng(seed, day, _NOTICES), day, by_id.values(), deciding)),
        extensions=tuple(_extensions(_rng(seed, day, _EXTENSIONS), day, by_id.values(), deciding)),
        steps=tuple(steps),
        decisions=tuple(decisions),
    )


def _rng(seed: int, day: date, stream: int, *more: int) -> np.random.Generator:
    return np.random.default_rng([seed, day.toordinal(), stream, *more])


# --- Legal events -----------------------------------------------------------------------------


def _notices(
    rng: np.random.Generator, day: date, cases: Iterable[OpenCase], deciding: set[int]
) -> list[Notice]:
    """A few notices on open overdue cases without one, each sent after the deadline passed."""
    latest_post = cal.NOTICE_POSTAL_DAYS[1]
    gap = timedelta(days=cal.NOTICE_MIN_DAYS_AFTER_TERM + latest_post)
    pool = [
        c
        for c in cases
        if not c.noticed
        and c.deadline is not None
        and c.deadline + gap < day
        and c.id not in deciding
    ]
    count = min(len(pool), int(rng.poisson(NOTICES_PER_DAY)))
    chosen = sorted(rng.choice(len(pool), size=count, replace=False).tolist()) if count else []
    out = []
    for i in chosen:
        post = int(rng.integers(cal.NOTICE_POSTAL_DAYS[0], latest_post + 1))
        out.append(Notice(pool[i].id, day - timedelta(days=post)))
    return out


def _extensions(
    rng: np.random.Generator, day: date, cases: Iterable[OpenCase], deciding: set[int]
) -> list[Extension]:
    """Occasional extensions of extended-procedure cases whose term ends within a few weeks."""
    window = timedelta(days=EXTENSION_WINDOW_DAYS)
    pool = [
        c
        for c in cases
        if c.extended
        and not c.has_extension
        and c.deadline is not None
        and day <= c.deadline <= day + window
        and c.id not in deciding
    ]
    count = min(len(pool), int(rng.poisson(EXTENSIONS_PER_DAY)))
    chosen = sorted(rng.choice(len(pool), size=count, replace=False).tolist()) if count else []
    return [Extension(pool[i].id, cal.EXTENSION_MONTHS, EXTENSION_REASON) for i in chosen]


# --- Status steps and decisions ---------------------------------------------------------------


def _intake_steps(day: date, cases: Iterable[OpenCase]) -> list[Step]:
    """Cases registered a few days ago move on to the rest and preparation period."""
    lo, hi = (day - timedelta(days=INTAKE_DAYS[1]), day - timedelta(days=INTAKE_DAYS[0]))
    return [
        Step(c.id, S.PREPARING.value)
        for c in cases
        if c.status == S.REGISTERED and lo <= c.received <= hi
    ]


def _week_days(week_start: date) -> list[date]:
    return [d for d in (week_start + timedelta(i) for i in range(7)) if is_working_day(d)]


def plan_week(
    seed: int, week_start: date, ids: Iterable[int]
) -> dict[int, tuple[date | None, float]]:
    """Per case planned in the week starting ``week_start``: the working day it is decided on
    (None: one of the 1 - REALISED_SHARE the team does not get to that week) and the uniform
    draw of its outcome (:func:`outcome_for`). Drawn per case and week from the whole week's
    planned cases, so the answer is the same whichever day of the week asks."""
    days = _week_days(week_start)
    draws = {}
    for cid in sorted(set(ids)):
        rng = np.random.default_rng([seed, cid, week_start.toordinal()])
        draws[cid] = (
            int(rng.integers(0, max(len(days), 1))),
            float(rng.random()),
            float(rng.random()),
        )
    # The same count missed every week of the same size; which cases, by their draw.
    missed = int(round((1 - REALISED_SHARE) * len(draws), 9))  # 0.1 x 200 is 19.99...
    late = set(sorted(draws, key=lambda cid: (-draws[cid][1], cid))[:missed])
    return {
        cid: (None if cid in late or not days else days[index], u)
        for cid, (index, _, u) in draws.items()
    }


def _planned_today(
    seed: int, day: date, planned: Sequence[PlannedCase]
) -> list[tuple[PlannedCase, float]]:
    """Planned cases of the week containing ``day`` whose decision day is ``day`` or before it."""
    weeks: dict[date, list[PlannedCase]] = {}
    for p in planned:
        if p.week_start <= day < p.week_start + timedelta(days=7):
            weeks.setdefault(p.week_start, []).append(p)
    out = []
    for start, cases in sorted(weeks.items()):
        draws = plan_week(seed, start, (p.id for p in cases))
        for p in sorted(cases, key=lambda p: p.id):
            on, u = draws[p.id]
            if on is not None and on <= day:
                out.append((p, u))
    return out


def outcome_for(case: OpenCase, u: float) -> str:
    """The outcome of a decision on ``case`` for the uniform draw ``u``: a few withdrawals, a
    Dublin transfer on track 1, a refusal on track 2, else a grant with the case type's share."""
    if u < WITHDRAWN_SHARE:
        return Outcome.WITHDRAWN.value
    if case.track in process.NO_GRANT:
        return process.NO_GRANT[case.track]
    u = (u - WITHDRAWN_SHARE) / (1 - WITHDRAWN_SHARE)
    return Outcome.GRANT.value if u < case.grant_share else Outcome.REFUSAL.value


def _oldest_heard(cases: Iterable[OpenCase]) -> list[OpenCase]:
    heard = [c for c in cases if c.status in HEARD_STATUSES]
    heard.sort(key=lambda c: (c.received, c.id))
    return heard[:FALLBACK_DECISIONS_PER_DAY]


def path_to_decision(status: str, outcome: str, rng: np.random.Generator) -> list[str]:
    """The statuses a case walks through from ``status`` before it can be decided with
    ``outcome`` (process.next_steps, forwards only); a refusal passes an intention and, mostly,
    the applicant's response."""
    current = Status(status)
    target = Outcome(outcome)
    path: list[str] = []
    while process.allowed(current, S.DECIDED, target) is not None:
        forward = [
            s
            for s in process.next_steps(current)
            if s is not S.DECIDED and STATUS_ORDER.index(s) > STATUS_ORDER.index(current)
        ]
        if not forward:
            break
        current = forward[0]
        path.append(current.value)
    if current is S.INTENTION and rng.random() < RESPONSE_SHARE:
        path.append(S.RESPONSE.value)
    return path
