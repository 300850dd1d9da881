# SPDX-License-Identifier: EUPL-1.2
"""The intake table's day (``?day=``): a day far out of the register's range is a message at
the field and the register's day's table, for every role; a day in range is shown."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

import factories as f
from verkeerstoren.cases import models as m
from verkeerstoren.cases.facts import Application, register_application
from verkeerstoren.cases.roles import Role

pytestmark = pytest.mark.django_db

DAY = dt.date(2020, 4, 6)  # the register's day (a Monday)
INTAKE = "/intake-table/"


@pytest.fixture(autouse=True)
def _day(settings: Any) -> None:
    settings.REGISTER_AS_OF = DAY.isoformat()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def applicant() -> m.Case:
    """One applicant registered by the police on Friday 3 April: on the table of 6 April."""
    f.location("TA", "Ter Apel")
    police = f.user("agent", Role.POLICE)
    return register_application(
        Application(
            v_number="1000000001", nationality="SYR", language="ar",
            received=dt.date(2020, 4, 3), location="TA", birth_date=dt.date(1990, 1, 1),
        ),
        user=police,
    )  # fmt: skip


# Unbounded, a far day would overflow the placement horizon (intaketable/capacity.py: start +
# timedelta(weeks=...)); it has the as-of switch's bounds (web.common.asof.bounded_day).


@pytest.mark.parametrize(
    "role", [Role.IND_PLANNER, Role.COA_PLANNER, Role.DTV_PLANNER, Role.POLICE]
)
@pytest.mark.parametrize("day", ["9999-12-31", "2999-01-01", "1999-12-31"])
def test_an_out_of_range_day_is_a_message_at_the_field_not_a_500(
    applicant: m.Case, role: Role, day: str
) -> None:
    client = Client()
    client.force_login(f.user("reader", role))
    response = client.get(INTAKE, {"day": day})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_day_error"' in page
    assert response.context["table"].day == DAY
    if role in (Role.IND_PLANNER, Role.COA_PLANNER, Role.POLICE):
        assert applicant.reference in page  # the register's day's table is shown instead


def test_a_day_in_range_is_still_shown(applicant: m.Case) -> None:
    client = Client()
    client.force_login(f.user("chair", Role.IND_PLANNER))
    response = client.get(INTAKE, {"day": "2020-04-02"})
    assert response.status_code == 200
    assert 'id="id_day_error"' not in response.content.decode()
    assert response.context["table"].day == dt.date(2020, 4, 2)
    assert applicant.reference not in response.content.decode()  # received on 3 April
