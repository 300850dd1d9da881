# SPDX-License-Identifier: EUPL-1.2
"""Reading and checking a rule file: decision tables and dated lists, as plain frozen data.

A rule file is TOML (``default_rules.toml`` is the default and shows the shape). Everything is
checked on load, so a table that cannot be evaluated never reaches an applicant: unknown keys,
inputs or test operators, outputs of the wrong type, duplicate rule ids, a UNIQUE table whose
rules can match the same applicant, list versions whose validity dates overlap. Each error
names the table, rule or list and the key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

DEFAULT_FILE = Path(__file__).with_name("default_rules.toml")

# The inputs a rule may test, with their kind: bool, number, text, set (of codes).
INPUTS: dict[str, str] = {
    "age": "number",
    "minor": "bool",
    "unaccompanied": "bool",
    "accompanied_child": "bool",
    "eurodac_hit": "bool",
    "dublin_indication": "bool",
    "protection_elsewhere": "bool",
    "declared": "set",
    "indications": "set",
    "medical_advice": "text",
    "age_assessment_needed": "bool",
    "nationality": "text",
    "language": "text",
    # Outputs of earlier tables, for a later table to read.
    "track": "number",
    "procedure": "text",
    "heard": "bool",
}
DECIDED_INPUTS = frozenset({"track", "procedure", "heard"})
# What each table may decide, with the type of its output.
OUTPUTS: dict[str, type | tuple[type, ...]] = {
    "track": int,
    "procedure": str,
    "competences": str,
    "heard": bool,
    "child_hearing": bool,
}
OUTPUT_VALUES: dict[str, frozenset[Any]] = {
    "track": frozenset({1, 2, 4}),
    "procedure": frozenset({"general", "extended"}),
    "competences": frozenset({"amv", "lgbti", "conversion", "1f", "trafficking", "medical"}),
}
OPERATORS: dict[str, frozenset[str]] = {
    "bool": frozenset({"eq", "ne"}),
    "number": frozenset({"eq", "ne", "lt", "le", "gt", "ge"}),
    "text": frozenset({"eq", "ne", "in_list"}),
    "set": frozenset({"contains"}),
}
VALUE_TYPES: dict[str, type | tuple[type, ...]] = {
    "bool": bool, "number": (int, float), "text": str, "set": str,
}  # fmt: skip
HIT_POLICIES = frozenset({"FIRST", "UNIQUE", "COLLECT"})
CONFIDENCE = frozenset({"H", "M", "L"})


class RuleFileError(ValueError):
    """The rule file cannot be used; the message names the place and the key."""


@dataclass(frozen=True)
class Test:
    op: str
    value: Any


@dataclass(frozen=True)
class Rule:
    id: str
    when: tuple[tuple[str, Test], ...]  # all must hold (an empty tuple always matches)
    then: Any
    confidence: str
    source: str


@dataclass(frozen=True)
class Table:
    id: str
    output: str
    hit: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class ListVersion:
    valid_from: date
    valid_to: date | None  # inclusive; None: still valid
    codes: frozenset[str]
    source: str


@dataclass(frozen=True)
class RuleSet:
    version: str
    title: str
    tables: tuple[Table, ...]
    lists: dict[str, tuple[ListVersion, ...]]

    def on_list(self, list_id: str, code: str, day: date) -> bool:
        """Whether ``code`` is on the version of list ``list_id`` valid on ``day``."""
        for v in self.lists.get(list_id, ()):
            if v.valid_from <= day and (v.valid_to is None or day <= v.valid_to):
                return code in v.codes
        return False


def _keys(where: str, data: dict[str, Any], allowed: set[str], required: set[str]) -> None:
    for key in data:
        if key not in allowed:
            raise RuleFileError(f"{where}: unknown key '{key}'")
    for key in sorted(required - data.keys()):
        raise RuleFileError(f"{where}: '{key}' is required")


def _test(where: str, name: str, raw: Any, list_ids: set[str]) -> Test:
    if name not in INPUTS:
        raise RuleFileError(f"{where}: unknown input '{name}'")
    kind = INPUTS[name]
    if not isinstance(raw, dict):
        raw = {"eq": raw}
    if len(raw) != 1:
        raise RuleFileError(f"{where}: input '{name}' needs exactly one test")
    ((op, value),) = raw.items()
    if op not in OPERATORS[kind]:
        raise RuleFileError(f"{where}: input '{name}' cannot be tested with '{op}'")
    if op == "in_list" and value not in list_ids:
        raise RuleFileError(f"{where}: unknown list '{value}'")
    expected = VALUE_TYPES[kind]
    if op != "in_list" and (
        not isinstance(value, expected) or (kind == "number" and isinstance(value, bool))
    ):
        raise RuleFileError(f"{where}: input '{name}' is compared with a value of the wrong type")
    return Test(op, value)


def _rule(table: str, output: str, raw: Any, list_ids: set[str]) -> Rule:
    if not isinstance(raw, dict):
        raise RuleFileError(f"table '{table}': a rule must be a table")
    where = f"table '{table}', rule '{raw.get('id', '?')}'"
    _keys(
        where, raw, {"id", "when", "then", "confidence", "source"}, {"id", "when", "then", "source"}
    )
    when = raw["when"]
    if not isinstance(when, dict):
        raise RuleFileError(f"{where}: 'when' must be a table of tests")
    then = raw["then"]
    kind = OUTPUTS[output]
    if not isinstance(then, kind) or (kind is int and isinstance(then, bool)):
        raise RuleFileError(f"{where}: 'then' has the wrong type for '{output}'")
    if output in OUTPUT_VALUES and then not in OUTPUT_VALUES[output]:
        raise RuleFileError(f"{where}: '{then}' is not a possible {output}")
    confidence = raw.get("confidence", "M")
    if confidence not in CONFIDENCE:
        raise RuleFileError(f"{where}: confidence must be H, M or L")
    tests = tuple(sorted((n, _test(where, n, v, list_ids)) for n, v in when.items()))
    return Rule(str(raw["id"]), tests, then, confidence, str(raw["source"]))


def _interval(tests: list[Test]) -> tuple[float, float, bool, bool] | None:
    """The numbers that satisfy all ``tests`` as (low, high, low closed, high closed), or None."""
    low, high, low_in, high_in = float("-inf"), float("inf"), False, False
    for t in tests:
        v = float(t.value)
        if t.op in ("ge", "gt", "eq") and (v > low or (v == low and t.op == "gt")):
            low, low_in = v, t.op != "gt"
        if t.op in ("le", "lt", "eq") and (v < high or (v == high and t.op == "lt")):
            high, high_in = v, t.op != "lt"
    if low > high or (low == high and not (low_in and high_in)):
        return None
    return low, high, low_in, high_in


def _can_both_match(a: Rule, b: Rule) -> bool:
    """Whether one applicant can satisfy both rules (a test not understood counts as 'can')."""
    tests: dict[str, list[Test]] = {}
    for name, t in (*a.when, *b.when):
        tests.setdefault(name, []).append(t)
    for name, ts in tests.items():
        kind = INPUTS[name]
        eq = {t.value for t in ts if t.op == "eq"}
        ne = {t.value for t in ts if t.op == "ne"}
        if len(eq) > 1 or eq & ne:
            return False
        if kind == "bool" and len(ne) > 1:
            return False
        if kind == "number" and _interval([t for t in ts if t.op != "ne"]) is None:
            return False
    return True


def _table(raw: Any, list_ids: set[str], seen: set[str]) -> Table:
    if not isinstance(raw, dict):
        raise RuleFileError("tables: each table must be a table")
    where = f"table '{raw.get('id', '?')}'"
    _keys(where, raw, {"id", "output", "hit", "rules", "title"}, {"id", "output", "hit", "rules"})
    if raw["output"] not in OUTPUTS:
        raise RuleFileError(f"{where}: unknown output '{raw['output']}'")
    if raw["hit"] not in HIT_POLICIES:
        raise RuleFileError(f"{where}: hit policy must be FIRST, UNIQUE or COLLECT")
    rules = tuple(_rule(raw["id"], raw["output"], r, list_ids) for r in raw["rules"])
    for r in rules:
        if r.id in seen:
            raise RuleFileError(f"{where}: rule id '{r.id}' is used twice")
        seen.add(r.id)
    if raw["hit"] == "UNIQUE":
        for i, a in enumerate(rules):
            for b in rules[i + 1 :]:
                if _can_both_match(a, b):
                    raise RuleFileError(
                        f"{where}: UNIQUE table is ambiguous: rules '{a.id}' and '{b.id}' "
                        "can match the same applicant"
                    )
    return Table(str(raw["id"]), raw["output"], raw["hit"], rules)


def _lists(raw: Any) -> dict[str, tuple[ListVersion, ...]]:
    out: dict[str, list[ListVersion]] = {}
    for entry in raw:
        where = f"list '{entry.get('id', '?')}'"
        _keys(
            where,
            entry,
            {"id", "title", "source", "valid_from", "valid_to", "codes"},
            {"id", "valid_from", "codes", "source"},
        )
        start, end = entry["valid_from"], entry.get("valid_to")
        if not isinstance(start, date) or (end is not None and not isinstance(end, date)):
            raise RuleFileError(f"{where}: valid_from and valid_to must be dates (YYYY-MM-DD)")
        if end is not None and end < start:
            raise RuleFileError(f"{where}: valid_to lies before valid_from")
        if not isinstance(entry["codes"], list) or not all(
            isinstance(c, str) for c in entry["codes"]
        ):
            raise RuleFileError(f"{where}: codes must be a list of texts")
        version = ListVersion(start, end, frozenset(entry["codes"]), str(entry["source"]))
        for other in out.get(entry["id"], []):
            if start <= (other.valid_to or date.max) and other.valid_from <= (end or date.max):
                raise RuleFileError(
                    f"{where}: the version valid from {start.isoformat()} overlaps the version "
                    f"valid from {other.valid_from.isoformat()}"
                )
        out.setdefault(entry["id"], []).append(version)
    return {k: tuple(sorted(v, key=lambda x: x.valid_from)) for k, v in out.items()}


def parse(text: str) -> RuleSet:
    """A checked RuleSet from the text of a rule file; RuleFileError names what is wrong."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise RuleFileError(f"not a valid TOML file: {e}") from None
    _keys("rule file", raw, {"version", "title", "lists", "tables"}, {"version", "tables"})
    lists = _lists(raw.get("lists", []))
    seen: set[str] = set()
    tables = tuple(_table(t, set(lists), seen) for t in raw["tables"])
    decided: set[str] = set()
    for t in tables:
        for r in t.rules:
            for name, _ in r.when:
                if name in DECIDED_INPUTS and name not in decided:
                    raise RuleFileError(
                        f"table '{t.id}', rule '{r.id}': reads '{name}' before a table decides it"
                    )
        decided.add(t.output)
    outputs = [t.output for t in tables]
    for name in sorted({o for o in outputs if outputs.count(o) > 1}):
        raise RuleFileError(f"rule file: two tables decide '{name}'")
    for name in OUTPUTS:
        if name not in outputs:
            raise RuleFileError(f"rule file: no table decides '{name}'")
    return RuleSet(str(raw["version"]), str(raw.get("title", "")), tables, lists)


def load(path: Path | None = None) -> RuleSet:
    """The rule file at ``path`` (default: the default rules)."""
    return parse((path or DEFAULT_FILE).read_text(encoding="utf-8"))
