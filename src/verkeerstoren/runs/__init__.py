# SPDX-License-Identifier: EUPL-1.2
"""The lifecycle every background run shares (plan runs, forecast runs).

``models.Run`` is the abstract model (status, timestamps, error); ``services`` holds the only
functions that change a run's status: start, mark_running, finish, fail and fail_stalled. Each
validates the transition, writes it and records it in the run's history. ``keep_alive`` beats
a running run's heartbeat; the ``run_watchdog`` command fails runs whose heartbeat stopped. This
package knows no kind of run: plans and forecasts build on it, never the other way round.
"""
