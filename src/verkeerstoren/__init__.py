# SPDX-License-Identifier: EUPL-1.2
"""Verkeerstoren: control tower for the asylum case flow (IND, COA, DT&V)."""

__version__ = "0.1.0"
