# SPDX-License-Identifier: EUPL-1.2
"""API benchmark: legal events posted one per request on a 100,000-case register (PostgreSQL).

Usage:
    .venv/bin/python bench/bench_api_events.py [--cases 100000] [--events 1000] [--clients 1,4]
        [--reuse] [--workers N]

It prepares the register as ``bench_load.py`` does (database ``verkeerstoren_load`` dropped and
created unless --reuse, ``synth bulk``, import, cut-off split), migrates it (a reused database
gets the current schema), creates the IND planner of ``bench_load.py`` and a bearer token for it
(``verkeerstoren token create``), and starts ``verkeerstoren serve`` (gunicorn, production
settings apart from TLS) on a free loopback port. For each client count it posts ``--events``
legal events, one per request, to ``POST /api/v1/cases/{reference}/legal-events`` with the
case's ETag in If-Match, split over that many client processes. Every event is one the law
accepts, each on its own case: a notice of default on an overdue open case without one, or an
extension on an open case received in the last eight weeks. The service refreshes the case's
law figures in the same transaction; the run checks afterwards that every accepted notice shows
in its case's figures. Any answer but 201 counts as an error. It prints throughput (events/s) and
p50/p95/p99 latency (ms) per client count as a markdown table. Loopback only.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from bench_load import CLI, DB, PG, USER, _env, _free_port, _pct, _run, create_user, prepare

WARMUP = 8  # events per run posted first and not counted (each worker's first requests)

# Runs inside `verkeerstoren manage shell`: cases the law accepts one more event on, as JSON.
PICK = """
import json
from datetime import timedelta
from verkeerstoren import glossary as g
from verkeerstoren.cases.law_figures import register_as_of
from verkeerstoren.cases.models import Case
day = register_as_of()
open_ = Case.objects.filter(status__in=[s.value for s in g.OPEN_STATUSES], received__lte=day)
overdue = open_.filter(law__overdue_days__gt=0, law__notice_received__isnull=True).exclude(
    legal_events__kind="notice_of_default")
young = open_.filter(received__gt=day - timedelta(weeks=8)).exclude(legal_events__kind="extension")
pick = lambda qs: list(qs.order_by("?").values_list("reference", "version")[:{count}])
print(json.dumps({{"day": day.isoformat(), "overdue": pick(overdue), "young": pick(young)}}))
"""


def pick_events(
    env: dict[str, str], count: int
) -> tuple[str, list[tuple[str, int, dict[str, Any]]]]:
    """``count`` events, notices and extensions alternating, each on a case of its own."""
    out = _run([*CLI, "manage", "shell", "-c", PICK.format(count=count)], env)
    found = json.loads(out.strip().splitlines()[-1])
    day = found["day"]
    notices = [
        (ref, version, {"kind": "notice_of_default", "date": day})
        for ref, version in found["overdue"]
    ]
    extensions = [
        (ref, version, {"kind": "extension", "date": day, "months": 6, "reason": "Benchmark"})
        for ref, version in found["young"]
    ]
    events: list[tuple[str, int, dict[str, Any]]] = []
    while len(events) < count and (notices or extensions):
        for pool in (notices, extensions):
            if pool and len(events) < count:
                events.append(pool.pop())
    if len(events) < count:
        sys.exit(f"the register has only {len(events)} cases for new events, {count} needed")
    return day, events


def token_for(env: dict[str, str]) -> str:
    return str(json.loads(_run([*CLI, "token", "create", USER, "--json"], env))["token"])


def post(base: str, token: str, event: tuple[str, int, dict[str, Any]]) -> tuple[int, str]:
    reference, version, body = event
    request = urllib.request.Request(  # noqa: S310  (loopback http only)
        f"{base}/api/v1/cases/{reference}/legal-events",
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
            "If-Match": f'"{version}"',
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            response.read()
            return int(response.status), ""
    except urllib.error.HTTPError as error:
        return int(error.code), error.read()[:300].decode(errors="replace")
    except (urllib.error.URLError, TimeoutError) as error:
        return 0, str(error)


def client(args: tuple[str, str, list[tuple[str, int, dict[str, Any]]]]) -> dict[str, Any]:
    base, token, events = args
    latencies: list[float] = []
    failures: list[tuple[int, str]] = []
    first, cpu = time.perf_counter(), time.process_time()
    for event in events:
        start = time.perf_counter()
        code, detail = post(base, token, event)
        elapsed = (time.perf_counter() - start) * 1000
        if code == 201:
            latencies.append(elapsed)
        else:
            failures.append((code, detail))
    end, cpu = time.perf_counter(), time.process_time() - cpu
    return {"start": first, "end": end, "cpu": cpu, "ms": latencies, "failures": failures}


def run_clients(
    base: str, token: str, events: list[tuple[str, int, dict[str, Any]]], clients: int
) -> dict[str, Any]:
    """Post ``events`` from ``clients`` processes (round robin); latencies and throughput."""
    shares = [(base, token, events[i::clients]) for i in range(clients)]
    with multiprocessing.Pool(clients) as pool:
        results = pool.map(client, shares)
    ms = [v for r in results for v in r["ms"]]
    failures = [f for r in results for f in r["failures"]]
    wall = max(r["end"] for r in results) - min(r["start"] for r in results)
    cpu = sum(r["cpu"] for r in results)
    return {
        "clients": clients,
        "ok": len(ms),
        "failures": failures,
        "wall": wall,
        "ms": ms,
        "cpu": cpu,
    }


def _cpu(pid: int) -> float:
    """User plus system CPU seconds of one process so far (Linux /proc); 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def server_pids(master: int) -> list[int]:
    """The gunicorn master and its workers."""
    pids = [master]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == master:
                pids.append(int(stat.parent.name))
    return pids


