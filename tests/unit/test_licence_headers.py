# SPDX-License-Identifier: EUPL-1.2
"""Every source file of ours names its licence (SPDX) in its first lines; vendored files keep theirs."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCES = (".py", ".js", ".css", ".mjs")


def test_every_source_file_carries_the_spdx_licence_identifier() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "src", "tests", "bench"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    ours = [f for f in listed if f.endswith(SOURCES) and "/vendor/" not in f]
    assert len(ours) > 100  # the listing worked
    missing = [
        f for f in ours
        if "SPDX-License-Identifier: EUPL-1.2" not in (REPO / f).read_text(encoding="utf-8")[:200]
    ]  # fmt: skip
    assert missing == []
