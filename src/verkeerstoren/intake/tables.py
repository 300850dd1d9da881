# SPDX-License-Identifier: EUPL-1.2
"""Evaluating decision tables with the DMN hit policies.

FIRST: the first rule that matches gives the output. UNIQUE: at most one rule matches (checked
on load, see ``rules``). COLLECT: every matching rule adds its output to a set. A table with no
matching rule leaves its output undecided (None, or the empty set for COLLECT); the default
tables end with a rule that always matches.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .rules import Rule, RuleSet, Table, Test


def _holds(test: Test, value: Any, rules: RuleSet, day: date) -> bool:
    op, expected = test.op, test.value
    if op == "contains":
        return expected in value
    if op == "in_list":
        return value is not None and rules.on_list(expected, value, day)
    if value is None:  # an unknown value (no date of birth) satisfies no comparison
        return False
    if op == "eq":
        return bool(value == expected)
    if op == "ne":
        return bool(value != expected)
    return bool(
        {"lt": value < expected, "le": value <= expected, "gt": value > expected,
         "ge": value >= expected}[op]
    )  # fmt: skip


def matches(rule: Rule, facts: Mapping[str, Any], rules: RuleSet, day: date) -> bool:
    return all(_holds(t, facts.get(name), rules, day) for name, t in rule.when)


def evaluate(
    table: Table, facts: Mapping[str, Any], rules: RuleSet, day: date
) -> tuple[Any, list[Rule]]:
    """The table's output for ``facts`` and the rules that gave it."""
    hits = [r for r in table.rules if matches(r, facts, rules, day)]
    if table.hit == "COLLECT":
        return frozenset(r.then for r in hits), hits
    if not hits:
        return None, []
    return hits[0].then, hits[:1]
