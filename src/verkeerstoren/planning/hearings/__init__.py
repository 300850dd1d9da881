# SPDX-License-Identifier: EUPL-1.2
"""Hearing scheduling (pure): each hearing of a run of days gets a day, a slot, a room, an
officer and an interpreter, its lawyer free, so that the hearings scheduled weigh the most.

Read it top-down:

* :mod:`.instance` -- the problem: days and slots, rooms, officers, interpreters, lawyers and
  hearings; its JSON form (docs/formats.md, "Hearing instance") read with bounded input and
  every refusal naming the field (:mod:`.parse`).
* :mod:`.schedule` -- the answer: :class:`~.schedule.ScheduledHearing` per hearing heard, the
  weight, a valid upper bound and the gap.
* :mod:`.solve` -- the one entry point, :func:`~.solve.solve_hearings`; its docstring gives the
  steps, each a module:
* :mod:`.space` -- every hearing's starts, with the officers and interpreters free for all of
  it, and its room classes (interchangeable rooms); days a family cannot be heard on whole are
  dropped;
* :mod:`.formulation` -- the exact 0-1 model of scheduling a set of hearings in the capacity
  the others leave (:mod:`.usage` counts that capacity, :class:`~.usage.Placement` is one
  hearing placed);
* :mod:`.lp` -- its LP relaxation with HiGHS and the upper bound the LP's prices prove;
* :mod:`.mip` -- the exact model solved with the HiGHS MIP;
* :mod:`.greedy` -- a first schedule; :mod:`.lns` -- large-neighbourhood search with sub-MIPs;
* :mod:`.rooms` -- rooms named within their class: the schedule.
* :mod:`.checker` -- an independent checker of a schedule against every rule, written from
  docs/formats.md; it imports none of the solver's modules.
* :mod:`.examples` -- random instances: small ones for the tests, and benchmark weeks.

Why this design and what else was measured: docs/decisions/0018-hearing-scheduler.md.

The register side (an instance from the published weekly plan, the week's schedule in the app)
builds on :mod:`.instance` and :func:`~.solve.solve_hearings` and lives outside this package.
"""
