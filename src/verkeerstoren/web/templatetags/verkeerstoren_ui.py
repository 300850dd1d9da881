# SPDX-License-Identifier: EUPL-1.2
"""Template helpers: translated code labels, sortable column headers and the case list's rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from verkeerstoren.access import Visibility, visibility_for
from verkeerstoren.web.common import labels

register = template.Library()


@register.filter
def label(code: str | None, vocabulary: str) -> str:
    """{{ case.status|label:"status" }} → the code's label in the active language."""
    return labels.label(vocabulary, code)


_ROW = (
    '<tr class="utrecht-table__row">'
    '<th scope="row" class="utrecht-table__header-cell">'
    '<a class="utrecht-link utrecht-link--html-a" href="{}">{}</a></th>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell"><abbr title="{}">{}</abbr></td>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell">{}</td>'
    "{}</tr>\n"
)
_LAW_CELLS = (
    '<td class="utrecht-table__cell">{}</td>'
    '<td class="utrecht-table__cell utrecht-table__cell--numeric-column">{}</td>'
    '<td class="utrecht-table__cell utrecht-table__cell--numeric-column">{}</td>'
)
_NONE = "—"


_FORMATS: dict[str, Callable[[Any], str]] = {
    "date": lambda day: date_filter(day, "SHORT_DATE_FORMAT") or _NONE,
    "days": lambda days: _NONE if days is None else floatformat(days, "0g"),
    "eur": lambda eur: _NONE if eur is None else format_html("€&nbsp;{}", floatformat(eur, "2g")),
}


class _PageText:
    """HTML-escaped display text of the page's codes, dates and amounts, each made once per page.

    A page repeats few distinct values (a handful of statuses, the same amounts and dates);
    formatting and escaping each once saves those calls for every other cell.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[str, object], str] = {}

    def __call__(self, kind: str, value: Any) -> str:
        key = (kind, value)
        if key not in self._seen:
            if kind == "text":
                shown: str = value
            elif kind in _FORMATS:
                shown = _FORMATS[kind](value)
            else:
                shown = labels.label(kind, value)
            self._seen[key] = conditional_escape(shown)
        return self._seen[key]


@register.simple_tag
def case_rows(cases: Iterable[Any], show_law: bool) -> SafeString:
    """The case list's table rows, one ``<tr>`` per case (law columns for legal roles only).

    Built in Python: a 50-row page through template filters costs more than the rest of the
    page. Every value is escaped (``_PageText``, ``conditional_escape``) before it is joined in.
    """
    text = _PageText()
    rows = []
    for case in cases:
        law = (
            _LAW_CELLS.format(
                text("date", case.law_deadline),
                text("days", case.law_overdue_days),
                text("eur", case.law_exposure_eur),
            )
            if show_law
            else ""
        )
        rows.append(
            _ROW.format(
                conditional_escape(reverse("case_detail", args=[case.reference])),
                conditional_escape(case.reference),
                text("date", case.received),
                text("track", case.track),
                text("procedure", case.procedure),
                text("text", case.procedure),
                text("kind", case.kind),
                text("stream", case.stream),
                text("status", case.status),
                text("text", case.nationality),
                text("text", case.location.name),
                law,
            )
        )
    return mark_safe("".join(rows))  # noqa: S308  (every part escaped above)


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
