# SPDX-License-Identifier: EUPL-1.2
"""Helpers of the browser tests: axe-core checks (WCAG 2.1 A/AA plus axe's best practices) and
where screenshots go."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe

# The build fails on serious or critical violations; the others are printed.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def assert_accessible(page: Any, name: str) -> None:
    """Run axe on the page; fail on serious or critical violations, print every violation."""
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    for v in violations:
        targets = [n["target"] for n in v["nodes"]][:5]
        # Shown by pytest with the test's output: the violations that do not fail the build.
        print(f"[axe {name}] {v['impact']}: {v['id']} — {v['help']} {targets}")  # noqa: T201
    blocking = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
    assert not blocking, f"{name}: serious/critical accessibility violations {blocking}"


def screenshot_path(name: str) -> str:
    """Where a test leaves its screenshot for a person to look at: the system's temp folder."""
    return str(Path(tempfile.gettempdir()) / f"verkeerstoren-{name}.png")
