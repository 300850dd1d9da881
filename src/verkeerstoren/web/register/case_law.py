"""The law section of the case page: the engine's figures for one case and its legal timeline.

The law engine (verkeerstoren.law) does every calculation; this module only lays its inputs and
results out in date order and says, in the user's language, what each date means. It reuses the
legal events the case page already loaded, so the section costs no extra query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from verkeerstoren import glossary as g
from verkeerstoren.cases.law_figures import history_of
from verkeerstoren.cases.models import Case, LawFigures, LegalEvent
from verkeerstoren.law import DEFAULT_LAW, Assessment, CaseHistory, Suspension, assess
from verkeerstoren.law.penalties import FIXING_DECISION_DAYS, court_penalty_start
from verkeerstoren.law.terms import (
    BASE_TERM_MONTHS,
    MAX_TERM_MONTHS,
    add_months,
    apply_suspensions,
    policy_months,
)
from verkeerstoren.web.common.labels import label

K = g.LegalEventKind

# Same-day entries appear in the order the law takes them (a notice before the penalty it
# starts, the decision before the fixing task it triggers); the as-of marker comes last.
_RANK = {
    "received": 0,
    "group_extension": 1,
    K.EXTENSION: 2,
    K.SUSPENSION: 3,
    "deadline": 4,
    K.NOTICE_OF_DEFAULT: 5,
    K.APPEAL: 6,
    "first_penalty_day": 7,
    K.COURT_RULING: 8,
    "court_penalty_start": 9,
    K.DECISION_SENT: 10,
    "fixing_decision_due": 11,
    "as_of": 12,
}


@dataclass(frozen=True)
class TimelineEntry:
    """One dated step of the case's legal timeline, with a translated explanation."""

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
        return self.figures.as_of + timedelta(weeks=settings.EXPOSURE_HORIZON_WEEKS)


def case_law(
    case: Case, events: Sequence[LegalEvent], figures: LawFigures | None, as_of: date
) -> CaseLaw:
    """Assess ``case`` as of ``as_of`` with the engine and build its legal timeline."""
    events = sorted(events, key=lambda e: (e.date, e.pk or 0))
    if any(e.kind == K.SUSPENSION and e.end_date is None for e in events):
        # The engine needs both ends of a suspension; show the facts, not a guessed deadline.
        return CaseLaw(as_of, None, _fact_entries(case, events, None), figures)
    history = history_of(case, list(events))
    assessment = assess(history, as_of)
    timeline = _fact_entries(case, events, assessment) + _derived_entries(history, assessment)
    timeline.append(
        TimelineEntry(as_of, "as_of", _("The figures above are computed for this date."))
    )
    timeline.sort(key=lambda entry: (entry.day, _RANK[entry.kind]))
    return CaseLaw(as_of, assessment, timeline, figures)


