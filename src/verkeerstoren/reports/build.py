# SPDX-License-Identifier: EUPL-1.2
"""A report's figures from the register's facts: checking the request, then computing it.

:func:`request` checks a kind, a period code and an optional day against the register (a period
that names none, one that starts after the register's day, a day after it, a period with no
case in the register) and raises :class:`ReportError` naming the field; :func:`compute` loads the
facts up to the report's day once and runs the report's figure builder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from verkeerstoren.cases import models as cm
from verkeerstoren.cases.law_figures import register_as_of

from . import inputs as report_inputs
from . import quarterly, trends, weekly
from .labels import day as d_m_y
from .periods import FORMATS, Kind, Period, PeriodError, parse
from .register import load


class ReportError(ValueError):
    """A request that makes no report; ``field`` is ``period`` or ``as_of``."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Request:
    """A checked request: the period and the day the figures are for."""

    kind: Kind
    period: Period
    as_of: date


@dataclass(frozen=True)
class Report:
    """A computed report: what it covers, what it was made from and its figures."""

    kind: str
    period: Period
    as_of: date
    inputs: dict[str, Any]
    figures: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """The report as the CLI prints it and a version stores it."""
        return {
            "report": self.kind,
            "period": self.period.code,
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "complete": self.as_of >= self.period.end,
            "regime": self.inputs.get("regime"),
            **self.figures,
        }


def request(kind: str, code: str, as_of: date | None = None) -> Request:
    """The checked request; ReportError naming the field that makes no report."""
    try:
        chosen = Kind(kind)
    except ValueError:
        raise ReportError("kind", _("Unknown kind of report: %(kind)s.") % {"kind": kind}) from None
    try:
        period = parse(chosen, code)
    except PeriodError as exc:
        raise ReportError("period", _period_message(exc)) from None
    today = register_as_of()
    if period.start > today:
        raise ReportError(
            "period",
            _("%(period)s starts after the register's day (%(day)s): it has no figures yet.")
            % {"period": period.code, "day": d_m_y(today)},
        )
    if as_of is not None and as_of > today:
        raise ReportError(
            "as_of",
            _("%(day)s lies after the register's day (%(today)s).")
            % {"day": d_m_y(as_of), "today": d_m_y(today)},
        )
    if as_of is not None and as_of < period.start:
        raise ReportError(
            "as_of",
            _("%(day)s lies before %(period)s starts (%(start)s).")
            % {"day": d_m_y(as_of), "period": period.code, "start": d_m_y(period.start)},
        )
    day = min(period.end, as_of or today)
    if not cm.Case.objects.filter(received__lte=day).exists():
        raise ReportError(
            "period",
            _("No case was in the register by %(day)s: %(period)s has no figures.")
            % {"day": d_m_y(day), "period": period.code},
        )
    return Request(chosen, period, day)


def _period_message(exc: PeriodError) -> str:
    form = FORMATS[exc.kind]
    if exc.code == "year":
        return _("%(text)s: the year must lie between 2000 and 2100.") % {"text": exc.text}
    if exc.kind == Kind.QUARTERLY:
        return _("%(text)s is not a quarter: use %(form)s with n from 1 to 4.") % {
            "text": exc.text,
            "form": form,
        }
    if exc.kind == Kind.WEEKLY:
        return _(
            "%(text)s is not a week: use %(form)s with a week that year has (01 to 52 or 53)."
        ) % {
            "text": exc.text,
            "form": form,
        }
    return _("%(text)s is not a month: use %(form)s with a month from 01 to 12.") % {
        "text": exc.text,
        "form": form,
    }


def compute(req: Request, stored_inputs: dict[str, Any] | None = None) -> Report:
    """The report's figures; ``stored_inputs`` of an earlier version keep its plan and forecast."""
    gathered = report_inputs.gather(req.as_of, stored_inputs)
    facts = load(req.as_of)
    if req.kind == Kind.QUARTERLY:
        figures: dict[str, Any] = {"figures": quarterly.figures(facts, req.period)}
    elif req.kind == Kind.WEEKLY:
        figures = weekly.figures(
            facts, req.period, gathered["plan_versions"], gathered["forecast_run"]
        )
    else:
        figures = trends.figures(facts, req.period)
    return Report(req.kind.value, req.period, req.as_of, gathered, figures)


def from_stored(
    kind: str, code: str, as_of: date, inputs: dict[str, Any], figures: dict[str, Any]
) -> Report:
    """A stored version's report (its figures as they were made)."""
    period = parse(Kind(kind), code)
    keys = ("report", "period", "from", "to", "as_of", "complete", "regime")
    return Report(kind, period, as_of, inputs, {k: v for k, v in figures.items() if k not in keys})
