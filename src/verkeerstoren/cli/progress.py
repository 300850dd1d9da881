# SPDX-License-Identifier: EUPL-1.2
"""Rich progress bars on stderr, so stdout stays clean for --json."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

STDERR = Console(stderr=True)


@contextmanager
def table_progress(enabled: bool = True) -> Iterator[Callable[[str, int, int], None]]:
    """Yields a callback (label, done, total) that drives one bar per label."""
    if not enabled:
        yield lambda label, done, total: None
        return
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=STDERR, transient=False,
    ) as progress:  # fmt: skip
        tasks: dict[str, TaskID] = {}

        def update(label: str, done: int, total: int) -> None:
            if label not in tasks:
                tasks[label] = progress.add_task(label, total=max(total, 1))
            progress.update(tasks[label], completed=done, total=max(total, 1))

        yield update
