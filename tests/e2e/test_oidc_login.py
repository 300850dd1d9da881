# SPDX-License-Identifier: EUPL-1.2
"""Staff sign-in through a real OpenID Connect provider, in Chromium.

The provider is panva's oidc-provider (tests/oidc/provider.mjs) on a loopback port, with its
development login and consent pages; the app finds its endpoints through the provider's
discovery document, as a deployment with VERKEERSTOREN_OIDC_ISSUER does. Roles come from the
provider's groups at every sign-in; local accounts keep working beside it.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import assert_accessible
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import expect

import factories as f
from verkeerstoren.cases.roles import Role
from verkeerstoren.web.common import oidc_config

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROVIDER_DIR = Path(__file__).resolve().parents[1] / "oidc"
CLIENT_ID = "verkeerstoren-test"
CLIENT_SECRET = "test-client-secret-of-the-loopback-provider"  # test provider only
ORGANISATION_BUTTON = "Inloggen met uw organisatieaccount"
BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    oidc_config.BACKEND,
    "django.contrib.auth.backends.ModelBackend",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _install_provider() -> None:
    if (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        return
    if not shutil.which("npm"):
        pytest.fail("npm not found: run ./dev test (it installs Node.js)", pytrace=False)
    subprocess.run(
        ["npm", "install", "--prefix", str(PROVIDER_DIR), "--no-audit", "--no-fund"],
        check=True,
        timeout=300,
    )


class Provider:
    """The running provider: its issuer and the file that sets its accounts' groups."""

    def __init__(self, issuer: str, accounts_file: Path) -> None:
        self.issuer = issuer
        self.accounts_file = accounts_file

    def set_groups(self, login: str, groups: list[str]) -> None:
        table = json.loads(self.accounts_file.read_text())
        table[login] = groups
        self.accounts_file.write_text(json.dumps(table))


@pytest.fixture(scope="session")
def provider(live_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Provider]:
    _install_provider()
    folder = tmp_path_factory.mktemp("oidc")
    port = _free_port()
    issuer = f"http://127.0.0.1:{port}"
    accounts = folder / "accounts.json"
    accounts.write_text("{}")
    log_path = folder / "provider.log"
    env = {
        **os.environ,
        "OIDC_PROVIDER_PORT": str(port),
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_URI": f"{live_server.url}/oidc/callback/",
        "OIDC_ACCOUNTS_FILE": str(accounts),
    }
    with log_path.open("w") as log:
        process = subprocess.Popen(  # our own script, fixed arguments
            ["node", str(PROVIDER_DIR / "provider.mjs")], env=env, stdout=log, stderr=log
        )
    discovery = f"{issuer}/.well-known/openid-configuration"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(discovery, timeout=2):  # noqa: S310  # loopback http
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the OIDC provider did not start:\n{log_path.read_text()}")
                time.sleep(0.2)
        yield Provider(issuer, accounts)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def oidc(provider: Provider, settings: Any) -> Provider:
    """The app signs in through the provider, configured from its issuer as a deployment is."""
    provider.accounts_file.write_text("{}")  # the provider's built-in groups
    environ = {
        "VERKEERSTOREN_OIDC_ISSUER": provider.issuer,
        "OIDC_RP_CLIENT_ID": CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
    }
    for name, value in oidc_config.from_environ(environ).items():
        setattr(settings, name, value)
    settings.VERKEERSTOREN_OIDC = True
    settings.AUTHENTICATION_BACKENDS = BACKENDS
    return provider


def _roles(username: str) -> set[str]:
    return set(User.objects.get(username=username).groups.values_list("name", flat=True))


def _sign_in_at_provider(page: Any, login: str) -> None:
    """The provider's development pages: its login form (any password), then its consent."""
    page.locator('input[name="login"]').fill(login)
    page.locator('input[name="password"]').fill("any password will do")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()


def _organisation_sign_in(live_server: Any, page: Any, login: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name=ORGANISATION_BUTTON).click()
    _sign_in_at_provider(page, login)
    expect(page.locator(".vt-user")).to_have_text(f"Ingelogd als {login}")


def test_planner_signs_in_with_the_organisation_account(
    live_server: Any, page: Any, oidc: Provider
) -> None:
    f.case(reference="OIDC-0000001")
    page.goto(f"{live_server.url}/cases/")
    assert_accessible(page, "login with organisation sign-in")
    page.get_by_role("link", name=ORGANISATION_BUTTON).click()
    assert page.url.startswith(f"{oidc.issuer}/")  # on the provider's own pages
    _sign_in_at_provider(page, "planner")

    # Back in the app, on the page asked for, with the IND planner's role.
    expect(page.get_by_role("heading", level=1)).to_have_text("Zaken")
    expect(page.locator("#case-list tbody tr")).to_have_count(1)
    expect(page.locator(".vt-user")).to_have_text("Ingelogd als planner")
    expect(page.get_by_role("link", name="Planning", exact=True)).to_be_visible()
    user = User.objects.get(username="planner")
    assert _roles("planner") == {Role.IND_PLANNER.value}
    assert not user.has_usable_password()
    assert not user.is_staff
    assert not user.is_superuser
    assert not user.email


def test_coa_planner_gets_the_coa_role(live_server: Any, page: Any, oidc: Provider) -> None:
    _organisation_sign_in(live_server, page, "coa")
    assert _roles("coa") == {Role.COA_PLANNER.value}
    # COA sees the register and forecasts, not the plans.
    expect(page.get_by_role("link", name="Zaken", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Prognoses", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Planning", exact=True)).to_have_count(0)


