# SPDX-License-Identifier: EUPL-1.2
"""The chain dashboards: COA, DT&V and management each see their own page (DOMAIN.md §1.11, §4).

Every figure is as of a day (the as-of switch, web/common/asof.py) and comes with a table; COA
and DT&V never see features, motives or dossier items.
"""
