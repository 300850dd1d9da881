# SPDX-License-Identifier: EUPL-1.2
"""Read-side queries for the web pages (and any other reader): counts, case list, case page.

Written for a register of 100k+ cases: counts are GROUP BY / conditional aggregates (a handful of
queries, never a loop over cases), the list is filtered in SQL and paginated with a COUNT plus one
page of rows, and the case page fetches each related table once. What a role may not see is not
fetched at all (data minimisation), not merely hidden in the template.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any, overload

from django.core.paginator import Page, Paginator
from django.db.models import Case as CaseExpr
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OrderBy,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

from verkeerstoren import glossary as g
from verkeerstoren.access import Visibility

from .models import (
    Case,
    CaseFeature,
    DossierItem,
    LawFigures,
    LegalEvent,
    Location,
    Staff,
    StatusChange,
)
from .snapshot import cached

PAGE_SIZE = 50

# Sort keys the list accepts; anything else falls back to the default. The tie-breaker on
# reference (unique) keeps pages stable, so no case appears on two pages or on none.
SORT_KEYS: tuple[str, ...] = ("reference", "received", "status")
DEFAULT_SORT = "received"
# Sorts on the law figures (LawFigures, the derived cache): only for roles that may see deadlines
# and penalties, since the order itself would reveal them. Key -> indexed LawFigures column.
LAW_SORT_KEYS: dict[str, str] = {
    "deadline": "law__deadline",
    "overdue_days": "law__overdue_days",
    "exposure": "law__exposure_eur",
}
# Yes/no filters are strings in the URL; "" means "either".
YES, NO = "yes", "no"


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
    """Cases by stream, status and track, open cases, taskforce stock, staff by employment type.

    The taskforce stock is the open taskforce cases.
    """
    open_q = ~Q(status__in=g.CLOSED_STATUSES)
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
    # Law filters (LawFigures as of its date); applied only for roles with legal visibility.
    deadline_from: dt.date | None = None
    deadline_to: dt.date | None = None
    overdue: str = ""  # YES, NO or ""
    min_overdue_days: int | None = None
    penalty_running: str = ""  # YES, NO or ""
    sort: str = DEFAULT_SORT  # a SORT_KEYS (or LAW_SORT_KEYS) entry, "-" prefix for descending

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


def _law_filters(qs: QuerySet[Case], filters: CaseFilters) -> QuerySet[Case]:
    """Filters on the law figures. A case without figures matches none of them (unknown)."""
    if filters.deadline_from:
        qs = qs.filter(law__deadline__gte=filters.deadline_from)
    if filters.deadline_to:
        qs = qs.filter(law__deadline__lte=filters.deadline_to)
    if filters.overdue == YES:
        qs = qs.filter(law__overdue_days__gt=0)
    elif filters.overdue == NO:
        qs = qs.filter(law__overdue_days=0)
    if filters.min_overdue_days is not None:
        qs = qs.filter(law__overdue_days__gte=filters.min_overdue_days)
    # "Running" = the as-of day itself adds to what is owed (administrative or court penalty).
    if filters.penalty_running == YES:
        qs = qs.filter(law__penalty_per_day_eur__gt=0)
    elif filters.penalty_running == NO:
        qs = qs.filter(law__penalty_per_day_eur__lte=0)
    return qs


def _matching(filters: CaseFilters, *, law: bool) -> QuerySet[Case]:
    """Cases matching the filters, unsorted; the law filters only with ``law``."""
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
    return _law_filters(qs, filters) if law else qs


def _with_law_columns(qs: QuerySet[Case]) -> QuerySet[Case]:
    # One join on LawFigures' primary key; None for a case without figures.
    return qs.annotate(
        law_deadline=F("law__deadline"),
        law_overdue_days=F("law__overdue_days"),
        law_exposure_eur=F("law__exposure_eur"),
    )


def _sort(filters: CaseFilters, *, law: bool) -> tuple[str, bool]:
    """(key, descending) of a valid sort; law keys only with ``law``, else the default."""
    key = filters.sort.lstrip("-")
    allowed = SORT_KEYS + tuple(LAW_SORT_KEYS) if law else SORT_KEYS
    if key not in allowed:
        return DEFAULT_SORT, False
    return key, filters.sort.startswith("-")


def _ordered(
    qs: QuerySet[Case], column: str, descending: bool, *, nulls_last: bool = False
) -> QuerySet[Case]:
    # The tie-breaker on reference (unique) keeps pages stable.
    last = True if nulls_last else None
    first = F(column).desc(nulls_last=last) if descending else F(column).asc(nulls_last=last)
    order: list[OrderBy | str] = [first]
    if column != "reference":
        order.append("-reference" if descending else "reference")
    return qs.order_by(*order)


def filtered_cases(filters: CaseFilters, *, law: bool = False) -> QuerySet[Case]:
    """Cases matching the filters, sorted, with the location joined (one query per page).

    With ``law`` (the viewer may see deadlines and penalties) the rows carry ``law_deadline``,
    ``law_overdue_days`` and ``law_exposure_eur`` from LawFigures, and the law filters and sorts
    apply; without it they are ignored and nothing of LawFigures is fetched. On a law sort,
    cases without figures come last (the web list uses the faster LawSortedCases instead).
    """
    qs = _matching(filters, law=law)
    if law:
        qs = _with_law_columns(qs)
    key, descending = _sort(filters, law=law)
    if key == "status":
        qs = qs.annotate(status_rank=_status_rank())
        key = "status_rank"
    column = LAW_SORT_KEYS.get(key, key)
    return _ordered(qs, column, descending, nulls_last=key in LAW_SORT_KEYS)


def _count(matching: QuerySet[Case]) -> int:
    """How many cases match: once per state of the register and filter (a count is a scan)."""
    return cached("case_count", matching.count, str(matching.query))


class _PagedCases:
    """A sorted sequence of cases that the Paginator pages by slices ``[start:stop]``.

    Subclasses say how many cases match (:meth:`count`) and fetch one page (:meth:`_page`).
    """

    ordered = True  # tells the Paginator the order is stable

    def count(self) -> int:
        raise NotImplementedError

    def _page(self, start: int, stop: int) -> list[Case]:
        raise NotImplementedError

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Case]:
        return iter(self[0 : self.count()])

    @overload
    def __getitem__(self, item: int) -> Case: ...
    @overload
    def __getitem__(self, item: slice) -> list[Case]: ...
    def __getitem__(self, item: int | slice) -> Case | list[Case]:
        if isinstance(item, int):
            one = self._page(item, item + 1)
            if not one:
                raise IndexError(item)
            return one[0]
        if item.stop is None or item.step is not None:
            raise ValueError("sliced by the Paginator only: with a stop and without a step")
        return self._page(item.start or 0, item.stop)


class LawSortedCases(_PagedCases):
    """The matching cases sorted on a law column, as a sequence the Paginator can page.

    One LEFT JOIN sorted NULLS LAST cannot use the LawFigures indexes: every case is joined and
    sorted for each page (~200 ms at 100k cases). Two segments can: first the cases with figures,
    read in index order and stopped after one page (~1 ms), then those without figures (normally
    none, as every refresh covers all cases) by reference.
    """

    def __init__(self, matching: QuerySet[Case], column: str, descending: bool) -> None:
        self._matching = matching
        with_law = _with_law_columns(matching)
        self._with = _ordered(with_law.filter(law__isnull=False), column, descending)
        self._without = _ordered(with_law.filter(law__isnull=True), "reference", descending)

    def count(self) -> int:
        return _count(self._matching)

    def _page(self, start: int, stop: int) -> list[Case]:
        rows = list(self._with[start:stop])
        if len(rows) == stop - start:
            return rows
        # The first segment ends on this page: the rest comes from the cases without figures.
        n_with = start + len(rows) if rows else self._with.count()
        return rows + list(self._without[max(0, start - n_with) : stop - n_with])


class IdsFirst(_PagedCases):
    """A list sorted on case columns, paged in two steps: the page's ids, then its rows.

    A deep page (OFFSET 25,000 on a 100,000-case register) would otherwise join LawFigures and
    the location for every row it skips (~60 ms); the ids alone come from the sort's index
    (a few ms), and only the page's own rows are joined.
    """

    def __init__(self, ids: QuerySet[Case], rows: QuerySet[Case]) -> None:
        self._ids = ids
        self._rows = rows

    def count(self) -> int:
        return _count(self._ids)

    def _page(self, start: int, stop: int) -> list[Case]:
        ids = list(self._ids.values_list("pk", flat=True)[start:stop])
        found = {case.pk: case for case in self._rows.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]


def _ids_in_order(filters: CaseFilters, *, law: bool) -> QuerySet[Case]:
    qs = _matching(filters, law=law).select_related(None)
    key, descending = _sort(filters, law=law)
    if key == "status":
        qs = qs.annotate(status_rank=_status_rank())
        key = "status_rank"
    return _ordered(qs, key, descending)


def case_page(
    filters: CaseFilters, page: int | str | None, per_page: int = PAGE_SIZE, *, law: bool = False
) -> Page[Case]:
    """One page of the filtered list; out-of-range or garbage page numbers give a valid page."""
    key, descending = _sort(filters, law=law)
    rows: IdsFirst | LawSortedCases
    if key in LAW_SORT_KEYS:
        rows = LawSortedCases(_matching(filters, law=True), LAW_SORT_KEYS[key], descending)
    else:
        rows = IdsFirst(_ids_in_order(filters, law=law), filtered_cases(filters, law=law))
    paginator = Paginator(rows, per_page)
    return paginator.get_page(page)


@dataclass(frozen=True)
class CaseDetail:
    """A case with the related rows the viewer may see; a section is None when not visible.

    ``law_figures`` is the case's LawFigures row (None when not computed or not visible).
    """

    case: Case
    features: list[str] | None
    status_history: list[StatusChange] | None
    legal_events: list[LegalEvent] | None
    dossier_items: list[DossierItem] | None
    law_figures: LawFigures | None = None

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
    figures = LawFigures.objects.filter(case=case).first() if visibility.legal else None
    return CaseDetail(case, features, history, legal, dossier, figures)


def figures_as_of() -> dt.date | None:
    """The date the LawFigures cache was computed for, or None when it is empty.

    refresh_law_figures replaces every row in one transaction, so one row (by primary key, an
    index lookup) tells the date of all of them.
    """
    return LawFigures.objects.order_by("pk").values_list("as_of", flat=True).first()


# The home page lists the cases whose administrative penalty starts within this many days.
UPCOMING_DAYS = 28
UPCOMING_ROWS = 50


@dataclass(frozen=True)
class UpcomingPenalty:
    """A case whose administrative penalty starts soon (a row of the home page table)."""

    reference: str
    deadline: dt.date
    first_penalty_day: dt.date


@dataclass(frozen=True)
class PenaltyOverview:
    """The register's penalty position from LawFigures, for the home page (legal roles only).

    ``stale`` when the figures are missing, were computed for another date than the register's
    as-of date, or do not cover every case: they then need `verkeerstoren law refresh`.
    """

    as_of: dt.date  # the register's as-of date (settings.REGISTER_AS_OF or today)
    figures_as_of: dt.date | None  # the date the figures were computed for (None: no figures)
    figures_count: int
    cases_without_figures: int
    per_day_eur: float  # what the as-of day adds, summed over all cases (admin + court)
    owed_admin_eur: float
    owed_court_eur: float
    upcoming_from: dt.date
    upcoming_to: dt.date
    upcoming: list[UpcomingPenalty]  # the first UPCOMING_ROWS, by first penalty day
    upcoming_total: int

    @property
    def per_week_eur(self) -> float:
        """The burn rate: seven days at the as-of day's rate."""
        return 7 * self.per_day_eur

    @property
    def owed_eur(self) -> float:
        return self.owed_admin_eur + self.owed_court_eur

    @property
    def stale(self) -> bool:
        return (
            self.figures_count == 0
            or self.figures_as_of != self.as_of
            or self.cases_without_figures > 0
        )


