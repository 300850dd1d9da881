"""Planning core (pure): GAP solver and the case -> officer/week planner.

Public API:

* GAP: :func:`~verkeerstoren.planning.gap.read_gap`, :func:`~verkeerstoren.planning.gap.parse_gap`,
  :func:`~verkeerstoren.planning.gap_solver.solve_gap`.
* Planning: :func:`~verkeerstoren.planning.instance.instance_from_dict` (or build the
  dataclasses in :mod:`~verkeerstoren.planning.instance` directly),
  :func:`~verkeerstoren.planning.assign.solve_plan`,
  :func:`~verkeerstoren.planning.baselines.baseline_plans`,
  :func:`~verkeerstoren.planning.checker.check_plan`.
"""
