# SPDX-License-Identifier: EUPL-1.2
"""Officer hours left under the instance's capacity rule, for the planners that place cases.

``weekly``: a case's own hours all fall in the week it is decided, so what is left in a week
is that week's hours minus its cases.

``carry_over``: hours an officer does not use in a week go to cases decided later (work ahead),
never to a case before its ready week. A set of cases fits an officer if, for every interval of
weeks [r, w], the cases ready in week r or later and decided in r..w need no more hours than the
officer has in r..w (Horn's condition: exactly what a schedule that spreads each case's work
over the weeks from its ready week to its decision week can meet). Only intervals that start
at week 0 or at a ready week of some case matter; they are the *starts*. A case ready in week q
and decided in week w loads every interval [r, w'] with r <= q and w' >= w, so the room for it
is the least slack over those intervals. The officer must also be at work (have hours) in the
decision week.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from numpy.typing import NDArray

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]


class OfficerHours:
    """Room left per officer for a case of a given ready week decided in a given week."""

    def __init__(self, hours: F64, ready_weeks: Iterable[int], carry_over: bool) -> None:
        """``hours[o, w]``: officer o's hours in week w; ``ready_weeks``: the cases' ones."""
        self.hours = np.asarray(hours, np.float64)
        self.carry_over = carry_over
        n, weeks = self.hours.shape
        if not carry_over:
            self.starts = np.zeros(1, np.int64)
            self.slack = self.hours.copy()[:, None, :]
            self.room_of = self.slack  # weekly: the room is the week's slack itself
            return
        self.starts = np.array(sorted({0} | {int(q) for q in ready_weeks if 0 <= q < weeks}))
        # slack[o, i, w]: hours of o in starts[i]..w minus the cases that interval holds;
        # infinite before the interval starts (no such interval).
        self.slack = np.full((n, len(self.starts), weeks), np.inf)
        for i, r in enumerate(self.starts.tolist()):
            self.slack[:, i, r:] = np.cumsum(self.hours[:, r:], axis=1)
        self.room_of = np.empty_like(self.slack)
        # by_rows[k - 1][o, w]: the room for a case that loads the first k starts (the
        # planners ask for it ~10^6 times on a register, so it is kept, not recomputed).
        self.by_rows = np.empty((len(self.starts), n, weeks))
        self._k: dict[int, int] = {}  # ready week -> _rows, filled once for the horizon
        self._k = {q: self._rows(q) for q in range(weeks)}
        for o in range(n):
            self._refresh(o)

    def copy(self) -> OfficerHours:
        """An independent copy (same hours, same load)."""
        other = object.__new__(OfficerHours)
        other.hours, other.carry_over, other.starts = self.hours, self.carry_over, self.starts
        other.slack = self.slack.copy()
        if not self.carry_over:
            other.room_of = other.slack
            return other
        other.room_of, other.by_rows, other._k = self.room_of.copy(), self.by_rows.copy(), self._k
        return other

    def _rows(self, ready: int) -> int:
        """How many starts (from the first) a case of this ready week loads."""
        hit = self._k.get(ready)
        return hit if hit is not None else int(np.searchsorted(self.starts, ready, side="right"))

    def _refresh(self, o: int) -> None:
        # Least slack from week w to the end, per start: the room for a case decided in w.
        self.room_of[o] = np.minimum.accumulate(self.slack[o, :, ::-1], axis=1)[:, ::-1]
        # No case is decided in a week without hours: the officer is not at work to decide.
        self.room_of[o, :, self.hours[o] <= 0] = np.minimum(
            self.room_of[o, :, self.hours[o] <= 0], 0.0
        )
        self.by_rows[:, o, :] = np.minimum.accumulate(self.room_of[o], axis=0)

    def room(self, officers: I64 | int, week: int, ready: int) -> F64:
        """Hours each officer can still give to a case of ``ready`` decided in ``week``."""
        return np.asarray(self.table(ready)[officers, week])

    def table(self, ready: int) -> F64:
        """Officers x weeks: the room for a case of ``ready`` decided in each week (a view)."""
        if not self.carry_over:
            return np.asarray(self.slack[:, 0, :])
        return np.asarray(self.by_rows[self._rows(ready) - 1])

    def save(self, officer: int) -> tuple[F64, ...]:
        """One officer's state, for :meth:`restore`: ``give`` undoes a booking only up to
        rounding, and a failed attempt must leave the hours exactly as they were."""
        if not self.carry_over:
            return (self.slack[officer].copy(),)
        return (
            self.slack[officer].copy(),
            self.room_of[officer].copy(),
            self.by_rows[:, officer].copy(),
        )

    def restore(self, officer: int, saved: tuple[F64, ...]) -> None:
        """The officer's state as :meth:`save` found it."""
        self.slack[officer] = saved[0]
        if self.carry_over:
            self.room_of[officer] = saved[1]
            self.by_rows[:, officer] = saved[2]

    def matrix(self) -> F64:
        """Officers x weeks: the room for a case ready in (or before) the week it is decided.

        Under carry-over that is the least room over the ready weeks a case of that week can
        have: what any case decided there can surely get.
        """
        if not self.carry_over:
            return np.asarray(self.slack[:, 0, :])
        weeks = self.hours.shape[1]
        started = self.starts[:, None] <= np.arange(weeks)[None, :]
        return np.asarray(np.where(started[None], self.room_of, np.inf).min(axis=1))

    def take(self, officer: int, week: int, ready: int, hours: float) -> None:
        """Book a case's own hours (negative: give them back)."""
        if not self.carry_over:
            self.slack[officer, 0, week] -= hours
            return
        self.slack[officer, : self._rows(ready), week:] -= hours
        self._refresh(officer)

    def give(self, officer: int, week: int, ready: int, hours: float) -> None:
        """Return hours booked by :meth:`take`."""
        self.take(officer, week, ready, -hours)

    def unused(self) -> F64:
        """Per officer, hours not given to any case (the whole horizon)."""
        if not self.carry_over:
            return np.asarray(self.slack[:, 0, :].sum(axis=1))
        return np.asarray(self.slack[:, 0, -1])
