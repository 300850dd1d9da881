# SPDX-License-Identifier: EUPL-1.2
"""Logins: lockout per user and per address, strong passwords, idle and absolute session limits."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from verkeerstoren.web.common.sessions import STARTED

pytestmark = pytest.mark.django_db
PASSWORD = "lang-en-sterk-wachtwoord-7"


def _post(client: Client, username: str, password: str, address: str = "10.1.2.3") -> int:
    response = client.post(
        "/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return int(response.status_code)


def test_after_five_wrong_passwords_the_right_one_is_refused_too() -> None:
    User.objects.create_user("planner", password=PASSWORD)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _post(client, "planner", "wrong-password") == 200  # the form again, with an error
    assert _post(client, "planner", "wrong-password") == 429
    assert _post(client, "planner", PASSWORD) == 429
    assert "_auth_user_id" not in client.session
    # From another address the account is locked as well: the lockout is per user name.
    assert _post(Client(), "planner", PASSWORD, address="10.9.9.9") == 429


def test_one_address_trying_many_accounts_is_locked_out() -> None:
    User.objects.create_user("someone", password=PASSWORD)
    client = Client()
    for i in range(settings.AXES_FAILURE_LIMIT):
        _post(client, f"guess{i}", "wrong-password", address="10.4.4.4")
    assert _post(client, "someone", PASSWORD, address="10.4.4.4") == 429
    assert _post(Client(), "someone", PASSWORD, address="10.5.5.5") == 302  # others still sign in


def test_a_good_login_after_a_few_failures_resets_the_count() -> None:
    User.objects.create_user("lead", password=PASSWORD)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _post(client, "lead", "wrong-password")
    assert _post(client, "lead", PASSWORD) == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _post(client, "lead", "wrong-password") == 200


@pytest.mark.parametrize("password", ["12345678", "verkeerstoren", "password1234", "kort-7"])
def test_weak_passwords_are_refused(password: str) -> None:
    user = User(username="verkeerstoren")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_password_is_accepted() -> None:
    validate_password(PASSWORD, User(username="planner"))


def test_an_idle_session_ends() -> None:
    User.objects.create_user("idle", password=PASSWORD)
    client = Client()
    assert _post(client, "idle", PASSWORD) == 302
    assert client.get("/").status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    # Each request pushes the end out by the idle period ...
    assert session.expire_date > timezone.now() + timedelta(
        seconds=settings.SESSION_COOKIE_AGE - 60
    )
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    # ... so a session whose last request is longer ago than that has ended.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_busy_session_still_ends_after_its_absolute_lifetime() -> None:
    User.objects.create_user("busy", password=PASSWORD)
    client = Client()
    assert _post(client, "busy", PASSWORD) == 302
    assert client.get("/").status_code == 200
    session = client.session
    session[STARTED] = int(time.time()) - settings.VERKEERSTOREN_SESSION_MAX_SECONDS - 1
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get("/").status_code == 302  # logged out, not just redirected once


def test_activity_renews_the_idle_timeout_at_most_once_a_minute() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from verkeerstoren.web.common.sessions import TOUCHED

    User.objects.create_user("active", password=PASSWORD)
    client = Client()
    assert _post(client, "active", PASSWORD) == 302
    assert client.get("/").status_code == 200
    with CaptureQueriesContext(connection) as seen:
        assert client.get("/").status_code == 200  # a second look within the minute ...
    assert not any('UPDATE "django_session"' in q["sql"] for q in seen.captured_queries)
    key = client.session.session_key
    soon = timezone.now() + timedelta(minutes=5)
    Session.objects.filter(pk=key).update(expire_date=soon)
    session = client.session
    session[TOUCHED] = int(time.time()) - 61
    session.save()
    Session.objects.filter(pk=key).update(expire_date=soon)
    assert client.get("/").status_code == 200  # ... but after a minute the end moves out
    renewed = Session.objects.get(pk=key).expire_date
    assert renewed > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