def _backends() -> list[int]:
    """PostgreSQL backends of the benchmark's database (their process title names it)."""
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with contextlib.suppress(OSError, ValueError):
            title = cmdline.read_bytes()
            if title.startswith(b"postgres: ") and f" {DB} ".encode() in title:
                pids.append(int(cmdline.parent.name))
    return pids


class CpuMeter:
    """CPU seconds of the server processes and of the database's backends during a run.

    The workers close their database connection after CONN_MAX_AGE and open another, so the
    backends are sampled every SAMPLE seconds and each one counts with the most CPU seen; a
    backend loses at most its last SAMPLE seconds.
    """

    SAMPLE = 0.25

    def __init__(self, server: list[int]) -> None:
        self.server = server
        self.seen: dict[int, float] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self.stop.wait(self.SAMPLE):
            for pid in _backends():
                self.seen[pid] = max(self.seen.get(pid, 0.0), _cpu(pid))

    def __enter__(self) -> CpuMeter:
        self.server_start = sum(_cpu(pid) for pid in self.server)
        self.db_start = {pid: _cpu(pid) for pid in _backends()}
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        for pid in _backends():
            self.seen[pid] = max(self.seen.get(pid, 0.0), _cpu(pid))
        self.server_cpu = sum(_cpu(pid) for pid in self.server) - self.server_start
        self.db_cpu = sum(cpu - self.db_start.get(pid, 0.0) for pid, cpu in self.seen.items())


def psql(sql: str, env: dict[str, str]) -> str:
    return _run(["psql", f"{PG}/{DB}", "-Atc", sql], env).strip()


def notices_in_figures(day: str, refs: list[str], env: dict[str, str]) -> int:
    """How many of the cases ``refs`` show a notice received on ``day`` in their law figures."""
    listed = ",".join("'" + ref.replace("'", "''") + "'" for ref in refs) or "''"
    sql = (
        "SELECT count(*) FROM cases_lawfigures l JOIN cases_case c ON c.id = l.case_id "  # noqa: S608
        f"WHERE c.reference IN ({listed}) AND l.notice_received = '{day}'"
    )
    return int(psql(sql, env))


def profile(env: dict[str, str], token: str, events: list[tuple[str, int, dict[str, Any]]]) -> None:
    """Post ``events`` in this process through Django's test client: time and SQL statements
    per event unprofiled, then a pyinstrument profile of the same kind of work (stderr)."""
    from pyinstrument import Profiler  # a benchmark tool only: pip install pyinstrument

    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "verkeerstoren.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    http = Client(HTTP_AUTHORIZATION=f"Bearer {token}", SERVER_NAME="127.0.0.1")

    def one(event: tuple[str, int, dict[str, Any]]) -> int:
        reference, version, body = event
        url = f"/api/v1/cases/{reference}/legal-events"
        answer = http.post(url, body, content_type="application/json", HTTP_IF_MATCH=f'"{version}"')
        return int(answer.status_code)

    codes = [one(event) for event in events[:WARMUP]]
    half = WARMUP + (len(events) - WARMUP) // 2
    timed = events[WARMUP:half]
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        codes += [one(event) for event in timed]
    per_event = (time.perf_counter() - started) * 1000 / max(1, len(timed))
    print(
        f"in-process: {per_event:.1f} ms and {len(queries) / max(1, len(timed)):.1f} SQL "
        f"statements per event, answers {sorted(set(codes))}"
    )
    profiler = Profiler(interval=0.0005)
    with profiler:
        codes += [one(event) for event in events[half:]]
    print(profiler.output_text(unicode=False, color=False, show_all=False), file=sys.stderr)


