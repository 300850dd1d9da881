# SPDX-License-Identifier: EUPL-1.2
"""The weekly management report: the Taskforce and the regular directorate, apart and together.

For an ISO week (Monday to Sunday) up to the report's day:

- decisions per team against its target: the team target is what the published plan puts in
  the week (plans/targets.py: a case planned in a plan week counts on that week's last day); a
  planned case decided in the week counts for the team the plan gave it, other decisions count
  as "outside the plan"; a decision is a case's decision day (cases/decided.py);
- the stock on the report's day (open cases, as cases/asof.py counts them) by age since receipt
  (under 6 months, 6 to 9, 9 to 15, 15 and more) and by status; overdue cases (past their
  deadline), with and without a notice of default;
- penalties owed on the report's day, accrued in the week and the burn rate (what the report's
  day adds, times seven), each under the law of that day;
- notices of default received in the week; hearings held (status heard) and cancelled (back from
  hearing planned to ready for hearing) in the week;
- the plan's cost, lower bound and gap, and the forecast's clearance date with its band.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Any

from verkeerstoren import glossary as g
from verkeerstoren.cases import models as cm
from verkeerstoren.forecasts.models import ForecastRun
from verkeerstoren.law.terms import add_months
from verkeerstoren.plans.models import PlanAssignment, PlanVersion
from verkeerstoren.weeks import decide_day

from .periods import Period
from .register import STREAMS, RegisterFacts, add_to, count, per_stream, zero_cells

# Age since receipt in months: [from, to) per bucket; the last has no end.
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-6", 0, 6),
    ("6-9", 6, 9),
    ("9-15", 9, 15),
    ("15+", 15, None),
)
OPEN_STATUSES: tuple[str, ...] = tuple(s.value for s in g.OPEN_STATUSES)


@lru_cache(maxsize=65536)
def age_bucket(received: date, day: date) -> str:
    """The age bucket of a case received on ``received``, on ``day``."""
    for name, _low, high in AGE_BUCKETS:
        if high is None or add_months(received, high) > day:
            return name
    raise AssertionError("the last bucket has no end")


def figures(
    facts: RegisterFacts, period: Period, plan_versions: list[int], forecast_run: int | None
) -> dict[str, Any]:
    """The weekly report's figures for ``period`` up to ``facts.day``."""
    end = min(period.end, facts.day)
    decided = {cid: on for cid, on in facts.decided.items() if period.start <= on <= end}
    return {
        "decisions": _per_stream_count(facts, decided),
        **_teams(facts, period, end, decided, plan_versions),
        **_stock(facts, end),
        "penalties": _penalties(facts, period, end),
        "notices_received": _notices(facts, period, end),
        "hearings": _hearings(facts, period, end),
        "plans": _plans(plan_versions),
        "forecast": _forecast(forecast_run),
    }


def _per_stream_count(facts: RegisterFacts, ids: dict[int, Any]) -> dict[str, int]:
    counts = dict.fromkeys(STREAMS, 0)
    for cid in ids:
        count(counts, facts.cases[cid].stream)
    return counts


def _teams(
    facts: RegisterFacts,
    period: Period,
    end: date,
    decided: dict[int, date],
    plan_versions: list[int],
) -> dict[str, Any]:
    targets: dict[int, int] = defaultdict(int)
    team_of: dict[int, int] = {}
    versions = PlanVersion.objects.filter(pk__in=plan_versions).order_by("-as_of", "pk")
    for version in versions:
        planned = PlanAssignment.objects.filter(
            version=version, team__isnull=False, week__isnull=False
        ).values_list("case_id", "team_id", "week")
        for cid, team, week in planned.iterator(chunk_size=10000):
            if cid in team_of:
                continue  # a case in two published plans keeps the newest (as the demo does)
            team_of[cid] = team
            if decide_day(version.as_of, int(week or 0)) in period:
                targets[team] += 1
    done: dict[int, int] = defaultdict(int)
    outside: list[int] = []
    for cid in decided:
        if cid in team_of:
            done[team_of[cid]] += 1
        else:
            outside.append(cid)
    teams = cm.Team.objects.in_bulk(list(set(targets) | set(done)))
    rows = [
        {
            "team": team.code,
            "name": team.name,
            "stream": team.stream,
            "decision_team": team.decision_team,
            "target": targets.get(pk, 0),
            "decided": done.get(pk, 0),
        }
        for pk, team in sorted(teams.items(), key=lambda kv: (kv[1].stream, kv[1].code))
    ]
    return {"teams": rows, "outside_plan": _per_stream_count(facts, dict.fromkeys(outside))}


def _stock(facts: RegisterFacts, end: date) -> dict[str, Any]:
    at_end = facts.assess(end)
    open_ids = [cid for cid in at_end.ids if facts.is_open(cid, end)]
    by_age = zero_cells(name for name, _, _ in AGE_BUCKETS)
    by_status = zero_cells(OPEN_STATUSES)
    reached = status_on(end, facts)
    for cid in open_ids:
        row = facts.cases[cid]
        add_to(by_age, age_bucket(row.received, end), row.stream)
        status = reached[cid]
        if status not in by_status:
            # Open by its decision day, yet its history says decided: the status it was in
            # before the day is unknown, so it counts where an open case starts.
            status = g.Status.REGISTERED.value
        add_to(by_status, status, row.stream)
    overdue = dict.fromkeys(STREAMS, 0)
    noticed = dict.fromkeys(STREAMS, 0)
    for cid, days, has_notice in zip(
        at_end.ids, at_end.overdue_days.tolist(), at_end.noticed.tolist(), strict=True
    ):
        if days > 0 and facts.is_open(cid, end):
            stream = facts.cases[cid].stream
            count(overdue, stream)
            if has_notice:
                count(noticed, stream)
    return {
        "stock": _per_stream_count(facts, dict.fromkeys(open_ids)),
        "stock_by_age": by_age,
        "stock_by_status": by_status,
        "overdue": overdue,
        "overdue_with_notice": noticed,
    }


