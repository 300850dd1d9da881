# SPDX-License-Identifier: EUPL-1.2
"""Template helpers of the chain dashboards: which dashboard links the menu offers, and dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from verkeerstoren import access

register = template.Library()


@register.filter
def may_view_coa_dashboard(user: Any) -> bool:
    return access.may_view_coa_dashboard(user)


@register.filter
def may_view_dtv_dashboard(user: Any) -> bool:
    return access.may_view_dtv_dashboard(user)


@register.filter
def may_view_management_dashboard(user: Any) -> bool:
    return access.may_view_management_dashboard(user)


@register.filter
def dmy(day: Any) -> str:
    """A date (or an ISO date string) as d-m-yyyy in every language (— for None)."""
    if not day:
        return "—"
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return f"{day.day}-{day.month}-{day.year}"
