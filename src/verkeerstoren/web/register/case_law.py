# SPDX-License-Identifier: EUPL-1.2
"""The law section of the case page: the engine's figures for one case and its legal timeline.

The law engine does every calculation and says, as coded steps, what each date of the case means
(:func:`verkeerstoren.law.timeline`); this module only turns the codes into the reader's
language with :data:`MESSAGES`. It reuses the legal events the case page already loaded, so the
section costs no extra query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from verkeerstoren import glossary as g
from verkeerstoren.cases.asof import known_on
from verkeerstoren.cases.decided import decided_dates
from verkeerstoren.cases.law_figures import exposure_horizon, history_of
from verkeerstoren.cases.models import Case, LawFigures, LegalEvent
from verkeerstoren.law import Assessment, Step, assess, timeline
from verkeerstoren.web.common.labels import label

K = g.LegalEventKind

# What each step code of the law engine's timeline means, with the step's params as named
# placeholders. A timeline row joins the texts of its steps.
MESSAGES: dict[str, Promise] = {
    "term_starts": _("The decision term of %(months)s months starts (Vw 2000 art. 42)."),
    "group_extension": _(
        "Applications received in this period get %(months)s extra months (%(policy)s)."
    ),
    "extension": _("The decision term is extended by %(months)s months (Vw 2000 art. 42(4))."),
    "suspension_recorded": _("Suspended until %(end)s (%(days)s days)."),
    "suspension_moves_deadline": _(
        "The term stands still until %(end)s: %(days)s days are added to the deadline "
        "(Awb art. 4:15)."
    ),
    "suspension_after_deadline": _(
        "Started after the term had expired: no effect on the deadline (Awb art. 4:15)."
    ),
    "suspension_open": _(
        "No end date recorded: the term stands still, so the deadline cannot be computed "
        "until the suspension ends."
    ),
    "notice_sent": _("Sent %(sent)s."),
    "notice_received": _("Notice of default received."),
    "notice_too_early": _("Received before the term expired: this notice has no effect."),
    "notice_valid": _(
        "Valid notice of default: the penalty can start two weeks after the later "
        "of this day and the deadline (Awb art. 4:17)."
    ),
    "notice_repeated": _("A valid notice was already received; the earliest one counts."),
    "appeal": _(
        "Appeal against not deciding in time (Awb art. 6:12); it does not stop the "
        "administrative penalty."
    ),
    "court_ruling": _("The court orders a decision within %(days)s days."),
    "court_penalty_ordered": _(
        "Then a court penalty of %(daily_eur)s per day, at most %(cap_eur)s (Awb art. 8:55d)."
    ),
    "no_court_penalty": _("No penalty attached."),
    "decision_sent": _("The decision is sent: penalties stop on this day."),
    "deadline": _("Last day to decide in time: %(months)s months after receipt."),
    "deadline_suspended": _(
        "Last day to decide in time: %(months)s months after receipt plus %(days)s suspended days."
    ),
    "term_capped": _("The term is capped at %(months)s months (Vw 2000 art. 43)."),
    "deadline_moved_to_working_day": _(
        "%(day)s is a weekend day or public holiday, so the deadline moves to the next "
        "working day (Atw)."
    ),
    "first_penalty_day": _(
        "The administrative penalty runs from this day until the decision, for at most "
        "%(max_days)s days."
    ),
    "admin_penalty_excluded": _(
        "Two weeks after the notice, but no administrative penalty is owed: %(reason)s."
    ),
    "fixing_decision_due": _(
        "The penalty's last day is %(last)s; the amount must be fixed by decision within two "
        "weeks after it (Awb art. 4:18)."
    ),
    "court_penalty_start": _(
        "The court's decision term has passed: the court penalty runs until the decision."
    ),
    "as_of": _("The figures above are computed for this date."),
}


@dataclass(frozen=True)
class TimelineEntry:
    """One dated row of the case's legal timeline, with a translated explanation."""

    day: date
    kind: str  # a key of labels.LABELS["timeline"]
    note: str

    @property
    def title(self) -> str:
        return label("timeline", self.kind)


@dataclass(frozen=True)
class CaseLaw:
    """What the case page shows in its "Decision term and penalty payments" section.

    ``assessment`` is None when the deadline cannot be computed (a suspension without an end
    date: the term stands still until it ends). ``figures`` is the LawFigures cache row, used
    for the expected exposure only (the engine has no per-case expectation without behaviour
    parameters and a horizon, which the refresh applies).
    """

    as_of: date
    assessment: Assessment | None
    timeline: list[TimelineEntry]
    figures: LawFigures | None

    @property
    def open_suspension(self) -> bool:
        return self.assessment is None

    @property
    def exposure_decide_on(self) -> date | None:
        """The date the expected exposure assumes the decision on (figures' date + horizon)."""
        if self.figures is None:
            return None
        return exposure_horizon(self.figures.as_of)


def case_law(
    case: Case,
    events: Sequence[LegalEvent],
    figures: LawFigures | None,
    as_of: date,
    *,
    known_on_day: date | None = None,
) -> CaseLaw:
    """Assess ``case`` as of ``as_of`` with the engine and lay out its legal timeline.

    With ``known_on_day`` only the facts known on that day count (cases.asof.known_on).
    """
    # Superseded events and retractions stay in the page's history, not in the law.
    events = sorted(LegalEvent.in_force_of(list(events)), key=lambda e: (e.date, e.pk or 0))
    decided = decided_dates([case.pk]).get(case.pk)
    if known_on_day is not None:
        events, decided = known_on(events, decided, known_on_day)
    # The engine needs both ends of a suspension: an open one only stops the term.
    is_open = [e.kind == K.SUSPENSION and e.end_date is None for e in events]
    closed = [e for e, open_ in zip(events, is_open, strict=True) if not open_]
    history = history_of(case, closed, decided)
    steps = timeline(
        history,
        as_of,
        extended_on=[e.date for e in closed if e.kind == K.EXTENSION],
        appeals=[e.date for e in closed if e.kind == K.APPEAL],
        open_suspensions=[e.date for e, open_ in zip(events, is_open, strict=True) if open_],
    )
    assessment = None if any(is_open) else assess(history, as_of)
    return CaseLaw(as_of, assessment, rows(steps), figures)


def rows(steps: Iterable[Step]) -> list[TimelineEntry]:
    """One timeline row per run of steps with the same day and kind, their texts joined."""
    return [
        TimelineEntry(day, kind, " ".join(step_text(s) for s in group))
        for (day, kind), group in groupby(steps, key=lambda s: (s.day, s.kind))
    ]


def step_text(step: Step) -> str:
    """One step in the reader's language; an unknown code is shown as itself, never hidden."""
    message = MESSAGES.get(step.code)
    if message is None:
        return step.code
    return str(message) % {name: _param(name, value) for name, value in step.params.items()}


def _date(day: date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _eur(amount: float) -> str:
    return "€ " + formats.number_format(amount, 2, force_grouping=True)


# Params that need more than their own text: the rest are dates, amounts (``*_eur``) or numbers.
_PARAMS: dict[str, Callable[[object], str]] = {
    "reason": lambda code: label("admin_excluded", str(code)),
}


def _param(name: str, value: object) -> str:
    if name in _PARAMS:
        return _PARAMS[name](value)
    if isinstance(value, date):
        return _date(value)
    if name.endswith("_eur") and isinstance(value, int | float):
        return _eur(float(value))
    return str(value)