def status_on(day: date, facts: RegisterFacts) -> dict[int, str]:
    """Case pk -> the status it was in on ``day``, as the as-of home page counts it.

    The latest status change on or before the day (cases/asof.py); a case whose history only
    starts after the day was just registered; a case without a status history is in its current
    status. A case's current status is its latest status change (cases/models.py), so only the
    cases with a change after the day are read from their history.
    """
    changed = cm.StatusChange.objects.filter(date__gt=day).values("case_id")
    later = set(changed.values_list("case_id", flat=True).distinct())
    out = {cid: row.status for cid, row in facts.cases.items() if cid not in later}
    latest: dict[int, tuple[date, int, str]] = {}
    rows = cm.StatusChange.objects.filter(case_id__in=changed, date__lte=day).order_by()
    for cid, on, pk, status in rows.values_list("case_id", "date", "pk", "status"):
        if cid not in latest or (on, pk) > latest[cid][:2]:
            latest[cid] = (on, pk, status)
    for cid in later & facts.cases.keys():
        out[cid] = latest[cid][2] if cid in latest else g.Status.REGISTERED.value
    return out


def _penalties(facts: RegisterFacts, period: Period, end: date) -> dict[str, dict[str, float]]:
    at_end = facts.assess(end)
    before = facts.assess(period.start - timedelta(days=1)).owed()
    stream = [facts.cases[cid].stream for cid in at_end.ids]
    owed = at_end.owed_eur.tolist()
    owed_s = per_stream(zip(stream, owed, strict=True))
    accrued_s = per_stream(
        (s, v - before.get(cid, 0.0)) for s, v, cid in zip(stream, owed, at_end.ids, strict=True)
    )
    burn_s = per_stream(zip(stream, (7 * v for v in at_end.per_day_eur.tolist()), strict=True))
    return {
        s: {
            "owed_eur": round(owed_s[s], 2),
            "accrued_eur": round(accrued_s[s], 2),
            "burn_eur_per_week": round(burn_s[s], 2),
        }
        for s in STREAMS
    }


def _notices(facts: RegisterFacts, period: Period, end: date) -> dict[str, int]:
    counts = dict.fromkeys(STREAMS, 0)
    for cid, events in facts.events.items():
        for e in events:
            # A notice's date is the day it was received.
            if e.kind == g.LegalEventKind.NOTICE_OF_DEFAULT and period.start <= e.date <= end:
                count(counts, facts.cases[cid].stream)
    return counts


def _hearings(facts: RegisterFacts, period: Period, end: date) -> dict[str, dict[str, int]]:
    held = dict.fromkeys(STREAMS, 0)
    cancelled = dict.fromkeys(STREAMS, 0)
    S = g.Status
    in_week = cm.StatusChange.objects.filter(
        date__gte=period.start,
        date__lte=end,
        status__in=(S.HEARD.value, S.READY_FOR_HEARING.value),
        case__received__lte=end,
    )
    cases = set(in_week.values_list("case_id", flat=True).distinct())
    history: dict[int, list[tuple[date, int, str]]] = defaultdict(list)
    rows = cm.StatusChange.objects.filter(case_id__in=cases, date__lte=end).order_by()
    for cid, on, pk, status in rows.values_list("case_id", "date", "pk", "status"):
        history[cid].append((on, pk, status))
    for cid, changes in history.items():
        changes.sort()
        stream = facts.cases[cid].stream if cid in facts.cases else ""
        for (_, _, before), (on, _, status) in pairwise(changes):
            if on not in period:
                continue
            if status == S.HEARD:
                count(held, stream)
            elif status == S.READY_FOR_HEARING and before == S.HEARING_PLANNED:
                count(cancelled, stream)
        first_on, _, first = changes[0]
        if first == S.HEARD and first_on in period:
            count(held, stream)
    return {"held": held, "cancelled": cancelled}


def _plans(plan_versions: list[int]) -> list[dict[str, Any]]:
    versions = PlanVersion.objects.filter(pk__in=plan_versions).order_by("stream", "pk")
    return [
        {
            "version": v.pk,
            "stream": v.stream,
            "as_of": v.as_of.isoformat(),
            "horizon_weeks": v.horizon_weeks,
            "cost": round(v.cost, 2),
            "lower_bound": round(v.lower_bound, 2),
            "gap_eur": round(v.cost - v.lower_bound, 2),
            "gap_pct": round(v.gap_pct, 3),
            "expected_penalty_eur": round(v.expected_penalty_eur, 2),
            "planned": v.planned_count,
            "cases": v.case_count,
        }
        for v in versions
    ]


def _forecast(run_id: int | None) -> dict[str, Any] | None:
    if run_id is None:
        return None
    run = ForecastRun.objects.filter(pk=run_id, status=ForecastRun.Status.DONE).first()
    if run is None or not run.result:
        return None
    result = run.result
    clearance = result.get("clearance") or {}
    keep = ("week", "date", "p5", "p25", "p50", "p75", "p95")
    return {
        "run": run.pk,
        "scenario": result.get("scenario", run.name),
        "start_date": result.get("start_date"),
        "replications": result.get("replications"),
        "working_stock": result.get("working_stock"),
        "clearance": {
            "share_cleared": clearance.get("share_cleared"),
            "p5_date": clearance.get("p5_date"),
            "p50_date": clearance.get("p50_date"),
            "p95_date": clearance.get("p95_date"),
        },
        "stock": [
            {k: row[k] for k in keep} for row in result.get("rows", []) if row["metric"] == "stock"
        ],
    }
