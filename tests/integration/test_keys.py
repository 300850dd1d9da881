# SPDX-License-Identifier: EUPL-1.2
"""Keys: the app refuses weak keys outside the demo, and the pseudonym key can be rotated."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from verkeerstoren.cases import models as m
from verkeerstoren.cases.importing import import_path
from verkeerstoren.cases.pseudonym import pseudonymise
from verkeerstoren.cases.rekey import RekeyError, rekey_pseudonyms
from verkeerstoren.checks import check_keys

SMALL = Path(__file__).parent / "data" / "small"
V_NUMBERS = ["1234567890", "2345678901", "3456789012", "4567890123", "5678901234"]
STRONG = "k3y-" + "0123456789abcdefghijklmnopqrstuvwxyz" + "ABCDEFGHIJKLMN"  # 54 characters
DEV_SECRET = "dev-only-insecure-secret-key-change-me"
DEV_PSEUDONYM = "verkeerstoren-demo-key-not-for-real-data"


def _ids(**overrides: object) -> set[str]:
    values = {"VERKEERSTOREN_DEMO": False, "SECRET_KEY": STRONG, "PSEUDONYM_KEY": STRONG[::-1]}
    values.update(overrides)
    with override_settings(**values):
        return {e.id for e in check_keys()}


def test_strong_keys_pass() -> None:
    assert _ids() == set()


@pytest.mark.parametrize(
    ("setting", "value", "error"),
    [
        ("SECRET_KEY", DEV_SECRET, "verkeerstoren.E001"),
        ("SECRET_KEY", "short-but-not-empty", "verkeerstoren.E001"),
        ("SECRET_KEY", "k3y-0123456789abcdefghijklmnopqrstuvwxyz", "verkeerstoren.E001"),  # 40
        ("SECRET_KEY", "a" * 60, "verkeerstoren.E001"),
        ("PSEUDONYM_KEY", DEV_PSEUDONYM, "verkeerstoren.E002"),
        ("PSEUDONYM_KEY", "", "verkeerstoren.E002"),
        ("PSEUDONYM_KEY", "12121212121212121212121212121212", "verkeerstoren.E002"),
    ],
)
def test_a_weak_key_is_an_error(setting: str, value: str, error: str) -> None:
    assert _ids(**{setting: value}) == {error}


def test_the_demo_may_use_the_development_keys() -> None:
    assert (
        _ids(VERKEERSTOREN_DEMO=True, SECRET_KEY=DEV_SECRET, PSEUDONYM_KEY=DEV_PSEUDONYM) == set()
    )


def _cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "VERKEERSTOREN_"))}
    env.update(extra)
    return env


def test_the_cli_refuses_to_touch_the_register_with_the_demo_keys(tmp_path: Path) -> None:
    env = _cli_env(VERKEERSTOREN_VAR=str(tmp_path))
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "verkeerstoren.cli", "import", "--quiet", str(SMALL)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "verkeerstoren.E001" in done.stderr and "verkeerstoren.E002" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "verkeerstoren.sqlite3").exists()  # refused before any database work


def test_the_wsgi_application_refuses_the_demo_keys() -> None:
    env = _cli_env(DJANGO_SETTINGS_MODULE="verkeerstoren.settings")
    done = subprocess.run(
        [sys.executable, "-c", "import verkeerstoren.wsgi"],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode != 0 and "verkeerstoren.E002" in done.stderr


@pytest.mark.django_db
def test_rekey_moves_every_case_and_its_history_to_the_new_key(settings: object) -> None:
    import_path(SMALL)
    old = pseudonymise(V_NUMBERS[0])
    new_key = secrets.token_urlsafe(40)
    assert m.Case.history.filter(person=old).exists()
    summary = rekey_pseudonyms(V_NUMBERS, settings.PSEUDONYM_KEY, new_key)  # type: ignore[attr-defined]
    assert summary.cases == m.Case.objects.count() == len(V_NUMBERS)
    persons = set(m.Case.objects.values_list("person", flat=True))
    assert persons == {pseudonymise(v, new_key) for v in V_NUMBERS}
    assert not m.Case.history.filter(person=old).exists()
    assert m.Case.history.filter(person=pseudonymise(V_NUMBERS[0], new_key)).exists()


@pytest.mark.django_db
def test_rekey_with_a_missing_v_number_or_a_wrong_old_key_changes_nothing(settings: object) -> None:
    import_path(SMALL)
    before = sorted(m.Case.objects.values_list("person", flat=True))
    new_key = secrets.token_urlsafe(40)
    with pytest.raises(RekeyError, match="1 of 5 cases"):
        rekey_pseudonyms(V_NUMBERS[1:], settings.PSEUDONYM_KEY, new_key)  # type: ignore[attr-defined]
    with pytest.raises(RekeyError, match="5 of 5 cases"):
        rekey_pseudonyms(V_NUMBERS, "not-the-old-key-" + "x" * 20, new_key)
    with pytest.raises(RekeyError) as caught:
        rekey_pseudonyms(["12345"], settings.PSEUDONYM_KEY, new_key)  # type: ignore[attr-defined]
    assert "12345" not in str(caught.value)
    assert sorted(m.Case.objects.values_list("person", flat=True)) == before


def test_rekey_cli_reads_the_old_key_from_the_environment(tmp_path: Path) -> None:
    old_key, new_key = secrets.token_urlsafe(40), secrets.token_urlsafe(40)
    base = _cli_env(VERKEERSTOREN_VAR=str(tmp_path), DJANGO_SECRET_KEY=STRONG)
    base.pop("DATABASE_URL", None)
    folder = tmp_path / "register"
    shutil.copytree(SMALL, folder)

    def cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "verkeerstoren.cli", *args], env={**base, **env},
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

    assert (
        cli("import", "--quiet", str(folder), VERKEERSTOREN_PSEUDONYM_KEY=old_key).returncode == 0
    )
    refused = cli(
        "pseudonym", "rekey", str(folder / "cases.csv"), VERKEERSTOREN_PSEUDONYM_KEY=new_key
    )
    assert refused.returncode == 2 and "VERKEERSTOREN_OLD_PSEUDONYM_KEY" in refused.stderr
    done = cli(
        "pseudonym", "rekey", str(folder / "cases.csv"), "--json",
        VERKEERSTOREN_PSEUDONYM_KEY=new_key, VERKEERSTOREN_OLD_PSEUDONYM_KEY=old_key,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert '"cases": 5' in done.stdout
    for v in V_NUMBERS:
        assert v not in done.stdout + done.stderr
