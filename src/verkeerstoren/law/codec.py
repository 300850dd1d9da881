# SPDX-License-Identifier: EUPL-1.2
"""Plain-data codec: JSON-like dicts to :class:`CaseHistory` and results back to dicts.

Strict on purpose: unknown fields, wrong types, impossible dates and out-of-range numbers are
errors naming the field, because a typo that silently drops a notice would silently drop a
penalty. Dates lie in 1900-01-01..2100-12-31 and day counts, months and amounts have upper bounds
(below), so date arithmetic on any accepted record stays inside the calendar. Schema in
docs/formats.md ("Law exposure").
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from verkeerstoren.jsonin import JsonInputError, check_date, check_range
from verkeerstoren.law.exposure import Assessment, BehaviourParameters, ExpectedExposure
from verkeerstoren.law.model import CaseHistory, CourtRuling, Notice, Suspension

T = TypeVar("T")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# Upper bounds far beyond any real value (a court term is weeks, an extension at most months, a
# penalty cap thousands of euros) that keep dates and sums finite: a day count of 10^12 would
# overflow the calendar.
MAX_DAYS = 3650  # ten years
MAX_MONTHS = 120
MAX_EUR = 1_000_000_000.0
# Suspensions each add their length to the deadline; their total is bounded like a day count.
MAX_SUSPENSION_DAYS = 2 * MAX_DAYS

CASE_FIELDS = frozenset(
    {
        "id",
        "received",
        "extensions",
        "suspensions",
        "notices",
        "appeals",
        "decided",
        "manifestly_unfounded",
        "manifestly_inadmissible",
        "asylum",
    }
)


class FieldError(ValueError):
    """A field of the input is missing, of the wrong type, or has an impossible value."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"field '{field}': {message}")
        self.field = field
        self.message = message


def parse_date(value: object, field: str) -> date:
    """A ``YYYY-MM-DD`` string as a date, else :class:`FieldError`."""
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise FieldError(field, f"not a date (YYYY-MM-DD): {value!r}")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise FieldError(field, f"not a date: {value!r}") from None
    try:
        return check_date(field, parsed)
    except JsonInputError as exc:
        raise FieldError(field, exc.message) from None


def _optional_date(value: object, field: str) -> date | None:
    return None if value is None else parse_date(value, field)


def _int(value: object, field: str, minimum: int = 0, maximum: int = MAX_DAYS) -> int:
    # bool is an int subclass in Python; true/false as a number of months is a mistake.
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(field, f"not an integer: {value!r}")
    if value < minimum:
        raise FieldError(field, f"must be at least {minimum}: {value!r}")
    _in_range(value, field, minimum, maximum)
    return value


