# SPDX-License-Identifier: EUPL-1.2
"""Staff sign-in through the organisation's OpenID Connect provider (mozilla-django-oidc).

The provider decides who someone is and which groups they are in; this module turns that into
a Django user named by the ``preferred_username`` claim and the role groups of
``cases.roles`` (settings ``VERKEERSTOREN_OIDC_GROUP_ROLES``, see ``oidc_config``). The roles
are set again at every sign-in: a group removed at the provider is a role gone at the next
sign-in, unknown groups are ignored, and a user with no known group has no role (sees nothing).
The provider never makes a superuser or staff member, and never takes over a local account
(one with a password). No e-mail address is stored or logged.
"""

from __future__ import annotations

from typing import Any

import structlog
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, User
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from verkeerstoren.cases.roles import Role

log = structlog.get_logger(__name__)
USERNAME_MAX_LENGTH = 150


def username_from(claims: dict[str, Any]) -> str | None:
    """The Django user name of these claims: ``preferred_username`` if it is a valid one."""
    name = claims.get("preferred_username")
    if not isinstance(name, str) or not name or len(name) > USERNAME_MAX_LENGTH:
        return None
    try:
        UnicodeUsernameValidator()(name)
    except ValidationError:
        return None
    return name


def roles_from(claims: dict[str, Any]) -> frozenset[Role]:
    """The roles the provider's groups give; groups the table does not name are ignored."""
    groups = claims.get(getattr(settings, "VERKEERSTOREN_OIDC_GROUPS_CLAIM", "groups"))
    if not isinstance(groups, list):
        return frozenset()
    table: dict[str, str] = getattr(settings, "VERKEERSTOREN_OIDC_GROUP_ROLES", {})
    return frozenset(Role(table[g]) for g in groups if isinstance(g, str) and g in table)


@transaction.atomic
def set_roles(user: User, roles: frozenset[Role]) -> None:
    """Give the user exactly these role groups; groups that are no role stay as they are."""
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    role_groups = Group.objects.filter(name__in=[role.value for role in Role])
    user.groups.remove(*role_groups.exclude(name__in=[role.value for role in roles]))
    user.groups.add(*role_groups.filter(name__in=[role.value for role in roles]))


@transaction.atomic
def create_provider_user(username: str, roles: frozenset[Role]) -> User:
    """A user signed in by the provider only: no password of its own, no staff rights."""
    user = User.objects.create_user(username)  # no password: an unusable one
    set_roles(user, roles)
    return user


def _names(roles: frozenset[Role]) -> list[str]:
    return sorted(role.value for role in roles)


class RoleMappingBackend(OIDCAuthenticationBackend):  # type: ignore[misc]  # untyped library
    """mozilla-django-oidc's backend with users by ``preferred_username`` and roles by groups."""

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return username_from(claims) is not None

    def describe_user_by_claims(self, claims: dict[str, Any]) -> str:
        return f"user name {username_from(claims)}"

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        users = User.objects.filter(username=username_from(claims))
        if any(user.has_usable_password() for user in users):
            log.warning("oidc_sign_in_refused", reason="local_account", username=users[0].username)
            msg = "a local account has this user name"
            raise SuspiciousOperation(msg)
        return users

    def create_user(self, claims: dict[str, Any]) -> User:
        username = username_from(claims)
        if username is None:  # verify_claims ran first; this is an invariant, not a check
            raise SuspiciousOperation("no valid preferred_username")
        roles = roles_from(claims)
        user = create_provider_user(username, roles)
        log.info("oidc_sign_in", username=username, roles=_names(roles), new_user=True)
        return user

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        roles = roles_from(claims)
        set_roles(user, roles)
        log.info("oidc_sign_in", username=user.username, roles=_names(roles), new_user=False)
        return user

    def get_user(self, user_id: int) -> User | None:
        # Django's rule, not the library's: a user made inactive here loses their session too.
        return ModelBackend.get_user(self, user_id)
