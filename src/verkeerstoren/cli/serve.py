# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren serve`: the web app through gunicorn, as in production (README)."""

from __future__ import annotations

import argparse
import os
import sys

from . import InputError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "serve",
        help="serve the web app with gunicorn (production server)",
        description="Serve the web app with gunicorn and the settings of "
        "verkeerstoren/gunicorn_conf.py. Run `verkeerstoren manage collectstatic` once per "
        "release and task workers (`verkeerstoren manage db_worker`) as separate processes.",
    )
    p.add_argument("--bind", default=None, help="address:port (default 127.0.0.1:8000)")
    p.add_argument("--workers", type=int, default=None, help="web processes (default one per core)")
    p.set_defaults(func=run)


def gunicorn_command(bind: str | None = None, workers: int | None = None) -> list[str]:
    """The gunicorn command line of this interpreter, with the project's configuration."""
    command = [sys.executable, "-m", "gunicorn", "-c", "python:verkeerstoren.gunicorn_conf"]
    if bind:
        command += ["--bind", bind]
    if workers is not None:
        if not 1 <= workers <= 64:
            raise InputError("--workers: from 1 to 64")
        command += ["--workers", str(workers)]
    return [*command, "verkeerstoren.wsgi:application"]


def run(args: argparse.Namespace) -> int:
    command = gunicorn_command(args.bind, args.workers)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verkeerstoren.settings")
    os.execv(command[0], command)  # noqa: S606  (replaces this process; no shell)
