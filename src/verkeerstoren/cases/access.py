"""Access logging of reads of personal data (GDPR art. 9 accountability, DOMAIN.md §4).

Every page, export or API call that shows personal data of a case records who saw what. The log
holds case references and filter summaries only, never a V-number or its pseudonym, so the log
itself does not become a second copy of the register. Writes are not logged here: each write is
in the changed model's history, with user and reason (cases.audit).
"""

from __future__ import annotations

from typing import Any

from .models import AccessLog

# read: one object; list: a page or table naming cases; export: a file of the register.
READS = frozenset({"read", "list", "export"})

_DETAIL_MAX = AccessLog._meta.get_field("detail").max_length or 200
_REF_MAX = AccessLog._meta.get_field("object_ref").max_length or 64


def record_access(
    user: Any, action: str, object_type: str, object_ref: str = "", detail: str = ""
) -> AccessLog:
    """Write one AccessLog row for a read; anonymous users are stored as NULL."""
    if action not in READS:
        raise ValueError(
            f"the access log records reads ({', '.join(sorted(READS))}), not {action!r}"
        )
    is_authenticated = bool(getattr(user, "is_authenticated", False))
    return AccessLog.objects.create(
        user=user if is_authenticated else None,
        action=action,
        object_type=object_type,
        # Truncate instead of failing: a long filter summary must never block the page view.
        object_ref=object_ref[:_REF_MAX],
        detail=detail[:_DETAIL_MAX],
    )
