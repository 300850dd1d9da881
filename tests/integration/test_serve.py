# SPDX-License-Identifier: EUPL-1.2
"""The production web server: gunicorn serves pages and static files; its log has no queries."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from verkeerstoren.cli.serve import gunicorn_command

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, bytes, dict[str, str]]:
    request = urllib.request.Request(url)  # noqa: S310  (loopback only)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def test_gunicorn_serves_pages_and_static_files_and_logs_no_query_strings(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["VERKEERSTOREN_VAR"] = str(tmp_path)
    for args in (
        ["manage", "migrate", "--verbosity", "0"],
        ["manage", "collectstatic", "--noinput"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "verkeerstoren.cli", *args],
            env=env, capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            gunicorn_command(f"127.0.0.1:{port}", workers=2), env=env, stdout=out, stderr=out
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):
                try:
                    status, body, _headers = _get(base + "/login/")
                    break
                except urllib.error.URLError:
                    time.sleep(0.2)
            else:
                pytest.fail("gunicorn did not start: " + log.read_text())
            assert status == 200 and b"<form" in body
            status, body, headers = _get(base + "/static/vendor/htmx/htmx.min.js")
            assert status == 200 and len(body) > 10_000
            assert "max-age" in headers.get("Cache-Control", "")
            status, _, _ = _get(base + "/cases/?reference=V5292277122&q=5292-277-122")
            assert status in (302, 200)
            _get(base + "/cases/V5292277122/")  # a V-number typed into the address
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = log.read_text()
    assert '"path":"/cases/"' in text  # the request was logged ...
    assert "5292" not in text and "reference=" not in text  # ... without its query string
