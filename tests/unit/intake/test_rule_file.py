# SPDX-License-Identifier: EUPL-1.2
"""A rule file that cannot be used is refused on load with an error naming the place."""

from __future__ import annotations

import pytest

from verkeerstoren.intake.rules import DEFAULT_FILE, RuleFileError, parse

DEFAULT = DEFAULT_FILE.read_text(encoding="utf-8")

UNIQUE_TABLE = """
version = "t"
[[tables]]
id = "track"
output = "track"
hit = "UNIQUE"
[[tables.rules]]
id = "a"
when = {{ {a} }}
then = 1
source = "s"
[[tables.rules]]
id = "b"
when = {{ {b} }}
then = 2
source = "s"
"""


def _with_track_table(table: str) -> str:
    """The default file with its track table replaced by ``table``."""
    start = DEFAULT.index('[[tables]]\nid = "track"')
    end = DEFAULT.index('[[tables]]\nid = "procedure"')
    body = table.split("\n", 2)[2]  # the table without its 'version' line
    return DEFAULT[:start] + body + DEFAULT[end:]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("eurodac_hit = true", "protection_elsewhere = true"),  # both can be true
        ("age = { lt = 18 }", "age = { ge = 15 }"),  # 15, 16, 17 match both
        ("", "eurodac_hit = true"),  # an empty rule matches everyone
        ('medical_advice = "none"', "age = { gt = 3 }"),
    ],
)
def test_an_ambiguous_unique_table_is_refused(a: str, b: str) -> None:
    with pytest.raises(
        RuleFileError, match=r"table 'track': UNIQUE table is ambiguous: rules 'a' and 'b'"
    ):
        parse(_with_track_table(UNIQUE_TABLE.format(a=a, b=b)))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("eurodac_hit = true", "eurodac_hit = false"),
        ("age = { lt = 15 }", "age = { ge = 15 }"),
        ('medical_advice = "none"', 'medical_advice = "restrictions"'),
    ],
)
def test_a_unique_table_whose_rules_exclude_each_other_is_accepted(a: str, b: str) -> None:
    rules = parse(_with_track_table(UNIQUE_TABLE.format(a=a, b=b)))
    assert rules.tables[0].hit == "UNIQUE"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("when = { eurodac_hit = true }", "when = { eurodac = true }"), "unknown input 'eurodac'"),
        (("then = 1\n", "then = 3\n"), "'3' is not a possible track"),
        (('hit = "FIRST"', 'hit = "ANY"'), "hit policy must be FIRST, UNIQUE or COLLECT"),
        (('confidence = "H"', 'certainty = "H"'), "unknown key 'certainty'"),
        (
            ("when = { eurodac_hit = true }", "when = { eurodac_hit = { lt = 3 } }"),
            "cannot be tested with 'lt'",
        ),
        (("when = { eurodac_hit = true }", 'when = { eurodac_hit = "yes" }'), "wrong type"),
        (('in_list = "safe_countries"', 'in_list = "unsafe"'), "unknown list 'unsafe'"),
        (('id = "track.dublin"', 'id = "track.eurodac"'), "rule id 'track.eurodac' is used twice"),
        (('output = "child_hearing"', 'output = "heard"'), "two tables decide 'heard'"),
        (("version = ", "versie = "), "unknown key 'versie'"),
    ],
)
def test_a_bad_rule_file_names_the_place(change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in DEFAULT
    with pytest.raises(RuleFileError, match=message):
        parse(DEFAULT.replace(old, new, 1))


def test_overlapping_list_versions_are_refused() -> None:
    second = (
        '\n[[lists]]\nid = "safe_countries"\nsource = "s"\nvalid_from = 2019-06-01\n'
        'codes = ["ALB"]\n'
    )
    text = DEFAULT.replace("[[tables]]", second + "\n[[tables]]", 1)
    with pytest.raises(
        RuleFileError, match="list 'safe_countries': the version valid from 2019-06-01 overlaps"
    ):
        parse(text)
    # A new version after the old one ends is accepted.
    ended = text.replace(
        "valid_from = 2000-01-01\n", "valid_from = 2000-01-01\nvalid_to = 2019-05-31\n"
    )
    assert len(parse(ended).lists["safe_countries"]) == 2


def test_a_later_table_may_read_an_earlier_output_but_not_a_later_one() -> None:
    moved = DEFAULT.replace("when = { heard = true, age = { lt = 15 } }", "when = { heard = true }")
    assert parse(moved)
    early = DEFAULT.replace(
        'when = { medical_advice = "not_hearable_in_aa" }', "when = { heard = false }"
    )
    with pytest.raises(RuleFileError, match="reads 'heard' before a table decides it"):
        parse(early)


def test_malformed_toml_is_refused() -> None:
    with pytest.raises(RuleFileError, match="not a valid TOML file"):
        parse("version = ")
