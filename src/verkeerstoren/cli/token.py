# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren token create USERNAME [--days N] [--json]` and `token revoke USERNAME`.

A token lets a system call the HTTP API (docs/api.md) as USERNAME, with that user's roles. The
token is printed once (with --json as ``{"token": ...}``) and stored only as a hash; revoking
deletes every token of the user. Both are recorded in the token history. An unknown user exits
with code 2. The work is the API app's management command ``api_token``, called by name: the CLI
and the API are entry points that do not import each other.
"""

from __future__ import annotations

import argparse

from . import InputError
from .django_setup import setup_django


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
    create.set_defaults(func=run)
    revoke = actions.add_parser(
        "revoke",
        help="revoke every API token of a user",
        description="Delete every API token of USERNAME; calls with them get 401 at once.",
    )
    revoke.add_argument("username", metavar="USERNAME")
    revoke.add_argument("--json", action="store_true", help='print {"revoked": N} as JSON')
    revoke.set_defaults(func=run, days=None)
    p.set_defaults(func=lambda _args: (p.print_help(), 2)[1])


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    options = ["--json"] if args.json else []
    if args.days is not None:
        options += ["--days", str(args.days)]
    try:
        call_command("api_token", args.action, args.username, *options)
    except CommandError as exc:
        raise InputError(str(exc)) from None
    return 0
