# SPDX-License-Identifier: EUPL-1.2
"""Recording facts: one service per state change, each validating, writing, auditing, raising
the case's version and refreshing its law figures in one transaction.

Pages, the API, the demo clock and the CLI call these; none writes register models directly.
"""

from .dossier import complete_dossier_item, set_hearing_mode
from .errors import FactError, StaleError
from .events import correct_legal_event, record_legal_event
from .intake import Application, register_application
from .refresh import refresh_case_law
from .status import change_status

__all__ = [
    "Application",
    "FactError",
    "StaleError",
    "change_status",
    "complete_dossier_item",
    "correct_legal_event",
    "record_legal_event",
    "refresh_case_law",
    "register_application",
    "set_hearing_mode",
]
