# SPDX-License-Identifier: EUPL-1.2
"""The audit trail: access-log rows and the change history of the case register, newest first.

Each source (the access log, and the simple-history table of each case-register model) is read
newest first with the filters applied in the database; :class:`Trail` merges them, so a page
reads at most ``page x size`` rows of each source and the Paginator can page the whole.
History rows name the case by its reference and the user by name; the person pseudonym of a
case's history is never read.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, overload

from django.db.models import F, Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verkeerstoren.cases import models as m
from verkeerstoren.cases.access import ACTIVITIES, READS
from verkeerstoren.plans.models import Pin

ACCESS = "access"
CHANGE = "change"
# History rows are one processing activity of their own: changes to the register.
CHANGE_ACTIVITY = "register.change"
ACTIVITY_LABELS: dict[str, Any] = {**ACTIVITIES, CHANGE_ACTIVITY: _("Change in the register")}

# simple-history's history_type, as the trail's action
CHANGE_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
ACTION_LABELS: dict[str, Any] = {
    "read": _("read"),
    "list": _("list"),
    "export": _("export"),
    "created": _("created"),
    "changed": _("changed"),
    "deleted": _("deleted"),
}

# The case-register models with a history, the trail's name for each, and the path to the case
# reference from a history row.
HISTORIES: tuple[tuple[type[Model], str, str], ...] = (
    (m.Case, "case", "reference"),
    (m.CaseFeature, "case_feature", "case__reference"),
    (m.StatusChange, "status_change", "case__reference"),
    (m.LegalEvent, "legal_event", "case__reference"),
    (m.DossierItem, "dossier_item", "case__reference"),
    (Pin, "pin", "case__reference"),
)


@dataclass(frozen=True)
class TrailFilters:
    """What the auditor asked for; empty fields do not filter."""

    user: str = ""
    case: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    action: str = ""
    activity: str = ""

    def summary(self) -> str:
        """The filters as text for the access log (no personal numbers: the form refuses them)."""
        parts = [
            f"{name}={value}"
            for name, value in (
                ("user", self.user),
                ("case", self.case),
                ("from", self.date_from),
                ("to", self.date_to),
                ("action", self.action),
                ("activity", self.activity),
            )
            if value
        ]
        return " ".join(parts) or "all"


@dataclass(frozen=True)
class TrailRow:
    """One line of the trail: a read (``entry == "access"``) or a change (``"change"``)."""

    at: dt.datetime
    entry: str
    user_id: int | None
    username: str
    role: str
    via: str
    os_user: str
    session: str
    ip: str
    trace_id: str
    activity: str
    action: str
    object_type: str
    case: str
    subject: str  # the data subject's pseudonym: in the CSV export only, never on the page
    detail: str

    @property
    def activity_label(self) -> Any:
        return ACTIVITY_LABELS.get(self.activity, self.activity)

    @property
    def action_label(self) -> Any:
        return ACTION_LABELS.get(self.action, self.action)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


_ACCESS_FIELDS = (
    "at", "user_id_kept", "username", "role", "via", "os_user", "session", "ip", "trace_id",
    "activity", "action", "object_type", "object_ref", "subject", "detail",
)  # fmt: skip


def _access_row(v: dict[str, Any]) -> TrailRow:
    return TrailRow(
        at=v["at"],
        entry=ACCESS,
        user_id=v["user_id_kept"],
        username=v["username"],
        role=v["role"],
        via=v["via"],
        os_user=v["os_user"],
        session=v["session"],
        ip=v["ip"] or "",
        trace_id=v["trace_id"],
        activity=v["activity"],
        action=v["action"],
        object_type=v["object_type"],
        case=v["object_ref"],
        subject=v["subject"],
        detail=v["detail"],
    )


def _access_source(f: TrailFilters) -> QuerySet[Any] | None:
    if f.action and f.action not in READS:
        return None
    if f.activity == CHANGE_ACTIVITY:
        return None
    qs: QuerySet[Any] = m.AccessLog.objects.all()
    if f.user:
        qs = qs.filter(username=f.user)
    if f.case:
        qs = qs.filter(object_ref=f.case)
    if f.date_from:
        qs = qs.filter(at__gte=_day_start(f.date_from))
    if f.date_to:
        qs = qs.filter(at__lt=_day_start(f.date_to + dt.timedelta(days=1)))
    if f.action:
        qs = qs.filter(action=f.action)
    if f.activity:
        qs = qs.filter(activity=f.activity)
    return qs.order_by("-at", "-pk").values(*_ACCESS_FIELDS)


def _change_mapper(object_type: str) -> Callable[[dict[str, Any]], TrailRow]:
    def to_row(v: dict[str, Any]) -> TrailRow:
        return TrailRow(
            at=v["history_date"],
            entry=CHANGE,
            user_id=v["history_user_id"],
            username=v["history_user__username"] or "",
            role="",
            via="",
            os_user="",
            session="",
            ip="",
            trace_id="",
            activity=CHANGE_ACTIVITY,
            action=CHANGE_ACTIONS.get(v["history_type"], v["history_type"]),
            object_type=object_type,
            case=v["case_ref"] or "",
            subject="",
            detail=v["history_change_reason"] or "",
        )

    return to_row


def _change_sources(
    f: TrailFilters,
) -> list[tuple[QuerySet[Any], Callable[[dict[str, Any]], TrailRow]]]:
    if f.action and f.action not in CHANGE_ACTIONS.values():
        return []
    if f.activity and f.activity != CHANGE_ACTIVITY:
        return []
    history_type = {v: k for k, v in CHANGE_ACTIONS.items()}.get(f.action)
    sources = []
    for model, object_type, reference in HISTORIES:
        qs: QuerySet[Any] = model.history.all()  # type: ignore[attr-defined]
        if f.user:
            qs = qs.filter(history_user__username=f.user)
        if f.case:
            qs = qs.filter(**{reference: f.case})
        if f.date_from:
            qs = qs.filter(history_date__gte=_day_start(f.date_from))
        if f.date_to:
            qs = qs.filter(history_date__lt=_day_start(f.date_to + dt.timedelta(days=1)))
        if history_type:
            qs = qs.filter(history_type=history_type)
        values = qs.order_by("-history_date", "-history_id").values(
            "history_date",
            "history_user_id",
            "history_user__username",
            "history_type",
            "history_change_reason",
            case_ref=F(reference),
        )
        sources.append((values, _change_mapper(object_type)))
    return sources


class Trail:
    """The merged trail for some filters, as a sequence the Paginator can page."""

    ordered = True  # newest first; tells the Paginator the order is stable

    def __init__(self, filters: TrailFilters) -> None:
        self.filters = filters
        access = _access_source(filters)
        self._sources = ([(access, _access_row)] if access is not None else []) + _change_sources(
            filters
        )

    def count(self) -> int:
        return sum(qs.count() for qs, _ in self._sources)

    def __len__(self) -> int:
        return self.count()

    def _merged(self, limit: int | None) -> Iterator[TrailRow]:
        streams = [
            map(to_row, qs[:limit] if limit is not None else qs.iterator(chunk_size=2000))
            for qs, to_row in self._sources
        ]
        return heapq.merge(*streams, key=lambda row: row.at, reverse=True)

    def __iter__(self) -> Iterator[TrailRow]:
        """Every row (for the CSV export), read in chunks."""
        return self._merged(None)

    @overload
    def __getitem__(self, item: int) -> TrailRow: ...
    @overload
    def __getitem__(self, item: slice) -> list[TrailRow]: ...
    def __getitem__(self, item: int | slice) -> TrailRow | list[TrailRow]:
        if isinstance(item, int):
            return self[item : item + 1][0]
        start, stop = item.start or 0, item.stop
        if stop is None:
            return list(islice(self._merged(None), start, None))
        return list(islice(self._merged(stop), start, stop))