def _date(day: date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _eur(amount: float) -> str:
    return "€ " + formats.number_format(amount, 2, force_grouping=True)


def _fact_entries(
    case: Case, events: Sequence[LegalEvent], a: Assessment | None
) -> list[TimelineEntry]:
    """Entries for the recorded facts: receipt, extensions, suspensions, notices, appeals, …"""
    note = _("The decision term of %(months)s months starts (Vw 2000 art. 42).")
    entries = [TimelineEntry(case.received, "received", note % {"months": BASE_TERM_MONTHS})]
    for policy in DEFAULT_LAW.extension_policies:
        if policy.applies_to(case.received):
            note = _("Applications received in this period get %(months)s extra months (%(name)s).")
            values = {"months": policy.months, "name": policy.name}
            entries.append(TimelineEntry(case.received, "group_extension", note % values))
    # The deadline as moved by the suspensions so far, replaying the engine's own step (one
    # suspension per start date, so event order is the engine's order).
    running = None if a is None else add_months(case.received, a.term_months)
    valid_notice_seen = False
    for e in events:
        if e.kind == K.EXTENSION:
            note = _("The decision term is extended by %(months)s months (Vw 2000 art. 42(4)).")
            note %= {"months": e.months}
        elif e.kind == K.SUSPENSION:
            note, running = _suspension_note(e, running)
        elif e.kind == K.NOTICE_OF_DEFAULT:
            if a is None:
                note = _("Notice of default received.")
            elif e.date <= a.deadline:
                note = _("Received before the term expired: this notice has no effect.")
            elif not valid_notice_seen:
                valid_notice_seen = True
                note = _(
                    "Valid notice of default: the penalty can start two weeks after the later "
                    "of this day and the deadline (Awb art. 4:17)."
                )
            else:
                note = _("A valid notice was already received; the earliest one counts.")
            if e.sent_date:
                note = _("Sent %(day)s.") % {"day": _date(e.sent_date)} + " " + note
        elif e.kind == K.APPEAL:
            note = _(
                "Appeal against not deciding in time (Awb art. 6:12); it does not stop the "
                "administrative penalty."
            )
        elif e.kind == K.COURT_RULING:
            note = _ruling_note(e)
        elif e.kind == K.DECISION_SENT:
            note = _("The decision is sent: penalties stop on this day.")
        else:
            continue  # a kind this page does not know: the legal events table still lists it
        entries.append(TimelineEntry(e.date, e.kind, note))
    return entries


def _suspension_note(e: LegalEvent, running: date | None) -> tuple[str, date | None]:
    """What one suspension did to the deadline, and the deadline after it."""
    if e.end_date is None:
        note = _(
            "No end date recorded: the term stands still, so the deadline cannot be computed "
            "until the suspension ends."
        )
        return note, running
    days = (e.end_date - e.date).days + 1
    values = {"end": _date(e.end_date), "days": days}
    if running is None:
        return _("Suspended until %(end)s (%(days)s days).") % values, running
    moved = apply_suspensions(running, [Suspension(e.date, e.end_date)])
    if moved == running:
        note = _("Started after the term had expired: no effect on the deadline (Awb art. 4:15).")
    else:
        note = _(
            "The term stands still until %(end)s: %(days)s days are added to the deadline "
            "(Awb art. 4:15)."
        )
        note %= values
    return note, moved


def _ruling_note(e: LegalEvent) -> str:
    term = _("The court orders a decision within %(days)s days.") % {"days": e.decision_term_days}
    if e.daily_eur and e.cap_eur:
        penalty = _(
            "Then a court penalty of %(daily)s per day, at most %(cap)s (Awb art. 8:55d)."
        ) % {
            "daily": _eur(float(e.daily_eur)),
            "cap": _eur(float(e.cap_eur)),
        }
        return f"{term} {penalty}"
    return f"{term} " + _("No penalty attached.")


def _derived_entries(history: CaseHistory, a: Assessment) -> list[TimelineEntry]:
    """Entries for the dates the engine derives: deadline, penalty days, court penalty start."""
    base = add_months(history.received, a.term_months)
    unshifted = apply_suspensions(base, history.suspensions)
    values = {"months": a.term_months, "days": (unshifted - base).days}
    if values["days"]:
        note = _(
            "Last day to decide in time: %(months)s months after receipt plus %(days)s "
            "suspended days."
        )
    else:
        note = _("Last day to decide in time: %(months)s months after receipt.")
    note %= values
    wanted = BASE_TERM_MONTHS + sum(history.extensions)
    wanted += policy_months(history.received, DEFAULT_LAW.extension_policies)
    if wanted > MAX_TERM_MONTHS:
        note += " " + _("The term is capped at %(months)s months (Vw 2000 art. 43).") % {
            "months": MAX_TERM_MONTHS
        }
    if a.deadline != unshifted:
        note += " " + _(
            "%(day)s is a weekend day or public holiday, so the deadline moves to the next "
            "working day (Atw)."
        ) % {"day": _date(unshifted)}
    entries = [TimelineEntry(a.deadline, "deadline", note)]

    if a.first_penalty_day is not None:
        if a.admin_excluded is None:
            note = _(
                "The administrative penalty runs from this day until the decision, for at most "
                "42 days."
            )
        else:
            note = _("Two weeks after the notice, but no administrative penalty is owed: %(why)s.")
            note %= {"why": label("admin_excluded", a.admin_excluded)}
        entries.append(TimelineEntry(a.first_penalty_day, "first_penalty_day", note))
    if a.fixing_decision_due is not None:
        last = a.fixing_decision_due - timedelta(days=FIXING_DECISION_DAYS)
        note = _(
            "The penalty's last day is %(last)s; the amount must be fixed by decision within two "
            "weeks after it (Awb art. 4:18)."
        ) % {"last": _date(last)}
        entries.append(TimelineEntry(a.fixing_decision_due, "fixing_decision_due", note))
    for ruling in history.rulings:
        if not (ruling.daily_eur and ruling.cap_eur):
            continue
        start = court_penalty_start(ruling)
        if history.decided is not None and history.decided < start:
            continue  # decided within the court's term: its penalty never runs
        note = _("The court's decision term has passed: the court penalty runs until the decision.")
        entries.append(TimelineEntry(start, "court_penalty_start", note))
    return entries
