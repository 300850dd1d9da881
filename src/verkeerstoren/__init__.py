"""Verkeerstoren: control tower for the asylum case flow (IND, COA, DT&V)."""

__version__ = "0.1.0"