def test_an_account_without_known_groups_gets_no_role(
    live_server: Any, page: Any, oidc: Provider
) -> None:
    _organisation_sign_in(live_server, page, "nobody")
    assert _roles("nobody") == set()
    expect(page.get_by_role("link", name="Zaken", exact=True)).to_have_count(0)
    response = page.goto(f"{live_server.url}/cases/")
    assert response.status == 403


def test_groups_changed_at_the_provider_change_the_roles_at_the_next_sign_in(
    live_server: Any, page: Any, oidc: Provider
) -> None:
    _organisation_sign_in(live_server, page, "planner")
    assert _roles("planner") == {Role.IND_PLANNER.value}

    # The provider moves the account to COA and adds a group the app does not know.
    oidc.set_groups("planner", ["coa-planner", "printer-users"])
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("link", name=ORGANISATION_BUTTON).click()
    # Still signed in at the provider, consent given: straight back into the app.
    expect(page.locator(".vt-user")).to_have_text("Ingelogd als planner")
    assert _roles("planner") == {Role.COA_PLANNER.value}
    expect(page.get_by_role("link", name="Planning", exact=True)).to_have_count(0)

    # Every group removed at the provider: no role left.
    oidc.set_groups("planner", [])
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("link", name=ORGANISATION_BUTTON).click()
    expect(page.locator(".vt-user")).to_have_text("Ingelogd als planner")
    assert _roles("planner") == set()
    assert User.objects.filter(username="planner").count() == 1


def test_local_accounts_keep_working_and_are_never_taken_over(
    live_server: Any, page: Any, oidc: Provider
) -> None:
    f.user("lead", Role.IND_TEAM_LEAD)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill("lead")
    page.get_by_label("Wachtwoord").fill(f.PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.locator(".vt-user")).to_have_text("Ingelogd als lead")
    page.get_by_role("button", name="Uitloggen").click()

    # The provider's "planner" may not sign in as the local account of that name.
    f.user("planner", Role.AUDITOR)
    page.get_by_role("link", name=ORGANISATION_BUTTON).click()
    _sign_in_at_provider(page, "planner")
    expect(page.get_by_role("alert")).to_contain_text(
        "Inloggen met uw organisatieaccount is niet gelukt."
    )
    expect(page.locator(".vt-user")).to_have_count(0)
    assert _roles("planner") == {Role.AUDITOR.value}


def test_without_oidc_settings_there_is_no_organisation_sign_in() -> None:
    client = Client()
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    page = client.get("/login/").content.decode()
    assert "oidc/authenticate" not in page
    assert ORGANISATION_BUTTON not in page


def test_the_settings_switch_on_oidc_from_the_issuer(provider: Provider) -> None:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.VERKEERSTOREN_OIDC, s.AUTHENTICATION_BACKENDS, "
        "'mozilla_django_oidc' in s.INSTALLED_APPS, s.OIDC_OP_TOKEN_ENDPOINT]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "verkeerstoren.settings",
        "VERKEERSTOREN_OIDC_ISSUER": provider.issuer,
        "OIDC_RP_CLIENT_ID": CLIENT_ID,
        "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
    }
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    enabled, backends, installed, token_endpoint = json.loads(out.strip().splitlines()[-1])
    assert enabled is True
    assert backends == BACKENDS
    assert installed is True
    assert token_endpoint == f"{provider.issuer}/token"


@pytest.mark.parametrize(
    ("environ", "complaint"),
    [
        ({"OIDC_OP_TOKEN_ENDPOINT": "https://idp.example/token"}, "OIDC_OP_AUTHORIZATION"),
        (
            {name: "http://idp.example/x" for name in oidc_config.ENDPOINTS}
            | {"OIDC_RP_CLIENT_ID": "c", "OIDC_RP_CLIENT_SECRET": "s"},
            "https",
        ),
        ({name: "https://idp.example/x" for name in oidc_config.ENDPOINTS}, "OIDC_RP_CLIENT_ID"),
        (
            {name: "https://idp.example/x" for name in oidc_config.ENDPOINTS}
            | {"OIDC_RP_CLIENT_ID": "c", "OIDC_RP_CLIENT_SECRET": "s"}
            | {"VERKEERSTOREN_OIDC_GROUPS": "ind-planner=planner"},
            "VERKEERSTOREN_OIDC_GROUPS",
        ),
    ],
)
def test_a_broken_oidc_configuration_stops_the_start(
    environ: dict[str, str], complaint: str
) -> None:
    with pytest.raises(oidc_config.OIDCConfigError, match=complaint):
        oidc_config.from_environ(environ)


def test_no_oidc_variables_no_oidc_settings() -> None:
    assert oidc_config.from_environ({"DJANGO_SECRET_KEY": "x"}) == {}


def test_explicit_endpoints_and_a_group_table_of_ones_own() -> None:
    endpoints = {name: f"https://idp.example/{name.lower()}" for name in oidc_config.ENDPOINTS}
    environ = endpoints | {
        "OIDC_RP_CLIENT_ID": "c",
        "OIDC_RP_CLIENT_SECRET": "s",
        "VERKEERSTOREN_OIDC_GROUPS": "G-IND-Planning = ind_planner, G-COA=coa_planner",
    }
    got = oidc_config.from_environ(environ)
    assert {name: got[name] for name in endpoints} == endpoints
    assert got["OIDC_RP_SIGN_ALGO"] == "RS256"
    assert got["OIDC_USE_PKCE"] is True
    assert got["VERKEERSTOREN_OIDC_GROUP_ROLES"] == {
        "G-IND-Planning": "ind_planner",
        "G-COA": "coa_planner",
    }
