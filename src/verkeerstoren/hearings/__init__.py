# SPDX-License-Identifier: EUPL-1.2
"""Hearing schedules in the register: every hearing of a week of the published plan gets a day,
a slot, a room, an officer and an interpreter, with the applicant's lawyer free.

Read it top-down:

* :mod:`.slots` -- the week's working days and the half-day slots, with their clock times.
* :mod:`.export` -- the register's hearing instance (planning.hearings) for a week of the
  published plan, and the maps back to the register's rows.
* :mod:`.models` -- schedule runs (``runs.Run``), the hearings they place, disruptions.
* :mod:`.tasks` -- the background run: export, solve, check, store; a re-schedule keeps every
  hearing that still fits and lists who must be told of the rest (:mod:`.changes`).
* :mod:`.services` -- the use cases: make a week's schedule, record a disruption and
  re-schedule, mark a hearing held or cancelled; all audited.
* :mod:`.queries` -- the agendas, boards, planning lists and the transport list the pages and
  exports read; :mod:`.exports` writes them as CSV and ICS.

It sits above ``plans`` (it reads the published plan) and the intake table (a child hearing).
"""
