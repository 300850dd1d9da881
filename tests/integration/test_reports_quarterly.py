# SPDX-License-Identifier: EUPL-1.2
"""The quarterly report to parliament, every figure worked out by hand (both databases).

A small register; the quarter is 2020Q2 (1 April to 30 June 2020), the register's day 15 July
2020. Deadlines by hand from DOMAIN.md §3.1: received + 6 months, same day number, plus the days
of a suspension that starts by then, moved to the next Atw working day. Penalties from §3.2 and
§3.3: the first penalty day is the later of the deadline and the notice's receipt + 14 days;
EUR 23 a day for days 1-14, 35 for 15-28, 45 for 29-42 (notices received from 2019); a court
penalty runs from the day after the court's term.

    A  first, regular    received Thu 2019-10-31 -> deadline Thu 2020-04-30; decided 2020-04-30:
                         on its deadline day, within the term
    B  first, taskforce  received Mon 2019-11-04 -> deadline Mon 2020-05-04; decided 2020-05-05:
                         the day after, not within
    C  repeat, taskforce received Wed 2019-11-20 -> 2020-05-20; suspended 2020-03-16..03-31
                         (16 days) -> deadline Fri 2020-06-05; decided 2020-06-05: within (it
                         would be late without the suspension)
    D  court re-entry,   received Mon 2019-06-03 -> deadline Tue 2019-12-03 (the engine's
       taskforce         deadline); court ruling 2020-03-02, 56 days, EUR 100 a day, cap 7,500:
                         the court penalty runs from 2020-04-28; decided 2020-05-07: not within;
                         court penalty 10 days x 100 = EUR 1,000, all in the quarter
    E  first, regular    received Mon 2019-09-02 -> deadline Mon 2020-03-02; notice received
                         2020-03-09 -> first penalty day 2020-03-23; never decided. Owed on
                         2020-03-31: 9 days x 23 = 207; on 2020-06-30: all 42 days = 14 x 23 +
                         14 x 35 + 14 x 45 = 1,442; accrued in the quarter 1,442 - 207 = 1,235.
                         Open and past its deadline at the end.
    F  first, regular    received 2019-08-01, decided 2020-03-10: before the quarter
    G  first, regular    received Mon 2020-02-03 -> deadline Mon 2020-08-03: open, not late
    H  first, regular    received 2020-07-02: after the quarter, not in its figures
    I  first, no stream  received Mon 2020-01-06 -> deadline 2020-07-06; decided 2020-04-15:
                         within; counts only in the column of both streams
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import factories as f
from verkeerstoren.cases.models import Case, LegalEvent
from verkeerstoren.cli import django_setup
from verkeerstoren.cli import main as cli

pytestmark = pytest.mark.django_db

d = dt.date
NONE = {"decisions": 0, "within_term": 0, "share_within_term": None}
ZERO = {"open_outside_term_at_end": 0, "penalties_accrued_eur": 0.0}


def cell(decisions: int, within: int, share: float | None, late: int, eur: float) -> dict[str, Any]:
    return {
        "decisions": decisions,
        "within_term": within,
        "share_within_term": share,
        "open_outside_term_at_end": late,
        "penalties_accrued_eur": eur,
    }


# category -> stream -> figures, from the table in the module docstring.
EXPECTED = {
    "first": {
        "taskforce": cell(1, 0, 0.0, 0, 0.0),  # B
        "regular": cell(1, 1, 1.0, 1, 1235.0),  # A; E open and late, its penalty
        "all": cell(3, 2, 2 / 3, 1, 1235.0),  # A, B, I
    },
    "repeat": {
        "taskforce": cell(1, 1, 1.0, 0, 0.0),  # C
        "regular": {**NONE, **ZERO},
        "all": cell(1, 1, 1.0, 0, 0.0),
    },
    "court_reentry": {
        "taskforce": cell(1, 0, 0.0, 0, 1000.0),  # D
        "regular": {**NONE, **ZERO},
        "all": cell(1, 0, 0.0, 0, 1000.0),
    },
    "all": {
        "taskforce": cell(3, 1, 1 / 3, 0, 1000.0),  # B, C, D
        "regular": cell(1, 1, 1.0, 1, 1235.0),  # A (E late)
        "all": cell(5, 3, 0.6, 1, 2235.0),  # A, B, C, D, I
    },
}


def event(case: Case, kind: str, day: dt.date, **values: Any) -> None:
    LegalEvent.objects.create(case=case, kind=kind, date=day, **values)


def decided(case: Case, day: dt.date) -> None:
    event(case, "decision_sent", day, outcome="grant")
    Case.objects.filter(pk=case.pk).update(status="decided", outcome="grant")


@pytest.fixture(autouse=True)
def register_day(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.REGISTER_AS_OF = "2020-07-15"
    # The test database is ready; the command must not set Django up again.
    monkeypatch.setattr(django_setup, "setup_django", lambda migrate=True: None)


@pytest.fixture
def register() -> dict[str, Case]:
    c = {
        "A": f.case(received=d(2019, 10, 31), kind="first", stream="regular"),
        "B": f.case(received=d(2019, 11, 4), kind="first", stream="taskforce"),
        "C": f.case(received=d(2019, 11, 20), kind="repeat", stream="taskforce"),
        "D": f.case(received=d(2019, 6, 3), kind="court_reentry", stream="taskforce"),
        "E": f.case(received=d(2019, 9, 2), kind="first", stream="regular"),
        "F": f.case(received=d(2019, 8, 1), kind="first", stream="regular"),
        "G": f.case(received=d(2020, 2, 3), kind="first", stream="regular"),
        "H": f.case(received=d(2020, 7, 2), kind="first", stream="regular"),
        "I": f.case(received=d(2020, 1, 6), kind="first", stream=""),
    }
    decided(c["A"], d(2020, 4, 30))
    decided(c["B"], d(2020, 5, 5))
    event(c["C"], "suspension", d(2020, 3, 16), end_date=d(2020, 3, 31), reason="force majeure")
    decided(c["C"], d(2020, 6, 5))
    event(
        c["D"],
        "court_ruling",
        d(2020, 3, 2),
        decision_term_days=56,
        daily_eur=100,
        cap_eur=7500,
    )
    decided(c["D"], d(2020, 5, 7))
    event(c["E"], "notice_of_default", d(2020, 3, 9))
    decided(c["F"], d(2020, 3, 10))
    decided(c["I"], d(2020, 4, 15))
    return c


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli(["report", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_command_prints_each_figure_as_worked_out_by_hand(
    register: dict[str, Case], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "quarterly", "--quarter", "2020Q2", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["period"], data["from"], data["to"]) == ("2020Q2", "2020-04-01", "2020-06-30")
    assert (data["as_of"], data["complete"], data["regime"]) == ("2020-06-30", True, "awb")
    assert data["figures"] == EXPECTED


def test_the_xlsx_holds_the_same_figures_with_cached_values(
    register: dict[str, Case], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "q2.xlsx"
    code, _out, err = run(
        capsys, "quarterly", "--quarter", "2020Q2", "--format", "xlsx", "--out", str(out),
        "--lang", "en",
    )  # fmt: skip
    assert code == 0, err
    caption = "Decisions within the statutory term, per category and stream"
    values = _sheet(openpyxl.load_workbook(out, data_only=True), caption)
    formulas = _sheet(openpyxl.load_workbook(out), caption)
    assert values[2][:7] == [
        "Category",
        "Stream",
        "Decisions",
        "Within the term",
        "Share within the term",
        "Open and past the term at the end",
        "Penalties accrued (EUR)",
    ]
    kinds = {
        "First application": "first",
        "Repeat application": "repeat",
        "Court re-entry": "court_reentry",
        "All": "all",
    }
    streams = {"Taskforce": "taskforce", "Regular directorate": "regular", "Both streams": "all"}
    seen = 0
    for row, formula_row in zip(values[3:], formulas[3:], strict=True):
        if row[0] is None:
            continue
        expected = EXPECTED[kinds[row[0]]][streams[row[1]]]
        assert [row[2], row[3], row[5], row[6]] == [
            expected["decisions"],
            expected["within_term"],
            expected["open_outside_term_at_end"],
            expected["penalties_accrued_eur"],
        ], row
        if expected["decisions"]:
            assert row[4] == pytest.approx(expected["share_within_term"]), row
        else:
            assert row[4] in ("", None), row  # the formula's empty result: no share
        # The share is the formula dividing the two columns, stored with its value.
        assert str(formula_row[4]).startswith("=IF("), formula_row
        seen += 1
    assert seen == 12


def _sheet(book: Any, caption: str) -> list[list[Any]]:
    for sheet in book.worksheets:
        if sheet["A1"].value == caption:
            return [list(r) for r in sheet.iter_rows(values_only=True)]
    raise AssertionError(f"no sheet with caption {caption!r}")


def test_later_facts_do_not_change_a_past_quarter(
    register: dict[str, Case], capsys: pytest.CaptureFixture[str]
) -> None:
    """The report of a quarter is the same when made again after later facts were recorded."""
    # Decided after the quarter; a notice received after it; a case received after it.
    decided(register["G"], d(2020, 7, 10))
    event(register["G"], "notice_of_default", d(2020, 7, 1))
    f.case(received=d(2020, 7, 3), kind="repeat", stream="taskforce")
    code, out, err = run(capsys, "quarterly", "--quarter", "2020Q2", "--json")
    assert code == 0, err
    assert json.loads(out)["figures"] == EXPECTED


def test_the_figures_as_of_an_earlier_day_use_the_facts_and_law_of_that_day(
    register: dict[str, Case], capsys: pytest.CaptureFixture[str]
) -> None:
    # As of 2020-05-04: A (04-30) and I (04-15) are decided, within the term; B (05-05), C and
    # D not yet. D is open and past its deadline, and so is E. E owes on 05-04 its 42 days
    # (the last is 05-03): 1,442 - 207 = 1,235 in the quarter so far; D's court penalty runs
    # from 04-28: 7 days by 05-04 = EUR 700. B's deadline is 05-04 itself: not yet late.
    code, out, err = run(
        capsys, "quarterly", "--quarter", "2020Q2", "--as-of", "2020-05-04", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert (data["as_of"], data["complete"]) == ("2020-05-04", False)
    total = data["figures"]["all"]["all"]
    assert total == cell(2, 2, 1.0, 2, 1935.0)
    assert data["figures"]["court_reentry"]["taskforce"] == cell(0, 0, None, 1, 700.0)
    # The quarter in progress on the register's day is under the temporary law of 10 July.
    code, out, err = run(capsys, "quarterly", "--quarter", "2020Q3", "--json")
    assert code == 0, err
    assert (json.loads(out)["regime"], json.loads(out)["as_of"]) == (
        "temporary_law_2020",
        "2020-07-15",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--quarter", "2020Q5"), "--quarter: 2020Q5 is not a quarter: use YYYYQn with n from 1 to 4."),
        (("--quarter", "2020-Q1"), "--quarter: 2020-Q1 is not a quarter"),
        (("--quarter", "2020Q4"), "--quarter: 2020Q4 starts after the register's day (15-7-2020)"),
        (("--quarter", "2005Q1"), "--quarter: No case was in the register by 31-3-2005"),
        (("--quarter", "2020Q2", "--as-of", "2020-07-16"), "--as-of: 16-7-2020 lies after the register's day"),
        (("--quarter", "2020Q2", "--as-of", "2020-03-31"), "--as-of: 31-3-2020 lies before 2020Q2 starts"),
        (("--quarter", "2020Q2", "--as-of", "30-6-2020"), "--as-of: '30-6-2020' is not a date"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_a_message_and_writes_nothing(
    register: dict[str, Case],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    args: tuple[str, ...],
    message: str,
) -> None:
    out = tmp_path / "report.pdf"
    code, stdout, err = run(capsys, "quarterly", *args, "--format", "pdf", "--out", str(out))
    assert code == 2
    assert message in err, err
    assert "Traceback" not in err and stdout == ""
    assert list(tmp_path.iterdir()) == []
