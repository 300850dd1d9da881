# SPDX-License-Identifier: EUPL-1.2
"""Planning core (pure): which officer decides which case in which week, at least cost.

Read it top-down:

* :mod:`.model` -- the problem: the instance (staff, cases, families, firms, pins; its JSON in
  :mod:`.model.serialize`), a plan and its cost, the capacity rule (:mod:`.model.capacity`),
  pools, options, and the independent checker (:mod:`.model.checker`).
* :mod:`.solve` -- the one entry point, :func:`~verkeerstoren.planning.solve.solve_plan`: it picks
  the exact path for small instances and the large path otherwise, within one deadline, and
  returns the plan with a proven lower bound.
* :mod:`.exact` -- the MIP over options (:mod:`.exact.model`), pins placed together
  (:mod:`.exact.pins`) and large-neighbourhood search over a few officers (:mod:`.exact.lns`).
* :mod:`.large` -- arrays of units and choices (:mod:`.large.arrays`), the compact LP
  (:mod:`.large.lp`), Lagrangian pricing and bounds (:mod:`.large.pricing`,
  :mod:`.large.knapsack_bound`), building a plan from prices (:mod:`.large.construct`,
  :mod:`.large.placer`) and repacking weeks exactly (:mod:`.large.repack`).
* :mod:`.baselines` -- FIFO and EDF greedy plans: "how planning was done by hand".
* :mod:`.gap` -- the Generalized Assignment Problem solver, standing apart: no planner module
  imports it; it shares the solvers, not the model.

Words used throughout:

* **unit** -- a case, or a whole family (decided together by one officer in one week);
* **choice** -- how a case is done apart from who and when: its hearing mode and which packages
  (prepare, draft) go to a firm; it fixes the officer's own hours and the firm hours;
* **option** -- one way to plan a case: holder, week, mode and outsourcing, everything that
  changes hours or cost (the columns of the exact model);
* **pool** -- officers with identical eligibility, summed in the bound's LP;
* **class** -- cases whose choices are equal; in the compact LP they differ only in their costs;
* **holder** -- who holds a case's hours in a model: an officer (plans) or a pool (bounds).
"""
