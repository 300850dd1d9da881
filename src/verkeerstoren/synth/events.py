# SPDX-License-Identifier: EUPL-1.2
"""Legal events: extensions, notices of default, appeals, court rulings and decisions sent.

Every event lies before the snapshot and, for a decided case, before its decision (the decision
itself is the ``decision_sent`` event on the decision date). A notice of default is sent after the
case's term expired — received + 6 months, or + 15 months after a 9-month extension — and
received a few days later. Members of a family share one lawyer, so they share the draws that
decide whether and when a notice is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from verkeerstoren.glossary import LegalEventKind, Status
from verkeerstoren.synth import calibration as cal
from verkeerstoren.synth.cases import STATUS_INDEX, Cases, Ints
from verkeerstoren.synth.dates import NAT, Days, add_days, add_months
from verkeerstoren.synth.densities import notice_wave
from verkeerstoren.synth.tables import Table

COLUMNS = (
    "case",
    "kind",
    "date",
    "end_date",
    "months",
    "sent_date",
    "decision_term_days",
    "daily_eur",
    "cap_eur",
)
WAVE_FROM, WAVE_TO = date(2015, 1, 1), date(2021, 12, 31)


@dataclass(frozen=True, slots=True)
class Events:
    """Legal events as parallel arrays (one element per event)."""

    case: Ints  # row index into the cases
    kind: list[str]
    date: Days
    months: Ints  # extension months, 0 otherwise
    sent: Days  # notice sent date, else NaT
    term_days: Ints  # court ruling term, 0 otherwise
    daily_eur: Ints  # court penalty per day, 0 if none
    cap_eur: Ints  # court penalty cap, 0 if none

    def count(self, kind: LegalEventKind) -> int:
        """Number of events of one kind."""
        return sum(1 for k in self.kind if k == kind)


def _between(rng: np.random.Generator, lo: int, hi: int, n: int) -> Ints:
    result: Ints = rng.integers(lo, hi + 1, n).astype(np.int64)
    return result


def term_expiry(cases: Cases, extended: np.ndarray) -> Days:
    """Received + 6 months, + 9 more where the term was extended (plain calendar rule)."""
    base = add_months(cases.received, cal.DECISION_TERM_MONTHS)
    longer = add_months(cases.received, cal.DECISION_TERM_MONTHS + cal.EXTENSION_MONTHS)
    result: Days = np.where(extended, longer, base)
    return result


def sample_events(
    rng: np.random.Generator, cases: Cases, dates: Days, as_of: np.datetime64
) -> Events:
    """Draw all legal events of the register."""
    n = len(cases)
    n_units = int(cases.unit.max()) + 1 if n else 0
    unit = cases.unit
    # Last day an event may fall on: the snapshot, or the day before the decision.
    last = np.where(cases.is_open, as_of, cases.decided - np.timedelta64(1, "D"))
    ordinary = cases.kind != "court_reentry"
    parts: list[Events] = []

    # Extensions by 9 months for a share of VA cases, decided before the 6-month term ends.
    ext_date = add_days(cases.received, _between(rng, 60, 170, n))
    extended = (
        ordinary
        & (cases.procedure == "VA")
        & (rng.random(n) < cal.EXTENSION_SHARE_OF_VA)
        & (ext_date <= last)
    )
    parts.append(
        _events(
            np.nonzero(extended)[0], LegalEventKind.EXTENSION, ext_date, months=cal.EXTENSION_MONTHS
        )
    )

    # Notices of default: on a share of cases whose term had expired, timed by the notice wave.
    expiry = term_expiry(cases, extended)
    lag = _between(rng, *cal.NOTICE_POSTAL_DAYS, n_units)[unit]
    lo = add_days(expiry, cal.NOTICE_MIN_DAYS_AFTER_TERM + lag)
    wants = rng.random(n_units)[unit] < cal.NOTICE_SHARE
    timing = rng.random(n_units)[unit]
    noticed = ordinary & wants & (lo <= last)
    notice_date = np.full(n, np.datetime64("NaT", "D"))
    notice_date[noticed] = _sample_within(lo[noticed], last[noticed], timing[noticed])
    idx = np.nonzero(noticed)[0]
    sent = add_days(notice_date[idx], -lag[idx])
    parts.append(_events(idx, LegalEventKind.NOTICE_OF_DEFAULT, notice_date, sent=sent))

    # Appeals against the late decision, 2+ weeks after the notice; a ruling ~8 weeks later.
    appeal_date = add_days(notice_date, 14 + _between(rng, 0, 60, n))
    appealed = noticed & (rng.random(n) < cal.APPEAL_SHARE_OF_NOTICED) & (appeal_date <= last)
    parts.append(_events(np.nonzero(appealed)[0], LegalEventKind.APPEAL, appeal_date))
    ruling_date = add_days(appeal_date, _between(rng, 42, 84, n))
    ruled = appealed & (ruling_date <= last)
    # 8 weeks to decide if already heard, 8 + 8 weeks if the hearing is still to be held.
    heard_by = dates[:, STATUS_INDEX[Status.HEARD]]
    term = np.where(~np.isnat(heard_by) & (heard_by <= ruling_date), 56, 112)
    cap = np.asarray(cal.COURT_CAPS_EUR)[rng.integers(0, len(cal.COURT_CAPS_EUR), n)]
    ridx = np.nonzero(ruled)[0]
    parts.append(
        _events(
            ridx,
            LegalEventKind.COURT_RULING,
            ruling_date,
            term=term,
            daily=np.full(n, cal.COURT_DAILY_EUR),
            cap=cap,
        )
    )

    # Court re-entries: the ruling that annulled the earlier decision and set a new term.
    cidx = np.nonzero(~ordinary)[0]
    terms = np.array(list(cal.COURT_REENTRY_TERM_DAYS))
    p = np.array(list(cal.COURT_REENTRY_TERM_DAYS.values()))
    c_term = terms[rng.choice(len(terms), size=n, p=p / p.sum())]
    with_penalty = rng.random(n) < cal.COURT_REENTRY_PENALTY_SHARE
    c_cap = np.asarray(cal.COURT_CAPS_EUR)[rng.integers(0, len(cal.COURT_CAPS_EUR), n)]
    parts.append(
        _events(
            cidx,
            LegalEventKind.COURT_RULING,
            cases.ruling,
            term=c_term,
            daily=np.where(with_penalty, cal.COURT_DAILY_EUR, 0),
            cap=np.where(with_penalty, c_cap, 0),
        )
    )

    # Decisions sent (a withdrawal is confirmed by a decision too, which stops any penalty).
    didx = np.nonzero(~cases.is_open)[0]
    parts.append(_events(didx, LegalEventKind.DECISION_SENT, cases.decided))
    return _merge(parts)


def _sample_within(lo: Days, hi: Days, u: np.ndarray) -> Days:
    """Day in ``[lo, hi]`` drawn from the notice-wave weights by the uniform ``u``."""
    wave = notice_wave(WAVE_FROM, WAVE_TO)
    cum = np.concatenate([[0.0], np.cumsum(wave.weights)])
    i_lo = np.clip((lo - wave.lo).astype(np.int64), 0, len(wave.weights) - 1)
    i_hi = np.clip((hi - wave.lo).astype(np.int64), 0, len(wave.weights) - 1)
    target = cum[i_lo] + u * (cum[i_hi + 1] - cum[i_lo])
    idx = np.clip(np.searchsorted(cum, target, side="right") - 1, i_lo, i_hi)
    result: Days = wave.lo + idx.astype("timedelta64[D]")
    return result


def _events(
    idx: Ints,
    kind: LegalEventKind,
    when: Days,
    *,
    months: int = 0,
    sent: Days | None = None,
    term: Ints | None = None,
    daily: Ints | None = None,
    cap: Ints | None = None,
) -> Events:
    """Events of one kind for the cases ``idx``; per-case arrays are indexed by ``idx``."""
    k = len(idx)
    zeros = np.zeros(k, dtype=np.int64)
    return Events(
        case=idx.astype(np.int64),
        kind=[str(kind)] * k,
        date=when[idx],
        months=np.full(k, months, dtype=np.int64),
        sent=np.full(k, NAT) if sent is None else sent,
        term_days=zeros if term is None else term[idx].astype(np.int64),
        daily_eur=zeros if daily is None else daily[idx].astype(np.int64),
        cap_eur=zeros if cap is None else cap[idx].astype(np.int64),
    )


def _merge(parts: list[Events]) -> Events:
    case = np.concatenate([p.case for p in parts])
    when = np.concatenate([p.date for p in parts])
    order = np.lexsort((when, case))  # by case, then date
    kinds = [k for p in parts for k in p.kind]
    return Events(
        case=case[order],
        kind=[kinds[i] for i in order.tolist()],
        date=when[order],
        months=np.concatenate([p.months for p in parts])[order],
        sent=np.concatenate([p.sent for p in parts])[order],
        term_days=np.concatenate([p.term_days for p in parts])[order],
        daily_eur=np.concatenate([p.daily_eur for p in parts])[order],
        cap_eur=np.concatenate([p.cap_eur for p in parts])[order],
    )


def events_table(events: Events, refs: list[str]) -> Table:
    """legal_events.csv in the columns of docs/formats.md."""
    k = len(events.case)

    def num(values: Ints) -> list[str]:
        out: list[str] = np.where(values > 0, values.astype(str), "").tolist()
        return out

    def text(days: Days) -> list[str]:
        out: list[str] = np.where(
            np.isnat(days), "", np.datetime_as_string(days, unit="D")
        ).tolist()
        return out

    data = (
        np.asarray(refs)[events.case].tolist(),
        list(events.kind),
        text(events.date),
        [""] * k,  # end_date: suspensions are not generated (force majeure is a regime matter)
        num(events.months),
        text(events.sent),
        num(events.term_days),
        num(events.daily_eur),
        num(events.cap_eur),
    )
    return Table("legal_events", COLUMNS, data)
