# SPDX-License-Identifier: EUPL-1.2
"""Planning app: plan runs and versions built from the register, pins, team targets.

The optimisation itself lives in the pure :mod:`verkeerstoren.planning` package; this app turns
the register into a planning instance (register_instance), runs the solver in the background
(tasks), stores versions with their assignments and reasons, and derives team targets.
"""
