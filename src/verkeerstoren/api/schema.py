# SPDX-License-Identifier: EUPL-1.2
"""The OpenAPI document: what drf-spectacular generates, plus what every operation shares.

:func:`problems_and_headers` (a postprocessing hook, after the camel-case hook) documents the
``API-Version`` header on every response, ``ETag`` and ``Location`` where they are sent, and
the error responses as ``application/problem+json`` (RFC 9457) with one ``Problem`` schema.
:class:`OpenApiView` serves the document at ``/api/v1/openapi.json`` without login.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from .problems import PROBLEM_JSON

VERSION_HEADER = {"$ref": "#/components/headers/API-Version"}
PROBLEM = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}

HEADERS = {
    "API-Version": {
        "description": "The full version of the API (semantic versioning).",
        "schema": {"type": "string", "example": "1.0.0"},
    },
    "ETag": {
        "description": 'The case\'s version, such as "3": send it back in If-Match.',
        "schema": {"type": "string"},
    },
    "Location": {
        "description": "The address of the new resource.",
        "schema": {"type": "string", "format": "uri"},
    },
    "WWW-Authenticate": {
        "description": "The authentication scheme: Bearer.",
        "schema": {"type": "string"},
    },
}

SCHEMAS = {
    "Problem": {
        "type": "object",
        "description": "An error (RFC 9457, problem details for HTTP APIs).",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string", "format": "uri-reference", "example": "about:blank"},
            "title": {"type": "string", "example": "Bad Request"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599, "example": 400},
            "detail": {"type": "string"},
            "invalidParams": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/InvalidParam"},
            },
        },
    },
    "InvalidParam": {
        "type": "object",
        "required": ["name", "reason"],
        "properties": {
            "name": {"type": "string", "description": "The field or parameter, in lowerCamelCase."},
            "reason": {"type": "string"},
        },
    },
}

ERRORS = {
    "400": "The input is not valid: invalidParams names each field.",
    "401": "No valid bearer token.",
    "403": "The token's role may not do this.",
    "404": "There is no such resource.",
    "406": "The response can only be JSON.",
    "409": "The fact clashes with what the case already holds.",
    "412": "The case has changed since it was read (If-Match).",
    "415": "The body must be application/json.",
    "428": "If-Match is required.",
    "500": "Something went wrong on the server.",
}
# Responses whose headers name more than the version.
EXTRA_HEADERS = {
    ("getCase", "200"): ("ETag",),
    ("updateCase", "200"): ("ETag",),
    ("recordLegalEvent", "201"): ("ETag",),
    ("changeStatus", "201"): ("ETag",),
    ("completeDossierItem", "201"): ("ETag",),
    ("registerApplication", "201"): ("Location", "ETag"),
    ("startForecastRun", "201"): ("Location",),
}
IF_MATCH_PATTERN = r'^(\*|"[0-9]{1,18}")$'
CASE_WRITES = frozenset({"recordLegalEvent", "changeStatus", "completeDossierItem", "updateCase"})


def _errors_of(method: str, operation: dict[str, Any]) -> list[str]:
    codes = ["400", "401", "403", "406", "500"]
    op = operation.get("operationId", "")
    if "{" in operation.get("_path", ""):
        codes.append("404")
    if "requestBody" in operation:
        codes.append("415")
    if op in CASE_WRITES or op == "registerApplication":
        codes.append("409")
    if op in CASE_WRITES:
        codes.append("412")
    if any(
        p.get("name") == "If-Match" and p.get("required") for p in operation.get("parameters", [])
    ):
        codes.append("428")
    if method == "get" and operation.get("_paged"):
        codes.append("404")
    return sorted(set(codes))


def _tighten(operation: dict[str, Any], components: dict[str, Any]) -> None:
    """What the views check and drf-spectacular does not say: no empty query values, the form
    of If-Match, and no properties beyond the documented ones in a body."""
    for param in operation.get("parameters", []):
        schema = param.setdefault("schema", {})
        if param.get("in") == "query" and schema.get("type") == "string" and "enum" not in schema:
            schema.setdefault("minLength", 1)
        if param.get("in") == "header" and param.get("name") == "If-Match":
            schema["pattern"] = IF_MATCH_PATTERN
    for media in operation.get("requestBody", {}).get("content", {}).values():
        ref = media.get("schema", {}).get("$ref", "")
        body = components.get("schemas", {}).get(ref.rsplit("/", 1)[-1])
        if body is not None:
            body["additionalProperties"] = False


def problems_and_headers(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: headers and problem responses on every operation."""
    components = result.setdefault("components", {})
    components.setdefault("headers", {}).update(HEADERS)
    components.setdefault("schemas", {}).update(SCHEMAS)
    for path, item in result.get("paths", {}).items():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            _tighten(operation, components)
            operation["_path"] = path
            params = operation.get("parameters", [])
            operation["_paged"] = any(p.get("name") == "page" for p in params)
            responses = operation.setdefault("responses", {})
            for code in _errors_of(method, operation):
                responses.setdefault(code, {"description": ERRORS[code], "content": PROBLEM})
            if "401" in responses:
                responses["401"].setdefault("headers", {})["WWW-Authenticate"] = {
                    "$ref": "#/components/headers/WWW-Authenticate"
                }
            for code, response in responses.items():
                headers = response.setdefault("headers", {})
                headers["API-Version"] = VERSION_HEADER
                for name in EXTRA_HEADERS.get((operation.get("operationId", ""), code), ()):
                    headers[name] = {"$ref": f"#/components/headers/{name}"}
            del operation["_path"], operation["_paged"]
    return result


class OpenApiView(SpectacularAPIView):
    """GET /openapi.json: the OpenAPI 3 document, readable without a token."""

    authentication_classes = []  # noqa: RUF012 - DRF reads these class attributes
    permission_classes = [AllowAny]  # noqa: RUF012
    renderer_classes = [OpenApiJsonRenderer2, OpenApiJsonRenderer]  # noqa: RUF012
