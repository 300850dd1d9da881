# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren token create USERNAME [--days N] [--json]` and `token revoke USERNAME`.

A token lets a system call the HTTP API (docs/api.md) as USERNAME, with that user's roles. The
token is printed once (with --json as ``{"token": ...}``) and stored only as a hash; revoking
deletes every token of the user. Both are recorded in the token history. An unknown user exits
with code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import timedelta
from typing import Any

from . import InputError
from .django_setup import setup_django

MAX_DAYS = 3650


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("token", help="API tokens: create and revoke")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    create = actions.add_parser(
        "create",
        help="create an API token for a user",
        description="Create a bearer token for the HTTP API that acts as USERNAME with the "
        "user's roles. The token is printed once and only its hash is stored.",
    )
    create.add_argument("username", metavar="USERNAME")
    create.add_argument(
        "--days",
        type=int,
        default=None,
        help="days the token is valid (default VERKEERSTOREN_API_TOKEN_DAYS, 90)",
    )
    create.add_argument("--json", action="store_true", help='print {"token": ...} as JSON')
    create.set_defaults(func=run_create)
    revoke = actions.add_parser(
        "revoke",
        help="revoke every API token of a user",
        description="Delete every API token of USERNAME; calls with them get 401 at once.",
    )
    revoke.add_argument("username", metavar="USERNAME")
    revoke.add_argument("--json", action="store_true", help='print {"revoked": N} as JSON')
    revoke.set_defaults(func=run_revoke)
    p.set_defaults(func=lambda _args: (p.print_help(), 2)[1])


def _user(username: str) -> Any:
    setup_django()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise InputError(f"no user named {username!r}")
    if not user.is_active:
        raise InputError(f"user {username!r} is not active")
    return user


def run_create(args: argparse.Namespace) -> int:
    if args.days is not None and not 1 <= args.days <= MAX_DAYS:
        raise InputError(f"--days must be between 1 and {MAX_DAYS}")
    user = _user(args.username)
    from verkeerstoren.api.tokens import create_token

    ttl = timedelta(days=args.days) if args.days is not None else None
    row, token = create_token(user, ttl=ttl)
    expiry = row.expiry.isoformat() if row.expiry else "never"
    if args.json:
        json.dump({"token": token}, sys.stdout)
        sys.stdout.write("\n")
        print(f"token for {args.username}, valid until {expiry}", file=sys.stderr)
    else:
        print(f"token for {args.username}, valid until {expiry} (shown once):")
        print(token)
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    user = _user(args.username)
    from verkeerstoren.api.tokens import revoke_tokens

    count = revoke_tokens(user)
    if args.json:
        json.dump({"revoked": count}, sys.stdout)
        sys.stdout.write("\n")
    else:
        print(f"revoked {count} token(s) of {args.username}")
    return 0
