"""Planning core (pure): GAP solver and the case -> officer/week planner.

Public API:

* GAP: :func:`~verkeerstoren.planning.gap.instance.read_gap`, :func:`~verkeerstoren.planning.gap.instance.parse_gap`,
  :func:`~verkeerstoren.planning.gap.solver.solve_gap`.
* Planning: :func:`~verkeerstoren.planning.model.instance.instance_from_dict` (or build the
  dataclasses in :mod:`~verkeerstoren.planning.model.instance` directly),
  :func:`~verkeerstoren.planning.solve.solve_plan`,
  :func:`~verkeerstoren.planning.baselines.baseline_plans`,
  :func:`~verkeerstoren.planning.model.checker.check_plan`.
"""
