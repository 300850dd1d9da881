# SPDX-License-Identifier: EUPL-1.2
"""Same seed, same bytes; another seed, other data."""

from __future__ import annotations

import hashlib
from pathlib import Path

from verkeerstoren.synth import generate_bulk, generate_tf2020, write_register


def _hashes(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.glob("*"))}


def test_same_seed_byte_identical(tf2020_dir: Path, tmp_path: Path) -> None:
    write_register(generate_tf2020(seed=1).tables, tmp_path)
    assert len(_hashes(tmp_path)) == 15
    assert _hashes(tmp_path) == _hashes(tf2020_dir)


def test_other_seed_differs(tf2020_dir: Path, tmp_path: Path) -> None:
    write_register(generate_tf2020(seed=2).tables, tmp_path)
    ours, theirs = _hashes(tmp_path), _hashes(tf2020_dir)
    for name in ("cases.csv", "status_history.csv", "legal_events.csv", "staff.csv"):
        assert ours[name] != theirs[name], name
    # locations and external firms are fixed reference data, the same for every seed
    assert ours["locations.csv"] == theirs["locations.csv"]


def test_bulk_deterministic_and_exact(tmp_path: Path) -> None:
    first = generate_bulk(3_001, seed=5)
    write_register(first.tables, tmp_path / "a")
    write_register(generate_bulk(3_001, seed=5).tables, tmp_path / "b")
    assert _hashes(tmp_path / "a") == _hashes(tmp_path / "b")
    cases = first.table("cases")
    assert len(cases) == 3_001
    assert len(set(cases.column("reference"))) == len(set(cases.column("v_number"))) == 3_001
