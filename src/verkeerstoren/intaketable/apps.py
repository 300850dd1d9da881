# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeTableConfig(AppConfig):
    name = "verkeerstoren.intaketable"
    label = "intaketable"
    verbose_name = _("Intake table")
