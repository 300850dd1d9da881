# SPDX-License-Identifier: EUPL-1.2
"""The chain dashboards: access check, the as-of switch, one figures call, render.

COA and management see aggregates only; DT&V's list names cases, so each case shown is written
to the access log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from verkeerstoren.access import (
    may_view_coa_dashboard,
    may_view_dtv_dashboard,
    may_view_management_dashboard,
    visibility_for,
)
from verkeerstoren.cases.access import record_case_reads
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.web.common.asof import AsOfSwitch, as_of_switch, without_switch

from . import display
from .coa import coa_figures
from .dtv import dtv_figures
from .management import management_figures
from .outcomes import LIKELY_REFUSAL

LIKELY_ROWS_PER_PAGE = 50


def _switch(request: HttpRequest, allowed: Callable[[Any], bool]) -> AsOfSwitch:
    if not allowed(request.user):
        raise PermissionDenied
    return as_of_switch(request, register_as_of())


@login_required
@require_GET
def coa(request: HttpRequest) -> HttpResponse:
    switch = _switch(request, may_view_coa_dashboard)
    figures = coa_figures(switch.shown_day)
    context = {
        "as_of": switch,
        "figures": figures,
        "charts": display.coa_charts(figures),
        "rate_rows": display.rate_rows(figures.rates),
    }
    return render(request, "web/dashboards/coa.html", context)


@login_required
@require_GET
def dtv(request: HttpRequest) -> HttpResponse:
    switch = _switch(request, may_view_dtv_dashboard)
    figures = dtv_figures(switch.shown_day)
    page = Paginator(figures.likely, LIKELY_ROWS_PER_PAGE).get_page(request.GET.get("page"))
    if page.object_list:
        record_case_reads(
            request,
            "list",
            "dashboards.dtv",
            [(r.reference, r.person) for r in page.object_list],
            detail=(
                f"likely_refusals page={page.number} rows={len(page.object_list)}"
                f" asOf={switch.shown_day.isoformat()}"
            ),
        )
    params = without_switch(request.GET)
    if switch.day is not None:
        params["asOf"] = switch.day.isoformat()
    context = {
        "as_of": switch,
        "figures": figures,
        "charts": display.dtv_charts(figures),
        "rate_rows": display.rate_rows(figures.rates),
        "page": page,
        "elided_pages": page.paginator.get_elided_page_range(page.number),
        "params": params,
        "threshold": LIKELY_REFUSAL,
        "show_links": visibility_for(request.user).register,
    }
    return render(request, "web/dashboards/dtv.html", context)


@login_required
@require_GET
def management(request: HttpRequest) -> HttpResponse:
    switch = _switch(request, may_view_management_dashboard)
    figures = management_figures(switch.shown_day)
    context = {"as_of": switch, "figures": figures, "charts": display.management_charts(figures)}
    return render(request, "web/dashboards/management.html", context)
