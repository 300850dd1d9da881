# SPDX-License-Identifier: EUPL-1.2
"""A case's effort per package and the officer's own hours."""

from __future__ import annotations

from verkeerstoren.planning.model.instance import Case, Effort, instance_from_dict
from verkeerstoren.planning.model.serialize import instance_to_dict


def test_own_hours_leave_out_the_outsourced_packages() -> None:
    e = Effort(prepare=4.0, hear=6.0, draft=8.0, decide=2.0)
    assert e.total == 20.0
    assert e.own_hours() == 20.0
    assert e.own_hours(prepare_outsourced=True, draft_outsourced=False) == 16.0
    assert e.own_hours(prepare_outsourced=False, draft_outsourced=True) == 12.0
    assert e.own_hours(prepare_outsourced=True, draft_outsourced=True) == 8.0


def test_effort_reads_as_the_json_mapping_in_package_order() -> None:
    e = Effort(prepare=1.0, hear=2.5, draft=3.0, decide=0.5)
    assert list(e) == ["prepare", "hear", "draft", "decide"]
    assert e["hear"] == 2.5
    assert dict(e) == {"prepare": 1.0, "hear": 2.5, "draft": 3.0, "decide": 0.5}
    assert e == {"prepare": 1.0, "hear": 2.5, "draft": 3.0, "decide": 0.5}
    assert e != Effort(prepare=1.0, hear=2.5, draft=3.0, decide=0.25)


def test_a_case_given_plain_mappings_stores_efforts_with_missing_packages_zero() -> None:
    case = Case("A", {"oral": {"hear": 3.0, "decide": 1.0}}, (0.0,), 0.0)
    assert case.effort["oral"] == Effort(hear=3.0, decide=1.0)
    assert case.effort["oral"].own_hours(True, True) == 4.0


def test_the_json_form_is_read_into_efforts_and_written_back_unchanged() -> None:
    data = {
        "horizon_weeks": 1,
        "staff": [{"id": "S1", "hours": [36]}],
        "cases": [
            {
                "id": "A",
                "effort": {"oral": {"prepare": 4, "hear": 6, "draft": 8, "decide": 2}},
                "cost_by_week": [10.0],
                "cost_beyond": 50.0,
            }
        ],
    }
    inst = instance_from_dict(data)
    assert inst.cases[0].effort["oral"].draft == 8.0
    written = instance_to_dict(inst)["cases"][0]["effort"]
    assert written == {"oral": {"prepare": 4.0, "hear": 6.0, "draft": 8.0, "decide": 2.0}}
    assert type(written["oral"]) is dict
