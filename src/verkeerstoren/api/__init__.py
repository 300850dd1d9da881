# SPDX-License-Identifier: EUPL-1.2
"""The HTTP API ``/api/v1`` (Django REST framework, drf-spectacular), by the NLGov REST API
Design Rules: kebab-case paths without a trailing slash, lowerCamelCase JSON, errors as
``application/problem+json``, an ``API-Version`` header on every response, bearer tokens.

Thin views, one module per resource (cases, facts, plans, forecasts): each checks access through
``verkeerstoren.access``, validates its body with a serializer, calls one service or query and
logs the reads of personal data through ``cases.access`` with ``via="api"``. The endpoints are
listed in ``urls.ENDPOINTS``; the document is at ``/api/v1/openapi.json``. docs/api.md tells how
to use it, docs/decisions/0015-http-api.md why it is built this way.
"""
