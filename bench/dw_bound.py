# SPDX-License-Identifier: EUPL-1.2
"""Dantzig-Wolfe bound of a planning instance: class-level pattern master, column generation.

    .venv/bin/python bench/dw_bound.py INSTANCE.json [--every K --weeks W] [--no-firms | --one-firm]
        [--families [--merge]] [--time-limit 1800]

A research measurement (decision record 0006), not part of the solver: far too slow for the
60 s of a plan run on a whole register (tf2020: 15 iterations, 1,564 s, master solves of
30-340 s each). It tells how high a bound over whole officer-weeks can go, i.e. how much of a
gap is the bound's. ``--every``/``--weeks`` take the sample of bench_plan_sample_exact.py.
The tf2020 measurement in docs/ seeded the master with a plan's officer-weeks; this script
starts from an empty master (same bound at convergence, other iteration times).

Relaxation used:
  * units as in compact_lp (groups of identical units, link rows per (class, week));
  * z[k, w, ch] -> consumes one "slot" of item i = (officer cells, pool set) in week w;
  * firm hours aggregated over firms per week (firm rates are 0 on tf2020; we also add rate
    via cheapest firm... here: rates assumed 0, asserted);
  * officer types t = (pool, week, cells) with count; patterns = multisets of items with
    q in pool set, total cells <= type cells (unbounded knapsack, not bounded by class size);
  * family members are independent items (may go to different officers) but share the week;
    with ``--families`` a family is ONE item instead (session 4): its members' hours together,
    in one officer-week. Link rows per (family make-up, week); a family's "ways" are the
    combinations of its members' choices (summed cells, the pools all of them allow, summed
    firm hours), built member by member and dropping dominated partial combinations. Ways are
    items like single choices, so pricing is unchanged. ``--merge`` keys link rows by identical
    lists of ways (same bound, fewer rows). Any plan is an integer solution of that master, so
    the bound stays valid (checked against exact optima of small random instances and of the
    no-firm samples).
The bound computed is the Lagrangian function L(pi, rho) evaluated exactly (valid for ANY
pi >= 0, rho >= 0), so it does not depend on LP solver accuracy.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict

import highspy
import numpy as np

from verkeerstoren.planning.large.lp import _unit_groups
from verkeerstoren.planning.large.pricing import Prices, price_units

GRID = 0.25
INF = highspy.kHighsInf


def cells_of(h):
    return math.floor(h / GRID + 1e-9)


def _undominated(cands):
    """cands: list of (cells, fp, fd, frozenset pools). Keep the non-dominated (dedup)."""
    cands = sorted(set(cands), key=lambda x: (x[0], x[1] + x[2], -len(x[3])))
    keep = []
    for c in cands:
        if any(
            o[0] <= c[0] and o[1] <= c[1] + 1e-9 and o[2] <= c[2] + 1e-9 and c[3] <= o[3]
            for o in keep
        ):
            continue
        keep.append(c)
    return keep


class Master:
    def __init__(self, s, *, family=True, merge=False, log=print):
        self.s = s
        self.family = family
        self.merge = merge
        self.log = log
        W = s.weeks
        self.W = W
        free = price_units(s, Prices.zero(s))
        self.groups, self.constant = _unit_groups(s, free)
        # types (needed first: widest officer-week bounds family ways)
        cnt = Counter()
        for j in range(len(s.inst.staff)):
            q = int(s.pool_of[j])
            if q < 0:
                continue
            for w in range(W):
                cc = cells_of(s.hours[j, w])
                if cc > 0:
                    cnt[(q, w, cc)] += 1
        self.types = sorted(cnt)
        self.type_index = {t: n for n, t in enumerate(self.types)}
        self.type_count = np.array([cnt[t] for t in self.types], float)
        self.max_cells = max(t[2] for t in self.types)
        # classes
        rep = {}
        for c, k in enumerate(s.choice_class):
            rep.setdefault(k, c)
        self.rep = rep
        item_id = {}

        def item(cells, pools):
            key = (cells, tuple(sorted(pools)))
            if key not in item_id:
                item_id[key] = len(item_id)
            return item_id[key]

        # single-class ways: key k -> list of (item, fp, fd)
        self.ways = {}
        for k, c in rep.items():
            self.ways[k] = [
                (item(cells_of(ch.officer_hours), ch.pools.tolist()), ch.firm_prepare,
                 ch.firm_draft)
                for ch in s.choices[c]
            ]  # fmt: skip
        # family compositions
        self.fam_key_of_group = {}
        n_raw = n_kept = 0
        if family:
            for g, (members, _shape, _possible) in enumerate(self.groups):
                cases = s.units[members[0]].cases
                if len(cases) < 2:
                    continue
                fkey = ("F", tuple(sorted(s.choice_class[c] for c in cases)))
                self.fam_key_of_group[g] = fkey
                if fkey in self.ways:
                    continue
                partial = [(0, 0.0, 0.0, None)]
                for k in fkey[1]:
                    c = rep[k]
                    nxt = []
                    for cells, fp, fd, P in partial:
                        for ch in s.choices[c]:
                            cc = cells + cells_of(ch.officer_hours)
                            P2 = (
                                frozenset(ch.pools.tolist())
                                if P is None
                                else P & frozenset(ch.pools.tolist())
                            )
                            n_raw += 1
                            if cc <= self.max_cells and P2:
                                nxt.append((cc, fp + ch.firm_prepare, fd + ch.firm_draft, P2))
                    partial = _undominated(nxt)
                n_kept += len(partial)
                self.ways[fkey] = [(item(cc, P), fp, fd) for cc, fp, fd, P in partial]
        self.n_fam_keys = sum(1 for k in self.ways if isinstance(k, tuple))
        # --merge: link keys by the ways themselves (classes or family compositions with the
        # same (item, firm prepare, firm draft) ways are the same to the master: exact)
        self.key_map = {k: k for k in self.ways}
        if merge:
            canon = {}
            for k, ways in list(self.ways.items()):
                sig = ("F" if isinstance(k, tuple) else "S", tuple(sorted(set(ways))))
                canon.setdefault(sig, k)
                self.key_map[k] = canon[sig]
        self.n_link_keys = len(set(self.key_map.values()))
        self.n_fam_ways = n_kept
        self.items = list(item_id)
        nI = len(self.items)
        self.item_cells = np.array([it[0] for it in self.items], np.int64)
        Q = len(s.pools)
        self.M = np.zeros((nI, Q), bool)
        for i, (_, P) in enumerate(self.items):
            self.M[i, list(P)] = True
        self.capP = s.firm_prepare  # firm x week
        self.capD = s.firm_draft
        self.rate = s.firm_rate
        self._build()

    def link_keys(self, g):
        """Link rows of group g: list of (key, coefficient)."""
        if g in self.fam_key_of_group:
            return [(self.key_map[self.fam_key_of_group[g]], 1.0)]
        members = self.groups[g][0]
        return [(self.key_map[self.s.choice_class[c]], 1.0) for c in self.s.units[members[0]].cases]

    # ------------------------------------------------------------------ RMP
    def _build(self):
        W = self.W
        lo, hi = [], []
        cost, rows, cols, vals = [], [], [], []

        def row(a, b):
            lo.append(a)
            hi.append(b)
            return len(lo) - 1

        def col(cst, entries):
            j = len(cost)
            cost.append(cst)
            merged = defaultdict(float)
            for r, v in entries:
                merged[r] += v
            for r, v in merged.items():
                rows.append(r)
                cols.append(j)
                vals.append(v)
            return j

        self.group_row = []
        self.link = {}
        self.y_cols = []
        for g, (members, shape, possible) in enumerate(self.groups):
            r = row(float(len(members)), float(len(members)))
            self.group_row.append(r)
            for w in possible:
                e = [(r, 1.0)]
                if w < W:
                    for key0, v in self.link_keys(g):
                        key = (key0, w)
                        if key not in self.link:
                            self.link[key] = row(0.0, 0.0)
                        e.append((self.link[key], v))
                self.y_cols.append((col(float(shape[w]), e), g, w))
        self.prep_row = [row(0.0, 0.0) for w in range(W)]
        self.draft_row = [row(0.0, 0.0) for w in range(W)]
        F = self.capP.shape[0]
        self.capP_row = np.zeros((F, W), np.int64)
        self.capD_row = np.zeros((F, W), np.int64)
        for f in range(F):
            for w in range(W):
                self.capP_row[f, w] = row(-INF, float(self.capP[f, w]))
                col(
                    float(self.rate[f]), [(self.prep_row[w], -1.0), (int(self.capP_row[f, w]), 1.0)]
                )
                self.capD_row[f, w] = row(-INF, float(self.capD[f, w]))
                col(
                    float(self.rate[f]),
                    [(self.draft_row[w], -1.0), (int(self.capD_row[f, w]), 1.0)],
                )
        self.cov = {}
        self.z_cols = []
        for (k, w), lr in self.link.items():
            for j, (i, fp, fd) in enumerate(self.ways[k]):
                if (i, w) not in self.cov:
                    self.cov[(i, w)] = row(-INF, 0.0)
                e = [(lr, -1.0), (self.cov[(i, w)], 1.0)]
                if fp > 0:
                    e.append((self.prep_row[w], fp))
                if fd > 0:
                    e.append((self.draft_row[w], fd))
                self.z_cols.append((col(0.0, e), k, w, j))
        self.conv_row = [row(-INF, float(n)) for n in self.type_count]
        self.n_base_cols = len(cost)
        nI = len(self.items)
        self.cov_idx = np.full((nI, W), -1, np.int64)
        for (i, w), r in self.cov.items():
            self.cov_idx[i, w] = r
        n_col = len(cost)
        r = np.asarray(rows, np.int64)
        c = np.asarray(cols, np.int64)
        v = np.asarray(vals, np.float64)
        order = np.lexsort((r, c))
        r, c, v = r[order], c[order], v[order]
        lp = highspy.HighsLp()
        lp.num_col_ = n_col
        lp.num_row_ = len(lo)
        lp.col_cost_ = np.asarray(cost)
        lp.col_lower_ = np.zeros(n_col)
        lp.col_upper_ = np.full(n_col, INF)
        lp.row_lower_ = np.asarray(lo)
        lp.row_upper_ = np.asarray(hi)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.searchsorted(c, np.arange(n_col + 1)).astype(np.int32)
        lp.a_matrix_.index_ = r.astype(np.int32)
        lp.a_matrix_.value_ = v
        h = highspy._core._Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("solver", "simplex")
        h.passModel(lp)
        self.h = h
        self.n_rows = len(lo)
        self.patterns = []
        self.log(
            f"RMP: rows {len(lo)} cols {n_col} groups {len(self.groups)} links {len(self.link)} "
            f"cov {len(self.cov)} z {len(self.z_cols)} types {len(self.types)} items {nI} "
            f"family keys {self.n_fam_keys} family ways {self.n_fam_ways} link keys {self.n_link_keys}"
        )

    def add_patterns(self, pats):
        starts, idx, val = [], [], []
        n = 0
        for t, items in pats:
            _q, w, _cc = self.types[t]
            e = {}
            for i, m in items.items():
                r = self.cov_idx[i, w]
                if r >= 0:
                    e[int(r)] = e.get(int(r), 0.0) - float(m)
            if not e:
                continue
            starts.append(len(idx))
            for r in sorted(e):
                idx.append(r)
                val.append(e[r])
            idx.append(self.conv_row[t])
            val.append(1.0)
            self.patterns.append((t, e))
            n += 1
        if n:
            self.h.addCols(
                n,
                np.zeros(n),
                np.zeros(n),
                np.full(n, INF),
                len(idx),
                np.asarray(starts, np.int32),
                np.asarray(idx, np.int32),
                np.asarray(val, np.float64),
            )
        return n

    def solve(self):
        t = time.time()
        self.h.run()
        st = self.h.getModelStatus()
        sol = self.h.getSolution()
        obj = self.h.getInfo().objective_function_value + self.constant
        y = np.asarray(sol.row_dual)
        x = np.asarray(sol.col_value)
        nI = len(self.items)
        pi = np.zeros((nI, self.W))
        m = self.cov_idx >= 0
        pi[m] = np.maximum(0.0, -y[self.cov_idx[m]])
        rhoP = np.maximum(0.0, -y[self.capP_row])
        rhoD = np.maximum(0.0, -y[self.capD_row])
        mu = np.maximum(0.0, -y[self.conv_row])
        return dict(status=str(st), obj=obj, pi=pi, rhoP=rhoP, rhoD=rhoD, mu=mu, x=x, y=y,
                    secs=time.time() - t, iters=self.h.getInfo().simplex_iteration_count)  # fmt: skip

    # ------------------------------------------------------------------ pricing
    def knapsacks(self, pi, want_patterns=None):
        s, W = self.s, self.W
        Q = len(s.pools)
        C = self.max_cells
        fit = self.item_cells <= C
        sizes = np.unique(self.item_cells[fit])
        nS = len(sizes)
        V = np.full((Q, W, nS), -np.inf)
        A = np.full((Q, W, nS), -1, np.int64)
        for si, sz in enumerate(sizes):
            idx = np.nonzero(self.item_cells == sz)[0]
            val = np.where(self.M[idx][:, :, None], pi[idx][:, None, :], -np.inf)
            a = val.argmax(axis=0)
            V[:, :, si] = np.take_along_axis(val, a[None], 0)[0]
            A[:, :, si] = idx[a]
        V = V.reshape(Q * W, nS)
        A = A.reshape(Q * W, nS)
        best = np.zeros((Q * W, C + 1))
        arg = np.full((Q * W, C + 1), -1, np.int64)
        for c in range(1, C + 1):
            cur = best[:, c - 1].copy()
            ca = np.full(Q * W, -1, np.int64)
            for si, sz in enumerate(sizes):
                if sz > c:
                    break
                cand = best[:, c - sz] + V[:, si]
                better = cand > cur + 1e-12
                cur = np.where(better, cand, cur)
                ca = np.where(better, si, ca)
            best[:, c] = cur
            arg[:, c] = ca
        tq = np.array([t[0] for t in self.types])
        tw = np.array([t[1] for t in self.types])
        tc = np.array([t[2] for t in self.types])
        rowid = tq * W + tw
        KS = best[rowid, tc]
        pats = []
        if want_patterns is not None:
            for n in np.nonzero(want_patterns)[0].tolist():
                r, c = rowid[n], tc[n]
                items = Counter()
                while c > 0:
                    si = arg[r, c]
                    if si < 0:
                        c -= 1
                    else:
                        items[int(A[r, si])] += 1
                        c -= sizes[si]
                pats.append((n, items))
        return KS, pats

    # ------------------------------------------------------------------ Lagrangian
    def lagrangian(self, pi, rhoP, rhoD, KS=None):
        W = self.W
        if len(self.rate):
            fpP = (self.rate[:, None] + rhoP).min(axis=0)
            fpD = (self.rate[:, None] + rhoD).min(axis=0)
        else:
            fpP = fpD = np.zeros(W)
        P = {}
        for k, ways in self.ways.items():
            v = np.full(W, np.inf)
            for i, fp, fd in ways:
                v = np.minimum(v, pi[i] + fp * fpP + fd * fpD)
            P[k] = v
        total = self.constant
        for g, (members, shape, possible) in enumerate(self.groups):
            best = np.inf
            pw = np.array(possible)
            inside = pw[pw < W]
            if len(inside):
                vals = shape[inside] + sum(v * P[k][inside] for k, v in self.link_keys(g))
                best = vals.min()
            if (pw == W).any():
                best = min(best, shape[W])
            total += len(members) * best
        total -= float((rhoP * self.capP).sum() + (rhoD * self.capD).sum())
        if KS is None:
            KS, _ = self.knapsacks(pi)
        total -= float((self.type_count * KS).sum())
        return total

    def planned_shares(self, x):
        """From the master's y: planned cases, of which family members, planned family units."""
        s, W = self.s, self.W
        cases = fam_cases = fam_units = units = 0.0
        for j, g, w in self.y_cols:
            if w >= W or x[j] <= 1e-9:
                continue
            n = len(s.units[self.groups[g][0][0]].cases)
            cases += x[j] * n
            units += x[j]
            if n > 1:
                fam_cases += x[j] * n
                fam_units += x[j]
        return dict(planned_units=round(units, 2), planned_cases=round(cases, 2),
                    planned_family_units=round(fam_units, 2),
                    planned_family_cases=round(fam_cases, 2),
                    family_case_share_pct=round(100 * fam_cases / max(cases, 1e-9), 2))  # fmt: skip


