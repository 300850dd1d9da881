# SPDX-License-Identifier: EUPL-1.2
"""Who must be told of a re-schedule: per hearing that moved, was dropped or was added, the
applicant (through COA, who brings them), the lawyer, and the officers and interpreters of the
hearing before and after (a person in both is told once)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Place = Mapping[str, Any]  # {"day": iso date, "slot", "room", "officer", "interpreter"}
KEYS = ("day", "slot", "room", "officer", "interpreter")


def changed(before: Place | None, after: Place | None) -> bool:
    """Did the hearing's day, slot, room, officer or interpreter change (or appear, or go)?"""
    if before is None or after is None:
        return before is not after
    return any(before.get(k) != after.get(k) for k in KEYS)


def who_to_tell(
    case: str, lawyer: str | None, before: Place | None, after: Place | None
) -> dict[str, Any]:
    """One change: the case, where it was and is, and who must be told."""
    tell: list[dict[str, str]] = [{"role": "applicant", "via": "coa"}]
    if lawyer:
        tell.append({"role": "lawyer", "code": lawyer})
    for role in ("officer", "interpreter"):
        seen: list[str] = []
        for place in (before, after):
            code = place.get(role) if place else None
            if code and code not in seen:
                seen.append(code)
                tell.append({"role": role, "code": code})
    return {"case": case, "before": dict(before) if before else None,
            "after": dict(after) if after else None, "tell": tell}  # fmt: skip
