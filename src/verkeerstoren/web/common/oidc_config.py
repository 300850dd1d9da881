# SPDX-License-Identifier: EUPL-1.2
"""Settings of the optional OIDC login for staff, read from the environment.

The settings module calls :func:`from_environ`. It returns no settings, and OIDC stays off,
unless ``VERKEERSTOREN_OIDC_ISSUER`` or one of the ``OIDC_OP_*_ENDPOINT`` variables is set.
With an issuer only, the endpoints come from the issuer's discovery document, read once at
start; an endpoint variable overrides what the document says. Everything is checked here, so a
broken configuration stops the app at start, not at the first sign-in.

Provider groups map to roles (``verkeerstoren.cases.roles.Role``): by default a group named
like the role with hyphens (``ind-planner`` -> ``ind_planner``);
``VERKEERSTOREN_OIDC_GROUPS="group=role,..."`` replaces that table.

No Django import: the settings module imports this before Django is set up.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from verkeerstoren.cases.roles import Role

BACKEND = "verkeerstoren.web.common.oidc.RoleMappingBackend"
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
DISCOVERY_TIMEOUT_SECONDS = 10
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class OIDCConfigError(ValueError):
    """The OIDC variables of the environment do not make a working configuration."""


def default_group_roles() -> dict[str, str]:
    """Provider group -> role: the role's name with hyphens (``coa-planner`` -> ``coa_planner``)."""
    return {role.value.replace("_", "-"): role.value for role in Role}


def parse_group_roles(text: str) -> dict[str, str]:
    """``"group=role,group=role"`` -> table; every role must be one of ``Role``."""
    roles = {role.value for role in Role}
    table: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        group, sep, role = (s.strip() for s in item.partition("="))
        if not sep or not group or role not in roles:
            raise OIDCConfigError(
                f"VERKEERSTOREN_OIDC_GROUPS: {item!r} is not group=role with a role of "
                f"{sorted(roles)}"
            )
        table[group] = role
    return table


def discover(issuer: str) -> dict[str, Any]:
    """The provider's discovery document (``/.well-known/openid-configuration``)."""
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    _check_url("VERKEERSTOREN_OIDC_ISSUER", url)
    try:
        # The scheme is checked above: https, or http on loopback.
        with urllib.request.urlopen(url, timeout=DISCOVERY_TIMEOUT_SECONDS) as response:  # noqa: S310
            document = json.loads(response.read(1_000_000))
    except (OSError, ValueError) as exc:
        raise OIDCConfigError(f"cannot read the discovery document {url}: {exc}") from exc
    if not isinstance(document, dict) or document.get("issuer", "").rstrip("/") != issuer.rstrip(
        "/"
    ):
        raise OIDCConfigError(f"{url} does not describe the issuer {issuer}")
    return document


def _check_url(name: str, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS):
        return
    raise OIDCConfigError(f"{name} must be an https address (plain http on loopback only): {url}")


def from_environ(environ: Mapping[str, str]) -> dict[str, Any]:
    """The Django settings of the OIDC login, or none when the environment asks for no OIDC."""
    issuer = environ.get("VERKEERSTOREN_OIDC_ISSUER", "").strip()
    explicit = {name: environ[name].strip() for name in ENDPOINTS if environ.get(name, "").strip()}
    if not issuer and not explicit:
        return {}
    document = discover(issuer) if issuer else {}
    settings: dict[str, Any] = {}
    for name, key in ENDPOINTS.items():
        url = explicit.get(name) or document.get(key)
        if not isinstance(url, str) or not url:
            raise OIDCConfigError(f"{name} is not set and the issuer's discovery gives no {key}")
        _check_url(name, url)
        settings[name] = url
    for name in ("OIDC_RP_CLIENT_ID", "OIDC_RP_CLIENT_SECRET"):
        if not environ.get(name):
            raise OIDCConfigError(f"{name} is required with OIDC")
        settings[name] = environ[name]
    groups = environ.get("VERKEERSTOREN_OIDC_GROUPS", "")
    settings.update(
        {
            "OIDC_RP_SIGN_ALGO": environ.get("OIDC_RP_SIGN_ALGO", "RS256"),
            "OIDC_RP_SCOPES": environ.get("VERKEERSTOREN_OIDC_SCOPES", "openid profile groups"),
            "OIDC_USE_PKCE": True,
            "OIDC_TOKEN_USE_BASIC_AUTH": True,
            "OIDC_TIMEOUT": DISCOVERY_TIMEOUT_SECONDS,
            "VERKEERSTOREN_OIDC_GROUPS_CLAIM": environ.get(
                "VERKEERSTOREN_OIDC_GROUPS_CLAIM", "groups"
            ),
            "VERKEERSTOREN_OIDC_GROUP_ROLES": (
                parse_group_roles(groups) if groups.strip() else default_group_roles()
            ),
        }
    )
    if settings["OIDC_RP_SIGN_ALGO"] not in {"RS256", "RS384", "RS512", "ES256", "ES384", "ES512"}:
        raise OIDCConfigError("OIDC_RP_SIGN_ALGO must be an RS or ES algorithm (RS256 by default)")
    return settings
