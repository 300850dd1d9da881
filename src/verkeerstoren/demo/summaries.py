# SPDX-License-Identifier: EUPL-1.2
"""The register as the day generator sees it: plain summaries, read once per move of the clock.

No personal data leaves the register here: case ids, statuses, dates and codes only.
"""

from __future__ import annotations

from datetime import timedelta

from verkeerstoren import glossary as g
from verkeerstoren.cases import models as cm
from verkeerstoren.forecasts.register_scenario import case_type_of
from verkeerstoren.forecasts.scenarios import REGISTER_TEMPLATE, load_example
from verkeerstoren.plans.models import PlanAssignment, PlanVersion
from verkeerstoren.synth.daily import OpenCase, PlannedCase

K = g.LegalEventKind
DEFAULT_GRANT_SHARE = 0.5  # the forecast scenario's default (forecast/scenario.py CaseType)


def grant_shares() -> dict[str, float]:
    """Share of grants per forecast case type, from the scenario the register forecast uses."""
    try:
        template = load_example(REGISTER_TEMPLATE)
    except KeyError:
        return {}
    types = template.get("case_types", [])
    return {
        str(t["name"]): float(t.get("grant_share", DEFAULT_GRANT_SHARE))
        for t in types
        if isinstance(t, dict) and "name" in t
    }


def grant_share(shares: dict[str, float], kind: str, complexity: str) -> float:
    return shares.get(case_type_of(kind, complexity), DEFAULT_GRANT_SHARE)


def open_cases(shares: dict[str, float]) -> dict[int, OpenCase]:
    """Every open case by id, with its deadline as last derived and its notices and extensions."""
    in_force = cm.LegalEvent.objects.in_force().exclude(case__status__in=g.CLOSED_STATUSES)
    noticed = set(
        in_force.filter(kind=K.NOTICE_OF_DEFAULT).values_list("case_id", flat=True).distinct()
    )
    extended = set(in_force.filter(kind=K.EXTENSION).values_list("case_id", flat=True).distinct())
    rows = cm.Case.objects.exclude(status__in=g.CLOSED_STATUSES).values_list(
        "id", "status", "received", "track", "procedure", "kind", "complexity", "law__deadline"
    )
    return {
        cid: OpenCase(
            id=cid,
            status=status,
            received=received,
            track=track,
            extended=procedure == g.Procedure.EXTENDED,
            deadline=deadline,
            noticed=cid in noticed,
            has_extension=cid in extended,
            grant_share=grant_share(shares, kind, complexity),
        )
        for cid, status, received, track, procedure, kind, complexity, deadline in rows.iterator(
            chunk_size=10000
        )
    }


def planned_cases() -> list[PlannedCase] | None:
    """The planned weeks of the published plans' cases (None: no plan is published). A case in
    two published plans (one per stream) keeps the first."""
    published = PlanVersion.objects.filter(status=PlanVersion.Status.PUBLISHED)
    if not published.exists():
        return None
    rows = (
        PlanAssignment.objects.filter(version__in=published, week__isnull=False, team__isnull=False)
        .order_by("version_id", "case_id")
        .values_list("case_id", "week", "version__as_of")
    )
    seen: dict[int, PlannedCase] = {}
    for cid, week, as_of in rows.iterator(chunk_size=10000):
        if week is not None:  # filtered above; the column itself may be empty
            seen.setdefault(cid, PlannedCase(cid, as_of + timedelta(weeks=week)))
    return list(seen.values())


def location_codes() -> list[str]:
    """Where new applicants can be registered: the locations with hearing rooms."""
    return list(cm.Location.objects.filter(has_hearing_rooms=True).values_list("code", flat=True))
