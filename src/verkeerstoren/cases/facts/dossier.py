# SPDX-License-Identifier: EUPL-1.2
"""The back office: dossier items completed, and how the applicant will be heard."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from verkeerstoren import glossary as g
from verkeerstoren.cases import models as m
from verkeerstoren.cases.audit import actor, audited

from .common import check_day, lock, refuse
from .locking import bump
from .status import move

S = g.Status


@transaction.atomic
def complete_dossier_item(
    case: m.Case,
    kind: str,
    on: date,
    *,
    user: Any = None,
    expected_version: int | None = None,
    source: str = "web",
) -> m.DossierItem:
    """Mark one dossier item complete (who, when). The last open item of a case in registration
    or preparation makes it ready for hearing (and so for planning)."""
    case = lock(case)
    item = case.dossier_items.filter(kind=kind).first()
    problems = check_day("date", on, case)
    if item is None:
        problems.append(("kind", "unknown_item"))
    elif item.done:
        problems.append(("kind", "item_done"))
    refuse(problems)
    assert item is not None  # noqa: S101 - refuse() raised otherwise
    bump(case, expected_version)
    item.done, item.done_date, item.done_by = True, on, actor(user)
    with audited(item, user, f"dossier {kind} complete"):
        item.save(update_fields=["done", "done_date", "done_by"])
    if (
        case.status in (S.REGISTERED, S.PREPARING)
        and not case.dossier_items.filter(done=False).exists()
    ):
        if case.status == S.REGISTERED:
            move(case, S.PREPARING.value, on, user, source=source)
        move(case, S.READY_FOR_HEARING.value, on, user, source=source)
    return item


@transaction.atomic
def set_hearing_mode(
    case: m.Case,
    mode: str,
    *,
    consent: bool = False,
    user: Any = None,
    expected_version: int | None = None,
) -> m.Case:
    """Oral, video or written; written only with the applicant's consent, recorded here."""
    case = lock(case)
    problems: list[tuple[str, str]] = []
    if mode not in {h.value for h in g.HearingMode}:
        problems.append(("mode", "unknown_code"))
    if mode == g.HearingMode.WRITTEN and not (consent or case.written_hearing_opt_in):
        problems.append(("consent", "written_needs_consent"))
    refuse(problems)
    bump(case, expected_version)
    case.hearing_mode = mode
    if consent:
        case.written_hearing_opt_in = True
    with audited(case, user, f"hearing mode {mode}"):
        case.save(update_fields=["hearing_mode", "written_hearing_opt_in"])
    return case
