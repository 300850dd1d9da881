# SPDX-License-Identifier: EUPL-1.2
"""Input model of the law engine: one case's legal history as plain, frozen dataclasses.

The Django app adapts its models to these classes; the CLI builds them from JSON Lines
(see :mod:`verkeerstoren.law.codec`). Everything is a fact about the case; deadlines and
amounts are derived from these facts, never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Suspension:
    """A period ``[start, end]`` (both inclusive) in which the decision term stood still."""

    start: date
    end: date

    @property
    def days(self) -> int:
        """Length of the period in calendar days, both ends counted."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Notice:
    """A notice of default (*ingebrekestelling*): date received, and date sent when known."""

    received: date
    sent: date | None = None

    @property
    def given(self) -> date:
        """Date sent when known, else date received (a notice is never received before sent)."""
        return self.sent if self.sent is not None else self.received


@dataclass(frozen=True, slots=True)
class CourtRuling:
    """A court ruling on an appeal against not deciding in time (Awb 8:55b-8:55d).

    The court orders a decision within ``decision_term_days`` after ``judgment`` and attaches a
    penalty of ``daily_eur`` per day of further delay, capped at ``cap_eur`` (0 = no penalty).
    """

    judgment: date
    decision_term_days: int
    daily_eur: float
    cap_eur: float

    @property
    def has_penalty(self) -> bool:
        """True when the court attached a penalty (a daily amount and a cap)."""
        return self.daily_eur > 0 and self.cap_eur > 0


@dataclass(frozen=True, slots=True)
class CaseHistory:
    """The legal events of one application, as known to the service.

    ``extensions`` are individual extensions in months (group extensions by policy are added by
    the engine from the application date); ``manifestly_unfounded`` and
    ``manifestly_inadmissible`` exclude the administrative penalty (Awb 4:17 lid 3 aanhef en c);
    ``asylum`` marks an asylum application, the only kind the temporary law of 2020 touched.
    """

    id: str
    received: date
    extensions: tuple[int, ...] = ()
    suspensions: tuple[Suspension, ...] = ()
    notices: tuple[Notice, ...] = ()
    rulings: tuple[CourtRuling, ...] = ()
    decided: date | None = None
    manifestly_unfounded: bool = False
    manifestly_inadmissible: bool = False
    asylum: bool = True

    @property
    def excluded_from_admin_penalty(self) -> bool:
        """True when the application is marked manifestly unfounded or inadmissible."""
        return self.manifestly_unfounded or self.manifestly_inadmissible
