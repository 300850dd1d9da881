# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren forecast`: run, compare and calibrate Monte Carlo forecasts.

verkeerstoren forecast run SCENARIO.json [--json]
verkeerstoren forecast compare A.json B.json [--json]
verkeerstoren forecast calibrate SCENARIO.json [--fit] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.table import Table

from verkeerstoren.cli import InputError
from verkeerstoren.forecast import (
    Comparison,
    ForecastResult,
    Scenario,
    ScenarioError,
    compare,
    load_scenario,
    run,
)
from verkeerstoren.forecast.calibration import fit_taskforce, history_check
from verkeerstoren.forecast.scenario import check_replications

Progress = Callable[[int, int], None]


def register(subparsers: Any) -> None:
    """Add `forecast run|compare|calibrate` to the top-level parser."""
    parser = subparsers.add_parser(
        "forecast",
        help="Monte Carlo forecast of stock, decisions, penalties and reception",
        description="Monte Carlo forecasts of a scenario (format: docs/formats.md).",
    )
    parser.set_defaults(func=lambda _args: _usage(parser))
    actions = parser.add_subparsers(dest="forecast_action", metavar="ACTION")

    run_p = actions.add_parser("run", help="forecast one scenario: weekly quantiles")
    run_p.add_argument("scenario", metavar="SCENARIO", help="scenario JSON file")
    _common(run_p)
    run_p.add_argument(
        "--every", type=int, default=4, metavar="N", help="table: show every N-th week (4)"
    )
    run_p.set_defaults(func=_run)

    cmp_p = actions.add_parser("compare", help="paired differences B - A on common random numbers")
    cmp_p.add_argument("a", metavar="A", help="baseline scenario JSON file")
    cmp_p.add_argument("b", metavar="B", help="alternative scenario JSON file")
    _common(cmp_p)
    cmp_p.add_argument(
        "--week", type=int, metavar="W", help="table: the week to show (default: the last)"
    )
    cmp_p.set_defaults(func=_compare)

    cal_p = actions.add_parser(
        "calibrate", help="compare a forecast with the Taskforce history of 2020-2021"
    )
    cal_p.add_argument("scenario", metavar="SCENARIO", help="scenario JSON file")
    _common(cal_p)
    cal_p.add_argument(
        "--fit",
        action="store_true",
        help="grid-fit effort, temp productivity and complex hours (docs/calibration.md)",
    )
    cal_p.set_defaults(func=_calibrate)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="JSON on stdout")
    parser.add_argument("--replications", type=int, help="override the scenario's replications")
    parser.add_argument("--seed", type=int, help="override the scenario's seed")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _load(path: str) -> Scenario:
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        raise InputError(f"{path}: {exc}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _overrides(args: argparse.Namespace, horizon_weeks: int) -> tuple[int | None, int | None]:
    """Validated ``--replications`` (bounded like the scenario field) and ``--seed``."""
    if args.replications is not None:
        try:
            check_replications(args.replications, horizon_weeks, "--replications")
        except ScenarioError as exc:
            raise InputError(f"--replications: {exc.message}") from None
    if args.seed is not None and args.seed < 0:
        raise InputError("--seed: must be >= 0")
    return args.replications, args.seed


@contextmanager
def _progress(args: argparse.Namespace, label: str) -> Iterator[Progress | None]:
    """A Rich progress bar on stderr when it is a terminal (never mixed into stdout)."""
    console = Console(stderr=True)
    if args.no_progress or not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _run(args: argparse.Namespace) -> int:
    scenario = _load(args.scenario)
    reps, seed = _overrides(args, scenario.horizon_weeks)
    if args.every < 1:
        raise InputError("--every: must be >= 1")
    with _progress(args, f"forecast {scenario.name} (weeks)") as progress:
        result = run(scenario, replications=reps, seed=seed, progress=progress)
    if args.json:
        _print_json(result.to_dict())
    else:
        _print_run(result, args.every)
    return 0


def _compare(args: argparse.Namespace) -> int:
    a, b = _load(args.a), _load(args.b)
    reps, seed = _overrides(args, max(a.horizon_weeks, b.horizon_weeks))
    if (a.start_date, a.horizon_weeks) != (b.start_date, b.horizon_weeks):
        raise InputError(
            f"{args.b}: start_date and horizon_weeks must equal those of {args.a} "
            "(paired differences compare the same weeks)"
        )
    if args.week is not None and not 0 <= args.week < a.horizon_weeks:
        raise InputError(f"--week: must be between 0 and {a.horizon_weeks - 1}")
    with _progress(args, f"compare {a.name} / {b.name} (weeks)") as progress:
        comparison = compare(a, b, replications=reps, seed=seed, progress=progress)
    if args.json:
        _print_json(comparison.to_dict())
    else:
        _print_compare(comparison, args.week)
    return 0


def _calibrate(args: argparse.Namespace) -> int:
    scenario = _load(args.scenario)
    reps, seed = _overrides(args, scenario.horizon_weeks)
    out: dict[str, object] = {}
    if args.fit:
        out["fit"] = fit_taskforce(scenario, replications=reps or 200)
    with _progress(args, f"forecast {scenario.name} (weeks)") as progress:
        result = run(scenario, replications=reps, seed=seed, progress=progress)
    out["scenario"] = scenario.name
    out["replications"] = result.replications
    out["seed"] = result.seed
    out.update(history_check(result))
    if args.json:
        _print_json(out)
    else:
        _print_calibration(out)
    return 0


def _console() -> Console:
    """Stdout console; wide when not a terminal so piped tables are not squeezed to 80."""
    console = Console()
    return console if console.is_terminal else Console(width=160)


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


def _fmt(value: float) -> str:
    return f"{value:,.0f}"


def _print_run(result: ForecastResult, every: int) -> None:
    console = _console()
    s = result.scenario
    title = f"{s.name}: {result.replications} replications, seed {result.seed} — P50 (P5–P95)"  # noqa: RUF001
    table = Table(title=title)
    for header in (
        "week",
        "ends",
        "stock",
        "decided (cum.)",
        "overdue",
        "penalties EUR (cum.)",
        "reception",
    ):
        table.add_column(header, justify="right")
    penalties = (
        result.paths["admin_penalty_eur_cumulative"] + result.paths["court_penalty_eur_cumulative"]
    )
    weeks = sorted(set(range(0, result.horizon_weeks, every)) | {result.horizon_weeks - 1})
    for week in weeks:
        table.add_row(
            str(week),
            result.week_end(week).isoformat(),
            *(
                _band(values[:, week])
                for values in (
                    result.paths["stock"],
                    result.paths["decisions_cumulative"],
                    result.paths["overdue"],
                    penalties,
                    result.paths["reception_persons"],
                )
            ),
        )
    console.print(table)
    c = result.clearance()
    share = _share(c["share_cleared"])
    console.print(
        f"Stock <= {c['threshold']} (working stock) within the horizon in {share:.0%} of "
        f"replications; first week P5 {c['p5_date']}, P50 {c['p50_date']}, P95 {c['p95_date']} "
        "(None: after the horizon)"
    )


def _share(value: object) -> float:
    """A share from a result dict (typed ``object`` there)."""
    if not isinstance(value, float):
        raise TypeError(f"a share is a float, not {value!r}")
    return value


def _band(values: Any) -> str:
    import numpy as np

    p5, p50, p95 = np.quantile(values, (0.05, 0.5, 0.95))
    return f"{_fmt(p50)} ({_fmt(p5)}–{_fmt(p95)})"  # noqa: RUF001


def _print_compare(comparison: Comparison, week: int | None) -> None:
    data = comparison.to_dict()
    console = _console()
    last = comparison.a.horizon_weeks - 1
    week = last if week is None else week
    table = Table(
        title=f"{data['b']} − {data['a']} at week {week} ({comparison.a.week_end(week)}), "  # noqa: RUF001
        f"{data['replications']} paired replications"
    )
    for header in (
        "metric",
        "A mean",
        "B mean",
        "B − A mean",  # noqa: RUF001
        "B − A P5–P95",  # noqa: RUF001
        "var. paired/indep.",
    ):
        table.add_column(header, justify="right")
    import numpy as np

    for metric, diff in comparison.differences.items():
        a_values = comparison.a.paths[metric][:, week]
        p5, p95 = np.quantile(diff[:, week], (0.05, 0.95))
        ratio = comparison.variance_reduction(metric, week)
        table.add_row(
            metric,
            _fmt(float(a_values.mean())),
            _fmt(float(comparison.b.paths[metric][:, week].mean())),
            _fmt(float(diff[:, week].mean())),
            f"{_fmt(p5)}–{_fmt(p95)}",  # noqa: RUF001
            "—" if ratio != ratio else f"{ratio:.3f}",
        )
    console.print(table)
    console.print(f"Clearance week difference: {data['clearance']}")


def _print_calibration(out: dict[str, object]) -> None:
    console = _console()
    if "fit" in out:
        console.print(f"Fit: {out['fit']}")
    table = Table(title=f"{out['scenario']} against history ({out['replications']} replications)")
    for header in ("milestone", "history", "week ends", "P5", "P50", "P95", "inside", "P50 error"):
        table.add_column(header, justify="right")
    milestones = out["milestones"]
    if not isinstance(milestones, list):
        raise TypeError("history_check() gives milestones as a list")
    for m in milestones:
        table.add_row(
            m["label"],
            _fmt(m["history"]),
            m["date"],
            _fmt(m["p5"]),
            _fmt(m["p50"]),
            _fmt(m["p95"]),
            "yes" if m["inside_p5_p95"] else "no",
            f"{m['median_error_pct']}%",
        )
    console.print(table)
    console.print(f"Clearance: {out['clearance']}")
    share = _share(out["share_cleared_in_window"])
    console.print(f"Cleared within {out['cleared_window']}: {share:.0%} of replications")
