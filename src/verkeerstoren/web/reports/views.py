# SPDX-License-Identifier: EUPL-1.2
"""Report pages: the list of versions with "make now", one version (HTML) and its downloads.

Thin views: the form checks and queues through reports.services, the task makes the version,
display.py lays a stored version out. GET requests write nothing. Reports hold aggregates only,
so no read is logged as a read of personal data.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from verkeerstoren.access import may_view_reports
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.reports import services
from verkeerstoren.reports.build import ReportError
from verkeerstoren.reports.models import ReportFile, ReportVersion
from verkeerstoren.reports.render import FORMATS
from verkeerstoren.web.common.asof import as_of_switch

from .display import language_of, version_context
from .forms import MakeReportForm, default_period

RECENT = 50
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _require_reports(request: HttpRequest) -> None:
    if not may_view_reports(request.user):
        raise PermissionDenied


def _list(request: HttpRequest, form: MakeReportForm | None, status: int = 200) -> HttpResponse:
    day = register_as_of()
    switch = as_of_switch(request, day)
    if form is None:
        initial: dict[str, Any] = {"kind": "weekly", "period": default_period(day, switch.day)}
        if switch.day is not None:
            initial["as_of"] = switch.day
        form = MakeReportForm(initial=initial)
    versions = ReportVersion.objects.select_related("created_by")[:RECENT]
    context = {"form": form, "versions": versions, "as_of": switch, "register_day": day}
    return render(request, "web/reports/list.html", context, status=status)


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    _require_reports(request)
    return _list(request, None)


@login_required
@require_POST
def report_new(request: HttpRequest) -> HttpResponse:
    """Make a report now: queued for the worker; its page shows the progress."""
    _require_reports(request)
    form = MakeReportForm(request.POST)
    if form.is_valid():
        version = form.submit(request.user)
        if version is not None:
            return redirect("report_version", pk=version.pk)
    return _list(request, form, status=400)


@login_required
@require_GET
def report_version(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reports(request)
    version = get_object_or_404(ReportVersion.objects.select_related("created_by"), pk=pk)
    context = version_context(request, version)
    return render(request, "web/reports/version.html", context)


@login_required
@require_GET
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by htmx: the progress while it is made, the report once it is done."""
    _require_reports(request)
    version = get_object_or_404(ReportVersion, pk=pk)
    return render(request, "web/reports/_status.html", version_context(request, version))


@login_required
@require_POST
def report_retry(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reports(request)
    version = get_object_or_404(ReportVersion, pk=pk)
    try:
        again = services.retry(version, request.user)
    except ReportError as exc:
        messages.error(request, exc.message)
        return redirect("report_version", pk=version.pk)
    return redirect("report_version", pk=again.pk)


@login_required
@require_GET
def report_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A stored file of a finished version, in ``?lang=`` (Dutch unless English is asked)."""
    _require_reports(request)
    if fmt not in FORMATS:
        raise Http404
    version = get_object_or_404(ReportVersion, pk=pk, status=ReportVersion.Status.DONE)
    language = language_of(request, default="nl")
    stored = get_object_or_404(ReportFile, version=version, format=fmt, language=language)
    response = HttpResponse(bytes(stored.content), content_type=CONTENT_TYPES[fmt])
    name = f"verkeerstoren-{version.kind}-{version.period}-{language}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Length"] = str(stored.size)
    return response
