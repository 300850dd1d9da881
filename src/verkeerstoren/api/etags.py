# SPDX-License-Identifier: EUPL-1.2
"""Optimistic locking over HTTP: a case's ETag is its version, ``If-Match`` the version seen.

``GET /cases/{reference}`` answers ``ETag: "<version>"``; a write sends it back as ``If-Match``.
The service compares it in the database (``cases.facts.locking``): when the case moved on, the
write is refused with 412 and the current ETag. ``*`` matches any version. A PATCH without
If-Match is refused with 428 (it would overwrite what another client set); facts that are
appended (a legal event, a status change, a dossier item) may leave it out.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from .problems import PreconditionRequired

_STRONG = re.compile(r'^"(\d{1,18})"$')


def etag(version: int) -> str:
    return f'"{version}"'


def expected_version(request: Request, *, required: bool) -> int | None:
    """The version of ``If-Match`` (None for ``*`` or, when not required, for no header)."""
    header = request.headers.get("If-Match")
    if header is None:
        if required:
            raise PreconditionRequired(
                _("Send the case's ETag in If-Match (read the case first) to change it.")
            )
        return None
    header = header.strip()
    if header == "*":
        return None
    match = _STRONG.match(header)
    if match is None:
        raise ValidationError(
            {"If-Match": [_('One entity tag as the case gives it, such as "3", or *.')]}
        )
    return int(match.group(1))
