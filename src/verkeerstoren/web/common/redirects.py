# SPDX-License-Identifier: EUPL-1.2
"""Where a form sends the user back to: the page it came from (``next``), never off-site."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def back_to(request: HttpRequest, default: str) -> str:
    """The POSTed ``next`` when it is a URL of this site, else ``default``."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default
