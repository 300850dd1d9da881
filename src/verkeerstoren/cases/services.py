# SPDX-License-Identifier: EUPL-1.2
"""Register-wide use cases (the cut-off split). The facts of one case are recorded by
``cases.facts``. Views, API and CLI call these; none of them writes models directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from verkeerstoren import glossary as g
from verkeerstoren.cutoff import CutoffRule, stream_for

from . import models as m
from .importing.fastinsert import insert_history


@dataclass(frozen=True)
class CutoffSplitSummary:
    to_taskforce: int
    to_regular: int
    unchanged: int
    by_track: dict[str, int]
    by_kind: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return {
            "to_taskforce": self.to_taskforce,
            "to_regular": self.to_regular,
            "unchanged": self.unchanged,
            "taskforce_by_track": self.by_track,
            "taskforce_by_kind": self.by_kind,
        }


@transaction.atomic
def apply_cutoff_split(
    rule: CutoffRule, user: Any = None
) -> tuple[m.CutoffSplitRun, CutoffSplitSummary]:
    """Split the stock at the cut-off date (DOMAIN.md §1.1); recorded as a CutoffSplitRun event."""
    changed: dict[str, list[dict[str, Any]]] = {s.value: [] for s in g.Stream}
    unchanged = 0
    by_track: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    fields = [f.attname for f in m.Case._meta.concrete_fields]
    for row in m.Case.objects.values(*fields).iterator(chunk_size=5000):
        stream: str = stream_for(rule, row["received"], row["track"], row["kind"], row["status"])
        if stream == g.Stream.TASKFORCE.value:
            by_track[row["track"]] = by_track.get(row["track"], 0) + 1
            by_kind[row["kind"]] = by_kind.get(row["kind"], 0) + 1
        if row["stream"] == stream:
            unchanged += 1
            continue
        row["stream"] = stream
        changed[stream].append(row)
    # One UPDATE per stream and one history snapshot per changed case ('~', with the rule as the
    # reason): Django's bulk_update builds a CASE per row and took minutes on the tf2020 stock.
    reason = f"knip {rule.cutoff.isoformat()}"
    for stream, rows in changed.items():
        ids = [r["id"] for r in rows]
        for start in range(0, len(ids), 5000):
            m.Case.objects.filter(id__in=ids[start : start + 5000]).update(stream=stream)
        insert_history(m.Case, rows, getattr(_user(user), "pk", None), reason, "~")
    to_tf = len(changed[g.Stream.TASKFORCE.value])
    to_reg = len(changed[g.Stream.REGULAR.value])
    summary = CutoffSplitSummary(
        to_tf, to_reg, unchanged, dict(sorted(by_track.items())), dict(sorted(by_kind.items()))
    )
    run = m.CutoffSplitRun.objects.create(
        performed_by=_user(user),
        cutoff=rule.cutoff,
        tracks=";".join(sorted(rule.tracks)),
        kinds=";".join(sorted(rule.kinds)),
        court_reentry_to_taskforce=rule.court_reentry_to_taskforce,
        summary=summary.as_dict(),
    )
    return run, summary


def _user(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None
