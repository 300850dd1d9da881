# SPDX-License-Identifier: EUPL-1.2
"""Tariffs of the administrative penalty payment (Awb 4:17), versioned by validity date.

Kept apart from the calculation so that the forecast engine and the law engine read one table.
Which tariff applies depends on the date the notice of default was *received* (DOMAIN.md §3.2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MAX_PENALTY_DAYS = 42


@dataclass(frozen=True, slots=True)
class AdminTariff:
    """Daily amounts for penalty days 1-14, 15-28 and 29-42, for notices received from a date."""

    valid_from: date
    band_eur: tuple[int, int, int]

    def daily_eur(self, day_number: int) -> int:
        """Amount owed for penalty day ``day_number`` (1-based); 0 outside 1..42."""
        if day_number < 1 or day_number > MAX_PENALTY_DAYS:
            return 0
        return self.band_eur[(day_number - 1) // 14]

    def cumulative_eur(self, days: int) -> int:
        """Total owed after ``days`` penalty days (clipped to 0..42)."""
        n = max(0, min(days, MAX_PENALTY_DAYS))
        total = 0
        for band, rate in enumerate(self.band_eur):
            in_band = max(0, min(n - band * 14, 14))
            total += in_band * rate
        return total

    @property
    def cap_eur(self) -> int:
        """The maximum: all 42 days (1,442 from 2019, 1,260 before)."""
        return self.cumulative_eur(MAX_PENALTY_DAYS)


# Awb 4:17 lid 2 as amended from 2019-01-01 (indexed amounts); before that 20/30/40 (H).
ADMIN_TARIFFS: tuple[AdminTariff, ...] = (
    AdminTariff(valid_from=date(1900, 1, 1), band_eur=(20, 30, 40)),
    AdminTariff(valid_from=date(2019, 1, 1), band_eur=(23, 35, 45)),
)


def admin_tariff_for(notice_received: date) -> AdminTariff:
    """The tariff that applies to a notice of default received on ``notice_received``."""
    chosen = ADMIN_TARIFFS[0]
    for tariff in ADMIN_TARIFFS:
        if tariff.valid_from <= notice_received:
            chosen = tariff
    return chosen
