# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: the intake table's proposals for a day (30 applicants) and for 10,000.

Usage:
    .venv/bin/python bench/bench_intake.py [--runs 7] [--engines sqlite,postgresql]
        [--pg postgres://postgres@127.0.0.1:5432] [--seed 1]

For each engine a child process loads the tf2020 register (seed 1: generated, imported, cut-off
split; SQLite in a scratch folder, PostgreSQL in the database ``verkeerstoren_intakebench``,
dropped and created), gives every location reception places for its open cases plus 10,000 (so
reception never runs out and the officers' and interpreters' weeks decide: the placement's
slower path), and measures:

(a) pure, on the first engine only: ``intake.propose.propose`` and ``intake.capacity.place`` on
    applicants from the synthetic intake (``synth.registrations``, the demo clock's generator),
    with the tf2020 register's capacity (read once; each run places on a fresh copy);
(b) ``intaketable.proposals.day_rows`` as the table page calls it (cases and intake facts read,
    rules, proposals, the register's capacity read, placement) on the register with 30 pending
    applicants and again with 10,000. Applicants are registered through
    ``cases.facts.register_application`` (law figures refreshed once at the end), on the working
    days before Monday 6 April 2020, about 30 a day, going back as far as 10,000 need.

Each measurement is repeated ``--runs`` times after one warm-up run; the script prints the median
and the maximum wall-clock seconds and the median CPU seconds of the measuring process (for
PostgreSQL without the server's own time) as a markdown table. Targets: a day's table under 1 s, 10,000 under
5 s.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

CLI = [sys.executable, "-m", "verkeerstoren.cli"]
PG_DB = "verkeerstoren_intakebench"
DAY = date(2020, 4, 6)  # the register's day: a Monday
SIZES = (30, 10_000)


def timed(
    fn: Callable[[Any], Any], runs: int, setup: Callable[[], Any] = lambda: None
) -> tuple[float, float, float, Any]:
    """Median and maximum wall-clock seconds and median CPU seconds (this process) of ``runs``
    calls ``fn(setup())`` after one warm-up call (the setup is not timed), and the last call's
    result. CPU time shows the work when other jobs share the cores."""
    result = fn(setup())
    wall, cpu = [], []
    for _ in range(runs):
        given = setup()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn(given)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), max(wall), statistics.median(cpu), result


def synthetic(count: int, seed: int) -> list[Any]:
    """The last ``count`` registrations of the synthetic intake on the working days before DAY,
    oldest first (a family cut at the edge keeps the members that fit)."""
    import numpy as np

    from verkeerstoren.law.calendar import is_working_day
    from verkeerstoren.synth.reference import LOCATIONS
    from verkeerstoren.synth.registrations import registrations

    locations = [loc.code for loc in LOCATIONS]
    days: list[list[Any]] = []
    day, total = DAY, 0
    while total < count:
        day -= timedelta(days=1)
        if is_working_day(day):
            days.append(
                registrations(np.random.default_rng([seed, day.toordinal()]), day, locations)
            )
            total += len(days[-1])
    return [r for regs in reversed(days) for r in regs][-count:]


def applicant(r: Any, i: int) -> Any:
    """The rules' applicant for a synthetic registration (as intaketable.proposals reads the
    register: declared features and indications split, a same-gender request as the gender)."""
    from verkeerstoren.intake.propose import Applicant

    features = set(r.features)
    return Applicant(
        id=f"A{i:05d}",
        registered=r.received,
        nationality=r.nationality,
        birth_date=r.birth_date,
        unaccompanied=r.unaccompanied,
        eurodac_hit=r.eurodac_hit,
        dublin_indication=r.dublin_indication,
        protection_elsewhere=r.protection_elsewhere,
        declared=frozenset(features & {"lgbti", "conversion"}),
        indications=frozenset(features & {"1f", "trafficking"}),
        medical_advice=r.medical_advice,
        age_assessment_needed=r.age_assessment_needed,
        family=r.family_group or None,
        language=r.language,
        same_gender=r.gender if r.same_gender_request and r.gender in ("f", "m") else None,
    )


def pure(capacity: Any, seed: int, runs: int) -> dict[str, Any]:
    """(a): propose + place on generated applicants, 30 and 10,000."""
    from verkeerstoren.intake.capacity import Need, place
    from verkeerstoren.intake.propose import propose
    from verkeerstoren.intake.rules import load

    rules = load()
    regs = synthetic(max(SIZES), seed)
    out: dict[str, Any] = {}
    for n in SIZES:
        people = regs[-n:]  # the most recent days
        applicants = [applicant(r, i) for i, r in enumerate(people)]

        def run(cap: Any, applicants: list[Any] = applicants, people: list[Any] = people) -> Any:
            proposals = propose(applicants, rules)
            needs = [
                Need(a.id, a.registered, r.location, p.heard, frozenset(p.competences),
                     a.language, p.child_hearing, a.family)
                for a, r, p in zip(applicants, people, proposals, strict=True)
            ]  # fmt: skip
            return place(cap, needs)

        med, top, cpu, placed = timed(run, runs, lambda: copy.deepcopy(capacity))
        out[f"pure {n}"] = (med, top, cpu)
        out[f"pure {n} unplaced"] = sum(p.week is None for p in placed)
    return out


def register(regs: list[Any]) -> None:
    """Register ``regs`` through the application service; law figures refreshed once."""
    from django.db import transaction

    from verkeerstoren.cases import facts
    from verkeerstoren.cases.facts.refresh import deferred
    from verkeerstoren.cases.law_figures import refresh_law_figures

    with transaction.atomic(), deferred():
        for r in regs:
            facts.register_application(
                facts.Application(
                    v_number=r.v_number, nationality=r.nationality, language=r.language,
                    received=r.received, location=r.location, kind=r.kind, gender=r.gender,
                    birth_date=r.birth_date, unaccompanied=r.unaccompanied,
                    family_group=r.family_group, family_members=r.family_members,
                    documents=list(r.documents), eurodac_hit=r.eurodac_hit,
                    dublin_indication=r.dublin_indication,
                    protection_elsewhere=r.protection_elsewhere, features=list(r.features),
                    medical_advice=r.medical_advice,
                    age_assessment_needed=r.age_assessment_needed,
                    same_gender_request=r.same_gender_request,
                ),
                source="bench",
            )  # fmt: skip
    refresh_law_figures()


def reception_for(extra: int) -> None:
    """Every location's reception places: its open cases plus ``extra``."""
    from django.db.models import Count

    from verkeerstoren.cases.models import Case, Location
    from verkeerstoren.glossary import OPEN_STATUSES
    from verkeerstoren.intaketable.services import set_reception_places

    present = dict(
        Case.objects.filter(status__in=OPEN_STATUSES)
        .values("location__code")
        .annotate(n=Count("pk"))
        .values_list("location__code", "n")
        .order_by()
    )
    for code in Location.objects.values_list("code", flat=True):
        set_reception_places(code, present.get(code, 0) + extra)


def child(engine: str, seed: int, runs: int, with_pure: bool) -> dict[str, Any]:
    """Load the register, then measure; runs inside its own process (one Django setup)."""
    from verkeerstoren.cli.django_setup import setup_django

    setup_django()
    from verkeerstoren.cases.importing import import_path
    from verkeerstoren.cases.models import Case
    from verkeerstoren.cases.services import apply_cutoff_split
    from verkeerstoren.cutoff import CutoffRule
    from verkeerstoren.intaketable.capacity import register_capacity
    from verkeerstoren.intaketable.proposals import day_rows
    from verkeerstoren.synth.generator import generate_tf2020
    from verkeerstoren.synth.writer import write_register

    out: dict[str, Any] = {"engine": engine}
    with tempfile.TemporaryDirectory() as tmp:
        write_register(generate_tf2020(1).tables, Path(tmp))
        import_path(Path(tmp))
    apply_cutoff_split(CutoffRule())
    reception_for(max(SIZES))
    out["register cases"] = Case.objects.count()
    out["capacity read"] = timed(lambda _: register_capacity(DAY), runs)[:3]
    if with_pure:
        out |= pure(register_capacity(DAY), seed, runs)
    regs = synthetic(max(SIZES), seed + 1)
    done = 0
    for n in SIZES:
        start = time.perf_counter()
        register(regs[len(regs) - n : len(regs) - done])
        out[f"register {n - done} seconds"] = time.perf_counter() - start
        done = n
        med, top, cpu, rows = timed(lambda _: day_rows(DAY)[0], runs)
        out[f"day_rows {n}"] = (med, top, cpu)
        out[f"day_rows {n} rows"] = len(rows)
        out[f"day_rows {n} unplaced"] = sum(r.placement.week is None for r in rows)
    return out


def run_child(engine: str, args: argparse.Namespace, with_pure: bool) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"VERKEERSTOREN_AS_OF": DAY.isoformat(), "VERKEERSTOREN_DEMO": "1"}
    with tempfile.TemporaryDirectory() as var:
        env["VERKEERSTOREN_VAR"] = var
        if engine == "postgresql":
            for sql in (f"DROP DATABASE IF EXISTS {PG_DB}", f"CREATE DATABASE {PG_DB}"):
                subprocess.run(["psql", f"{args.pg}/postgres", "-qc", sql], check=True)
            env["DATABASE_URL"] = f"{args.pg}/{PG_DB}"
        command = [sys.executable, __file__, "--child", engine, "--runs", str(args.runs),
                   "--seed", str(args.seed)] + (["--pure"] if with_pure else [])  # fmt: skip
        done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1, help="synthetic intake seed")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--pure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.seed, args.runs, args.pure)))
        return 0
    engines = args.engines.split(",")
    load_start = os.getloadavg()[0]
    results = [run_child(e, args, i == 0) for i, e in enumerate(engines)]
    print(f"\n{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
          f"load average {load_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, "
          f"{args.runs} runs after a warm-up\n")  # fmt: skip
    print("| what | engine | median (s) | max (s) | CPU, median (s) | note |")
    print("|---|---|---|---|---|---|")
    first = results[0]
    for n in SIZES:
        med, top, cpu = first[f"pure {n}"]
        note = f"{first[f'pure {n} unplaced']} without a week"
        print(f"| propose + place, {n:,} applicants | (pure) | {med:.3f} | {top:.3f} | {cpu:.3f} "
              f"| {note} |")  # fmt: skip
    for r in results:
        med, top, cpu = r["capacity read"]
        print(f"| register capacity read | {r['engine']} | {med:.3f} | {top:.3f} | {cpu:.3f} | "
              f"{r['register cases']:,} cases |")  # fmt: skip
        for n in SIZES:
            med, top, cpu = r[f"day_rows {n}"]
            note = f"{r[f'day_rows {n} rows']} rows, {r[f'day_rows {n} unplaced']} without a week"
            print(f"| day_rows, {n:,} pending | {r['engine']} | {med:.3f} | {top:.3f} | "
                  f"{cpu:.3f} | {note} |")  # fmt: skip
    print(json.dumps(results), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