def run(master, *, max_iter=200, time_limit=600.0, log=print, tol=1e-6):
    t0 = time.time()
    best_lb = -np.inf
    hist = []
    for it in range(max_iter):
        r = master.solve()
        t1 = time.time()
        KS, _ = master.knapsacks(r["pi"])
        lb_rmp = master.lagrangian(r["pi"], r["rhoP"], r["rhoD"], KS)
        best_lb = max(best_lb, lb_rmp)
        want = KS - r["mu"] > tol * (1 + r["mu"])
        _, pats = master.knapsacks(r["pi"], want_patterns=want)
        t2 = time.time()
        n_add = master.add_patterns(pats)
        gap = r["obj"] - best_lb
        hist.append(dict(it=it, obj=r["obj"], lb=lb_rmp, best=best_lb, master_s=r["secs"],
                         price_s=t2 - t1, added=n_add, elapsed=time.time() - t0))  # fmt: skip
        log(
            f"it {it:3d} rmp {r['obj']:.1f} lb {lb_rmp:.1f} best {best_lb:.1f} gap {gap:.1f} "
            f"master {r['secs']:.2f}s price {t2 - t1:.2f}s add {n_add} t {time.time() - t0:.1f}"
        )
        if n_add == 0 or gap <= 1e-7 * max(1.0, abs(r["obj"])):
            break
        if time.time() - t0 > time_limit:
            break
    return best_lb, r, hist


