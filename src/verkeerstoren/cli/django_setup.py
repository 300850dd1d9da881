"""Start Django for CLI sub-commands that touch the register."""

from __future__ import annotations

import os


def setup_django() -> None:
    """Configure settings and load the apps (idempotent)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verkeerstoren.settings")
    import django

    django.setup()
