# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HearingsConfig(AppConfig):
    name = "verkeerstoren.hearings"
    label = "hearings"
    verbose_name = _("Hearings")