def _amount(value: object, field: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldError(field, f"not a number: {value!r}")
    if isinstance(value, int) and abs(value) > MAX_EUR:  # float() of a huge int overflows
        _in_range(value, field, 0, MAX_EUR)
    amount = float(value)
    if not math.isfinite(amount) or amount < 0:
        raise FieldError(field, f"must be a finite amount of at least 0: {value!r}")
    _in_range(amount, field, 0, MAX_EUR)
    return amount


def _in_range(value: float, field: str, lo: float, hi: float) -> None:
    try:
        check_range(field, value, lo, hi)
    except JsonInputError as exc:
        raise FieldError(field, exc.message) from None


def _bool(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise FieldError(field, f"not a boolean (true/false): {value!r}")
    return value


def _object(value: object, field: str, allowed: frozenset[str]) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise FieldError(field or "(record)", f"not a JSON object: {value!r}")
    unknown = sorted(set(value) - allowed)
    if unknown:
        prefix = f"{field}." if field else ""
        raise FieldError(f"{prefix}{unknown[0]}", "unknown field")
    return value


def _required(obj: Mapping[str, Any], key: str, field: str) -> Any:
    if key not in obj:
        raise FieldError(field, "missing")
    return obj[key]


def _list(obj: Mapping[str, Any], key: str, item: Callable[[object, str], T]) -> tuple[T, ...]:
    value = obj.get(key, [])
    if value is None:
        value = []
    if not isinstance(value, list):
        raise FieldError(key, f"not a list: {value!r}")
    return tuple(item(v, f"{key}[{i}]") for i, v in enumerate(value))


def _extension(value: object, field: str) -> int:
    obj = _object(value, field, frozenset({"months"}))
    months = _required(obj, "months", f"{field}.months")
    return _int(months, f"{field}.months", minimum=0, maximum=MAX_MONTHS)


def _suspension(value: object, field: str) -> Suspension:
    obj = _object(value, field, frozenset({"start", "end"}))
    start = parse_date(_required(obj, "start", f"{field}.start"), f"{field}.start")
    end = parse_date(_required(obj, "end", f"{field}.end"), f"{field}.end")
    if end < start:
        raise FieldError(f"{field}.end", f"before start {start.isoformat()}")
    return Suspension(start=start, end=end)


def _notice(value: object, field: str) -> Notice:
    obj = _object(value, field, frozenset({"received", "sent"}))
    received = parse_date(_required(obj, "received", f"{field}.received"), f"{field}.received")
    sent = _optional_date(obj.get("sent"), f"{field}.sent")
    if sent is not None and sent > received:
        raise FieldError(f"{field}.sent", f"after received {received.isoformat()}")
    return Notice(received=received, sent=sent)


def _ruling(value: object, field: str) -> CourtRuling:
    keys = ("judgment", "decision_term_days", "daily_eur", "cap_eur")
    obj = _object(value, field, frozenset(keys))
    raw = {k: _required(obj, k, f"{field}.{k}") for k in keys}
    return CourtRuling(
        judgment=parse_date(raw["judgment"], f"{field}.judgment"),
        decision_term_days=_int(raw["decision_term_days"], f"{field}.decision_term_days"),
        daily_eur=_amount(raw["daily_eur"], f"{field}.daily_eur"),
        cap_eur=_amount(raw["cap_eur"], f"{field}.cap_eur"),
    )


def case_from_dict(value: object) -> CaseHistory:
    """Validate one JSON object and build a :class:`CaseHistory` (raises :class:`FieldError`)."""
    obj = _object(value, "", CASE_FIELDS)
    case_id = _required(obj, "id", "id")
    if not isinstance(case_id, str) or not case_id:
        raise FieldError("id", f"not a non-empty string: {case_id!r}")
    suspensions = _list(obj, "suspensions", _suspension)
    total = sum(s.days for s in suspensions)
    if total > MAX_SUSPENSION_DAYS:
        raise FieldError(
            "suspensions", f"total length must be at most {MAX_SUSPENSION_DAYS} days: {total}"
        )
    return CaseHistory(
        id=case_id,
        received=parse_date(_required(obj, "received", "received"), "received"),
        extensions=_list(obj, "extensions", _extension),
        suspensions=suspensions,
        notices=_list(obj, "notices", _notice),
        rulings=_list(obj, "appeals", _ruling),
        decided=_optional_date(obj.get("decided"), "decided"),
        manifestly_unfounded=_bool(obj.get("manifestly_unfounded", False), "manifestly_unfounded"),
        manifestly_inadmissible=_bool(
            obj.get("manifestly_inadmissible", False), "manifestly_inadmissible"
        ),
        asylum=_bool(obj.get("asylum", True), "asylum"),
    )


BEHAVIOUR_FIELDS = (
    "notice_probability",
    "notice_delay_days",
    "appeal_probability",
    "appeal_to_judgment_days",
    "court_decision_term_days",
    "court_daily_eur",
    "court_cap_eur",
)


def behaviour_from_dict(value: object) -> BehaviourParameters:
    """Validate a JSON object of behaviour parameters (all fields required)."""
    obj = _object(value, "", frozenset(BEHAVIOUR_FIELDS))
    raw = {k: _required(obj, k, k) for k in BEHAVIOUR_FIELDS}
    for name in ("notice_probability", "appeal_probability"):
        if not 0.0 <= _amount(raw[name], name) <= 1.0:
            raise FieldError(name, f"must be between 0 and 1: {raw[name]!r}")
    return BehaviourParameters(
        notice_probability=_amount(raw["notice_probability"], "notice_probability"),
        notice_delay_days=_int(raw["notice_delay_days"], "notice_delay_days", minimum=1),
        appeal_probability=_amount(raw["appeal_probability"], "appeal_probability"),
        appeal_to_judgment_days=_int(raw["appeal_to_judgment_days"], "appeal_to_judgment_days"),
        court_decision_term_days=_int(raw["court_decision_term_days"], "court_decision_term_days"),
        court_daily_eur=_amount(raw["court_daily_eur"], "court_daily_eur"),
        court_cap_eur=_amount(raw["court_cap_eur"], "court_cap_eur"),
    )


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def _eur(x: float) -> float:
    # Cents: sums of probability-weighted amounts have no meaning below a cent.
    return round(x, 2)


def assessment_to_dict(a: Assessment) -> dict[str, Any]:
    """JSON-ready dict of an :class:`Assessment` (dates ISO or null, money in euros)."""
    return {
        "id": a.case_id,
        "as_of": a.as_of.isoformat(),
        "regime": a.regime,
        "term_months": a.term_months,
        "deadline": a.deadline.isoformat(),
        "overdue_days": a.overdue_days,
        "days_late": a.days_late,
        "notice_received": _iso(a.notice_received),
        "first_penalty_day": _iso(a.first_penalty_day),
        "admin_penalty_days": a.admin_penalty_days,
        "admin_penalty_eur": _eur(a.admin_penalty_eur),
        "admin_excluded": a.admin_excluded,
        "court_penalty_eur": _eur(a.court_penalty_eur),
        "penalty_eur": _eur(a.penalty_eur),
        "penalty_per_day_eur": _eur(a.penalty_per_day_eur),
        "fixing_decision_due": _iso(a.fixing_decision_due),
    }


def if_decided_to_dict(a: Assessment) -> dict[str, Any]:
    """The "if decided on X" columns of an :class:`Assessment` made with ``assess_if_decided``."""
    return {
        "if_decided_on": a.as_of.isoformat(),
        "if_decided_admin_penalty_eur": _eur(a.admin_penalty_eur),
        "if_decided_court_penalty_eur": _eur(a.court_penalty_eur),
        "if_decided_penalty_eur": _eur(a.penalty_eur),
    }


def expected_to_dict(e: ExpectedExposure) -> dict[str, Any]:
    """The expected-exposure columns of an :class:`ExpectedExposure`."""
    return {
        "expected_admin_penalty_eur": _eur(e.expected_admin_eur),
        "expected_court_penalty_eur": _eur(e.expected_court_eur),
        "expected_penalty_eur": _eur(e.expected_eur),
        "assumed_notice_received": _iso(e.assumed_notice_received),
    }
