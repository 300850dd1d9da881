# SPDX-License-Identifier: EUPL-1.2
"""Log events come out as one JSON object a line on stderr, from the CLI and from Django.

Each case runs in a fresh interpreter: logging configuration is process-wide, and the lines to
check are the ones the process really writes to its stderr.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from typing import Any


def run_python(code: str, **env: str) -> list[dict[str, Any]]:
    """Run ``code`` in a new interpreter; return its stderr lines, each parsed as JSON."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "verkeerstoren.settings", **env},
        check=True,
    )
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


def test_cli_main_logs_structlog_events_as_json_lines() -> None:
    events = run_python(
        """
        import structlog
        from verkeerstoren.cli import main
        main([])  # no sub-command: prints help on stdout, but configures logging first
        structlog.get_logger("verkeerstoren.example").warning("run_failed", run_id=7, code="x")
        """
    )
    assert len(events) == 1
    event = events[0]
    assert event["event"] == "run_failed"
    assert event["run_id"] == 7
    assert event["code"] == "x"
    assert event["level"] == "warning"
    assert event["logger"] == "verkeerstoren.example"
    assert event["timestamp"].endswith("Z")


def test_level_comes_from_log_level_and_defaults_to_warning() -> None:
    code = """
        import structlog
        from verkeerstoren import logs
        logs.configure()
        log = structlog.get_logger("verkeerstoren.example")
        log.debug("debug_event")
        log.info("info_event")
        log.warning("warning_event")
        """
    default = run_python(code, LOG_LEVEL="")
    assert [e["event"] for e in default] == ["warning_event"]
    info = run_python(code, LOG_LEVEL="info")
    assert [e["event"] for e in info] == ["info_event", "warning_event"]


def test_exception_is_one_json_line_with_its_traceback() -> None:
    events = run_python(
        """
        import structlog
        from verkeerstoren import logs
        logs.configure()
        try:
            raise ValueError("broken input")
        except ValueError:
            structlog.get_logger("verkeerstoren.example").exception("import_failed")
        """
    )
    assert len(events) == 1
    assert events[0]["level"] == "error"
    assert "ValueError: broken input" in events[0]["exception"]


def test_django_loggers_render_json_without_the_query_string() -> None:
    events = run_python(
        """
        import django
        django.setup()
        from django.test import RequestFactory
        from django.utils.log import log_response
        from django.http import HttpResponseNotFound
        request = RequestFactory().get("/zaken/", {"q": "Jansen"})
        log_response("Not Found: %s", request.path, response=HttpResponseNotFound(), request=request)
        """
    )
    assert len(events) == 1
    event = events[0]
    assert event["logger"] == "django.request"
    assert event["level"] == "warning"
    assert event["event"] == "Not Found: /zaken/"
    assert event["status_code"] == 404
    assert "Jansen" not in json.dumps(event)


def test_django_loggers_with_debug_write_one_json_line_each_at_our_level() -> None:
    events = run_python(
        """
        import django
        django.setup()
        import logging
        logging.getLogger("django.request").warning("Not Found: /zaken/")
        logging.getLogger("django.db.backends").info("below the level")
        logging.getLogger("django.server").error("from runserver")
        """,
        DJANGO_DEBUG="1",
        LOG_LEVEL="warning",
    )
    assert [(e["logger"], e["event"]) for e in events] == [
        ("django.request", "Not Found: /zaken/"),
        ("django.server", "from runserver"),
    ]
