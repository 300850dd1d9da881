# SPDX-License-Identifier: EUPL-1.2
"""Thin views of the audit trail: the page and its CSV export, for the auditor role only."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from verkeerstoren.access import may_see_audit
from verkeerstoren.cases.access import record_access
from verkeerstoren.cases.exporting import neutralise

from .forms import TrailFilterForm
from .trail import Trail, TrailRow

PAGE_SIZE = 50
CSV_COLUMNS = (
    "at", "entry", "user_id", "username", "role", "via", "os_user", "session", "ip", "trace_id",
    "activity", "action", "object_type", "case", "subject", "detail",
)  # fmt: skip


def _require_audit(request: HttpRequest) -> None:
    if not may_see_audit(request.user):
        raise PermissionDenied


def _form(request: HttpRequest) -> TrailFilterForm:
    form = TrailFilterForm(request.GET or None)
    form.is_valid()  # invalid fields are shown as errors and left out of the filter
    return form


@login_required
def trail(request: HttpRequest) -> HttpResponse:
    _require_audit(request)
    form = _form(request)
    params = form.scrub_personal_numbers()
    params.pop("page", None)
    page = Paginator(Trail(form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "form": form,
        "params": params,
        "page": page,
        "elided_pages": page.paginator.get_elided_page_range(page.number, on_each_side=2),
    }
    return render(request, "web/audit/trail.html", context)


def _csv_lines(rows: Iterator[TrailRow]) -> Iterator[str]:
    class Line:
        def write(self, text: str) -> str:
            return text

    writer = csv.writer(Line())
    yield writer.writerow(CSV_COLUMNS)
    for row in rows:
        values = [getattr(row, name) for name in CSV_COLUMNS]
        values[0] = row.at.isoformat()
        yield writer.writerow(
            ["" if v is None else neutralise(v) if isinstance(v, str) else v for v in values]
        )


@login_required
def trail_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered rows as CSV; the export is itself an access-log row."""
    _require_audit(request)
    filters = _form(request).filters()
    record_access(request, "export", "audit", detail=filters.summary(), activity="audit.export")
    response = StreamingHttpResponse(_csv_lines(iter(Trail(filters))), content_type="text/csv")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-trail-{stamp}.csv"'
    return response
