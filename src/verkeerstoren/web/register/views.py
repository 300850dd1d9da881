# SPDX-License-Identifier: EUPL-1.2
"""Thin views: read through cases.queries, record access through cases.access."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from verkeerstoren.access import Visibility, may_see_person, visibility_for
from verkeerstoren.cases import asof, queries
from verkeerstoren.cases.access import (
    record_access,
    record_case_reads,
    record_reads_of_references,
)
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.cases.snapshot import cached, register_stamp
from verkeerstoren.web.common.asof import PARAM, as_of_switch, without_switch

from .case_law import case_law
from .forms import CaseFilterForm


def _register_visibility(request: HttpRequest) -> Visibility:
    visibility = visibility_for(request.user)
    if not visibility.register:
        raise PermissionDenied
    return visibility


def _full_or_partial(request: HttpRequest, full: str, partial: str) -> str:
    """htmx swaps in a page's block only; plain requests and history restores get the page."""
    headers = request.headers
    if headers.get("HX-Request") and not headers.get("HX-History-Restore-Request"):
        return partial
    return full


@login_required
def home(request: HttpRequest) -> HttpResponse:
    # Aggregate counts: no personal data, so no access-log row and no register check.
    stamp = register_stamp()  # one read of the register's state for both figures
    switch = as_of_switch(request, register_as_of())
    as_of = switch.shown_day
    visibility = visibility_for(request.user)
    penalties: queries.PenaltyOverview | None = None
    if switch.day is None:
        counts = cached("counts", queries.register_counts, stamp=stamp)
        if visibility.legal:
            penalties = cached(
                "penalties",
                lambda: queries.penalty_overview(as_of, counts.total),
                as_of,
                stamp=stamp,
            )
    else:
        # Another day: both from one in-memory computation of the register as known then.
        counts, penalties = asof.overview_on(switch.day, stamp=stamp)
    # Everything the rendered overview depends on (the template caches it under this key).
    home_key = repr((stamp, as_of, switch.day is not None, visibility))
    context: dict[str, Any] = {"counts": counts, "home_key": home_key, "as_of": switch}
    if visibility.legal and penalties is not None:
        if penalties.upcoming:
            # The upcoming-penalty table names cases: log it like a page of the case list.
            rows = len(penalties.upcoming)
            record_reads_of_references(
                request,
                "list",
                "register.penalties",
                [u.reference for u in penalties.upcoming],
                detail=f"upcoming_penalties rows={rows}",
            )
        context["penalties"] = penalties
    return render(request, "web/register/home.html", context)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    visibility = _register_visibility(request)
    locations = queries.location_choices()
    form = CaseFilterForm(
        request.GET or None,
        show_features=visibility.features,
        show_law=visibility.legal,
        locations=locations,
    )
    form.is_valid()  # invalid fields are shown as errors and left out of the filter
    params = form.scrub_personal_numbers()
    switch = as_of_switch(request, register_as_of())
    if switch.day is None:
        params.pop(PARAM, None)  # a bad date (its message is at the field) or the register's day
    # Everything the rendered filter fields depend on (the template caches them under it).
    form_key = repr(
        (params.urlencode(), sorted(form.refused), visibility.features, visibility.legal, locations)
    )
    filters = form.filters() if form.is_bound else queries.CaseFilters()
    page = queries.case_page(filters, request.GET.get("page"), law=visibility.legal)
    as_of_note = ""
    if visibility.legal and switch.day is not None:
        # The page's rows show their figures as of that day; filters and sorts stay on the cache.
        asof.show_figures_on(page.object_list, switch.day)
        as_of_note = f" asOf={switch.day.isoformat()}"
    record_case_reads(  # one row per case shown, in one bulk insert
        request,
        "list",
        "register.case.list",
        page.object_list,
        detail=f"{filters.summary()} page={page.number} rows={len(page.object_list)}{as_of_note}",
    )
    clean_url = f"{request.path}?{params.urlencode()}" if params else request.path
    context: dict[str, Any] = {
        "form": form,
        "form_key": form_key,
        "params": params,
        "current_url": clean_url,
        "page": page,
        "sort": filters.sort,
        "elided_pages": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        "show_law": visibility.legal,
    }
    if visibility.legal:
        context["law_as_of"] = queries.figures_as_of()
        context["register_as_of"] = switch.register_day
        context["as_of"] = switch
        context["as_of_keep"] = without_switch(params)
    response = render(
        request,
        _full_or_partial(
            request, "web/register/case_list.html", "web/register/_case_list_content.html"
        ),
        context,
    )
    if params.urlencode() != request.GET.urlencode() and request.headers.get("HX-Request"):
        # Take a rejected personal number out of the address bar too (htmx replaces the URL).
        response["HX-Replace-Url"] = clean_url
    return response


@login_required
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    visibility = _register_visibility(request)
    detail = queries.case_detail(reference, visibility)
    if detail is None:
        raise Http404
    record_access(
        request,
        "read",
        "case",
        object_ref=reference,
        detail=",".join(detail.sections()),
        activity="register.case.read",
        subject=detail.case.person,
    )
    context: dict[str, Any] = {
        "detail": detail,
        "case": detail.case,
        "visibility": visibility,
        "show_person": may_see_person(request.user),
    }
    if detail.legal_events is not None:  # fetched only for roles with legal visibility
        switch = as_of_switch(request, register_as_of())
        context["as_of"] = switch
        day = switch.day
        if day is not None and not asof.in_register_on(detail.case.received, day):
            context["not_in_register"] = True
        else:
            # Exact figures for this one case, computed now by the engine, not read from the
            # cache; as of another day on the facts known then (and its exposure computed too).
            figures = detail.law_figures if day is None else asof.case_figures_on(detail.case, day)
            law = case_law(
                detail.case, detail.legal_events, figures, switch.shown_day, known_on_day=day
            )
            context["case_law"] = law
            context["law"] = law.assessment
    return render(request, "web/register/case_detail.html", context)
