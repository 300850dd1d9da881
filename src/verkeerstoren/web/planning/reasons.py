# SPDX-License-Identifier: EUPL-1.2
"""Plan reasons in words: a message per reason code that :mod:`verkeerstoren.plans.reasons` stores.

A stored reason is a code with params (``{"code": "earlier_possible", "week": 2, "eur": 45.0}``).
:data:`MESSAGES` holds the text of each code with the params as named placeholders; a code whose
wording depends on a param, or on whether the reader may see specialisms, has variants keyed
``code.variant`` (:data:`VARIANTS` picks one). :data:`FORMATS` turns a param into text where its
value alone is not what a reader should see (amounts, competency codes, levels, packages).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from verkeerstoren.web.common.labels import label

Reason = Mapping[str, Any]

LEVELS: dict[int, Promise] = {
    1: pgettext_lazy("competency level", "junior"),
    2: pgettext_lazy("competency level", "medior"),
    3: pgettext_lazy("competency level", "senior"),
}
PACKAGES: dict[str, Promise] = {
    "prepare": _("file preparation"),
    "draft": _("draft decision"),
}

MESSAGES: dict[str, Promise] = {
    "pinned": _("pinned by planner"),
    "decision_team": _("complex case: decision team (KDT) only"),
    "competency": _("needs %(competency)s (%(level)s or higher)"),
    "competency.hidden": _("needs a specialist officer"),
    "no_eligible_officer": _("no officer in the plan has every required competency"),
    "no_capacity": _("no room within the horizon; expected cost after it € %(eur)s"),
    "first_week": _("planned in the first week"),
    "dossier_ready": _("first week with a complete dossier (week %(week)s)"),
    "earliest_capacity": _("earliest week with room for an eligible officer"),
    "earlier_possible": _("week %(week)s had room and would save € %(eur)s"),
    "no_gain_earlier": _(
        "earlier weeks had room (from week %(week)s), but deciding earlier costs no less"
    ),
    # Not overdue and no deadline soon: the cost comes from a court-set term or penalty.
    "cost_if_later": _("€ %(eur)s more if decided a week later"),
    "cost_if_later.overdue": _("overdue: € %(eur)s more if decided a week later"),
    "cost_if_later.deadline": _(
        "deadline in week %(deadline_week)s: € %(eur)s more if decided a week later"
    ),
    "no_cost_if_later": _("deciding a week later costs nothing extra"),
    "already_heard": _("already heard: no hearing to plan"),
    "written_opt_in": _("written hearing (the applicant opted in)"),
    "video_elsewhere": _(
        "video hearing: the officer works at %(officer_location)s, the case is at %(case_location)s"
    ),
    "outsourced": _("%(packages)s outsourced to %(firm)s"),
}


def _cost_variant(reason: Reason, show_features: bool) -> str | None:
    if reason.get("overdue"):
        return "overdue"
    return "deadline" if reason.get("deadline_in_horizon") else None


# code -> (reason, show_features) -> the variant to use, or None for the code's own message.
VARIANTS: dict[str, Callable[[Reason, bool], str | None]] = {
    # Roles that may not see specialisms (features) read that one is needed, not which.
    "competency": lambda reason, show_features: None if show_features else "hidden",
    "cost_if_later": _cost_variant,
}


def _money(value: Any) -> str:
    return number_format(value, 2, use_l10n=True, force_grouping=True)


FORMATS: dict[str, Callable[[Any], str]] = {
    "eur": _money,
    "competency": lambda code: label("feature", code),
    "level": lambda level: str(LEVELS.get(int(level), level)),
    "packages": lambda packages: ", ".join(str(PACKAGES.get(p, p)) for p in packages),
}


def message_key(reason: Reason, show_features: bool) -> str:
    """The key of :data:`MESSAGES` that words ``reason`` for this reader."""
    code = str(reason.get("code"))
    pick = VARIANTS.get(code)
    variant = None if pick is None else pick(reason, show_features)
    return code if variant is None else f"{code}.{variant}"


def reason_text(reason: Reason, show_features: bool) -> str:
    """One stored reason in the reader's language; an unknown code is shown as itself."""
    message = MESSAGES.get(message_key(reason, show_features))
    if message is None:
        return str(reason.get("code"))
    return str(message) % _Formatted(reason)


class _Formatted:
    """The reason's params as the message's placeholders read them: formatted on demand, so a
    param the chosen message does not show is never looked at."""

    def __init__(self, reason: Reason) -> None:
        self.reason = reason

    def __getitem__(self, name: str) -> str:
        value = self.reason[name]
        return FORMATS[name](value) if name in FORMATS else str(value)
