# SPDX-License-Identifier: EUPL-1.2
"""Template helpers of the forecast pages."""

from __future__ import annotations

import json
from typing import Any

from django import template

from verkeerstoren import access

register = template.Library()


@register.filter
def may_forecast(user: Any) -> bool:
    """{% if user|may_forecast %}: the layout offers the forecast pages only to their roles."""
    return access.may_forecast(user)


@register.filter
def as_json(value: Any) -> str:
    """Indented JSON for a <pre> (autoescaped by the template like any other string)."""
    return json.dumps(value, indent=2, ensure_ascii=False)


@register.filter
def percent(share: float | None) -> str:
    """0.915 → '92%' (whole percents: more digits would suggest precision the runs lack)."""
    if share is None:
        return "—"
    return f"{round(100 * share)}%"
