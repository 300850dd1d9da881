# SPDX-License-Identifier: EUPL-1.2
"""The cut-off split (knip, DOMAIN.md §1.1): which open cases go to the Taskforce.

Pure and small: the Django app and the synthetic-data tests call the same rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from verkeerstoren.glossary import CaseKind, Track, is_closed

StreamName = Literal["taskforce", "regular"]  # the values of glossary.Stream


@dataclass(frozen=True, slots=True)
class CutoffRule:
    """A cut-off split: open cases received before ``cutoff`` in ``tracks`` and ``kinds`` go to
    the Taskforce, and open court re-entries received before it too when the flag is set.

    The defaults are the split of the letter to parliament of 9 April 2020: track 4 (AA/VA)
    first and repeat applications filed before 2020-04-01, plus zij-instroom.
    """

    cutoff: date = date(2020, 4, 1)
    tracks: frozenset[str] = field(default_factory=lambda: frozenset({Track.REGULAR.value}))
    kinds: frozenset[str] = field(
        default_factory=lambda: frozenset({CaseKind.FIRST.value, CaseKind.REPEAT.value})
    )
    court_reentry_to_taskforce: bool = True


def stream_for(rule: CutoffRule, received: date, track: str, kind: str, status: str) -> StreamName:
    """The stream of one case under ``rule``: ``"taskforce"`` or ``"regular"``.

    Decided and closed cases, and everything received on or after the cut-off, are regular.
    """
    if is_closed(status) or received >= rule.cutoff:
        return "regular"
    if kind == CaseKind.COURT_REENTRY:
        return "taskforce" if rule.court_reentry_to_taskforce else "regular"
    if track in rule.tracks and kind in rule.kinds:
        return "taskforce"
    return "regular"
