# SPDX-License-Identifier: EUPL-1.2
"""Template filters of the report pages: whether the menu shows "Reports"."""

from __future__ import annotations

from typing import Any

from django import template

from verkeerstoren import access

register = template.Library()


@register.filter
def may_view_reports(user: Any) -> bool:
    """Whether the user may read and make reports (access.may_view_reports)."""
    return access.may_view_reports(user)
