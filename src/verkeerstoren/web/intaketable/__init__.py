# SPDX-License-Identifier: EUPL-1.2
"""The intake table page (Regietafel): one table of the day, each role its own columns."""