def main() -> int:
    import argparse
    import json
    from dataclasses import replace
    from pathlib import Path

    from bench_plan_sample_exact import one_firm, sample
    from verkeerstoren.planning.large.arrays import build_structure
    from verkeerstoren.planning.model.instance import instance_from_dict

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance", type=Path)
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--weeks", type=int, default=0)
    firms = parser.add_mutually_exclusive_group()
    firms.add_argument("--no-firms", action="store_true")
    firms.add_argument("--one-firm", action="store_true")
    parser.add_argument("--families", action="store_true", help="a family is one item")
    parser.add_argument("--merge", action="store_true", help="link rows by ways (same bound)")
    parser.add_argument("--time-limit", type=float, default=1800.0)
    args = parser.parse_args()
    inst = instance_from_dict(json.loads(args.instance.read_text()))
    if args.every > 1 or args.weeks:
        inst = sample(inst, args.every, args.weeks or inst.horizon_weeks)
    if args.no_firms:
        inst = replace(inst, firms=())
    if args.one_firm:
        inst = one_firm(inst)
    started = time.time()
    s = build_structure(inst)
    master = Master(s, family=args.families, merge=args.merge, log=print)
    bound, last, hist = run(master, max_iter=10_000, time_limit=args.time_limit, log=print)
    fam = [u for u in s.units if len(u.cases) > 1]
    out = {
        "mode": ("family" if args.families else "relaxed") + ("+merge" if args.merge else ""),
        "cases": len(inst.cases),
        "units": len(s.units),
        "family_units": len(fam),
        "family_cases": sum(len(u.cases) for u in fam),
        "family_sizes": dict(sorted(Counter(len(u.cases) for u in fam).items())),
        "weeks": inst.horizon_weeks,
        "dw_bound": round(bound, 2),
        "master_value": round(last["obj"], 2),
        "iterations": len(hist),
        "seconds": round(time.time() - started, 1),
        "master_seconds": round(sum(h["master_s"] for h in hist), 1),
        "price_seconds": round(sum(h["price_s"] for h in hist), 1),
        **master.planned_shares(last["x"]),
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
