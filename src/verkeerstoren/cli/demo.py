# SPDX-License-Identifier: EUPL-1.2
"""`verkeerstoren demo`: the embedded demo on SQLite — tf2020 loaded, logins printed, served."""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
from pathlib import Path

from .django_setup import setup_django
from .progress import STDERR, table_progress
from .serve import gunicorn_command

DEMO_PASSWORD = "verkeerstoren-demo"  # noqa: S105  # documented in README; demo data only


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("demo", help="load the tf2020 demo into SQLite and serve on 127.0.0.1:8000")
    p.add_argument("--seed", type=int, default=1, help="synthetic data seed (default 1)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--no-serve", action="store_true", help="load only, do not start the server")
    p.set_defaults(func=run)


# The synthetic register is a snapshot of 6 April 2020 (synth.calibration.DEFAULT_AS_OF); the
# deadlines and penalties of the demo are computed for that day, not for today.
DEMO_AS_OF = "2020-04-06"


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("VERKEERSTOREN_AS_OF", DEMO_AS_OF)
    # Synthetic data only: the demo may use the documented development keys (checks.py).
    os.environ.setdefault("VERKEERSTOREN_DEMO", "1")
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    load_demo(Path(settings.VAR_DIR) / f"tf2020-seed{args.seed}", args.seed)
    for username, role in create_demo_users():
        STDERR.print(f"login: [bold]{username}[/bold] / {DEMO_PASSWORD}  ({role})")
    if args.no_serve:
        return 0
    queue_demo_plan()
    # Forecasts and plan runs are background tasks: run one worker beside the web server, and
    # the watchdog that fails runs whose worker stopped (docs/decisions/0013-run-recovery.md).
    worker = subprocess.Popen(  # our own interpreter, no shell
        [sys.executable, "-m", "verkeerstoren.cli", "manage", "db_worker"], env=os.environ.copy()
    )
    watchdog = subprocess.Popen(  # our own interpreter, no shell
        [sys.executable, "-m", "verkeerstoren.cli", "manage", "run_watchdog"], env=os.environ.copy()
    )
    # The production web server (gunicorn) with its static files, as a deployment runs it.
    call_command("collectstatic", interactive=False, verbosity=0)
    web = subprocess.Popen(  # noqa: S603
        gunicorn_command(f"127.0.0.1:{args.port}"), env=os.environ.copy()
    )
    STDERR.print(f"serving on http://127.0.0.1:{args.port}/  (Ctrl+C stops)")
    try:
        web.wait()
    except KeyboardInterrupt:
        pass
    finally:
        for process in (web, worker, watchdog):
            process.terminate()
        for process in (web, worker, watchdog):
            process.wait(timeout=30)
    return 0


def load_demo(folder: Path, seed: int) -> None:
    """Generate tf2020 (if not yet on disk), import it, apply the cut-off split and register the
    intake table's first day (once); give every location its reception places."""
    from verkeerstoren.cases.importing import import_path
    from verkeerstoren.cases.law_figures import refresh_law_figures
    from verkeerstoren.cases.models import Case
    from verkeerstoren.cases.services import apply_cutoff_split
    from verkeerstoren.cutoff import CutoffRule
    from verkeerstoren.synth.generator import generate_tf2020
    from verkeerstoren.synth.writer import write_register

    if Case.objects.exists():
        STDERR.print("register already loaded; skipping import")
        seed_reception_places()
        return
    if not (folder / "cases.csv").exists():
        STDERR.print(f"generating tf2020 (seed {seed}) in {folder}")
        write_register(generate_tf2020(seed).tables, folder)
    with table_progress() as progress:
        import_path(folder, progress=progress)
    _, summary = apply_cutoff_split(CutoffRule())
    STDERR.print(f"cut-off split: {summary.to_taskforce} cases to the taskforce")
    count = refresh_law_figures()
    STDERR.print(f"deadlines and penalties derived for {count} cases")
    register_intake_day()
    seed_reception_places()


def register_intake_day() -> None:
    """Register the working day before the register's day, so the intake table has its day."""
    from verkeerstoren.cases.law_figures import register_as_of
    from verkeerstoren.demo.intake import previous_working_day, register_day

    day = previous_working_day(register_as_of())
    count = register_day(day)
    STDERR.print(f"intake table: {count} applicants registered on {day:%d-%m-%Y}")


# COA's reception places in the demo: every location has room for its open cases plus a margin
# for the new applicants the intake table places there (L).
RECEPTION_MARGIN_SHARE = 0.05
RECEPTION_MARGIN_MIN = 50


def seed_reception_places() -> int:
    """Give every location without reception places its open cases plus the margin (L); how
    many locations got places."""
    from django.db.models import Count

    from verkeerstoren.cases.models import Case, Location
    from verkeerstoren.glossary import OPEN_STATUSES
    from verkeerstoren.intaketable.models import ReceptionCapacity
    from verkeerstoren.intaketable.services import set_reception_places

    open_cases = dict(
        Case.objects.filter(status__in=OPEN_STATUSES)
        .values("location__code")
        .annotate(n=Count("pk"))
        .values_list("location__code", "n")
        .order_by()
    )
    done = set(ReceptionCapacity.objects.values_list("location__code", flat=True))
    seeded = 0
    for code in Location.objects.exclude(code__in=done).values_list("code", flat=True):
        present = open_cases.get(code, 0)
        margin = max(RECEPTION_MARGIN_MIN, math.ceil(present * RECEPTION_MARGIN_SHARE))
        set_reception_places(code, present + margin)
        seeded += 1
    return seeded


def queue_demo_plan() -> None:
    """Queue a plan of the Taskforce with all staff (once): the worker makes it in ~a minute."""
    from datetime import date

    from verkeerstoren.plans.models import PlanRun
    from verkeerstoren.plans.services import start_plan_run

    if PlanRun.objects.exists():
        return
    start_plan_run(None, date.fromisoformat(DEMO_AS_OF), 26, time_limit=60.0, staff_scope="all")
    STDERR.print("a plan of the taskforce (26 weeks, all staff) is being made in the background")


def create_demo_users() -> list[tuple[str, str]]:
    """One login per role (DOMAIN.md §4) plus an admin; idempotent."""
    from django.contrib.auth.models import Group, User

    from verkeerstoren.cases.roles import Role, ensure_roles

    ensure_roles()
    made: list[tuple[str, str]] = []
    admin, _ = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    made.append(("admin", "superuser"))
    for role in Role:
        user, _ = User.objects.get_or_create(username=role.value.replace("_", "-"))
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=role.value)])
        made.append((user.username, role.value))
    return made
