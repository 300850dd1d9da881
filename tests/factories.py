# SPDX-License-Identifier: EUPL-1.2
"""factory_boy factories for the web tests (integration and browser).

``LocationFactory``, ``TeamFactory``, ``StaffFactory``, ``CaseFactory`` (``features=[...]``
attaches feature codes) and ``UserFactory`` (``roles=[...]`` puts the user in those role groups;
``SuperuserFactory`` for an administrator). The short functions at the end are the call form the tests use:
``f.location("ZW", "Zwolle")``, ``f.case(status="heard")``, ``f.user("anna", Role.IND_PLANNER)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import factory
from django.contrib.auth.models import Group, User
from factory.django import DjangoModelFactory, Password

from verkeerstoren.cases.models import Case, CaseFeature, Location, Staff, Team
from verkeerstoren.cases.roles import Role, ensure_roles

PASSWORD = "correct-horse-battery-staple"  # every test user's password


class LocationFactory(DjangoModelFactory):
    """A location, fetched when its code exists already (Ter Apel by default)."""

    class Meta:
        model = Location
        django_get_or_create = ("code",)

    code = "TA"
    name = "Ter Apel"


class TeamFactory(DjangoModelFactory):
    """A Taskforce team at Ter Apel (not a decision team)."""

    class Meta:
        model = Team

    code = factory.Sequence(lambda n: f"T{n + 1}")
    name = factory.Sequence(lambda n: f"Team {n + 1}")
    location = factory.SubFactory(LocationFactory)
    stream = "taskforce"


class StaffFactory(DjangoModelFactory):
    """An IND officer of 36 contract hours in a team, at the team's location."""

    class Meta:
        model = Staff

    code = factory.Sequence(lambda n: f"S{n + 1:03d}")
    name = factory.Sequence(lambda n: f"Staff {n + 1}")
    team = factory.SubFactory(TeamFactory)
    location = factory.SelfAttribute("team.location")
    employment_type = "ind"
    hours_per_week = Decimal("36")
    start_date = dt.date(2024, 1, 1)


class CaseFactory(DjangoModelFactory):
    """An open regular first application at Ter Apel, received on a day in 2024."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"Z-{n + 1:06d}")
    person = factory.Sequence(lambda n: f"{n + 1:064x}")
    received = factory.Sequence(lambda n: dt.date(2024, 1, 1) + dt.timedelta(days=(n + 1) % 300))
    track = "4"
    procedure = "VA"
    kind = "first"
    stream = "regular"
    nationality = "SYR"
    language = "ar"
    status = "registered"
    complexity = "normal"
    location = factory.SubFactory(LocationFactory)

    @factory.post_generation
    def features(self, create: bool, extracted: Iterable[str] | None, **kwargs: Any) -> None:
        """Attach these feature codes (``features=["lgbti"]``)."""
        if create and extracted:
            for code in extracted:
                CaseFeature.objects.create(case=self, feature=code)


class UserFactory(DjangoModelFactory):
    """A user with the test password, in the role groups given as ``roles``."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n + 1}")
    password = Password(PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: Iterable[Role] | None, **kwargs: Any) -> None:
        """Add the user to these role groups (created on demand)."""
        if not create:
            return
        ensure_roles()
        for role in extracted or ():
            self.groups.add(Group.objects.get(name=role.value))


class SuperuserFactory(UserFactory):
    """An administrator."""

    is_staff = True
    is_superuser = True


def location(code: str = "TA", name: str = "Ter Apel") -> Location:
    """The location with this code (created with this name when new)."""
    return LocationFactory(code=code, name=name)


def case(**overrides: Any) -> Case:
    """A case with the factory's defaults; pass features=[...] to attach feature codes."""
    return CaseFactory(**overrides)


def user(username: str, *roles: Role, superuser: bool = False) -> User:
    """A user in the given role groups (groups created on demand)."""
    make = SuperuserFactory if superuser else UserFactory
    return make(username=username, roles=roles)
