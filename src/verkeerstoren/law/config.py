# SPDX-License-Identifier: EUPL-1.2
"""The law a calculation runs under: calendar, group-extension policies and regime table.

One frozen bundle so that the per-case and the vectorised engine are always fed the same rules,
and a caller (a scenario, a test, the Django app) can swap any part of it.
"""

from __future__ import annotations

from dataclasses import dataclass

from verkeerstoren.law.calendar import ATW_CALENDAR, AtwCalendar
from verkeerstoren.law.regimes import DEFAULT_REGIMES, Regime
from verkeerstoren.law.terms import DEFAULT_EXTENSION_POLICIES, ExtensionPolicy


@dataclass(frozen=True, slots=True)
class LawConfig:
    """Calendar, group extensions and regimes used to evaluate cases."""

    calendar: AtwCalendar = ATW_CALENDAR
    extension_policies: tuple[ExtensionPolicy, ...] = DEFAULT_EXTENSION_POLICIES
    regimes: tuple[Regime, ...] = DEFAULT_REGIMES


DEFAULT_LAW = LawConfig()
