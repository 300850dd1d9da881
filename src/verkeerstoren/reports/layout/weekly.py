# SPDX-License-Identifier: EUPL-1.2
"""The weekly report's layout: targets, stock, overdue cases, penalties, plan and forecast."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from verkeerstoren.reports.build import Report
from verkeerstoren.reports.charts import bar_chart, fan_chart
from verkeerstoren.reports.labels import day, label
from verkeerstoren.reports.layout import (
    DATE,
    EUR,
    INT,
    PERCENT,
    TEXT,
    Chart,
    Column,
    Section,
    Table,
)
from verkeerstoren.reports.register import ALL, STREAMS
from verkeerstoren.reports.weekly import AGE_BUCKETS, OPEN_STATUSES

SPLIT = tuple(s for s in STREAMS if s != ALL)


def sections(report: Report) -> list[Section]:
    f = report.figures
    return [_targets(f), _stock(f), _late(f), _penalties(f), _plan(f), _forecast(f)]


def _stream_columns() -> tuple[Column, ...]:
    return tuple(Column(label("stream", s), INT) for s in STREAMS)


def _targets(f: dict[str, Any]) -> Section:
    target, decided = _("Target"), _("Decided")
    teams = f["teams"]
    values: list[dict[str, Any]] = []
    for t in teams:
        values.append({"label": t["team"], "series": target, "value": t["target"]})
        values.append({"label": t["team"], "series": decided, "value": t["decided"]})
    rows: list[tuple[Any, ...]] = [
        (
            t["team"],
            t["name"],
            label("stream", t["stream"]),
            t["target"],
            t["decided"],
            t["decided"] - t["target"],
        )
        for t in teams
    ]
    outside = f["outside_plan"]
    rows.append((_("Outside the plan"), "", "", None, outside[ALL], None))
    description = _(
        "Bar chart of the decisions per team this week next to the team's target from the "
        "published plan."
    )
    table = Table(
        slug="teams-table",
        caption=_("Decisions this week per team against the team target"),
        columns=(
            Column(_("Team"), TEXT),
            Column(_("Name"), TEXT),
            Column(_("Stream"), TEXT),
            Column(_("Target"), INT),
            Column(_("Decided"), INT),
            Column(_("Difference"), INT),
        ),
        rows=tuple(rows),
        label_columns=3,
    )
    items: list[Chart | Table] = []
    if teams:
        spec = bar_chart(
            values,
            x_title=_("Team"),
            y_title=_("Decisions"),
            series_title=_("Decisions"),
            series=(target, decided),
            description=description,
        )
        items.append(
            Chart("teams", _("Decisions per team against the target"), description, spec, table)
        )
    else:
        items.append(table)
    decisions = f["decisions"]
    items.append(
        Table(
            slug="decisions-table",
            caption=_("Decisions this week per stream"),
            columns=(Column(_("Figure"), TEXT), *_stream_columns()),
            rows=(
                (_("Decisions"), *(decisions[s] for s in STREAMS)),
                (_("Of which outside the plan"), *(outside[s] for s in STREAMS)),
            ),
        )
    )
    paragraphs: tuple[str, ...] = (
        _(
            "The team target is what the published plan puts in the week. A planned case "
            "decided this week counts for the team the plan gave it; other decisions are "
            "outside the plan."
        ),
    )
    if not teams:
        paragraphs += (_("No published plan has targets for this week."),)
    return Section("targets", _("Decisions against the team targets"), paragraphs, tuple(items))


def _stock(f: dict[str, Any]) -> Section:
    by_age = f["stock_by_age"]
    ages = [_age_label(name) for name, _low, _high in AGE_BUCKETS]
    values = [
        {"label": ages[i], "series": label("stream", s), "value": by_age[name][s]}
        for i, (name, _low, _high) in enumerate(AGE_BUCKETS)
        for s in SPLIT
    ]
    description = _(
        "Bar chart of the open cases by age since receipt, for the Taskforce and the regular "
        "directorate."
    )
    age_table = Table(
        slug="stock-age-table",
        caption=_("Open cases by age since receipt"),
        columns=(Column(_("Age"), TEXT), *_stream_columns()),
        rows=(
            *(
                (ages[i], *(by_age[name][s] for s in STREAMS))
                for i, (name, _low, _high) in enumerate(AGE_BUCKETS)
            ),
            (_("Total"), *(f["stock"][s] for s in STREAMS)),
        ),
    )
    chart = Chart(
        "stock-age",
        _("Open cases by age"),
        description,
        bar_chart(
            values,
            x_title=_("Age since receipt"),
            y_title=_("Open cases"),
            series_title=_("Stream"),
            series=tuple(label("stream", s) for s in SPLIT),
            description=description,
        ),
        age_table,
    )
    by_status = f["stock_by_status"]
    status_table = Table(
        slug="stock-status-table",
        caption=_("Open cases by status"),
        columns=(Column(_("Status"), TEXT), *_stream_columns()),
        rows=tuple(
            (label("status", code), *(by_status[code][s] for s in STREAMS))
            for code in OPEN_STATUSES
        ),
    )
    return Section("stock", _("Stock"), (), (chart, status_table))


def _age_label(name: str) -> str:
    return {
        "0-6": _("under 6 months"),
        "6-9": _("6 to 9 months"),
        "9-15": _("9 to 15 months"),
        "15+": _("15 months or more"),
    }[name]


def _late(f: dict[str, Any]) -> Section:
    hearings = f["hearings"]
    table = Table(
        slug="late-table",
        caption=_("Overdue cases, notices of default and hearings"),
        columns=(Column(_("Figure"), TEXT), *_stream_columns()),
        rows=(
            (_("Overdue cases (past their deadline)"), *(f["overdue"][s] for s in STREAMS)),
            (_("Of which with a notice of default"), *(f["overdue_with_notice"][s] for s in STREAMS)),
            (_("Notices of default received this week"), *(f["notices_received"][s] for s in STREAMS)),
            (_("Hearings held this week"), *(hearings["held"][s] for s in STREAMS)),
            (_("Hearings cancelled this week"), *(hearings["cancelled"][s] for s in STREAMS)),
        ),
    )  # fmt: skip
    return Section("late", _("Overdue cases, notices and hearings"), (), (table,))


def _penalties(f: dict[str, Any]) -> Section:
    p = f["penalties"]
    table = Table(
        slug="penalties-table",
        caption=_("Penalty payments (administrative and court), EUR"),
        columns=(Column(_("Figure"), TEXT), *(Column(label("stream", s), EUR) for s in STREAMS)),
        rows=(
            (_("Owed on the day of the figures"), *(p[s]["owed_eur"] for s in STREAMS)),
            (_("Accrued this week"), *(p[s]["accrued_eur"] for s in STREAMS)),
            (_("Burn rate per week"), *(p[s]["burn_eur_per_week"] for s in STREAMS)),
        ),
    )
    paragraphs = (
        _(
            "The burn rate is what the day of the figures adds to the penalties, times seven, "
            "under the law of that day."
        ),
    )
    return Section("penalties", _("Penalty payments"), paragraphs, (table,))


def _plan(f: dict[str, Any]) -> Section:
    plans = f["plans"]
    if not plans:
        return Section("plan", _("The plan"), (_("No plan had been published by this day."),))
    table = Table(
        slug="plan-table",
        caption=_("Published plans: cost, lower bound and gap"),
        columns=(
            Column(_("Plan version"), TEXT),
            Column(_("Stream"), TEXT),
            Column(_("Planned from"), DATE),
            Column(_("Cost"), EUR),
            Column(_("Lower bound"), EUR),
            Column(_("Gap (EUR)"), EUR),
            Column(_("Gap (%)"), PERCENT),
            Column(_("Expected penalties (EUR)"), EUR),
            Column(_("Cases planned"), INT),
        ),
        rows=tuple(
            (
                str(p["version"]),
                label("stream", p["stream"]),
                p["as_of"],
                p["cost"],
                p["lower_bound"],
                p["gap_eur"],
                p["gap_pct"],
                p["expected_penalty_eur"],
                p["planned"],
            )
            for p in plans
        ),
        label_columns=2,
    )
    paragraphs = (
        _(
            "The cost is the plan's expected penalties plus its weight for days late; the lower "
            "bound is proven: no plan costs less. The gap is the room left between the two."
        ),
    )
    return Section("plan", _("The plan"), paragraphs, (table,))


def _forecast(f: dict[str, Any]) -> Section:
    forecast = f["forecast"]
    if not forecast:
        return Section("forecast", _("Forecast"), (_("No forecast had been made by this day."),))
    c = forecast["clearance"]
    if c.get("p50_date"):
        band = _(
            "Forecast clearance date (median): %(p50)s; 90%% band %(p5)s to %(p95)s "
            "(forecast %(name)s, %(share)s of the replications clear within the horizon)."
        ) % {
            "p50": day(c["p50_date"]),
            "p5": day(c["p5_date"]) if c.get("p5_date") else "—",
            "p95": day(c["p95_date"]) if c.get("p95_date") else _("after the horizon"),
            "name": forecast["scenario"],
            "share": f"{round(100 * (c.get('share_cleared') or 0))}%",
        }
    else:
        band = _("The forecast %(name)s does not clear the stock within its horizon.") % {
            "name": forecast["scenario"]
        }
    rows = forecast["stock"]
    description = _(
        "Fan chart of the forecast stock of pending cases per week: median line with 50% and "
        "90% bands."
    )
    table = Table(
        slug="forecast-table",
        caption=_("Forecast stock of pending cases per week (P5, P50, P95)"),
        columns=(
            Column(_("Week"), INT),
            Column(_("Week ending"), DATE),
            Column("P5", INT),
            Column("P50", INT),
            Column("P95", INT),
        ),
        rows=tuple((r["week"], r["date"], r["p5"], r["p50"], r["p95"]) for r in rows),
    )
    spec = fan_chart(
        [(str(forecast["scenario"]), [{**r, "metric": "stock"} for r in rows])],
        "stock",
        y_title=_("Cases"),
        x_title=_("Week ending"),
        description=description,
    )
    chart = Chart("forecast", _("Forecast stock of pending cases"), description, spec, table)
    return Section("forecast", _("Forecast"), (band,), (chart,))
