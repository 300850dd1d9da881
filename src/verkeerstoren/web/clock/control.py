# SPDX-License-Identifier: EUPL-1.2
"""What the header's clock control shows: nothing unless the user may move the demo clock."""

from __future__ import annotations

from typing import Any

from verkeerstoren.access import may_move_clock
from verkeerstoren.cases.law_figures import register_as_of


def control_context(context: Any) -> dict[str, Any]:
    """The inclusion tag's context: the register day (d-m-yyyy) for a demo administrator."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not may_move_clock(user):
        return {"show": False}
    day = register_as_of()
    return {
        "show": True,
        "day": day,
        "day_text": f"{day.day}-{day.month}-{day.year}",
        "csrf_token": context.get("csrf_token"),
        "request": request,
        "current_url": context.get("current_url"),
    }
