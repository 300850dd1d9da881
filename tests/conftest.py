# SPDX-License-Identifier: EUPL-1.2
"""Shared test configuration.

Integration tests run against whatever DATABASE_URL names (SQLite by default, PostgreSQL in CI);
`./dev test` runs them on both.
"""

from __future__ import annotations

import os
import secrets

import pytest

# Strong keys of this test run, for the app and for every CLI the tests start: outside the demo
# the app refuses weak keys (verkeerstoren/checks.py), and the tests run outside the demo.
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("VERKEERSTOREN_PSEUDONYM_KEY", secrets.token_urlsafe(40))


def _csrf_tokens_of_two_letters() -> None:
    """CSRF tokens of this test run are made of "q" and "z" only.

    Tests check that a page does not say what its reader may not see, often a short code ("C2",
    "O1", "MAR"). A token of 64 random letters and digits contains such a code now and then,
    which failed those tests by chance. Django reads this alphabet in every function that makes,
    masks or checks a token, so the tokens stay valid: only their letters change.
    """
    from django.middleware import csrf

    csrf.CSRF_ALLOWED_CHARS = "qz"


_csrf_tokens_of_two_letters()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Each test starts with an empty cache: the overview's cache key (cases/snapshot.py) is the
    # register's highest history ids, which a rolled-back test database can give out again.
    from django.core.cache import cache

    cache.clear()
