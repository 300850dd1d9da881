# SPDX-License-Identifier: EUPL-1.2
"""Reports: the weekly management report, the quarterly report to parliament and the monthly
trends, computed as of a day from the register's facts and stored as versions with their inputs.

A layer above plans and forecasts (it reads the published plan and the latest forecast run).
Reports hold aggregates only: no case reference, V-number, pseudonym or name ever appears in
their figures or files.
"""
