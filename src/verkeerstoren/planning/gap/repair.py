# SPDX-License-Identifier: EUPL-1.2
"""Turn a fractional LP solution into a feasible GAP assignment: round, then repair overloads."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from verkeerstoren.planning.gap.instance import GapInstance

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


def round_lp(inst: GapInstance, x: FloatArray, reduced_cost: FloatArray) -> IntArray:
    """Give each job to its largest LP share; ties to the smallest reduced cost."""
    score = x - 1e-6 * np.where(np.isfinite(reduced_cost), reduced_cost, 1e9)
    return np.asarray(score.argmax(axis=0), dtype=np.int64)


def repair(
    inst: GapInstance, assignment: IntArray, allowed: BoolArray, max_moves: int = 100_000
) -> IntArray | None:
    """Shift jobs off overloaded agents until feasible; None when stuck.

    Each step takes the shift that removes the most overload; among equals the cheapest one, so
    the LP's good structure survives. Swaps are tried when no shift helps.
    """
    a = assignment.copy()
    n = inst.jobs
    cols = np.arange(n)
    cap = inst.capacity
    w = inst.weight
    c = inst.cost
    load = inst.loads(a)
    big = float(np.abs(c).max() + 1) * 4
    for _ in range(max_moves):
        over = np.maximum(load - cap, 0)
        if not over.any():
            return a
        on_over = over[a] > 0  # jobs sitting on an overloaded agent
        js = cols[on_over]
        src = a[js]
        freed = np.minimum(w[src, js], over[src])  # overload removed at the source
        new_over = np.maximum(load[:, None] + w[:, js] - cap[:, None], 0) - over[:, None]
        gain = freed[None, :] - new_over
        delta = c[:, js] - c[src, js][None, :]
        ok = allowed[:, js] & (np.arange(inst.agents)[:, None] != src[None, :]) & (gain > 0)
        if ok.any():
            score = np.where(ok, gain * big - delta, -np.inf)
            k, t = np.unravel_index(int(np.argmax(score)), score.shape)
            j = int(js[t])
            load[a[j]] -= w[a[j], j]
            a[j] = int(k)
            load[k] += w[k, j]
            continue
        if not _repair_swap(inst, a, load, allowed, js):
            return None
    return None


def _repair_swap(
    inst: GapInstance, a: IntArray, load: IntArray, allowed: BoolArray, js: IntArray
) -> bool:
    """Swap a job on an overloaded agent with a lighter one elsewhere; True if overload fell."""
    cap, w = inst.capacity, inst.weight
    over_total = int(np.maximum(load - cap, 0).sum())
    cols = np.arange(inst.jobs)
    for j1 in js:
        i = a[j1]
        b = a
        new_i = load[i] - w[i, j1] + w[i, :]
        new_b = load[b] - w[b, cols] + w[b, j1]
        after = (
            np.maximum(new_i - cap[i], 0)
            + np.maximum(new_b - cap[b], 0)
            - np.maximum(load[i] - cap[i], 0)
            - np.maximum(load[b] - cap[b], 0)
        )
        ok = (b != i) & allowed[i, :] & allowed[b, j1] & (after < 0)
        if ok.any():
            j2 = int(np.argmin(np.where(ok, after, 0)))
            k = int(b[j2])
            load[i] += w[i, j2] - w[i, j1]
            load[k] += w[k, j1] - w[k, j2]
            a[j1], a[j2] = k, i
            return int(np.maximum(load - cap, 0).sum()) < over_total
    return False
