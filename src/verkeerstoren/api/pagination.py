# SPDX-License-Identifier: EUPL-1.2
"""Pages of a collection: ``page`` (from 1) and ``pageSize`` (1..100, default 20).

A page or size that is not a whole number in range is a 400 naming the parameter; a page past
the last is a 404. Every page says how many items there are and links the next and previous
page (absolute URLs, the same filters).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.paginator import EmptyPage, Page, Paginator
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
PARAMS = ("page", "pageSize")
_DIGITS = re.compile(r"^[0-9]{1,10}$")


def _whole(request: Request, name: str, default: int, top: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not _DIGITS.match(raw) or not 1 <= int(raw) <= top:
        raise ValidationError({name: [_("A whole number from 1 to %(top)s.") % {"top": f"{top}"}]})
    return int(raw)


def page_params(request: Request) -> tuple[int, int]:
    """(page number, page size) of the request, validated."""
    size = _whole(request, "pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    number = _whole(request, "page", 1, 10**9)
    return number, size


class Pagination(BasePagination):  # type: ignore[misc]
    """The API's one pagination: validated parameters, a count, next and previous links."""

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any]:
        number, size = page_params(request)
        try:
            page = Paginator(queryset, size).page(number)
        except EmptyPage:
            raise NotFound(_("There is no page %(page)s.") % {"page": number}) from None
        self.use(page, request)
        return list(page.object_list)

    def use(self, page: Page[Any], request: Request) -> None:
        """Take a page made elsewhere (the case list's own paging query)."""
        self.page = page
        self.request = request

    def _link(self, number: int | None) -> str | None:
        if number is None:
            return None
        url = self.request.build_absolute_uri()
        url = replace_query_param(url, "page", number)
        return str(url)

    def get_paginated_response(self, data: list[Any]) -> Response:
        page = self.page
        return Response(
            {
                "count": page.paginator.count,
                "page": page.number,
                "page_size": page.paginator.per_page,
                "next": self._link(page.next_page_number() if page.has_next() else None),
                "previous": self._link(
                    page.previous_page_number() if page.has_previous() else None
                ),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["count", "page", "pageSize", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "page": {"type": "integer", "minimum": 1},
                "pageSize": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                "next": link,
                "previous": link,
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": "The page, from 1.",
                "schema": {"type": "integer", "minimum": 1, "maximum": 10**9},
            },
            {
                "name": "pageSize",
                "in": "query",
                "required": False,
                "description": f"Items per page, at most {MAX_PAGE_SIZE}.",
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": DEFAULT_PAGE_SIZE,
                },
            },
        ]
