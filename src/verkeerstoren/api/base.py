# SPDX-License-Identifier: EUPL-1.2
"""What every API view shares: the language, strict query parameters, access checks, the case.

Problems are worded in the language of ``Accept-Language`` when it is Dutch or English (Dutch
otherwise). A query parameter a view does not know is a 400 naming it, like an unknown body
field. ``require`` turns an access rule of ``verkeerstoren.access`` into a 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request

from verkeerstoren.access import may_view_register, visibility_for
from verkeerstoren.cases.access import record_access
from verkeerstoren.cases.models import Case
from verkeerstoren.identifiers import redact

from .auth import actor_for_api
from .pagination import PARAMS


def activate_language(request: Request) -> None:
    supported = {code for code, _name in settings.LANGUAGES}
    for code, _q in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = code.split("-")[0].lower()
        if base in supported:
            translation.activate(base)
            return
    translation.activate(settings.LANGUAGE_CODE)


def require(rule: Callable[[Any], bool], request: Request) -> None:
    """403 unless ``rule`` (an access.may_* function) allows the request's user."""
    if not rule(request.user):
        raise PermissionDenied(_("Your role may not do this."))


def check_query(request: Request, allowed: Iterable[str]) -> None:
    """400 naming every query parameter not in ``allowed``."""
    known = set(allowed)
    unknown = [key for key in request.query_params if key not in known]
    if unknown:
        raise ValidationError({redact(k): [_("This parameter is not known.")] for k in unknown})


def require_section(request: Request, section: str) -> None:
    """403 unless the user sees the register and this part of a case (a Visibility field)."""
    require(may_view_register, request)
    if not getattr(visibility_for(request.user), section):
        raise PermissionDenied(_("Your role may not see this part of a case."))


def log_case_read(request: Request, case: Case, activity: str, rows: int) -> None:
    """One access-log row: the user read ``rows`` rows of ``case``'s ``activity``."""
    record_access(
        actor_for_api(request),
        "read",
        "case",
        object_ref=case.reference,
        detail=f"rows={rows}",
        activity=activity,
        subject=case.person,
    )


def current_version(case: Case) -> int:
    """The case's version as stored now (the ETag of a write's answer)."""
    return int(Case.objects.filter(pk=case.pk).values_list("version", flat=True).get())


def case_or_404(reference: str) -> Case:
    case = Case.objects.select_related("location").filter(reference=reference).first()
    if case is None:
        raise NotFound(_("There is no case with this reference."))
    return case


class ApiView(GenericAPIView):  # type: ignore[misc]
    """Base of the API's views (GenericAPIView, so the schema sees filters and pagination)."""

    # Query parameters the view accepts (besides those of its filterset and pagination).
    query_params: ClassVar[tuple[str, ...]] = ()
    # Service field names that the API calls otherwise (default: the camelCase of the name).
    fact_field_names: ClassVar[dict[str, str]] = {}

    # Only the methods a view implements (HEAD follows GET): anything else, OPTIONS and TRACE
    # included, is a 405 problem with the Allow header.
    http_method_names: ClassVar[list[str]] = ["get", "post", "patch", "head"]
    metadata_class = None

    @property
    def allowed_methods(self) -> list[str]:
        return [m.upper() for m in self.http_method_names if hasattr(self, m)]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        activate_language(request)
        super().initial(request, *args, **kwargs)
        if request.method.upper() not in self.allowed_methods:
            return  # a 405 follows; its parameters do not matter
        empty = [key for key, value in request.query_params.items() if value == ""]
        if empty:
            raise ValidationError({k: [_("A parameter needs a value.")] for k in empty})
        allowed = set(self.query_params)
        filterset = getattr(self, "filterset_class", None)
        if filterset is not None:
            allowed |= set(filterset.base_filters)
        if self.pagination_class is not None and request.method == "GET":
            allowed |= set(PARAMS)
        check_query(request, allowed)
