# SPDX-License-Identifier: EUPL-1.2
"""Hearing pages: make a week's schedule, follow the run, the week's schedule with agendas per
officer, room boards per location and schedules per interpreter, disruptions, the lawyer's
planning list and COA's transport list, each also as CSV and ICS."""
