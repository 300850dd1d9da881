# SPDX-License-Identifier: EUPL-1.2
"""Key rotation of the V-number pseudonym: every case and its history to the new key, at once.

An HMAC cannot be turned back, so re-keying needs the plain V-numbers once more (the intake's
files, e.g. the original ``cases.csv``) and the old key: a V-number's old pseudonym finds its case,
and the new key gives the new pseudonym. All cases move in one transaction or none does, so the
register never holds pseudonyms under two keys; the history rows move too, so no old-key
pseudonym stays behind to link with other old-key data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import structlog
from django.db import transaction

from . import models as m
from .pseudonym import InvalidVNumber, pseudonymise

log = structlog.get_logger(__name__)


class RekeyError(ValueError):
    """The re-keying cannot be done as asked; nothing was changed. Never names a V-number."""


@dataclass(frozen=True)
class RekeySummary:
    cases: int
    history_rows: int
    unused_v_numbers: int  # V-numbers of the file whose case is not in the register


def rekey_pseudonyms(v_numbers: Iterable[str], old_key: str, new_key: str) -> RekeySummary:
    """Move every case's pseudonym from ``old_key`` to ``new_key``; all cases or none."""
    if not old_key or old_key == new_key:
        raise RekeyError("the old key must be set and differ from the new key")
    moves: dict[str, str] = {}
    for line, v in enumerate(v_numbers, start=1):
        try:
            moves[pseudonymise(v, old_key)] = pseudonymise(v, new_key)
        except InvalidVNumber:
            raise RekeyError(f"V-number {line}: not 10 digits") from None
    with transaction.atomic():
        cases = list(m.Case.objects.select_for_update().only("id", "person"))
        missing = sum(1 for c in cases if c.person not in moves)
        if missing:
            raise RekeyError(
                f"{missing} of {len(cases)} cases have no V-number in the file under the old key "
                "(a wrong old key, or an incomplete file); nothing was changed"
            )
        for c in cases:
            c.person = moves[c.person]
        m.Case.objects.bulk_update(cases, ["person"], batch_size=2000)
        history = 0
        for old, new in moves.items():
            history += m.Case.history.filter(person=old).update(person=new)
    summary = RekeySummary(len(cases), history, len(moves) - len(cases))
    log.info("pseudonyms_rekeyed", cases=summary.cases, history_rows=summary.history_rows)
    return summary
