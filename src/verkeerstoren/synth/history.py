# SPDX-License-Identifier: EUPL-1.2
"""Status history consistent with each case's current status.

A case walks the process order registered → preparing → ready_for_hearing → hearing_planned →
heard → intention → response → decided. A grant goes from heard straight to decided (no
intention needed); a withdrawal closes the case after preparing. Dates rise from the start of the
procedure (received; for a court re-entry the ruling that sent it back — its history restarts
there) to the decision date, or for an open case to some day before the snapshot.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from verkeerstoren.glossary import STATUS_ORDER, Status
from verkeerstoren.synth.cases import STATUS_INDEX, Cases, Ints
from verkeerstoren.synth.dates import NAT, Days
from verkeerstoren.synth.tables import Table

N_STATUS = len(STATUS_ORDER)
S = STATUS_INDEX

# Relative time spent waiting before reaching each status; most waiting was before the hearing.
STEP_WEIGHT = np.array(
    [0.0, 0.1, 3.0, 1.0, 0.7, 1.0, 0.6, 1.0, 1.0], dtype=np.float64
)  # indexed by STATUS_ORDER


def _templates() -> tuple[Ints, Ints]:
    """Status paths: one per open status, then grant, other decision, withdrawal."""
    paths: list[list[int]] = [list(range(s + 1)) for s in range(S[Status.DECIDED])]
    paths.append([0, 1, 2, 3, 4, S[Status.DECIDED]])  # grant
    paths.append(list(range(S[Status.DECIDED] + 1)))  # refusal and other decisions
    paths.append([0, 1, S[Status.CLOSED]])  # withdrawn
    table = np.full((len(paths), N_STATUS), -1, dtype=np.int64)
    for i, p in enumerate(paths):
        table[i, : len(p)] = p
    return table, np.array([len(p) for p in paths], dtype=np.int64)


TEMPLATES, TEMPLATE_LENGTHS = _templates()
GRANT_PATH = S[Status.DECIDED]  # path ids follow the open statuses in TEMPLATES
DECISION_PATH = GRANT_PATH + 1
WITHDRAWN_PATH = GRANT_PATH + 2


def status_dates(rng: np.random.Generator, cases: Cases, as_of: np.datetime64) -> Days:
    """Date each case reached each status, shape (n, len(STATUS_ORDER)); NaT if never."""
    n = len(cases)
    path_id = np.where(cases.is_open, cases.status, DECISION_PATH)
    path_id = np.where(cases.outcome == "grant", GRANT_PATH, path_id)
    path_id = np.where(cases.outcome == "withdrawn", WITHDRAWN_PATH, path_id)
    paths = TEMPLATES[path_id]
    length = TEMPLATE_LENGTHS[path_id]

    end = np.where(cases.is_open, as_of, cases.decided)
    span = (end - cases.start).astype(np.int64)
    # Gap j is the wait before step j+1 of the path; an open case also has the time already spent
    # in its current status (so its last step lies before the snapshot).
    weights = STEP_WEIGHT[np.maximum(paths[:, 1:], 0)]
    gaps = rng.exponential(size=(n, N_STATUS - 1)) * weights
    gaps[np.arange(N_STATUS - 1)[None, :] >= (length - 1)[:, None]] = 0.0
    cum = np.cumsum(gaps, axis=1)
    dwell = rng.exponential(size=n) * STEP_WEIGHT[np.minimum(cases.status + 1, N_STATUS - 1)]
    total = cum[np.arange(n), np.maximum(length - 2, 0)] * (length >= 2)
    total = total + np.where(cases.is_open, dwell, 0.0)
    total = np.where(total > 0, total, 1.0)

    frac = np.concatenate([np.zeros((n, 1)), cum / total[:, None]], axis=1)
    offset = np.floor(np.minimum(frac, 1.0) * span[:, None]).astype(np.int64)
    step_dates = cases.start[:, None] + offset.astype("timedelta64[D]")

    out = np.full((n, N_STATUS), NAT)
    rows, steps = np.nonzero(paths >= 0)
    out[rows, paths[rows, steps]] = step_dates[rows, steps]
    result: Days = out
    return result


def history_table(cases: Cases, refs: list[str], dates: Days) -> Table:
    """status_history.csv rows: one per status reached, in process order per case."""
    rows, cols = np.nonzero(~np.isnat(dates))
    date_text = np.datetime_as_string(dates[rows, cols], unit="D").tolist()
    status_text = np.array([str(s) for s in STATUS_ORDER])[cols].tolist()
    outcome = np.where(cols == S[Status.DECIDED], cases.outcome[rows], "").tolist()
    ref_arr = np.asarray(refs)[rows].tolist()
    return Table(
        "status_history",
        ("case", "status", "date", "outcome"),
        (ref_arr, status_text, date_text, outcome),
    )


def reached(dates: Days, status: Status) -> npt.NDArray[np.bool_]:
    """Whether each case has reached ``status``."""
    result: npt.NDArray[np.bool_] = ~np.isnat(dates[:, S[status]])
    return result
