# SPDX-License-Identifier: EUPL-1.2
"""The demo's first intake table: loading the demo registers the working day before the
register's day through the services, and gives every location COA reception places.

The register is tests/integration/data/small after the cut-off split (planning_setup): locations
TAP and DBS; open cases TF-0000001 and TF-0000002 at TAP, TF-0000003 and RG-0000005 at DBS
(RG-0000004 is decided). Days by hand: the working day before Monday 6 April 2020 is Friday
3 April; before Tuesday 14 April it is Thursday 9 April (Good Friday and Easter Monday between).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from planning_setup import AS_OF, register  # noqa: F401 - fixture

import factories as f
from verkeerstoren.cases import models as m
from verkeerstoren.cli.demo import RECEPTION_MARGIN_MIN, seed_reception_places
from verkeerstoren.demo.intake import previous_working_day, register_day
from verkeerstoren.demo.period import SEED
from verkeerstoren.intaketable.models import ReceptionCapacity
from verkeerstoren.intaketable.proposals import day_rows
from verkeerstoren.intaketable.services import set_reception_places
from verkeerstoren.synth.daily import day_intents

pytestmark = pytest.mark.django_db
FRIDAY = dt.date(2020, 4, 3)


@pytest.fixture
def demo(settings: Any, register: None) -> None:  # noqa: F811 - the planning_setup fixture
    settings.VERKEERSTOREN_DEMO = True
    settings.REGISTER_AS_OF = AS_OF.isoformat()


def test_the_previous_working_day() -> None:
    assert previous_working_day(AS_OF) == FRIDAY
    assert previous_working_day(dt.date(2020, 4, 14)) == dt.date(2020, 4, 9)


def test_the_day_before_is_registered_with_its_intake_facts(demo: None) -> None:
    drawn = day_intents(SEED, FRIDAY, [], None, ["TAP", "DBS"]).registrations
    admin = f.user("admin", superuser=True)

    count = register_day(FRIDAY, admin)

    # Every drawn applicant is registered (none refused), in the order drawn.
    new = list(m.Case.objects.filter(reference__startswith="VT-").order_by("reference"))
    assert count == len(new) == len(drawn)
    assert 15 <= count <= 50  # about 30 a working day
    for case, r in zip(new, drawn, strict=True):
        assert (case.received, case.nationality, case.language, case.location.code) == (
            r.received, r.nationality, r.language, r.location,
        )  # fmt: skip
        assert (case.kind, case.gender, case.family_group) == (r.kind, r.gender, r.family_group)
        intake = case.intake
        assert intake.source == "demo" and intake.recorded_by == admin
        assert (intake.birth_date, intake.unaccompanied, intake.family_members) == (
            r.birth_date, r.unaccompanied, r.family_members,
        )  # fmt: skip
        assert (intake.eurodac_hit, intake.dublin_indication, intake.protection_elsewhere) == (
            r.eurodac_hit, r.dublin_indication, r.protection_elsewhere,
        )  # fmt: skip
        assert (intake.medical_advice, intake.age_assessment_needed) == (
            r.medical_advice, r.age_assessment_needed,
        )  # fmt: skip
        assert set(r.features) <= set(case.feature_codes())
        assert ("family" in case.feature_codes()) == bool(r.family_group)
    # The intake table of the register's day has every one of them to route.
    rows, _ = day_rows(AS_OF)
    assert {row.case.reference for row in rows} == {c.reference for c in new}


def test_every_location_gets_its_open_cases_plus_the_margin(demo: None) -> None:
    register_day(FRIDAY)
    new = m.Case.objects.filter(reference__startswith="VT-")
    # Open before: TF-0000001, TF-0000002 at TAP; TF-0000003, RG-0000005 at DBS.
    open_at = {code: 2 + new.filter(location__code=code).count() for code in ("TAP", "DBS")}
    assert seed_reception_places() == 2
    # A small register: 5% of its open cases is below the minimum margin.
    places = dict(ReceptionCapacity.objects.values_list("location__code", "places"))
    assert places == {code: n + RECEPTION_MARGIN_MIN for code, n in open_at.items()}
    # The first day's applicants all find reception places: no proposal is short of them.
    rows, _ = day_rows(AS_OF)
    assert rows and not [s for r in rows for s in r.placement.shortfalls if s.startswith("recep")]
    # Seeding again leaves places COA has set alone.
    set_reception_places("TAP", 7)
    assert seed_reception_places() == 0
    assert ReceptionCapacity.objects.get(location__code="TAP").places == 7
