# SPDX-License-Identifier: EUPL-1.2
"""Descent by shift and swap moves on a feasible GAP assignment (first-best, vectorised)."""

from __future__ import annotations

import time

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.gap.instance import GapInstance

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


def shift_descent(inst: GapInstance, a: IntArray, load: IntArray, allowed: BoolArray) -> int:
    """Apply best improving shifts until none is left; returns the number of moves (in place)."""
    cols = np.arange(inst.jobs)
    cap, w, c = inst.capacity, inst.weight, inst.cost
    moves = 0
    while True:
        fits = allowed & (load[:, None] + w <= cap[:, None])
        delta = np.where(fits, c - c[a, cols][None, :], 0)
        k, j = np.unravel_index(int(np.argmin(delta)), delta.shape)
        if delta[k, j] >= 0:
            return moves
        load[a[j]] -= w[a[j], j]
        a[j] = int(k)
        load[k] += w[k, j]
        moves += 1


def swap_pass(
    inst: GapInstance, a: IntArray, load: IntArray, allowed: BoolArray, deadline: float
) -> int:
    """One pass of best-improving swaps per job (in place); returns the number of swaps."""
    cap, w, c = inst.capacity, inst.weight, inst.cost
    cols = np.arange(inst.jobs)
    moves = 0
    for j1 in range(inst.jobs):
        if time.monotonic() > deadline:
            break
        i = a[j1]
        b = a
        ok = (
            (b != i)
            & allowed[i, :]
            & allowed[b, j1]
            & (load[i] - w[i, j1] + w[i, :] <= cap[i])
            & (load[b] - w[b, cols] + w[b, j1] <= cap[b])
        )
        delta = np.where(ok, c[i, :] + c[b, j1] - c[i, j1] - c[b, cols], 0)
        j2 = int(np.argmin(delta))
        if delta[j2] < 0:
            k = int(b[j2])
            load[i] += w[i, j2] - w[i, j1]
            load[k] += w[k, j1] - w[k, j2]
            a[j1], a[j2] = k, i
            moves += 1
    return moves


def descend(inst: GapInstance, a: IntArray, allowed: BoolArray, deadline: float) -> IntArray:
    """Shift and swap until a local optimum (or the deadline); returns a new assignment."""
    a = a.copy()
    load = inst.loads(a)
    while time.monotonic() < deadline:
        shift_descent(inst, a, load, allowed)
        if swap_pass(inst, a, load, allowed, deadline) == 0:
            break
    return a
