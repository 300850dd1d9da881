# SPDX-License-Identifier: EUPL-1.2
"""Template helpers that keep identifiers off the page."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from verkeerstoren.identifiers import looks_like_v_number

register = template.Library()


@register.simple_tag(takes_context=True)
def return_path(context: dict[str, Any]) -> str:
    """Where the language switch returns to: the page's path, never its query string.

    A view that scrubbed its own query (the case list) passes ``current_url``. A path that
    holds something like a V-number (a mistyped case address on a 404 page) is never put on
    the page: the switch then returns to the overview.
    """
    url = context.get("current_url")
    if not url:
        request = context.get("request")
        url = request.path if request is not None else ""
    if not url or looks_like_v_number(url):
        return reverse("home")
    return str(url)
