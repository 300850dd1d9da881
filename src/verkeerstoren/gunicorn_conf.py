# SPDX-License-Identifier: EUPL-1.2
"""Gunicorn settings of the web server (docs/decisions/0010-production-server.md).

``verkeerstoren serve`` and the demo start ``gunicorn -c python:verkeerstoren.gunicorn_conf``;
a deployment may use the same file. Each value can be set from the environment.
"""

import multiprocessing
import os

from gunicorn.glogging import Logger

from verkeerstoren.identifiers import redact


class RedactingLogger(Logger):  # type: ignore[misc]  # gunicorn ships no type hints
    """Gunicorn's logger with V-number-like text in a logged path replaced by a marker."""

    def atoms(self, resp, req, environ, request_time):  # type: ignore[no-untyped-def]
        values = super().atoms(resp, req, environ, request_time)
        return {k: redact(v) if isinstance(v, str) else v for k, v in values.items()}


bind = os.environ.get("VERKEERSTOREN_BIND", "127.0.0.1:8000")
# Processes, not threads: the views spend most of their time in Python (templates, ORM), where
# threads of one process wait for each other's GIL. One process per core: a page is busy on the
# CPU nearly all of its time, so more processes than cores only take turns on them (on 2 cores
# with 8 busy clients, 2 processes gave a p95 about half that of 5; docs/benchmarks.md).
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count())))
threads = int(os.environ.get("VERKEERSTOREN_WEB_THREADS", "1"))
# A sync process takes a connection only when it is free, so the kernel hands each request to an
# idle process; a gthread process of one thread accepts while busy and queues requests behind its
# own (p95 a third lower with sync in the same benchmark). Sync processes close each connection and
# are meant to sit behind a buffering proxy, such as the TLS-terminating proxy of a deployment
# (README, "Production").
worker_class = "sync" if threads == 1 else "gthread"
timeout = 60
graceful_timeout = 20
preload_app = True  # load Django once: a weak key stops the server before any worker forks
accesslog = "-"
logger_class = RedactingLogger
# %(U)s is the path WITHOUT the query string: filters and searches never reach the log.
access_log_format = (
    '{"event":"request","method":"%(m)s","path":"%(U)s","status":"%(s)s",'
    '"bytes":"%(B)s","ms":"%(M)s"}'
)
