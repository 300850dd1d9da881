# SPDX-License-Identifier: EUPL-1.2
"""Forecast runs: scenarios submitted from the web, run in the background, results stored.

The Monte Carlo engine itself is the pure package :mod:`verkeerstoren.forecast`; this app only
keeps runs (input, progress, summarised output) and the use cases that start them.
"""
