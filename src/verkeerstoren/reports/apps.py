# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "verkeerstoren.reports"
    label = "reports"
    verbose_name = _("Reports")
