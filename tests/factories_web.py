"""Small ORM factories for the web tests (integration and browser)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.contrib.auth.models import Group, User

from verkeerstoren.cases.models import Case, CaseFeature, Location
from verkeerstoren.cases.roles import Role, ensure_roles

_counter = itertools.count(1)

PASSWORD = "correct-horse-battery-staple"


def location(code: str = "TA", name: str = "Ter Apel") -> Location:
    loc, _ = Location.objects.get_or_create(code=code, defaults={"name": name})
    return loc


def case(**overrides: Any) -> Case:
    """A case with sensible defaults; pass features=[...] to attach feature codes."""
    n = next(_counter)
    features = overrides.pop("features", [])
    values: dict[str, Any] = {
        "reference": f"Z-{n:06d}",
        "person": f"{n:064x}",
        "received": dt.date(2024, 1, 1) + dt.timedelta(days=n % 300),
        "track": "4",
        "procedure": "VA",
        "kind": "first",
        "stream": "regular",
        "nationality": "SYR",
        "language": "ar",
        "status": "registered",
        "complexity": "normal",
    }
    values.update(overrides)
    if "location" not in values:
        values["location"] = location()
    obj = Case.objects.create(**values)
    for code in features:
        CaseFeature.objects.create(case=obj, feature=code)
    return obj


def user(username: str, *roles: Role, superuser: bool = False) -> User:
    """A user in the given role groups (groups created on demand)."""
    ensure_roles()
    if superuser:
        u = User.objects.create_superuser(username=username, password=PASSWORD)
    else:
        u = User.objects.create_user(username=username, password=PASSWORD)
    for role in roles:
        u.groups.add(Group.objects.get(name=role.value))
    return u
