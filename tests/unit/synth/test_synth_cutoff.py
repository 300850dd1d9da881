# SPDX-License-Identifier: EUPL-1.2
"""The cut-off split rule (DOMAIN.md §1.1)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verkeerstoren.cutoff import CutoffRule, stream_for
from verkeerstoren.glossary import CaseKind, Status, Track

RULE = CutoffRule()
BEFORE, AFTER = date(2020, 3, 31), date(2020, 4, 1)


@pytest.mark.parametrize(
    ("received", "track", "kind", "status", "expected"),
    [
        (BEFORE, "4", "first", "preparing", "taskforce"),
        (BEFORE, "4", "repeat", "registered", "taskforce"),
        (BEFORE, "4", "court_reentry", "heard", "taskforce"),
        (AFTER, "4", "first", "registered", "regular"),  # on the cut-off day: new inflow
        (BEFORE, "1", "first", "preparing", "regular"),  # Dublin stays regular
        (BEFORE, "2", "first", "preparing", "regular"),
        (BEFORE, "4", "first", "decided", "regular"),  # nothing left to do
        (BEFORE, "4", "court_reentry", "closed", "regular"),
    ],
)
def test_default_rule(received: date, track: str, kind: str, status: str, expected: str) -> None:
    assert stream_for(RULE, received, track, kind, status) == expected


def test_rule_is_configurable() -> None:
    no_reentry = CutoffRule(court_reentry_to_taskforce=False)
    assert stream_for(no_reentry, BEFORE, "4", "court_reentry", "heard") == "regular"
    with_dublin = CutoffRule(tracks=frozenset({"1", "4"}), cutoff=date(2020, 1, 1))
    assert stream_for(with_dublin, date(2019, 12, 31), "1", "first", "heard") == "taskforce"
    assert stream_for(with_dublin, date(2020, 1, 1), "1", "first", "heard") == "regular"
    assert stream_for(RULE, BEFORE, Track.REGULAR, CaseKind.FIRST, Status.HEARD) == "taskforce"


@given(
    received=st.dates(date(2015, 1, 1), date(2022, 12, 31)),
    track=st.sampled_from([t.value for t in Track]),
    kind=st.sampled_from([k.value for k in CaseKind]),
    status=st.sampled_from([s.value for s in Status]),
)
def test_taskforce_only_open_before_cutoff(
    received: date, track: str, kind: str, status: str
) -> None:
    stream = stream_for(RULE, received, track, kind, status)
    assert stream in {"taskforce", "regular"}
    if stream == "taskforce":
        assert received < RULE.cutoff and status not in {"decided", "closed"}
        assert track == "4" or kind == "court_reentry"