def start_server(env: dict[str, str], workers: int | None) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    serve = [*CLI, "serve", "--bind", f"127.0.0.1:{port}"]
    if workers:
        serve += ["--workers", str(workers)]
    server = subprocess.Popen(serve, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=10).read()  # noqa: S310
            return server, base
        except urllib.error.URLError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("the server did not answer")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1000, help="events per client count")
    parser.add_argument("--clients", default="1,4", help="client counts, comma-separated")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn processes")
    parser.add_argument("--reuse", action="store_true", help="keep the loaded database")
    parser.add_argument(
        "--profile", type=int, default=0, help="instead: post N events in-process and profile them"
    )
    args = parser.parse_args()
    counts = [int(n) for n in args.clients.split(",")]
    if not all(1 <= n <= 32 for n in counts) or not 1 <= args.events <= 20_000:
        parser.error("--clients 1..32 each and --events 1..20000")
    work = Path(tempfile.mkdtemp(prefix="vt-api-events-"))
    env = _env(work)
    if not args.reuse:
        prepare(args.cases, env, work)
    _run([*CLI, "manage", "migrate", "--verbosity", "0"], env)
    create_user(env)
    token = token_for(env)
    if args.profile:
        profile(env, token, pick_events(env, args.profile + WARMUP)[1])
        return 0
    day, events = pick_events(env, len(counts) * (args.events + WARMUP))
    api_events_before = int(psql("SELECT count(*) FROM cases_legalevent WHERE source = 'api'", env))
    server, base = start_server(env, args.workers)
    results = []
    try:
        for i, clients in enumerate(counts):
            batch = events[i * (args.events + WARMUP) : (i + 1) * (args.events + WARMUP)]
            warm = run_clients(base, token, batch[:WARMUP], min(clients, WARMUP))
            with CpuMeter(server_pids(server.pid)) as meter:
                run = run_clients(base, token, batch[WARMUP:], clients)
            run["server_cpu"], run["db_cpu"] = meter.server_cpu, meter.db_cpu
            run["warmup_ok"], run["warmup_failures"] = warm["ok"], warm["failures"]
            run["batch"] = batch[WARMUP:]
            results.append(run)
    finally:
        server.terminate()
        server.wait(timeout=30)
    api_events = int(psql("SELECT count(*) FROM cases_legalevent WHERE source = 'api'", env))
    posted_ok = sum(r["ok"] + r["warmup_ok"] for r in results)
    notice_refs = [
        ref for r in results for ref, _v, body in r["batch"] if body["kind"] == "notice_of_default"
    ]
    print(f"\n{time.strftime('%Y-%m-%d %H:%M')}, {platform.machine()}, {os.cpu_count()} cores, "
          f"{args.cases:,} cases, {args.events} events per run, register day {day}\n")  # fmt: skip
    print(
        "| clients | events | events/s | p50 (ms) | p95 (ms) | p99 (ms) | errors "
        "| CPU ms per event: server, PostgreSQL, clients |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        ms, n = r["ms"], max(1, r["ok"] + len(r["failures"]))
        cpu = ", ".join(f"{1000 * r[k] / n:.0f}" for k in ("server_cpu", "db_cpu", "cpu"))
        print(
            f"| {r['clients']} | {r['ok']} | {r['ok'] / r['wall']:.1f} | {_pct(ms, 50):.0f} | "
            f"{_pct(ms, 95):.0f} | {_pct(ms, 99):.0f} | {len(r['failures'])} | {cpu} |"
        )
    print(
        f"\nlegal events recorded by the API: {api_events - api_events_before} "
        f"(201 answers: {posted_ok}); notices in their cases' law figures: "
        f"{notices_in_figures(day, notice_refs, env)} of {len(notice_refs)} posted"
    )
    for r in results:
        for code, detail in (r["failures"] + r["warmup_failures"])[:5]:
            print(f"error {code}: {detail}", file=sys.stderr)
    return 0 if all(not r["failures"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
