# SPDX-License-Identifier: EUPL-1.2
"""Every API error as ``application/problem+json`` (RFC 9457): ``type``, ``title``, ``status``,
``detail`` and, for invalid input, ``invalidParams`` naming each field in lowerCamelCase.

:func:`exception_handler` is DRF's handler for the views; :func:`page_not_found`,
:func:`server_error`, :func:`bad_request` and :func:`permission_denied` are Django's error
handlers (``verkeerstoren.urls``), which answer problem+json under /api/ and the web's HTML
pages elsewhere. An unexpected exception is logged (its type and the trace id, never its
message, which may hold data) and answered with a plain 500 problem: never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from http import HTTPStatus
from typing import Any

import structlog
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from djangorestframework_camel_case.util import camelize_re, underscore_to_camel
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

from verkeerstoren.cases.facts import FactError, StaleError
from verkeerstoren.forecast import ScenarioError

from .versioning import API_PREFIX

PROBLEM_JSON = "application/problem+json"
log = structlog.get_logger(__name__)

# Refusals that say the fact clashes with what the case already holds (the same event twice, a
# second correction, a dossier item done twice): 409 Conflict rather than 400.
CONFLICT_CODES = (
    "already_recorded",
    "already_superseded",
    "item_done",
    "already_decided",
    "duplicate_reference",
    "hearing_scheduled",  # hearings.services.check_status_change
)


class PreconditionFailed(exceptions.APIException):  # type: ignore[misc]
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource has changed since it was read."
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):  # type: ignore[misc]
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "This request needs an If-Match header."
    default_code = "precondition_required"


def camel(name: str) -> str:
    """``end_date`` -> ``endDate``: the renderer's and the schema's rule for property names."""
    return re.sub(camelize_re, underscore_to_camel, name) if "_" in name else name


def problem(
    status_code: int, detail: str, invalid: Iterable[tuple[str, str]] = ()
) -> dict[str, Any]:
    """The problem document for ``status_code``; ``invalid`` as (name, reason) pairs."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": str(detail),
    }
    params = [{"name": name, "reason": str(reason)} for name, reason in invalid]
    if params:
        body["invalidParams"] = params
    return body


def _flatten(detail: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(name, reason) pairs of a DRF ValidationError detail (nested dicts and lists)."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = str(key)
            if name == api_settings.NON_FIELD_ERRORS_KEY:
                name = ""
            yield from _flatten(value, f"{prefix}.{name}" if prefix and name else prefix or name)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            for item in detail:
                yield prefix or "body", str(item)
        else:
            for i, item in enumerate(detail):
                if item:
                    yield from _flatten(item, f"{prefix}[{i}]")
    else:
        yield prefix or "body", str(detail)


def _fact_params(exc: FactError, names: dict[str, str]) -> list[tuple[str, str]]:
    return [
        (names.get(field, camel(field)), message)
        for field, messages in exc.fields.items()
        for message in messages
    ]


def _is_conflict(exc: FactError) -> bool:
    return bool(exc.codes) and exc.codes <= set(CONFLICT_CODES)


def _respond(
    status_code: int,
    detail: str,
    invalid: Iterable[tuple[str, str]] = (),
    headers: dict[str, str] | None = None,
) -> Response:
    return Response(
        problem(status_code, detail, invalid),
        status=status_code,
        headers=headers,
        content_type=PROBLEM_JSON,
    )


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """DRF's exception handler: every exception of a view becomes a problem response."""
    set_rollback()
    view = context.get("view")
    if isinstance(exc, FactError):
        names: dict[str, str] = getattr(view, "fact_field_names", {})
        conflict = _is_conflict(exc)
        code = status.HTTP_409_CONFLICT if conflict else status.HTTP_400_BAD_REQUEST
        detail = (
            _("The fact clashes with what the case already holds.")
            if conflict
            else _("The input is not valid.")
        )
        return _respond(code, detail, _fact_params(exc, names))
    if isinstance(exc, StaleError):
        return _respond(
            status.HTTP_412_PRECONDITION_FAILED,
            _("The case has changed since it was read (it is now at version %(version)s).")
            % {"version": exc.current},
            headers={"ETag": f'"{exc.current}"'},
        )
    if isinstance(exc, ScenarioError):
        return _respond(
            status.HTTP_400_BAD_REQUEST,
            _("The input is not valid."),
            [(f"scenario.{exc.field}" if exc.field else "scenario", exc.message)],
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.ValidationError):
        return _respond(
            status.HTTP_400_BAD_REQUEST, _("The input is not valid."), _flatten(exc.detail)
        )
    if isinstance(exc, exceptions.APIException):
        headers = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        detail = exc.detail if isinstance(exc.detail, str) else exc.default_detail
        return _respond(exc.status_code, str(detail), headers=headers)
    log.error(
        "api.unexpected_error",
        error=type(exc).__name__,
        view=type(view).__name__ if view is not None else "",
    )
    return _respond(status.HTTP_500_INTERNAL_SERVER_ERROR, _("Something went wrong on our side."))


def _api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _problem_response(status_code: int, detail: str) -> HttpResponse:
    return JsonResponse(problem(status_code, detail), status=status_code, content_type=PROBLEM_JSON)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404: problem+json under /api/ (a trailing slash included), the web's page elsewhere."""
    if _api(request):
        return _problem_response(404, _("There is nothing at this address."))
    return defaults.page_not_found(request, exception or Http404())


@csrf_exempt  # a problem for any method; nothing is done, so there is nothing to protect
def no_such_address(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """The view of every address under /api/v1/ that is not an endpoint."""
    return _problem_response(404, _("There is nothing at this address."))


def server_error(request: HttpRequest) -> HttpResponse:
    if _api(request):
        return _problem_response(500, _("Something went wrong on our side."))
    return defaults.server_error(request)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _api(request):
        return _problem_response(400, _("The request is not valid."))
    return defaults.bad_request(request, exception or Exception())


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _api(request):
        return _problem_response(403, _("You may not do this."))
    return defaults.permission_denied(request, exception or DjangoPermissionDenied())
