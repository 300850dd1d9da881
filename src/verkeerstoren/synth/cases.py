# SPDX-License-Identifier: EUPL-1.2
"""Case sampler: one segment of the register at a time, vectorised over cases.

A segment is a group of cases with one story (open Taskforce stock, court re-entries, recently
decided, inflow, ...). Sampling works in *units*: a single applicant or a linked family group.
Unit-level draws (received date, nationality, language, location, status, procedure) are shared
by the members of a family, so linked cases share nationality, received date range and status
(they are decided together, DOMAIN.md §2).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

from verkeerstoren.glossary import COMPLEX_FEATURES, STATUS_ORDER, Feature, Status
from verkeerstoren.synth import calibration as cal
from verkeerstoren.synth.dates import NAT, Days, day
from verkeerstoren.synth.densities import DateDensity
from verkeerstoren.synth.reference import (
    AMV_AT_CHILD_LOCATION,
    CHILD_LOCATION,
    LOCATIONS,
    NATIONALITIES,
)

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Strs = npt.NDArray[np.str_]
Floats = npt.NDArray[np.float64]

FEATURES: tuple[Feature, ...] = tuple(Feature)
F = {f: i for i, f in enumerate(FEATURES)}
STATUS_INDEX = {s: i for i, s in enumerate(STATUS_ORDER)}
HEARD = STATUS_INDEX[Status.HEARD]


@dataclass(slots=True)
class Cases:
    """Column arrays of sampled cases, one row per applicant."""

    segment: Strs
    unit: Ints  # sampling unit (a single applicant or a family group)
    member: Ints  # position within the unit (0 = first applicant)
    family: Ints  # family group number, -1 if none
    received: Days
    start: Days  # start of the current procedure: received, or the ruling for a court re-entry
    ruling: Days  # court ruling that annulled the earlier decision (court re-entries), else NaT
    decided: Days  # decision date if decided or closed, else NaT
    track: Strs
    kind: Strs
    procedure: Strs
    nationality: Strs
    language: Strs
    location: Strs
    gender: Strs
    status: Ints  # index into glossary.STATUS_ORDER
    outcome: Strs  # "" unless decided or closed
    features: Bools  # (n, len(FEATURES))
    written_opt_in: Bools
    manifestly_unfounded: Bools
    same_gender_request: Bools

    def __len__(self) -> int:
        return len(self.received)

    @property
    def complex(self) -> Bools:
        """Complex iff a conversion, LGBTI or 1F feature (glossary.COMPLEX_FEATURES)."""
        cols = [F[f] for f in FEATURES if f in COMPLEX_FEATURES]
        result: Bools = np.asarray(self.features[:, cols].any(axis=1), dtype=np.bool_)
        return result

    @property
    def is_open(self) -> Bools:
        """Not decided or closed."""
        result: Bools = self.status < STATUS_INDEX[Status.DECIDED]
        return result

    def take(self, order: Ints) -> Cases:
        """Rows in the given order."""
        return Cases(**{f.name: getattr(self, f.name)[order] for f in fields(self)})


def concat(parts: list[Cases]) -> Cases:
    """Stack segments into one table; units and family numbers stay distinct."""
    unit_offset = 0
    family_offset = 0
    shifted: list[Cases] = []
    for part in parts:
        unit = part.unit + unit_offset
        family = np.where(part.family >= 0, part.family + family_offset, -1)
        shifted.append(
            Cases(
                **{f.name: getattr(part, f.name) for f in fields(part)}
                | {"unit": unit, "family": family}
            )
        )
        unit_offset += int(part.unit.max()) + 1 if len(part) else 0
        family_offset += int(part.family.max()) + 1 if len(part) and part.family.max() >= 0 else 0
    return Cases(
        **{f.name: np.concatenate([getattr(p, f.name) for p in shifted]) for f in fields(Cases)}
    )


@dataclass(frozen=True, slots=True)
class SegmentSpec:
    """What to sample for one segment."""

    name: str
    n: int
    received: DateDensity  # received dates (for court re-entries: ruling dates)
    kind_shares: Mapping[str, float]
    track_shares: Mapping[str, Mapping[str, float]]  # by kind
    status_shares: Mapping[str, float] | None = None  # None: status by age (inflow ladder)
    outcome_shares: Mapping[str, float] | None = None  # decided segment
    decided_between: tuple[np.datetime64, np.datetime64] | None = None
    complex_factor: float = 1.0
    court_reentry: bool = False


def family_sizes(rng: np.random.Generator, n: int, share: float) -> Ints:
    """Unit sizes summing to exactly ``n``: family groups (≥ 2) for ~``share`` of cases, then 1s."""
    target = round(n * share)
    sizes_p = cal.FAMILY_GROUP_SIZES
    draws = rng.choice(
        np.array(list(sizes_p), dtype=np.int64),
        size=target // 2 + 1,
        p=np.array(list(sizes_p.values())),
    )
    cum = np.cumsum(draws)
    k = int(np.searchsorted(cum, target, side="right"))
    groups = draws[:k].tolist()
    rest = target - sum(groups)
    if rest >= 2:
        groups.append(rest)
    elif rest == 1 and groups:
        groups[-1] += 1
    singles = n - sum(groups)
    return np.array(groups + [1] * singles, dtype=np.int64)


def _pick(rng: np.random.Generator, shares: Mapping[str, float], size: int) -> Strs:
    keys = np.array(list(shares))
    p = np.array(list(shares.values()), dtype=np.float64)
    result: Strs = keys[rng.choice(len(keys), size=size, p=p / p.sum())]
    return result


def _nationalities(rng: np.random.Generator, track: Strs) -> Strs:
    codes = np.array([n.code for n in NATIONALITIES])
    mix = np.array([n.share for n in NATIONALITIES])
    safe = np.array([n.safe_country_share for n in NATIONALITIES])
    out = codes[rng.choice(len(codes), size=len(track), p=mix / mix.sum())]
    on_track2 = track == "2"
    out[on_track2] = codes[rng.choice(len(codes), size=int(on_track2.sum()), p=safe / safe.sum())]
    result: Strs = out
    return result


def _languages(rng: np.random.Generator, nationality: Strs) -> Strs:
    out = np.empty(len(nationality), dtype="<U4")
    for nat in NATIONALITIES:
        mask = nationality == nat.code
        if mask.any():
            out[mask] = _pick(rng, dict(nat.languages), int(mask.sum()))
    result: Strs = out
    return result


def _odds(nationality: Strs, attr: str) -> Floats:
    table = {n.code: float(getattr(n, attr)) for n in NATIONALITIES}
    result: Floats = np.array([table[c] for c in nationality.tolist()], dtype=np.float64)
    return result


def _features(rng: np.random.Generator, spec: SegmentSpec, c: Cases, single: Bools) -> Bools:
    n = len(c)
    feats = np.zeros((n, len(FEATURES)), dtype=np.bool_)
    r = rng.random((n, len(FEATURES)))
    k = spec.complex_factor
    feats[:, F[Feature.CONVERSION]] = r[:, 0] < k * _odds(c.nationality, "conversion")
    feats[:, F[Feature.LGBTI]] = r[:, 1] < k * _odds(c.nationality, "lgbti")
    feats[:, F[Feature.EXCLUSION_1F]] = r[:, 2] < k * _odds(c.nationality, "exclusion_1f")
    # AMV only for single first applications; the share is raised so that the share among all
    # first applications matches AMV_SHARE_OF_FIRST.
    amv_p = cal.AMV_SHARE_OF_FIRST / (1.0 - cal.FAMILY_CASE_SHARE)
    amv = single & (c.kind == "first") & (c.track != "2") & (r[:, 3] < amv_p)
    feats[:, F[Feature.AMV]] = amv
    feats[:, F[Feature.MEDICAL]] = r[:, 4] < cal.MEDICAL_SHARE
    feats[:, F[Feature.TRAFFICKING]] = r[:, 5] < cal.TRAFFICKING_SHARE
    feats[:, F[Feature.LANGUAGE_ANALYSIS]] = r[:, 6] < cal.LANGUAGE_ANALYSIS_SHARE
    feats[:, F[Feature.DOCUMENT_EXAMINATION]] = r[:, 7] < cal.DOCUMENT_EXAMINATION_SHARE
    age_p = np.where(amv, cal.AMV_AGE_ASSESSMENT_SHARE, cal.AGE_ASSESSMENT_SHARE_ADULT)
    feats[:, F[Feature.AGE_ASSESSMENT]] = r[:, 8] < age_p
    dublin = (c.track == "1") | ((c.track == "4") & (r[:, 9] < cal.DUBLIN_FEATURE_SHARE_TRACK4))
    feats[:, F[Feature.DUBLIN]] = dublin
    feats[:, F[Feature.FAMILY]] = ~single
    return feats


def _ladder_status(received: Days, as_of: np.datetime64) -> Ints:
    """Status by age for fresh inflow; hearings were halted by COVID in spring 2020, so few reach
    one before a snapshot in April."""
    age = (as_of - received).astype(np.int64)
    bounds = np.array([3, 30, 45, 60, 90, 120])  # days to leave registered, preparing, ...
    return np.searchsorted(bounds, age, side="right").astype(np.int64)


def sample_segment(rng: np.random.Generator, spec: SegmentSpec, as_of: np.datetime64) -> Cases:
    """Sample the ``spec.n`` cases of one segment as they stand on ``as_of``."""
    sizes = family_sizes(rng, spec.n, cal.FAMILY_CASE_SHARE)
    n_units = len(sizes)
    unit = np.repeat(np.arange(n_units, dtype=np.int64), sizes)
    first_of_unit = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    member = np.arange(spec.n, dtype=np.int64) - first_of_unit[unit]
    is_family = sizes[unit] >= 2
    family = np.where(is_family, unit, -1)

    # Unit-level draws.
    kind_u = _pick(rng, spec.kind_shares, n_units)
    track_u = np.empty(n_units, dtype="<U1")
    for kind, shares in spec.track_shares.items():
        mask = kind_u == kind
        track_u[mask] = _pick(rng, shares, int(mask.sum()))
    date_u = spec.received.sample(rng, n_units)
    nat_u = _nationalities(rng, track_u)
    lang_u = _languages(rng, nat_u)
    loc_u = _pick(rng, {loc.code: loc.case_share for loc in LOCATIONS}, n_units)
    va_u = rng.random(n_units)
    if spec.status_shares is not None:
        status_u = np.array(
            [STATUS_INDEX[Status(s)] for s in _pick(rng, spec.status_shares, n_units)],
            dtype=np.int64,
        )
    else:
        status_u = _ladder_status(date_u, as_of)
    outcome_u = np.full(n_units, "", dtype="<U16")
    decided_u: Days = np.full(n_units, NAT)
    if spec.outcome_shares is not None and spec.decided_between is not None:
        outcome_u = _pick(rng, spec.outcome_shares, n_units)
        status_u = np.where(
            outcome_u == "withdrawn", STATUS_INDEX[Status.CLOSED], STATUS_INDEX[Status.DECIDED]
        ).astype(np.int64)
        lo, hi = spec.decided_between
        span = int((hi - lo).astype(np.int64))
        decided_u = lo + rng.integers(0, span + 1, n_units).astype("timedelta64[D]")

    # Family members apply within a few days of the first one, inside the segment's date range.
    jitter = np.where(member > 0, rng.integers(0, cal.FAMILY_RECEIVED_SPREAD_DAYS + 1, spec.n), 0)
    dates = np.minimum(date_u[unit] + jitter.astype("timedelta64[D]"), spec.received.hi)
    if spec.court_reentry:
        # The density gave the ruling; the original application came 9 months to 2.5 years before.
        ruling = dates
        back = rng.integers(270, 900, n_units).astype("timedelta64[D]")
        received = np.maximum(date_u - back, day(cal.OLDEST_COURT_RECEIVED))[unit]
        start = ruling
    else:
        received = dates
        ruling = np.full(spec.n, NAT)
        start = received

    cases = Cases(
        segment=np.full(spec.n, spec.name),
        unit=unit,
        member=member,
        family=family,
        received=received,
        start=start,
        ruling=ruling,
        decided=decided_u[unit],
        track=track_u[unit],
        kind=kind_u[unit],
        procedure=np.full(spec.n, "AA"),
        nationality=nat_u[unit],
        language=lang_u[unit],
        location=loc_u[unit],
        gender=np.full(spec.n, "m"),
        status=status_u[unit],
        outcome=outcome_u[unit],
        features=np.zeros((spec.n, len(FEATURES)), dtype=np.bool_),
        written_opt_in=np.zeros(spec.n, dtype=np.bool_),
        manifestly_unfounded=np.zeros(spec.n, dtype=np.bool_),
        same_gender_request=np.zeros(spec.n, dtype=np.bool_),
    )
    _person_level(rng, spec, cases, va_u[unit], ~is_family)
    return cases


def _person_level(
    rng: np.random.Generator, spec: SegmentSpec, c: Cases, va_u: Floats, single: Bools
) -> None:
    """Draws that differ between family members: features, gender, procedure, requests."""
    n = len(c)
    c.features = _features(rng, spec, c, single)
    amv = c.features[:, F[Feature.AMV]]
    lgbti = c.features[:, F[Feature.LGBTI]]
    is_complex = c.complex

    r = rng.random((n, 6))
    c.location = np.where(amv & (r[:, 0] < AMV_AT_CHILD_LOCATION), CHILD_LOCATION, c.location)
    c.gender = _pick(rng, cal.GENDER_SHARES, n)
    c.gender = np.where(amv, np.where(r[:, 1] < cal.AMV_MALE_SHARE, "m", "f"), c.gender)

    # Procedure: family members share one uniform draw (va_u) and one probability, so they agree.
    p_va = np.where(is_complex, cal.VA_SHARE_COMPLEX, cal.VA_SHARE_BASE)
    p_va = np.where(~single, cal.VA_SHARE_FAMILY, p_va)
    if spec.court_reentry:
        p_va = np.full(n, cal.VA_SHARE_COURT_REENTRY)
    va = (va_u < p_va) & (c.track == "4")
    c.procedure = np.where(va, "VA", "AA")

    p_same = np.array([cal.SAME_GENDER_REQUEST[g] for g in c.gender.tolist()])
    p_same = np.where(lgbti, np.maximum(p_same, cal.SAME_GENDER_REQUEST_LGBTI), p_same)
    c.same_gender_request = r[:, 2] < p_same
    not_heard = c.status < HEARD
    c.written_opt_in = not_heard & (r[:, 3] < cal.WRITTEN_HEARING_OPT_IN_SHARE)
    p_mu = np.array([cal.MANIFESTLY_UNFOUNDED_SHARE[t] for t in c.track.tolist()])
    c.manifestly_unfounded = r[:, 4] < p_mu
