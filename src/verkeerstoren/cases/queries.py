"""Read-side queries for the web pages (and any other reader): counts, case list, case page.

Written for a register of 100k+ cases: counts are GROUP BY / conditional aggregates (a handful of
queries, never a loop over cases), the list is filtered in SQL and paginated with a COUNT plus one
page of rows, and the case page fetches each related table once. What a role may not see is not
fetched at all (data minimisation), not merely hidden in the template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case as CaseExpr
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When

from verkeerstoren import glossary as g

from .models import Case, CaseFeature, DossierItem, LegalEvent, Location, Staff, StatusChange
from .roles import Visibility

PAGE_SIZE = 50

# A case is open until it is decided or closed; the taskforce stock is the open taskforce cases.
CLOSED_STATUSES: tuple[str, ...] = (g.Status.DECIDED.value, g.Status.CLOSED.value)

# Sort keys the list accepts; anything else falls back to the default. The tie-breaker on
# reference (unique) keeps pages stable, so no case appears on two pages or on none.
SORT_KEYS: tuple[str, ...] = ("reference", "received", "status")
DEFAULT_SORT = "received"


@dataclass(frozen=True)
class RegisterCounts:
    """The register's key counts for the home page."""

    total: int
    open: int
    taskforce_stock: int
    by_stream: list[tuple[str, int]]
    by_status: list[tuple[str, int]]
    by_track: list[tuple[str, int]]
    staff_total: int
    staff_by_employment_type: list[tuple[str, int]]


def _grouped(qs: QuerySet[Any], column: str, order: tuple[str, ...]) -> list[tuple[str, int]]:
    """Counts per value of column, in glossary order, zero-filled; unknown values go last."""
    found = {row[column]: row["n"] for row in qs.values(column).annotate(n=Count("pk")).order_by()}
    result = [(code, found.pop(code, 0)) for code in order]
    result.extend(sorted(found.items()))
    return result


def register_counts() -> RegisterCounts:
    """Cases by stream, status and track, open cases, taskforce stock, staff by employment type."""
    open_q = ~Q(status__in=CLOSED_STATUSES)
    totals = Case.objects.aggregate(
        total=Count("pk"),
        open=Count("pk", filter=open_q),
        taskforce_stock=Count("pk", filter=open_q & Q(stream=g.Stream.TASKFORCE.value)),
    )
    cases = Case.objects.all()
    by_stream = _grouped(cases, "stream", tuple(s.value for s in g.Stream))
    staff = _grouped(
        Staff.objects.all(), "employment_type", tuple(e.value for e in g.EmploymentType)
    )
    return RegisterCounts(
        total=totals["total"],
        open=totals["open"],
        taskforce_stock=totals["taskforce_stock"],
        # Cases not yet split by the knip have an empty stream; keep them visible as such.
        by_stream=[(code, n) for code, n in by_stream if n or code],
        by_status=_grouped(cases, "status", tuple(s.value for s in g.Status)),
        by_track=_grouped(cases, "track", tuple(t.value for t in g.Track)),
        staff_total=sum(n for _, n in staff),
        staff_by_employment_type=staff,
    )


@dataclass(frozen=True)
class CaseFilters:
    """The case list's filters. None of them is personal data, so they may go in a URL."""

    stream: str = ""
    track: str = ""
    status: str = ""
    procedure: str = ""
    kind: str = ""
    nationality: str = ""
    feature: str = ""
    location: str = ""  # location code
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    reference: str = ""  # case-insensitive substring of the case reference
    sort: str = DEFAULT_SORT  # a SORT_KEYS entry, "-" prefix for descending

    def summary(self) -> str:
        """Compact 'name=value' list of the active filters, for the access log."""
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value not in ("", None):
                parts.append(f"{f.name}={value}")
        return " ".join(parts)


def _status_rank() -> CaseExpr:
    # Sort status in process order (registered … closed), not alphabetically by code.
    return CaseExpr(
        *(When(status=s.value, then=Value(i)) for i, s in enumerate(g.STATUS_ORDER)),
        default=Value(len(g.STATUS_ORDER)),
        output_field=IntegerField(),
    )


def filtered_cases(filters: CaseFilters) -> QuerySet[Case]:
    """Cases matching the filters, sorted, with the location joined (one query per page)."""
    qs = Case.objects.select_related("location")
    exact = {
        "stream": filters.stream,
        "track": filters.track,
        "status": filters.status,
        "procedure": filters.procedure,
        "kind": filters.kind,
        "nationality": filters.nationality.upper(),
        "location__code": filters.location,
    }
    qs = qs.filter(**{k: v for k, v in exact.items() if v})
    if filters.feature:
        # EXISTS rather than a join: one row per case whatever the feature table holds.
        qs = qs.filter(
            Exists(CaseFeature.objects.filter(case=OuterRef("pk"), feature=filters.feature))
        )
    if filters.received_from:
        qs = qs.filter(received__gte=filters.received_from)
    if filters.received_to:
        qs = qs.filter(received__lte=filters.received_to)
    if filters.reference:
        qs = qs.filter(reference__icontains=filters.reference.strip())

    descending = filters.sort.startswith("-")
    key = filters.sort.lstrip("-")
    if key not in SORT_KEYS:
        key, descending = DEFAULT_SORT, False
    if key == "status":
        qs = qs.annotate(status_rank=_status_rank())
        key = "status_rank"
    prefix = "-" if descending else ""
    order = [f"{prefix}{key}"]
    if key != "reference":
        order.append(f"{prefix}reference")
    return qs.order_by(*order)


def case_page(
    filters: CaseFilters, page: int | str | None, per_page: int = PAGE_SIZE
) -> Page[Case]:
    """One page of the filtered list; out-of-range or garbage page numbers give a valid page."""
    paginator = Paginator(filtered_cases(filters), per_page)
    return paginator.get_page(page)


@dataclass(frozen=True)
class CaseDetail:
    """A case with the related rows the viewer may see; a section is None when not visible."""

    case: Case
    features: list[str] | None
    status_history: list[StatusChange] | None
    legal_events: list[LegalEvent] | None
    dossier_items: list[DossierItem] | None

    def sections(self) -> list[str]:
        """Names of the sections shown, for the access log."""
        shown = ["facts"]
        for name in ("features", "status_history", "legal_events", "dossier_items"):
            if getattr(self, name) is not None:
                shown.append(name)
        return shown


def case_detail(reference: str, visibility: Visibility) -> CaseDetail | None:
    """The case with this reference and the related rows visibility allows, or None."""
    case = Case.objects.select_related("location").filter(reference=reference).first()
    if case is None:
        return None
    features = (
        sorted(case.features.values_list("feature", flat=True)) if visibility.features else None
    )
    history = list(case.status_history.order_by("date", "pk")) if visibility.history else None
    legal = list(case.legal_events.order_by("date", "pk")) if visibility.legal else None
    dossier = list(case.dossier_items.order_by("kind")) if visibility.dossier else None
    return CaseDetail(case, features, history, legal, dossier)


def location_choices() -> list[tuple[str, str]]:
    """(code, name) of all locations, for the list filter (a small reference table)."""
    return list(Location.objects.order_by("code").values_list("code", "name"))
