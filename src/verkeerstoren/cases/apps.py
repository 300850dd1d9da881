# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "verkeerstoren.cases"
    label = "cases"
    verbose_name = _("Case register")

    def ready(self) -> None:
        # The key checks (checks.py) register themselves on import.
        from verkeerstoren import checks  # noqa: F401
