# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForecastsConfig(AppConfig):
    name = "verkeerstoren.forecasts"
    label = "forecasts"
    verbose_name = _("Forecasts")
