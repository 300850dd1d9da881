"""Web UI: register pages, dashboards (Django templates + htmx)."""
