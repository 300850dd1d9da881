# SPDX-License-Identifier: EUPL-1.2
"""Load benchmark: logged-in clients against gunicorn on a 100,000-case register (PostgreSQL).

Usage:
    .venv/bin/python bench/bench_load.py [--cases 100000] [--clients 8] [--seconds 60] [--reuse]

It generates `synth bulk --cases N`, imports it into the PostgreSQL database
`verkeerstoren_load` (dropped and created unless --reuse), applies the cut-off split, creates one
IND planner, starts `verkeerstoren serve` (gunicorn, production settings apart from TLS) on a free
loopback port, and runs N client processes, each logged in with its own session, for a bounded
time and a bounded number of requests. Each client cycles over the pages a planner uses: the
overview (home), the case list sorted by exposure, a filtered list, a deep page (500) and case
pages. It prints p50/p95/p99 (ms) and errors per page as a markdown table. Loopback only.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import multiprocessing
import os
import platform
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

CLI = [sys.executable, "-m", "verkeerstoren.cli"]
PG = "postgres://postgres@127.0.0.1:5432"
DB = "verkeerstoren_load"
USER, PASSWORD = "load-planner", "load-benchmark-wachtwoord-2020"
MAX_REQUESTS = 20_000  # per client: the loop stops at this count or at the time limit
PAGES = {
    "home": lambda refs: "/",
    "list by exposure": lambda refs: "/cases/?sort=-exposure",
    "list filtered": lambda refs: "/cases/?track=4&status=preparing&sort=deadline",
    "list page 500": lambda refs: "/cases/?page=500",
    "case page": lambda refs: f"/cases/{random.choice(refs)}/",  # noqa: S311  (a load mix)
}


def _env(var: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{PG}/{DB}",
        VERKEERSTOREN_VAR=str(var),
        VERKEERSTOREN_AS_OF="2020-04-06",
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY", secrets.token_urlsafe(50)),
        VERKEERSTOREN_PSEUDONYM_KEY=env.get(
            "VERKEERSTOREN_PSEUDONYM_KEY", "load-" + "k" * 8 + secrets.token_urlsafe(32)
        ),
    )
    return env


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{done.stderr[-2000:]}")
    return done.stdout


def prepare(cases: int, env: dict[str, str], work: Path) -> None:
    for sql in (f"DROP DATABASE IF EXISTS {DB}", f"CREATE DATABASE {DB}"):
        _run(["psql", f"{PG}/postgres", "-qc", sql], env)
    started = time.perf_counter()
    _run([*CLI, "synth", "bulk", "--cases", str(cases), "--out", str(work / "register")], env)
    _run([*CLI, "import", "--quiet", str(work / "register")], env)
    _run([*CLI, "cutoff-split"], env)
    print(
        f"register of {cases:,} cases ready in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )


def create_user(env: dict[str, str]) -> None:
    code = (
        "from django.contrib.auth.models import Group, User\n"
        "from verkeerstoren.cases.roles import Role, ensure_roles\n"
        "ensure_roles()\n"
        f"u, _ = User.objects.get_or_create(username={USER!r})\n"
        f"u.set_password({PASSWORD!r}); u.save()\n"
        "u.groups.add(Group.objects.get(name=Role.IND_PLANNER.value))\n"
    )
    _run([*CLI, "manage", "shell", "-c", code], env)


def references(env: dict[str, str], count: int = 2000) -> list[str]:
    sql = f"SELECT reference FROM cases_case ORDER BY random() LIMIT {int(count)}"  # noqa: S608
    out = _run(["psql", f"{PG}/{DB}", "-Atc", sql], env)
    return [line for line in out.splitlines() if line]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )


def _login(opener: urllib.request.OpenerDirector, base: str) -> None:
    page = opener.open(base + "/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    data = urllib.parse.urlencode(
        {"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    ).encode()
    request = urllib.request.Request(  # noqa: S310  (loopback http only)
        base + "/login/", data=data, headers={"Referer": base + "/login/"}
    )
    final = opener.open(request, timeout=30)
    assert "/login/" not in final.geturl(), "login failed"


def client(args: tuple[str, list[str], float, int]) -> dict[str, list[float] | int]:
    base, refs, seconds, seed = args
    random.seed(seed)
    opener = _opener()
    _login(opener, base)
    timings: dict[str, list[float] | int] = {name: [] for name in PAGES}
    errors: dict[str, int] = dict.fromkeys(PAGES, 0)
    names = list(PAGES)
    deadline = time.monotonic() + seconds
    for i in range(MAX_REQUESTS):
        if time.monotonic() >= deadline:
            break
        name = names[i % len(names)]
        url = base + PAGES[name](refs)
        start = time.perf_counter()
        try:
            with opener.open(url, timeout=30) as response:
                response.read()
                ok = response.status == 200 and "/login/" not in response.geturl()
        except (urllib.error.URLError, TimeoutError):
            ok = False
        elapsed = (time.perf_counter() - start) * 1000
        if ok:
            timings[name].append(elapsed)  # type: ignore[union-attr]
        else:
            errors[name] += 1
    return {**timings, **{f"errors:{k}": v for k, v in errors.items()}}


def _pct(values: list[float], q: float) -> float:
    return (
        statistics.quantiles(values, n=100, method="inclusive")[q - 1]
        if len(values) > 1
        else (values or [0.0])[0]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=None, help="gunicorn processes")
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database")
    args = parser.parse_args()
    if not 1 <= args.clients <= 64 or not 1 <= args.seconds <= 600:
        parser.error("--clients 1..64 and --seconds 1..600")
    work = Path(tempfile.mkdtemp(prefix="vt-load-"))
    env = _env(work)
    if not args.reuse:
        prepare(args.cases, env, work)
    create_user(env)
    refs = references(env)
    _run([*CLI, "manage", "collectstatic", "--noinput", "--verbosity", "0"], env)
    port = _free_port()
    serve = [*CLI, "serve", "--bind", f"127.0.0.1:{port}"]
    if args.workers:
        serve += ["--workers", str(args.workers)]
    server = subprocess.Popen(serve, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/login/", timeout=5).read()  # noqa: S310
                break
            except urllib.error.URLError:
                time.sleep(0.2)
        with multiprocessing.Pool(args.clients) as pool:
            results = pool.map(
                client, [(base, refs, args.seconds, seed) for seed in range(args.clients)]
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    rows = []
    for name in PAGES:
        values = [v for r in results for v in r[name]]  # type: ignore[union-attr]
        errors = sum(int(r[f"errors:{name}"]) for r in results)  # type: ignore[arg-type]
        rows.append(
            (name, len(values), _pct(values, 50), _pct(values, 95), _pct(values, 99), errors)
        )
    print(f"\n{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
          f"{args.cases:,} cases, {args.clients} clients, {args.seconds:.0f} s\n")  # fmt: skip
    print("| page | requests | p50 (ms) | p95 (ms) | p99 (ms) | errors |")
    print("|---|---|---|---|---|---|")
    for name, n, p50, p95, p99, errors in rows:
        print(f"| {name} | {n} | {p50:.0f} | {p95:.0f} | {p99:.0f} | {errors} |")
    print(json.dumps({"rows": rows}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
