# SPDX-License-Identifier: EUPL-1.2
"""Where a forecast's starting scenario comes from: an example file or the register.

Example scenarios live in the repository's ``scenarios/`` folder (the CLI and docs use the same
files). An installed copy without the repository can point ``VERKEERSTOREN_SCENARIOS`` (or the
``FORECAST_SCENARIO_DIR`` setting) at a folder of its own.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.forecast import ScenarioError
from verkeerstoren.forecast.scenario import MAX_SCENARIO_BYTES, parse_scenario_json

from .register_scenario import REGISTER_SCOPES, scenario_from_register

# Slugs are file stems; the pattern keeps a source value from naming a path outside the folder.
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
EXAMPLE_PREFIX = "example:"
REGISTER_PREFIX = "register:"
# The register-derived scenario borrows its capacity and behaviour knobs from this example.
REGISTER_TEMPLATE = "tf2020"


@dataclass(frozen=True)
class Example:
    """One example scenario file."""

    slug: str
    name: str
    description: str

    @property
    def source(self) -> str:
        return f"{EXAMPLE_PREFIX}{self.slug}"


def scenario_dir() -> Path:
    """The folder with example scenarios (environment, setting, or the repository's)."""
    configured = os.environ.get("VERKEERSTOREN_SCENARIOS") or getattr(
        settings, "FORECAST_SCENARIO_DIR", None
    )
    if configured:
        return Path(configured)
    # settings.BASE_DIR is src/verkeerstoren; the repository root is two levels up.
    return Path(settings.BASE_DIR).parents[1] / "scenarios"


def examples() -> list[Example]:
    """The example scenarios, sorted by file name; unreadable files are skipped."""
    folder = scenario_dir()
    found: list[Example] = []
    # By stem, so "tf2020" comes before its variants "tf2020-…" (the dot would sort after "-").
    paths = sorted(folder.glob("*.json"), key=lambda p: p.stem) if folder.is_dir() else []
    for path in paths:
        if not _SLUG.match(path.stem):
            continue
        try:
            data = _read(path)
        except (OSError, ScenarioError):
            continue
        if isinstance(data, dict):
            found.append(
                Example(
                    path.stem, str(data.get("name", path.stem)), str(data.get("description", ""))
                )
            )
    return found


def load_example(slug: str) -> dict[str, Any]:
    """The parsed JSON of one example; KeyError when there is no such example."""
    path = scenario_dir() / f"{slug}.json"
    if not _SLUG.match(slug) or not path.is_file():
        raise KeyError(slug)
    try:
        data = _read(path)
    except (OSError, ScenarioError):
        raise KeyError(slug) from None
    if not isinstance(data, dict):
        raise KeyError(slug)
    return data


def _read(path: Path) -> object:
    """The parsed JSON of a scenario file, within the scenario size and depth limits."""
    with path.open("rb") as handle:
        return parse_scenario_json(handle.read(MAX_SCENARIO_BYTES + 1))


def source_choices() -> list[tuple[str, str]]:
    """(value, label) of every source: the examples, then the register scopes."""
    choices = [(e.source, e.name) for e in examples()]
    choices += [
        (f"{REGISTER_PREFIX}{scope}", str(label)) for scope, label in REGISTER_SCOPES.items()
    ]
    return choices


def load_source(source: str) -> dict[str, Any]:
    """The scenario dict of a source value; KeyError for an unknown source."""
    if source.startswith(EXAMPLE_PREFIX):
        return load_example(source.removeprefix(EXAMPLE_PREFIX))
    if source.startswith(REGISTER_PREFIX):
        scope = source.removeprefix(REGISTER_PREFIX)
        if scope not in REGISTER_SCOPES:
            raise KeyError(source)
        return scenario_from_register(load_example(REGISTER_TEMPLATE), register_as_of(), scope)
    raise KeyError(source)
