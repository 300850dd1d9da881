# SPDX-License-Identifier: EUPL-1.2
"""Translated labels of the codes a report shows: the pages' own labels (web/common/labels.py).

That module is plain Django translation over the glossary, without the web's views or models; a
report names a stream, a status or the law of the day exactly as the pages do. Labels a report
adds (its columns, the streams' "all") live here.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from verkeerstoren.web.common.labels import label as page_label

from .register import ALL


def label(vocabulary: str, code: str) -> str:
    """The label of a code in the active language, with "all" for the total of a vocabulary."""
    if code == ALL:
        return pgettext("report total", "All") if vocabulary != "stream" else _("Both streams")
    if vocabulary == "outcome" and code == "unrecorded":
        return _("Outcome not recorded")
    return page_label(vocabulary, code)


def day(value: object) -> str:
    """A date as d-m-yyyy in every language (as the pages show dates)."""
    from datetime import date

    if isinstance(value, str):
        value = date.fromisoformat(value)
    if not isinstance(value, date):
        return ""
    return f"{value.day}-{value.month}-{value.year}"
