# SPDX-License-Identifier: EUPL-1.2
"""Recording one day's intents through the register's fact services (never the models).

Every fact is recorded as the user who moved the clock, with the source ``demo``. A fact the
services refuse (the register's history contradicts it) is skipped and counted; the rest of the
day goes on. The summaries in ``state`` follow what was recorded, so the next day draws from the
register as it now is.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from typing import Any

import structlog

from verkeerstoren import glossary as g
from verkeerstoren.cases import facts
from verkeerstoren.cases import models as cm
from verkeerstoren.synth.daily import DayIntents, OpenCase
from verkeerstoren.synth.registrations import Registration

from .summaries import grant_share

log = structlog.get_logger(__name__)

S = g.Status
K = g.LegalEventKind
SOURCE = "demo"


class Day:
    """The recording of one day: the user, the summaries it updates and the tally it keeps."""

    def __init__(
        self, user: Any, state: dict[int, OpenCase], shares: dict[str, float], tally: Counter[str]
    ) -> None:
        self.user = user
        self.state = state
        self.shares = shares
        self.tally = tally

    def record(self, intents: DayIntents) -> None:
        day = intents.day
        for r in intents.registrations:
            self._register(r)
        ids = {n.case_id for n in intents.notices} | {e.case_id for e in intents.extensions}
        ids |= {s.case_id for s in intents.steps} | {d.case_id for d in intents.decisions}
        cases = cm.Case.objects.in_bulk(list(ids))
        for n in intents.notices:
            if self._try("notices", facts.record_legal_event, cases[n.case_id],
                         K.NOTICE_OF_DEFAULT.value, day, sent_date=n.sent):  # fmt: skip
                self._update(n.case_id, noticed=True)
        for e in intents.extensions:
            if self._try("extensions", facts.record_legal_event, cases[e.case_id],
                         K.EXTENSION.value, day, months=e.months, reason=e.reason):  # fmt: skip
                self._update(e.case_id, has_extension=True)
        stuck: set[int] = set()  # a refused step stops that case's walk for the day
        for step in intents.steps:
            if step.case_id not in stuck and not self._step(cases[step.case_id], step.status, day):
                stuck.add(step.case_id)
        for d in intents.decisions:
            if d.case_id in stuck:
                continue
            if self._try("decisions", facts.change_status, cases[d.case_id], S.DECIDED.value,
                         day, outcome=d.outcome):  # fmt: skip
                self.state.pop(d.case_id, None)

    def _register(self, r: Registration) -> None:
        application = facts.Application(
            v_number=r.v_number,
            nationality=r.nationality,
            language=r.language,
            received=r.received,
            location=r.location,
            kind=r.kind,
            gender=r.gender,
            birth_date=r.birth_date,
            unaccompanied=r.unaccompanied,
            family_group=r.family_group,
            family_members=r.family_members,
            documents=list(r.documents),
            eurodac_hit=r.eurodac_hit,
            dublin_indication=r.dublin_indication,
            protection_elsewhere=r.protection_elsewhere,
            features=list(r.features),
            medical_advice=r.medical_advice,
            age_assessment_needed=r.age_assessment_needed,
            same_gender_request=r.same_gender_request,
        )
        try:
            case = facts.register_application(application, user=self.user, source=SOURCE)
        except facts.FactError as exc:
            self._refused("registrations", exc)
            return
        self.tally["registrations"] += 1
        self.state[case.pk] = OpenCase(
            id=case.pk,
            status=case.status,
            received=case.received,
            track=case.track,
            extended=case.procedure == g.Procedure.EXTENDED,
            deadline=None,  # derived when the move ends
            noticed=False,
            has_extension=False,
            grant_share=grant_share(self.shares, case.kind, case.complexity),
        )

    def _step(self, case: cm.Case, status: str, day: Any) -> bool:
        """Move ``case`` to ``status``; ready for hearing is reached by completing the dossier."""
        current = self.state[case.pk].status
        if status == S.READY_FOR_HEARING:
            for kind in case.dossier_items.filter(done=False).values_list("kind", flat=True):
                if not self._try("dossier_items", facts.complete_dossier_item, case, kind, day):
                    return False
            current = cm.Case.objects.values_list("status", flat=True).get(pk=case.pk)
        if current != status and not self._try("steps", facts.change_status, case, status, day):
            return False
        self._update(case.pk, status=status)
        return True

    def _try(self, what: str, service: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        try:
            service(*args, user=self.user, source=SOURCE, **kwargs)
        except facts.FactError as exc:
            self._refused(what, exc)
            return False
        self.tally[what] += 1
        return True

    def _refused(self, what: str, exc: facts.FactError) -> None:
        # Field names only: the messages are for people, and no case is named in a log.
        self.tally["refused"] += 1
        log.info("demo_fact_refused", fact=what, fields=sorted(exc.fields))

    def _update(self, case_id: int, **changes: Any) -> None:
        if case_id in self.state:
            self.state[case_id] = dataclasses.replace(self.state[case_id], **changes)
