# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren manage ...`: Django's management commands (migrate, createsuperuser, ...)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("manage", help="run a Django management command", add_help=False)
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    from .django_setup import setup_django

    setup_django(migrate=False)
    execute_from_command_line(["verkeerstoren manage", *args.args])
    return 0
