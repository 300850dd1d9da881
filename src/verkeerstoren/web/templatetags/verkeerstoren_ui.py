"""Template helpers: translated code labels and sortable column headers."""

from __future__ import annotations

from django import template

from verkeerstoren.access import Visibility, visibility_for
from verkeerstoren.web.common import labels

register = template.Library()


@register.filter
def label(code: str | None, vocabulary: str) -> str:
    """{{ case.status|label:"status" }} → the code's label in the active language."""
    return labels.label(vocabulary, code)


@register.simple_tag
def sort_state(current: str, key: str) -> dict[str, str]:
    """Link target and aria-sort value of a sortable column header.

    Clicking the sorted column reverses it; clicking another column sorts it ascending.
    """
    descending = current.startswith("-")
    active = current.lstrip("-") == key
    if not active:
        return {"next": key, "aria": "", "arrow": ""}
    return {
        "next": key if descending else f"-{key}",
        "aria": "descending" if descending else "ascending",
        "arrow": "▼" if descending else "▲",
    }


@register.simple_tag(takes_context=True)
def user_visibility(context: template.Context) -> Visibility:
    """What the signed-in user may see; the layout uses it to offer only reachable pages."""
    request = context.get("request")
    return visibility_for(getattr(request, "user", None))
