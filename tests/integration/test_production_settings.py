# SPDX-License-Identifier: EUPL-1.2
"""The production switch: `verkeerstoren manage check --deploy` is clean with it and strong keys,
and names the missing HTTPS settings without it."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

DEPLOY_WARNINGS = ("security.W004", "security.W008", "security.W012", "security.W016")
WEAK_SECRET = "security.W009"


def check_deploy(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "VERKEERSTOREN_"))}
    env.pop("DATABASE_URL", None)
    env.update(
        VERKEERSTOREN_VAR=str(tmp_path),
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),
        VERKEERSTOREN_PSEUDONYM_KEY=secrets.token_urlsafe(40),
    )
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-m", "verkeerstoren.cli", "manage", "check", "--deploy",
         "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_check_deploy_is_clean_under_the_production_switch(tmp_path: Path) -> None:
    done = check_deploy(tmp_path, VERKEERSTOREN_PRODUCTION="1", DJANGO_DEBUG="1")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    for warning in (*DEPLOY_WARNINGS, WEAK_SECRET, "security.W018"):  # W018: DEBUG on
        assert warning not in output
    assert "no issues" in output


def test_without_the_switch_check_deploy_names_the_https_settings(tmp_path: Path) -> None:
    done = check_deploy(tmp_path)
    output = done.stdout + done.stderr
    assert done.returncode != 0
    for warning in DEPLOY_WARNINGS:
        assert warning in output


def test_a_short_secret_key_fails_check_deploy_even_in_production(tmp_path: Path) -> None:
    # 40 characters: the app's own key check wants 50, as Django's deploy check does.
    done = check_deploy(
        tmp_path, VERKEERSTOREN_PRODUCTION="1", DJANGO_SECRET_KEY=secrets.token_hex(20)
    )
    assert done.returncode != 0
    assert "verkeerstoren.E001" in done.stdout + done.stderr
