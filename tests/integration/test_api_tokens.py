# SPDX-License-Identifier: EUPL-1.2
"""API tokens: `verkeerstoren token create|revoke` as scripts run them, a bearer token works,
a revoked one gives 401 at once, only a hash is stored, and both are in the token history."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from api_helpers import call, problem, token_for
from django.test import Client
from knox.models import AuthToken

import factories as f
from verkeerstoren.api.tokens import revoke_tokens
from verkeerstoren.cases.roles import Role

# A request with a token in TOKEN, through the whole app, in a process of its own.
PROBE = (
    "import os; from django.test import Client; "
    "r = Client().get('/api/v1/cases', headers={'Authorization': 'Bearer ' + os.environ['TOKEN']}); "
    "print(r.status_code)"
)
MAKE_USER = (
    "from django.contrib.auth.models import Group, User; "
    "from verkeerstoren.cases.roles import ensure_roles; ensure_roles(); "
    "u = User.objects.create_user('system-a'); u.groups.add(Group.objects.get(name='ind_planner'))"
)


def _cli(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("verkeerstoren")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "verkeerstoren.cli"]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(VERKEERSTOREN_VAR=str(tmp_path), DJANGO_ALLOWED_HOSTS="testserver", **extra)
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=300, check=False, env=env
    )


def test_token_cli_create_use_revoke(tmp_path: Path) -> None:
    migrated = _cli(tmp_path, "manage", "migrate", "--verbosity", "0")
    assert migrated.returncode == 0, migrated.stderr[-2000:]
    made = _cli(tmp_path, "manage", "shell", "--no-imports", "-c", MAKE_USER)
    assert made.returncode == 0, made.stderr[-2000:]
    created = _cli(tmp_path, "token", "create", "system-a", "--json")
    assert created.returncode == 0, created.stderr[-2000:]
    token = json.loads(created.stdout)["token"]
    assert set(json.loads(created.stdout)) == {"token"} and len(token) >= 32
    probe = _cli(tmp_path, "manage", "shell", "--no-imports", "-c", PROBE, TOKEN=token)
    assert probe.stdout.strip().splitlines()[-1] == "200", probe.stderr[-2000:]
    revoked = _cli(tmp_path, "token", "revoke", "system-a", "--json")
    assert revoked.returncode == 0 and json.loads(revoked.stdout) == {"revoked": 1}
    probe = _cli(tmp_path, "manage", "shell", "--no-imports", "-c", PROBE, TOKEN=token)
    assert probe.stdout.strip().splitlines()[-1] == "401", probe.stderr[-2000:]


def test_token_cli_unknown_user_exits_2(tmp_path: Path) -> None:
    for action in ("create", "revoke"):
        proc = _cli(tmp_path, "token", action, "nobody-here")
        assert proc.returncode == 2, proc.stderr[-2000:]
        assert "nobody-here" in proc.stderr and "Traceback" not in proc.stderr
        assert proc.stdout == ""


@pytest.mark.django_db
def test_revoked_token_is_401_and_both_are_in_the_history(client: Client) -> None:
    user = f.user("system-b", Role.IND_PLANNER)
    admin = f.user("admin", superuser=True)
    token = token_for(user)
    assert call(client, "GET", "/cases", token).status_code == 200
    stored = AuthToken.objects.get(user=user)
    assert token not in (stored.digest, stored.token_key)  # only a hash and a short prefix
    assert revoke_tokens(user, by=admin) == 1
    problem(call(client, "GET", "/cases", token), 401)
    history = AuthToken.history.filter(user_id=user.pk).order_by("history_id")  # type: ignore[attr-defined]
    assert [(h.history_type, h.history_change_reason) for h in history] == [
        ("+", "api token created"),
        ("-", "api token revoked"),
    ]
    assert history.last().history_user == admin


@pytest.mark.django_db
def test_inactive_user_token_is_401(client: Client) -> None:
    user = f.user("system-c", Role.IND_PLANNER)
    token = token_for(user)
    user.is_active = False
    user.save()
    problem(call(client, "GET", "/cases", token), 401)
