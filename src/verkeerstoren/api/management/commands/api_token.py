# SPDX-License-Identifier: EUPL-1.2
"""`manage api_token create|revoke USERNAME`: API tokens (`verkeerstoren token` runs this).

The console script's `token` sub-command calls this command by name, so the CLI does not import
the API package (both are entry points of the same layer). An unknown or inactive user is a
CommandError with exit code 2.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from verkeerstoren.api.tokens import create_token, revoke_tokens

MAX_DAYS = 3650


class Command(BaseCommand):
    help = "Create an API token for a user (printed once), or revoke all of a user's tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "revoke"])
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=None, help="days a new token is valid")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user named {username!r}", returncode=2)
        if not user.is_active:
            raise CommandError(f"user {username!r} is not active", returncode=2)
        if options["action"] == "revoke":
            count = revoke_tokens(user)
            self._say(options, {"revoked": count}, f"revoked {count} token(s) of {username}")
            return
        days = options["days"]
        if days is not None and not 1 <= days <= MAX_DAYS:
            raise CommandError(f"--days must be between 1 and {MAX_DAYS}", returncode=2)
        row, token = create_token(user, ttl=timedelta(days=days) if days is not None else None)
        expiry = row.expiry.isoformat() if row.expiry else "never"
        self.stderr.write(f"token for {username}, valid until {expiry} (shown once)")
        self._say(options, {"token": token}, token)

    def _say(self, options: dict[str, Any], data: dict[str, Any], text: str) -> None:
        self.stdout.write(json.dumps(data) if options["json"] else text)
