# SPDX-License-Identifier: EUPL-1.2
"""WSGI entry point. It refuses to start with keys that may not protect real data (checks.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verkeerstoren.settings")
application = get_wsgi_application()

from verkeerstoren.checks import refuse_weak_keys  # noqa: E402  (needs the apps loaded)

refuse_weak_keys()
