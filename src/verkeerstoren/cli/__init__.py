# SPDX-License-Identifier: EUPL-1.2
"""The `verkeerstoren` console script: one parser, one sub-command module per capability.

Each sub-command module exposes ``register(subparsers)`` and sets ``func`` on its parser; the
function returns the exit code. Bad input raises :class:`InputError` (exit 2, message on stderr,
no traceback) so that scripts can tell user error from a crash.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from verkeerstoren import logs

# Sub-command modules, in the order `--help` lists them. Each is imported lazily so that
# `verkeerstoren law exposure` does not pay for Django start-up.
COMMANDS: tuple[str, ...] = (
    "demo",
    "serve",
    "synth",
    "imports",
    "export",
    "cutoff",
    "pseudonym",
    "law",
    "gap",
    "plan",
    "hearings",
    "forecast",
    "intake",
    "token",
    "clock",
    "report",
    "manage",
)


class InputError(Exception):
    """Bad input from the user: reported on stderr with exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    """Build the full argument parser with every available sub-command."""
    parser = argparse.ArgumentParser(
        prog="verkeerstoren",
        description="Control tower for the asylum case flow (case register, law engine, "
        "planning, forecasts).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"verkeerstoren.cli.{name}")
        except ModuleNotFoundError as exc:  # a capability not built yet is simply absent
            if exc.name == f"verkeerstoren.cli.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    logs.configure()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        code: int = args.func(args)
    except InputError as exc:
        print(f"verkeerstoren: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("verkeerstoren: interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
