# SPDX-License-Identifier: EUPL-1.2
"""Generalized Assignment Problem (GAP): instance, file reader and result types.

The file format is the one of docs/formats.md, "GAP instance" (whitespace-separated
integers: ``m n``, m rows of costs, m rows of weights, m capacities). Errors name the line and
the field so that a user can fix a malformed file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

IntArray = NDArray[np.int64]


class GapFormatError(ValueError):
    """The GAP file is malformed (message names the line and field)."""


class GapInfeasibleError(ValueError):
    """The GAP instance has no feasible assignment."""


@dataclass(frozen=True)
class GapInstance:
    """A GAP instance: ``cost[i, j]`` and ``weight[i, j]`` of job j on agent i, ``capacity[i]``."""

    cost: IntArray
    weight: IntArray
    capacity: IntArray

    @property
    def agents(self) -> int:
        """Number of agents (m)."""
        return int(self.cost.shape[0])

    @property
    def jobs(self) -> int:
        """Number of jobs (n)."""
        return int(self.cost.shape[1])

    def total_cost(self, assignment: IntArray) -> int:
        """Total cost of an assignment (agent index per job)."""
        return int(self.cost[assignment, np.arange(self.jobs)].sum())

    def loads(self, assignment: IntArray) -> IntArray:
        """Capacity used on each agent by an assignment."""
        used = self.weight[assignment, np.arange(self.jobs)]
        return np.bincount(assignment, weights=used, minlength=self.agents).astype(np.int64)

    def is_feasible(self, assignment: IntArray) -> bool:
        """True when every job has a valid agent and no capacity is exceeded."""
        if assignment.shape != (self.jobs,):
            return False
        if assignment.min(initial=0) < 0 or assignment.max(initial=0) >= self.agents:
            return False
        return bool(np.all(self.loads(assignment) <= self.capacity))


@dataclass(frozen=True)
class GapResult:
    """Outcome of :func:`verkeerstoren.planning.gap.solver.solve_gap`."""

    cost: int
    lower_bound: int
    seconds: float
    assignment: tuple[int, ...]
    iterations: int
    proven_optimal: bool


def parse_gap(text: str, source: str = "<text>") -> GapInstance:
    """Parse GAP text; raise :class:`GapFormatError` naming line and field on bad input."""
    tokens: list[tuple[int, str]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        tokens.extend((lineno, tok) for tok in line.split())
    pos = 0

    def take(field: str) -> int:
        nonlocal pos
        if pos >= len(tokens):
            raise GapFormatError(f"{source}: unexpected end of file, expected {field}")
        lineno, tok = tokens[pos]
        pos += 1
        try:
            return int(tok)
        except ValueError:
            raise GapFormatError(
                f"{source}: line {lineno}: {field} must be an integer, got {tok!r}"
            ) from None

    m = take("m (number of agents)")
    n = take("n (number of jobs)")
    if m <= 0 or n <= 0:
        raise GapFormatError(f"{source}: line 1: m and n must be positive, got m={m} n={n}")
    cost = np.empty((m, n), dtype=np.int64)
    weight = np.empty((m, n), dtype=np.int64)
    for name, target in (("cost", cost), ("weight", weight)):
        for i in range(m):
            for j in range(n):
                target[i, j] = take(f"{name}[{i}][{j}]")
    capacity = np.array([take(f"capacity[{i}]") for i in range(m)], dtype=np.int64)
    if pos < len(tokens):
        lineno, tok = tokens[pos]
        raise GapFormatError(f"{source}: line {lineno}: unexpected extra value {tok!r}")
    bad = np.argwhere(weight < 0)
    if bad.size:
        i, j = (int(v) for v in bad[0])
        raise GapFormatError(f"{source}: weight[{i}][{j}] is negative")
    if np.any(capacity < 0):
        raise GapFormatError(f"{source}: capacity[{int(np.argmax(capacity < 0))}] is negative")
    return GapInstance(cost=cost, weight=weight, capacity=capacity)


def read_gap(path: str | Path) -> GapInstance:
    """Read a GAP instance file (the only file I/O in the planning package)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise GapFormatError(f"{p}: not a text file") from None
    return parse_gap(text, source=str(p))
