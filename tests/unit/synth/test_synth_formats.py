# SPDX-License-Identifier: EUPL-1.2
"""Every written file follows docs/formats.md: headers, codes, dates, keys and references."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from verkeerstoren.glossary import (
    STATUS_ORDER,
    CaseKind,
    Competency,
    Complexity,
    DossierItemKind,
    EmploymentType,
    Feature,
    Gender,
    InterpreterMode,
    LegalEventKind,
    Level,
    Outcome,
    Procedure,
    Status,
    Track,
)

Rows = list[dict[str, str]]
Load = Callable[[str], Rows]
FORMATS = Path(__file__).resolve().parents[3] / "docs" / "formats.md"
FILES = (
    "locations",
    "teams",
    "staff",
    "competencies",
    "absences",
    "hearing_rooms",
    "interpreters",
    "interpreter_unavailability",
    "lawyers",
    "lawyer_unavailability",
    "external_firms",
    "cases",
    "status_history",
    "legal_events",
    "dossier_items",
)
BOOLS = {"true", "false"}
AS_OF = date(2020, 4, 6)


def _top_level_parts(cell: str) -> list[str]:
    """Split a columns cell on commas outside parentheses."""
    parts, depth, current = [], 0, ""
    for ch in cell:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


def documented_columns() -> dict[str, list[str]]:
    """Columns per file as written in docs/formats.md (main table and the per-file tables)."""
    text = FORMATS.read_text(encoding="utf-8")
    columns: dict[str, list[str]] = {}
    for line in text.splitlines():
        m = re.match(r"\| `(\w+)\.csv` \| [^|]+ \| (.+) \|$", line)
        if m and "see below" not in m.group(2):
            columns[m.group(1)] = [
                re.match(r"\s*`(\w+)`", part).group(1)  # type: ignore[union-attr]
                for part in _top_level_parts(m.group(2))
            ]
    for name in ("cases", "legal_events"):
        section = text.split(f"### `{name}.csv`", 1)[1].split("###", 1)[0]
        columns[name] = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
    return columns


def test_formats_doc_parsed() -> None:
    """The parser finds every file and the columns the generator relies on (guards the guard)."""
    cols = documented_columns()
    assert set(cols) == set(FILES)
    assert cols["cases"][:3] == ["reference", "v_number", "received"]
    assert "cap_eur" in cols["legal_events"]


@pytest.mark.parametrize("name", FILES)
def test_header_exactly_as_documented(name: str, header: Callable[[str], list[str]]) -> None:
    assert header(name) == documented_columns()[name]


def _dates(rows: Rows, *cols: str, required: bool = True) -> None:
    for row in rows:
        for col in cols:
            if row[col] or required:
                date.fromisoformat(row[col])


def _bools(rows: Rows, *cols: str) -> None:
    for col in cols:
        assert {row[col] for row in rows} <= BOOLS, col


def _unique(rows: Rows, *key: str) -> None:
    keys = Counter(tuple(row[k] for k in key) for row in rows)
    dupes = [k for k, n in keys.items() if n > 1]
    assert not dupes, dupes[:5]


def test_reference_data(load: Load) -> None:
    locations = {r["code"] for r in load("locations")}
    _unique(load("locations"), "code")
    _bools(load("locations"), "has_hearing_rooms")
    teams = load("teams")
    _unique(teams, "code")
    assert {t["location"] for t in teams} <= locations
    assert {t["stream"] for t in teams} <= {"taskforce", "regular"}
    _bools(teams, "decision_team")
    staff = load("staff")
    _unique(staff, "code")
    assert {s["team"] for s in staff} <= {t["code"] for t in teams}
    assert {s["location"] for s in staff} <= locations
    assert {s["employment_type"] for s in staff} <= {e.value for e in EmploymentType}
    assert all(float(s["hours_per_week"]) > 0 for s in staff)
    _dates(staff, "start_date")
    _bools(staff, "can_hear", "can_decide")
    assert {s["gender"] for s in staff} <= {g.value for g in Gender} | {""}
    comps = load("competencies")
    _unique(comps, "staff", "competency")
    assert {c["staff"] for c in comps} <= {s["code"] for s in staff}
    assert {c["competency"] for c in comps} <= {c.value for c in Competency}
    assert {c["level"] for c in comps} <= {lv.value for lv in Level}
    absences = load("absences")
    _unique(absences, "staff", "start")
    _dates(absences, "start", "end")
    assert all(a["start"] <= a["end"] for a in absences)
    rooms = load("hearing_rooms")
    _unique(rooms, "code")
    assert {r["location"] for r in rooms} <= locations
    _bools(rooms, "child_friendly", "video")
    interpreters = load("interpreters")
    _unique(interpreters, "code")
    assert {i["mode"] for i in interpreters} <= {m.value for m in InterpreterMode}
    assert {i["gender"] for i in interpreters} <= {g.value for g in Gender}
    assert all(re.fullmatch(r"[a-z]{2,3}(;[a-z]{2,3})*", i["languages"]) for i in interpreters)
    firms = load("external_firms")
    _unique(firms, "code")
    assert all(float(f["prep_hours_per_week"]) > 0 for f in firms)
    assert all(float(f["draft_hours_per_week"]) > 0 for f in firms)


def test_cases_codes(load: Load) -> None:
    cases = load("cases")
    _unique(cases, "reference")
    _unique(cases, "v_number")
    _dates(cases, "received")
    allowed = {
        "track": {t.value for t in Track},
        "procedure": {p.value for p in Procedure},
        "kind": {k.value for k in CaseKind},
        "stream": {""},  # left to the cut-off split
        "location": {r["code"] for r in load("locations")},
        "status": {s.value for s in Status},
        "outcome": {o.value for o in Outcome} | {""},
        "complexity": {x.value for x in Complexity},
        "gender": {g.value for g in Gender},
    }
    for col, values in allowed.items():
        assert {c[col] for c in cases} <= values, col
    patterns = {"v_number": r"\d{10}", "nationality": r"[A-Z]{3}", "language": r"[a-z]{2,3}"}
    for col, pattern in patterns.items():
        assert all(re.fullmatch(pattern, v) for v in {c[col] for c in cases}), col
    features = {f.value for f in Feature}
    assert {f for c in cases for f in c["features"].split(";") if f} <= features
    closed = {Status.DECIDED.value, Status.CLOSED.value}
    assert all((c["status"] in closed) == bool(c["outcome"]) for c in cases)
    _bools(cases, "written_hearing_opt_in", "manifestly_unfounded", "same_gender_request")


def test_complexity_consistent_with_features(load: Load) -> None:
    """complex iff conversion, LGBTI or 1F (the brief; glossary.COMPLEX_FEATURES)."""
    for c in load("cases"):
        feats = set(c["features"].split(";")) - {""}
        assert (c["complexity"] == "complex") == bool(feats & {"conversion", "lgbti", "1f"}), c


def test_status_history_consistent(load: Load) -> None:
    cases = {c["reference"]: c for c in load("cases")}
    history = load("status_history")
    _unique(history, "case", "status", "date")
    _dates(history, "date")
    by_case: dict[str, Rows] = defaultdict(list)
    for h in history:
        by_case[h["case"]].append(h)
    assert set(by_case) == set(cases), "every case has a history"
    order = {s.value: i for i, s in enumerate(STATUS_ORDER)}
    for ref, rows in by_case.items():
        case = cases[ref]
        ranks = [order[r["status"]] for r in rows]
        dates = [r["date"] for r in rows]
        assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks), rows
        assert dates == sorted(dates), rows
        assert rows[-1]["status"] == case["status"], (case, rows)
        assert rows[0]["status"] == "registered"
        assert dates[0] >= case["received"] and dates[-1] <= AS_OF.isoformat()
        for r in rows:
            assert r["outcome"] == (case["outcome"] if r["status"] == "decided" else "")


def test_legal_events(load: Load, add_months: Callable[[date, int], date]) -> None:
    cases = {c["reference"]: c for c in load("cases")}
    events = load("legal_events")
    _unique(events, "case", "kind", "date", "months")
    _dates(events, "date")
    _dates(events, "end_date", "sent_date", required=False)
    decided = {e["case"]: e["date"] for e in events if e["kind"] == "decision_sent"}
    extended = {e["case"] for e in events if e["kind"] == "extension"}
    for e in events:
        case = cases[e["case"]]
        assert e["kind"] in {k.value for k in LegalEventKind}
        assert e["date"] <= AS_OF.isoformat()
        if e["case"] in decided and e["kind"] != "decision_sent":
            assert e["date"] < decided[e["case"]], "events precede the decision"
        if e["kind"] == "extension":
            assert e["months"] == "9" and case["procedure"] == "VA"
        else:
            assert e["months"] == ""
        if e["kind"] == "notice_of_default":
            received = date.fromisoformat(case["received"])
            deadline = add_months(received, 6)  # simple rule of the brief
            notice = date.fromisoformat(e["date"])
            sent = date.fromisoformat(e["sent_date"])
            assert notice > deadline and deadline < sent <= notice, (case, e)
            if e["case"] in extended:  # a notice before the extended term ends is invalid
                assert sent > add_months(received, 15)
        else:
            assert e["sent_date"] == ""
        if e["kind"] == "court_ruling":
            assert int(e["decision_term_days"]) > 0
            assert (e["daily_eur"] == "") == (e["cap_eur"] == "")
        else:
            assert e["decision_term_days"] == e["daily_eur"] == e["cap_eur"] == ""
    final = {"decided", "closed"}
    closed = {r for r, c in cases.items() if c["status"] in final}
    assert set(decided) == closed, "a decision is sent for exactly the decided/closed cases"
    history = {(h["case"], h["date"]) for h in load("status_history") if h["status"] in final}
    assert set(decided.items()) == history, "sent on the day the history says decided"
    reentries = {r for r, c in cases.items() if c["kind"] == "court_reentry"}
    ruled = {e["case"] for e in events if e["kind"] == "court_ruling"}
    assert reentries <= ruled, "every court re-entry carries the ruling that sent it back"


def test_dossier_items(load: Load) -> None:
    cases = {c["reference"]: c for c in load("cases")}
    items = load("dossier_items")
    _unique(items, "case", "kind")
    _bools(items, "done")
    _dates(items, "done_date", required=False)
    by_case: dict[str, set[str]] = defaultdict(set)
    for item in items:
        assert item["kind"] in {k.value for k in DossierItemKind}
        assert (item["done"] == "true") == bool(item["done_date"])
        by_case[item["case"]].add(item["kind"])
    wanted = {
        "amv": "guardian",
        "dublin": "dublin_claim",
        "family": "family_link",
        "age_assessment": "age_assessment",
        "trafficking": "trafficking_check",
    }
    for ref, case in cases.items():
        kinds = by_case[ref]
        assert {"identity_documents", "medical_advice"} <= kinds
        for feature in set(case["features"].split(";")) & set(wanted):
            assert wanted[feature] in kinds, (case, kinds)


def test_family_groups(load: Load) -> None:
    """Linked cases share nationality and apply within days of each other (≥ 2 per group)."""
    groups: dict[str, Rows] = defaultdict(list)
    for c in load("cases"):
        if c["family_group"]:
            groups[c["family_group"]].append(c)
            assert "family" in c["features"].split(";")
    assert groups
    for members in groups.values():
        assert len(members) >= 2
        assert len({m["nationality"] for m in members}) == 1
        received = sorted(date.fromisoformat(m["received"]) for m in members)
        assert (received[-1] - received[0]).days <= 7
        assert len({m["v_number"] for m in members}) == len(members)
