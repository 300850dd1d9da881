# SPDX-License-Identifier: EUPL-1.2
"""Versioned legal regimes: which penalty rules applied to asylum applications on a given day.

The engine answers "what was owed under the law of that day": :func:`regime_on` picks the row in
force on the as-of date (or, for an expected future judgment, on that judgment's date). Rows are
data, so a new statute (e.g. bill 35749) is a new row, not new code.

The temporary law (Stb. 2020, 242) removed the administrative penalty for asylum applications
from 2020-07-10, **except** where the term had expired and the notice of default was given before
that date: old law continues for those cases. Whether "given" means sent or received is
uncertain (DOMAIN.md §3.4, L), hence the ``notice_given_by`` parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from verkeerstoren.law.model import Notice

NoticeDate = Literal["received", "sent"]

TEMPORARY_LAW_IN_FORCE = date(2020, 7, 10)


@dataclass(frozen=True, slots=True)
class Regime:
    """Penalty rules for asylum applications in force from ``valid_from`` until the next row.

    ``admin_penalty``: whether Awb 4:17 applies to asylum applications at all;
    ``old_law_before``: if set, cases whose deadline and notice both fall before this date keep
    the old law (admin penalty, appeal and court penalty) — the temporary law's exception;
    ``appeal_possible`` / ``court_penalty``: whether an appeal against not deciding in time is
    possible and whether the court may attach a penalty (used for *expected* court exposure).
    """

    name: str
    valid_from: date
    admin_penalty: bool
    appeal_possible: bool
    court_penalty: bool
    old_law_before: date | None = None
    notice_given_by: NoticeDate = "received"
    source: str = ""


DEFAULT_REGIMES: tuple[Regime, ...] = (
    Regime(
        name="awb",
        valid_from=date(1900, 1, 1),
        admin_penalty=True,
        appeal_possible=True,
        court_penalty=True,
        source="Awb 4:17-4:18, 6:12, 8:55b-8:55d",
    ),
    Regime(
        name="temporary_law_2020",
        valid_from=TEMPORARY_LAW_IN_FORCE,
        admin_penalty=False,
        appeal_possible=False,
        court_penalty=False,
        old_law_before=TEMPORARY_LAW_IN_FORCE,
        source="Tijdelijke wet, Stb. 2020, 242 (H)",
    ),
    Regime(
        name="appeal_restored_2021",
        valid_from=date(2021, 7, 11),
        admin_penalty=False,
        appeal_possible=True,
        court_penalty=False,
        old_law_before=TEMPORARY_LAW_IN_FORCE,
        source="temporary law lapsed for appeals 2021-07-11 (M)",
    ),
    Regime(
        name="court_penalty_restored_2022",
        valid_from=date(2022, 11, 30),
        admin_penalty=False,
        appeal_possible=True,
        court_penalty=True,
        old_law_before=TEMPORARY_LAW_IN_FORCE,
        source="ABRvS 2022-11-30 (M)",
    ),
)


def regime_on(day: date, regimes: Sequence[Regime] = DEFAULT_REGIMES) -> Regime:
    """The regime in force on ``day``: the last row (by ``valid_from``) starting on or before it.

    Before the first row, the first row applies (there is no "no law").
    """
    ordered = sorted(regimes, key=lambda r: r.valid_from)  # stable: equal dates keep list order
    chosen = ordered[0]
    for regime in ordered:
        if regime.valid_from <= day:
            chosen = regime
    return chosen


def keeps_old_law(regime: Regime, deadline: date, notice: Notice | None) -> bool:
    """True when the transitional exception keeps the old law for this case under ``regime``."""
    if regime.old_law_before is None or notice is None:
        return False
    given = notice.received if regime.notice_given_by == "received" else notice.given
    return deadline < regime.old_law_before and given < regime.old_law_before


def admin_penalty_allowed(
    regime: Regime, asylum: bool, deadline: date, notice: Notice | None
) -> bool:
    """Whether ``regime`` lets the administrative penalty run for a case at all."""
    if not asylum or regime.admin_penalty:
        return True
    return keeps_old_law(regime, deadline, notice)


def court_penalty_possible(
    regime: Regime, asylum: bool, deadline: date, notice: Notice | None
) -> bool:
    """Whether an appeal with a court penalty is possible under ``regime`` (expected exposure)."""
    if not asylum or (regime.appeal_possible and regime.court_penalty):
        return True
    return keeps_old_law(regime, deadline, notice)