def penalty_overview(as_of: dt.date, case_count: int) -> PenaltyOverview:
    """Burn rate, owed so far and the penalties starting in the next four weeks (3 queries).

    ``case_count`` is the number of cases in the register (the home page has counted them).

    The sums are one aggregate over LawFigures; the upcoming list uses the index on
    first_penalty_day. It lists only cases whose administrative penalty will actually run: the
    engine sets fixing_decision_due exactly then (not for cases excluded by law, e.g. the
    temporary law of 2020 or manifestly unfounded, nor for cases decided before that day).
    """
    totals = LawFigures.objects.aggregate(
        n=Count("pk"),
        per_day=Sum("penalty_per_day_eur"),
        admin=Sum("admin_penalty_eur"),
        court=Sum("court_penalty_eur"),
        first_as_of=Min("as_of"),
        last_as_of=Max("as_of"),
    )
    mixed = totals["first_as_of"] != totals["last_as_of"]
    start = as_of + dt.timedelta(days=1)
    end = as_of + dt.timedelta(days=UPCOMING_DAYS)
    upcoming = LawFigures.objects.filter(
        first_penalty_day__gte=start, first_penalty_day__lte=end, fixing_decision_due__isnull=False
    )
    rows = upcoming.order_by("first_penalty_day", "case__reference").values_list(
        "case__reference", "deadline", "first_penalty_day"
    )[:UPCOMING_ROWS]
    return PenaltyOverview(
        as_of=as_of,
        # Mixed dates cannot come from one refresh; report them as "not this date" (stale).
        figures_as_of=None if mixed else totals["first_as_of"],
        figures_count=totals["n"],
        cases_without_figures=max(0, case_count - totals["n"]),
        per_day_eur=totals["per_day"] or 0.0,
        owed_admin_eur=totals["admin"] or 0.0,
        owed_court_eur=totals["court"] or 0.0,
        upcoming_from=start,
        upcoming_to=end,
        upcoming=[UpcomingPenalty(ref, deadline, day) for ref, deadline, day in rows if day],
        upcoming_total=upcoming.count(),
    )


def location_choices() -> list[tuple[str, str]]:
    """(code, name) of all locations, for the list filter (a small reference table)."""
    return list(Location.objects.order_by("code").values_list("code", "name"))
