# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class RunsConfig(AppConfig):
    """The run lifecycle: abstract models only (no tables), and the ``run_watchdog`` command."""

    name = "verkeerstoren.runs"
    label = "runs"
