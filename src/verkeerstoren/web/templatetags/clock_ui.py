# SPDX-License-Identifier: EUPL-1.2
"""{% demo_clock %}: the demo clock control of the page header (web/clock)."""

from __future__ import annotations

from typing import Any

from django import template

from verkeerstoren.web.clock.control import control_context

register = template.Library()


@register.inclusion_tag("web/clock/_control.html", takes_context=True)
def demo_clock(context: Any) -> dict[str, Any]:
    return control_context(context)
