# SPDX-License-Identifier: EUPL-1.2
"""The API's addresses under /api/v1/: kebab-case, no trailing slash, no personal identifiers.

``ENDPOINTS`` lists every endpoint with its methods (tests and tools enumerate it); a path with
a trailing slash matches nothing and is a 404 problem, never a redirect.
"""

from __future__ import annotations

from django.urls import URLPattern, path, re_path

from . import applications, cases, dossier, facts, forecasts, hearings, plans
from .problems import no_such_address
from .schema import OpenApiView

app_name = "api"

# (route, view, name, methods)
ENDPOINTS: list[tuple[str, type, str, tuple[str, ...]]] = [
    ("openapi.json", OpenApiView, "openapi", ("GET",)),
    ("cases", cases.CaseList, "cases", ("GET",)),
    ("cases/<str:reference>", cases.CaseDetail, "case", ("GET", "PATCH")),
    ("cases/<str:reference>/legal-events", facts.LegalEvents, "legal-events", ("GET", "POST")),
    (
        "cases/<str:reference>/status-changes",
        facts.StatusChanges,
        "status-changes",
        ("GET", "POST"),
    ),
    ("cases/<str:reference>/dossier-items", dossier.DossierItems, "dossier-items", ("GET",)),
    (
        "cases/<str:reference>/dossier-items/<str:kind>/completion",
        dossier.DossierCompletion,
        "dossier-item-completion",
        ("POST",),
    ),
    ("cases/<str:reference>/hearings", hearings.CaseHearings, "case-hearings", ("GET",)),
    ("applications", applications.Applications, "applications", ("POST",)),
    ("plan-versions", plans.PlanVersions, "plan-versions", ("GET",)),
    ("plan-versions/<int:pk>", plans.PlanVersionDetail, "plan-version", ("GET",)),
    ("plan-versions/<int:pk>/assignments", plans.Assignments, "assignments", ("GET",)),
    ("team-targets", plans.TeamTargets, "team-targets", ("GET",)),
    ("forecast-runs", forecasts.ForecastRuns, "forecast-runs", ("GET", "POST")),
    ("forecast-runs/<int:pk>", forecasts.ForecastRunDetail, "forecast-run", ("GET",)),
]

urlpatterns: list[URLPattern] = [
    path(route, view.as_view(), name=name)  # type: ignore[attr-defined]
    for route, view, name, _methods in ENDPOINTS
]
# Last: any other address under /api/v1/ is a 404 problem, with DEBUG on too (Django's debug
# 404 page would be HTML), and never a redirect to an address with a slash.
urlpatterns.append(re_path(r"^.*$", no_such_address))
