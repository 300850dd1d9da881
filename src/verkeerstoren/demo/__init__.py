# SPDX-License-Identifier: EUPL-1.2
"""The living demo: moving the demo clock records the synthetic facts of the days it passes.

``advance`` moves the register's day (``cases.clock``) and, in the same transaction, records
each day's registrations, notices of default, extensions, status steps and decisions — drawn by
the pure ``synth.daily`` from summaries of the register and the published plan — through the
register's fact services, then derives the law figures of the new day once for every case.
A layer above plans and forecasts: it reads the published plan and the forecast's outcome
shares; the web page and the CLI call it.
"""

from .period import Advanced, advance

__all__ = ["Advanced", "advance"]
