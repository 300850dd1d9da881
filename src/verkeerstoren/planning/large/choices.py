# SPDX-License-Identifier: EUPL-1.2
"""Choices: how a case can be done apart from who and when.

A case's *choice* fixes its hearing mode and which packages go to a firm, and so the officer
and firm hours, whatever the week and the officer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class Choice:
    """How a case is done apart from who and when: mode, outsourcing, hours that follow."""

    mode: str
    prepare_out: bool
    draft_out: bool
    officer_hours: float
    firm_prepare: float
    firm_draft: float
    pools: NDArray[np.int64]  # pools whose officers may take the case in this mode
