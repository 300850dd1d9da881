# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "verkeerstoren.web"
    label = "web"
    verbose_name = _("Web")
