# SPDX-License-Identifier: EUPL-1.2
"""Random streams for common random numbers (CRN).

Each *purpose* (inflow, capacity noise, notices, ...) has its own fixed child of one
``SeedSequence``, and each week of each purpose its own grandchild. Two scenarios run with the
same seed therefore see the same arrivals and the same noise in every week, however differently
their stocks evolve: a draw used for one purpose can never shift the draws of another purpose or
of a later week. That is what makes paired differences between scenarios sharp.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np


class Purpose(IntEnum):
    """Stable spawn keys; append new purposes at the end so old seeds keep their meaning."""

    INITIAL = 0  # notices and appeals already sent for the initial stock
    INFLOW = 1  # number of arrivals per week
    INFLOW_SPLIT = 2  # split of arrivals over case types
    CAPACITY = 3  # weekly capacity noise / Poisson decisions
    PARAMETERS = 4  # per-replication parameter uncertainty (hours per case)
    NOTICES = 5  # which overdue cases send a notice of default
    APPEALS = 6  # which noticed cases appeal
    SELECTION = 7  # which cases within one age cell are decided
    OUTCOME = 8  # grant or refusal


class Streams:
    """Generators keyed by (purpose, week) under one seed."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def get(self, purpose: Purpose, week: int = -1) -> np.random.Generator:
        """The generator for ``purpose`` in ``week`` (week -1: once per run)."""
        key = (int(purpose),) if week < 0 else (int(purpose), week)
        return np.random.Generator(
            np.random.PCG64(np.random.SeedSequence(self.seed, spawn_key=key))
        )
