# SPDX-License-Identifier: EUPL-1.2
"""Bounded JSON input: every refusal is a JsonInputError naming the place and the limit."""

from __future__ import annotations

import json
import sys
from datetime import date

import pytest

from verkeerstoren.jsonin import JsonInputError, check_date, check_range, loads

LIMIT = 1_000_000


def refused(data: str | bytes, **limits: int) -> JsonInputError:
    with pytest.raises(JsonInputError) as info:
        loads(data, **{"max_bytes": LIMIT, **limits}, what="input.json")
    return info.value


def test_a_normal_document_passes() -> None:
    doc = {
        "name": "tf2020 — Ter Apel",
        "weeks": 96,
        "rate": 0.25,
        "big": 2**63 - 1,
        "ok": [True, False, None, {"nested": [1, [2, [3]]]}],
        "escaped": 'tab\tquote" slash\\ and é',
    }
    text = json.dumps(doc, indent=2)
    assert loads(text, max_bytes=LIMIT, what="x") == doc
    assert loads(text.encode("utf-8"), max_bytes=LIMIT, what="x") == doc


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_nesting_of_ten_thousand_levels_is_refused_without_recursion(opening: str) -> None:
    closing = "]" if opening == "[" else "}"
    text = opening * 10_000 + "1" + closing * 10_000
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(200)  # a recursive check would fail here with RecursionError
    try:
        error = refused(text, max_depth=64)
    finally:
        sys.setrecursionlimit(limit)
    assert "limit of 64 levels" in error.message
    assert str(error).startswith("input.json: ")


def test_depth_is_counted_exactly_and_brackets_in_strings_do_not_count() -> None:
    assert loads("[" * 5 + "]" * 5, max_bytes=LIMIT, max_depth=5) == [[[[[]]]]]
    error = refused("[" * 6 + "]" * 6, max_depth=5)
    assert "column 6" in error.message
    assert loads('["[[[[[[[[[[{{{{{{"]', max_bytes=LIMIT, max_depth=1) == ["[[[[[[[[[[{{{{{{"]
    assert loads('["\\"[[[[[[["]', max_bytes=LIMIT, max_depth=1) == ['"[[[[[[[']


def test_depth_error_names_the_line() -> None:
    text = '{\n "a": 1,\n "b": [[[[\n]]]]}'
    error = refused(text, max_depth=3)
    assert "line 3" in error.message


@pytest.mark.parametrize("literal", ["1e400", "-1e400", "1" * 30, "-" + "9" * 5000])
def test_numbers_out_of_range_are_refused(literal: str) -> None:
    error = refused(f'{{"x": {literal}}}')
    assert "out of range" in error.message


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(constant: str) -> None:
    error = refused(f"[1, {constant}]")
    assert constant in error.message


def test_nul_escaped_in_a_string_names_the_field() -> None:
    error = refused('{"cases": [{"id": "A\\u00001"}]}')
    assert error.field == "cases[0].id"
    assert "NUL" in error.message


def test_nul_in_a_key_and_raw_nul_are_refused() -> None:
    assert "NUL" in refused('{"a\\u0000": 1}').message
    error = refused(b'{"a":\n "x\x00"}')
    assert "NUL" in error.message and "line 2" in error.message


def test_lone_surrogate_is_refused() -> None:
    error = refused('["\\ud800"]')
    assert error.field == "[0]"
    assert "surrogate" in error.message


def test_size_limit_in_bytes() -> None:
    text = json.dumps(["é" * 60], ensure_ascii=False)  # 64 characters, 124 bytes
    assert loads(text, max_bytes=200) == ["é" * 60]
    assert "limit of 100 bytes" in refused(text, max_bytes=100).message
    assert "limit of 100 bytes" in refused(text.encode(), max_bytes=100).message


def test_not_utf8_and_malformed() -> None:
    assert "UTF-8" in refused(b'["\xff"]').message
    error = refused('{\n "a": 1,\n "b": }')
    assert "invalid JSON at line 3 column 7" in error.message


def test_check_range() -> None:
    assert check_range("weeks", 52, 1, 1040) == 52
    for bad in (0, 1041, 1e12, float("nan"), True, "52"):
        with pytest.raises(JsonInputError) as info:
            check_range("weeks", bad, 1, 1040)
        assert info.value.field == "weeks"
    with pytest.raises(JsonInputError, match="between 1 and 1,040"):
        check_range("weeks", 10**12, 1, 1040)


def test_check_date() -> None:
    assert check_date("d", date(1900, 1, 1)) == date(1900, 1, 1)
    assert check_date("d", date(2100, 12, 31)) == date(2100, 12, 31)
    for bad in (date(1899, 12, 31), date(2101, 1, 1), date(9999, 12, 31)):
        with pytest.raises(JsonInputError) as info:
            check_date("received", bad)
        assert info.value.field == "received"
        assert "1900-01-01 and 2100-12-31" in info.value.message
