# SPDX-License-Identifier: EUPL-1.2
"""Orchestrates the synthetic register: segments of cases, their history and reference data.

Snapshot (``as_of``, default 2020-04-06, at most 2020-04-30): the register holds

* the open stock at the cut-off 2020-04-01 — track-4 first and repeat applications received
  before it, court re-entries (zij-instroom), and open track 1/2 cases;
* the cases decided between 2020-02-01 and 2020-03-31 that were past their 6-month term on
  2020-01-31, so that the "about 9,000 overdue on 31 Jan 2020" (DOMAIN.md §1) can be counted
  from the register and their notices and penalties are part of it;
* the inflow received from the cut-off up to and including ``as_of``.

Statuses, history and events are as known on ``as_of``. ``stream`` is left empty for every case:
the cut-off split (``verkeerstoren.cutoff``) decides it. Same seed, same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from verkeerstoren.glossary import STATUS_ORDER, LegalEventKind
from verkeerstoren.synth import calibration as cal
from verkeerstoren.synth.cases import FEATURES, Cases, SegmentSpec, concat, sample_segment
from verkeerstoren.synth.dates import add_months, day
from verkeerstoren.synth.densities import arrivals, rising, surviving
from verkeerstoren.synth.dossier import dossier_table
from verkeerstoren.synth.events import events_table, sample_events
from verkeerstoren.synth.facilities import (
    external_firms_table,
    hearing_rooms_table,
    interpreter_unavailability_table,
    interpreters_table,
    locations_table,
    with_interpreter_locations,
)
from verkeerstoren.synth.history import history_table, status_dates
from verkeerstoren.synth.lawyers import lawyer_unavailability_table, lawyers_table, with_lawyers
from verkeerstoren.synth.staff import staff_tables, with_free_days, with_hearing_limits
from verkeerstoren.synth.tables import Table

Stage = Callable[[str], None]
CASE_COLUMNS = (
    "reference",
    "v_number",
    "received",
    "track",
    "procedure",
    "kind",
    "stream",
    "nationality",
    "language",
    "features",
    "family_group",
    "location",
    "status",
    "outcome",
    "complexity",
    "written_hearing_opt_in",
    "manifestly_unfounded",
    "gender",
    "same_gender_request",
)
# Stable child seeds per component, so a change in one does not reshuffle the others.
STREAMS = (
    "cases", "history", "events", "dossier", "staff", "rooms", "interpreters", "ids",
    "lawyers", "availability",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Register:
    """All import tables in import order, and headline counts."""

    tables: tuple[Table, ...]
    summary: dict[str, int] = field(default_factory=dict)

    def table(self, name: str) -> Table:
        """One table by file name (without ``.csv``)."""
        return next(t for t in self.tables if t.name == name)


def last_overdue_received(count_day: date = cal.OVERDUE_COUNT_DAY) -> date:
    """Latest received date whose 6-month term ended before ``count_day`` (2019-07-30)."""
    d = count_day - timedelta(days=31 * (cal.DECISION_TERM_MONTHS + 1))  # safely before it

    def expiry(received: date) -> np.datetime64:
        result: np.datetime64 = add_months(np.array([day(received)]), cal.DECISION_TERM_MONTHS)[0]
        return result

    while expiry(d + timedelta(days=1)) < day(count_day):
        d += timedelta(days=1)
    return d


def segment_counts(as_of: date = cal.DEFAULT_AS_OF) -> dict[str, int]:
    """Number of cases per segment in the tf2020 register."""
    open4 = cal.TASKFORCE_STOCK - cal.COURT_REENTRY_STOCK
    overdue_open = round(open4 * cal.OVERDUE_SHARE_OF_OPEN_STOCK)
    return {
        "stock_overdue": overdue_open,
        "stock_recent": open4 - overdue_open,
        "court_reentry": cal.COURT_REENTRY_STOCK,
        "short_track": cal.OPEN_DUBLIN_AT_CUTOFF + cal.OPEN_SAFE_COUNTRY_AT_CUTOFF,
        "decided_recent": cal.OVERDUE_ON_COUNT_DAY - overdue_open,
        "inflow": inflow_spec(cal.CUTOFF, as_of).n,
    }


def scaled_counts(total: int, base: dict[str, int]) -> dict[str, int]:
    """Scale segment counts to sum to exactly ``total`` (largest remainder)."""
    base_total = sum(base.values())
    raw = {k: v * total / base_total for k, v in base.items()}
    counts = {k: int(v) for k, v in raw.items()}
    for k in sorted(raw, key=lambda k: counts[k] - raw[k])[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


def inflow_spec(start: date, end: date, n: int | None = None) -> SegmentSpec:
    """New applications received in ``[start, end]`` at the weekly rates of DOMAIN.md §5.

    Without ``n`` the count is the expected number (first applications plus repeats); the
    randomness is in who applies and when. Status follows the age on the snapshot.
    """
    expected = arrivals(start, end, 1.0 + cal.REPEAT_PER_FIRST).total
    repeat_share = cal.REPEAT_PER_FIRST / (1.0 + cal.REPEAT_PER_FIRST)
    return SegmentSpec(
        "inflow",
        round(expected) if n is None else n,
        arrivals(start, end),
        {"first": 1.0 - repeat_share, "repeat": repeat_share},
        {"first": cal.INFLOW_TRACK_SHARES, "repeat": cal.REPEAT_TRACK_SHARES},
    )


def segment_specs(counts: dict[str, int], as_of: date) -> list[SegmentSpec]:
    """What each segment looks like (see the module docstring)."""
    boundary = last_overdue_received()
    before_cutoff = cal.CUTOFF - timedelta(days=1)
    stock_kinds = {"first": 1.0 - cal.REPEAT_SHARE, "repeat": cal.REPEAT_SHARE}
    track4 = {"first": {"4": 1.0}, "repeat": {"4": 1.0}}
    half = cal.STOCK_HALF_LIFE_DAYS
    short = cal.OPEN_DUBLIN_AT_CUTOFF + cal.OPEN_SAFE_COUNTRY_AT_CUTOFF
    decided = (day(cal.DECIDED_RECENT_FROM), day(cal.DECIDED_RECENT_TO))
    return [
        SegmentSpec(
            "stock_overdue",
            counts["stock_overdue"],
            surviving(cal.OLDEST_STOCK_RECEIVED, boundary, cal.CUTOFF, half),
            stock_kinds,
            track4,
            cal.STOCK_STATUS_SHARES,
        ),
        SegmentSpec(
            "stock_recent",
            counts["stock_recent"],
            surviving(boundary + timedelta(days=1), before_cutoff, cal.CUTOFF, half),
            stock_kinds,
            track4,
            cal.STOCK_STATUS_SHARES,
        ),
        SegmentSpec(
            "court_reentry",
            counts["court_reentry"],
            rising(cal.COURT_RULINGS_FROM, before_cutoff),
            {"court_reentry": 1.0},
            {"court_reentry": {"4": 1.0}},
            cal.COURT_REENTRY_STATUS_SHARES,
            complex_factor=cal.COURT_REENTRY_COMPLEX_FACTOR,
            court_reentry=True,
        ),
        SegmentSpec(
            "short_track",
            counts["short_track"],
            surviving(
                cal.SHORT_TRACK_OLDEST, before_cutoff, cal.CUTOFF, cal.SHORT_TRACK_HALF_LIFE_DAYS
            ),
            {"first": 1.0},
            {
                "first": {
                    "1": cal.OPEN_DUBLIN_AT_CUTOFF / short,
                    "2": cal.OPEN_SAFE_COUNTRY_AT_CUTOFF / short,
                }
            },
            cal.SHORT_TRACK_STATUS_SHARES,
        ),
        SegmentSpec(
            "decided_recent",
            counts["decided_recent"],
            surviving(cal.OLDEST_STOCK_RECEIVED, boundary, cal.CUTOFF, half),
            stock_kinds,
            track4,
            outcome_shares=cal.DECIDED_OUTCOME_SHARES,
            decided_between=decided,
            complex_factor=cal.DECIDED_COMPLEX_FACTOR,
        ),
        inflow_spec(cal.CUTOFF, as_of, counts["inflow"]),
    ]


def check_as_of(as_of: date) -> None:
    """Reject a snapshot outside [cut-off, LATEST_AS_OF] (see calibration.LATEST_AS_OF)."""
    if not cal.CUTOFF <= as_of <= cal.LATEST_AS_OF:
        raise ValueError(f"as_of must lie between {cal.CUTOFF} and {cal.LATEST_AS_OF}, got {as_of}")


def generate_tf2020(
    seed: int, as_of: date = cal.DEFAULT_AS_OF, on_stage: Stage | None = None
) -> Register:
    """The tf2020 register (DOMAIN.md §1, §5) as of ``as_of``."""
    check_as_of(as_of)
    return _generate(seed, segment_counts(as_of), as_of, on_stage)


def generate_bulk(n_cases: int, seed: int, on_stage: Stage | None = None) -> Register:
    """A register of exactly ``n_cases`` cases: the tf2020 mix scaled, same reference data."""
    if n_cases < 1:
        raise ValueError("n_cases must be at least 1")
    counts = scaled_counts(n_cases, segment_counts(cal.DEFAULT_AS_OF))
    return _generate(seed, counts, cal.DEFAULT_AS_OF, on_stage)


def _generate(seed: int, counts: dict[str, int], as_of: date, on_stage: Stage | None) -> Register:
    stage = on_stage or (lambda _: None)
    rngs = dict(
        zip(
            STREAMS,
            (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(len(STREAMS))),
            strict=True,
        )
    )
    snap = day(as_of)
    stage("cases")
    parts = [
        sample_segment(rngs["cases"], spec, snap)
        for spec in segment_specs(counts, as_of)
        if spec.n > 0
    ]
    cases = _in_received_order(concat(parts))
    refs = [f"VT-{i + 1:07d}" for i in range(len(cases))]
    stage("history")
    dates = status_dates(rngs["history"], cases, snap)
    stage("legal events")
    events = sample_events(rngs["events"], cases, dates, snap)
    stage("dossier items")
    dossier = dossier_table(rngs["dossier"], cases, refs, dates, snap)
    stage("staff and reference data")
    teams, staff, competencies, absences = staff_tables(rngs["staff"])
    # Hearing resources (lawyers, availability) draw from streams of their own.
    staff = with_hearing_limits(staff)
    absences = with_free_days(rngs["availability"], staff, absences, as_of)
    interpreters = with_interpreter_locations(
        rngs["availability"], interpreters_table(rngs["interpreters"], cases.language.tolist())
    )
    lawyers = lawyers_table(rngs["lawyers"])
    tables = (
        locations_table(),
        teams,
        staff,
        competencies,
        absences,
        hearing_rooms_table(rngs["rooms"]),
        interpreters,
        interpreter_unavailability_table(rngs["availability"], interpreters, as_of),
        lawyers,
        lawyer_unavailability_table(rngs["lawyers"], lawyers, as_of),
        external_firms_table(),
        with_lawyers(rngs["lawyers"], cases_table(rngs["ids"], cases, refs), lawyers),
        history_table(cases, refs, dates),
        events_table(events, refs),
        dossier,
    )
    summary = {
        "cases": len(cases),
        "open": int(cases.is_open.sum()),
        "complex": int(cases.complex.sum()),
        "notices": events.count(LegalEventKind.NOTICE_OF_DEFAULT),
        "staff": len(staff),
        **{f"segment_{k}": v for k, v in counts.items()},
    }
    return Register(tables, summary)


def _in_received_order(cases: Cases) -> Cases:
    """Sort by the first received date of the unit, keeping family members together."""
    head = np.searchsorted(cases.unit, cases.unit, side="left")
    order = np.lexsort((cases.member, cases.unit, cases.received[head]))
    return cases.take(order)


def cases_table(rng: np.random.Generator, cases: Cases, refs: list[str]) -> Table:
    """cases.csv with synthetic, unique 10-digit V-numbers (one per applicant).

    Complexity: ``complex`` iff a conversion, LGBTI or 1F feature; ``simple`` when the case has
    no features at all and runs in the general procedure (AA); ``normal`` otherwise.
    """
    n = len(cases)
    v_numbers = (rng.choice(9_000_000_000, size=n, replace=False) + 1_000_000_000).astype(str)
    feature_text = np.full(n, "", dtype=object)
    for i, feature in enumerate(FEATURES):
        feature_text = np.where(
            cases.features[:, i],
            np.where(feature_text == "", str(feature), feature_text + ";" + str(feature)),
            feature_text,
        )
    _, first = np.unique(cases.family, return_index=True)
    number = np.full(cases.family.max() + 2 if n else 1, -1, dtype=np.int64)
    families = cases.family[np.sort(first)]
    families = families[families >= 0]
    number[families] = np.arange(1, len(families) + 1)
    family_text = np.where(
        cases.family >= 0,
        np.char.add("FG-", np.char.zfill(number[cases.family].astype(str), 6)),
        "",
    )
    complexity = np.where(
        cases.complex,
        "complex",
        np.where(cases.features.any(axis=1) | (cases.procedure == "VA"), "normal", "simple"),
    )
    status_text = np.array([str(s) for s in STATUS_ORDER])[cases.status]
    data = (
        refs,
        v_numbers.tolist(),
        np.datetime_as_string(cases.received, unit="D").tolist(),
        cases.track.tolist(),
        cases.procedure.tolist(),
        cases.kind.tolist(),
        [""] * n,  # stream: decided by the cut-off split
        cases.nationality.tolist(),
        cases.language.tolist(),
        feature_text.tolist(),
        family_text.tolist(),
        cases.location.tolist(),
        status_text.tolist(),
        cases.outcome.tolist(),
        complexity.tolist(),
        _bools(cases.written_opt_in),
        _bools(cases.manifestly_unfounded),
        cases.gender.tolist(),
        _bools(cases.same_gender_request),
    )
    return Table("cases", CASE_COLUMNS, tuple(list(map(str, col)) for col in data))


def _bools(values: np.ndarray) -> list[str]:
    out: list[str] = np.where(values, "true", "false").tolist()
    return out
