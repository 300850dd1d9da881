# SPDX-License-Identifier: EUPL-1.2
"""The case register: cases, legal events, staff and reference data (Django app)."""
