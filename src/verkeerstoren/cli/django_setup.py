# SPDX-License-Identifier: EUPL-1.2
"""Start Django for CLI sub-commands that touch the register."""

from __future__ import annotations

import os


def setup_django(migrate: bool = True) -> None:
    """Configure settings, load the apps and bring the schema up to date (idempotent).

    Migrating here means a user never meets 'no such table' after an upgrade or on a fresh
    database: every register command works on whatever database DATABASE_URL names.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verkeerstoren.settings")
    import django

    django.setup()
    from verkeerstoren.checks import WeakKeys, refuse_weak_keys

    from . import InputError

    try:
        refuse_weak_keys()  # before any command reads or pseudonymises register data
    except WeakKeys as exc:
        raise InputError(str(exc)) from None
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
