# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "verkeerstoren.plans"
    label = "plans"
    verbose_name = _("Planning")
