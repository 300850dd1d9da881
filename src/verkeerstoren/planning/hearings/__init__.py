# SPDX-License-Identifier: EUPL-1.2
"""Hearing scheduling (pure): each hearing of a run of days gets a day, a slot, a room, an
officer and an interpreter, its lawyer free, so that the hearings scheduled weigh the most.

Read it top-down:

* :mod:`.instance` -- the problem: days and slots, rooms, officers, interpreters, lawyers and
  hearings; its JSON form (docs/formats.md, "Hearing instance") read with bounded input and
  every refusal naming the field (:mod:`.parse`).
* :mod:`.schedule` -- the answer: :class:`~.schedule.ScheduledHearing` per hearing heard, the
  weight, a valid upper bound and the gap.
* :mod:`.solve` -- the one entry point, :func:`~.solve.solve_hearings`.
* :mod:`.checker` -- an independent checker of a schedule against every rule, written from
  docs/formats.md; it imports none of the solver's modules.
* :mod:`.examples` -- random instances: small ones for the tests, and benchmark weeks.

The register side (an instance from the published weekly plan, the week's schedule in the app)
builds on :mod:`.instance` and :func:`~.solve.solve_hearings` and lives outside this package.
"""
