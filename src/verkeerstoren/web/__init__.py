# SPDX-License-Identifier: EUPL-1.2
"""Web UI: register pages, dashboards (Django templates + htmx)."""
