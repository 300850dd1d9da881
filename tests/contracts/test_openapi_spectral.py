# SPDX-License-Identifier: EUPL-1.2
"""Contract: the generated OpenAPI document passes the repository's Spectral ruleset
(.spectral.yaml: Spectral's OpenAPI rules and the NLGov design rules) with 0 errors, and each
design rule of the ruleset really fires on a document that breaks it.

Spectral is the pinned npm package of tests/api/package.json (`./dev test` installs it).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
RULESET = ROOT / ".spectral.yaml"
SPECTRAL = ROOT / "tests" / "api" / "node_modules" / ".bin" / "spectral"
ERROR = 0  # Spectral's severity numbers: 0 error, 1 warning, 2 info, 3 hint

PROBLEM = {"application/problem+json": {"schema": {"type": "object"}}}
VERSION = {"API-Version": {"schema": {"type": "string"}}}


def lint(document: dict[str, Any], tmp_path: Path) -> list[dict[str, Any]]:
    """Spectral's findings on ``document`` with the repository's ruleset."""
    assert SPECTRAL.exists(), "Spectral is not installed: npm install --prefix tests/api"
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    done = subprocess.run(
        [
            str(SPECTRAL),
            "lint",
            str(path),
            "--ruleset",
            str(RULESET),
            "--format",
            "json",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]  # 1: errors were found
    findings: list[dict[str, Any]] = json.loads(done.stdout or "[]")
    return findings


def test_generated_document_has_no_spectral_errors(tmp_path: Path) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    findings = lint(document, tmp_path)
    errors = [
        f"{f['code']} at {'.'.join(map(str, f['path']))}"
        for f in findings
        if f["severity"] == ERROR
    ]
    assert errors == []
    # The document is linted as the API serves it: all its operations are there.
    assert len(document["paths"]) >= 13


def _bad_document() -> dict[str, Any]:
    ok = {
        "description": "ok",
        "headers": VERSION,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "bad", "version": "1.0", "description": "d", "contact": {"name": "x"}},
        "servers": [{"url": "https://example.org/api"}],
        "tags": [{"name": "things"}],
        "paths": {
            "/things/": {
                "get": {
                    "operationId": "listThings",
                    "description": "d",
                    "tags": ["things"],
                    "parameters": [
                        {"name": "page_size", "in": "query", "schema": {"type": "integer"}}
                    ],
                    "responses": {
                        "200": {"description": "ok", "content": ok["content"]},
                        "404": {"description": "no", "headers": VERSION, "content": ok["content"]},
                    },
                }
            },
            "/Persons/{vNumber}": {
                "get": {
                    "operationId": "getPerson",
                    "description": "d",
                    "tags": ["things"],
                    "security": [{"bearer": []}],
                    "parameters": [
                        {
                            "name": "vNumber",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": ok,
                        "400": {"description": "x", "headers": VERSION, "content": PROBLEM},
                        "401": {"description": "x", "headers": VERSION, "content": PROBLEM},
                        "500": {"description": "x", "headers": VERSION, "content": PROBLEM},
                    },
                }
            },
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Thing": {"type": "object", "properties": {"end_date": {"type": "string"}}}
            },
        },
    }


def test_each_design_rule_fires_on_a_document_that_breaks_it(tmp_path: Path) -> None:
    findings = lint(_bad_document(), tmp_path)
    fired = {f["code"] for f in findings if f["severity"] == ERROR}
    assert fired >= {
        "nlgov-paths-kebab-case",
        "nlgov-paths-no-trailing-slash",
        "nlgov-no-personal-identifiers-in-paths",
        "nlgov-info-contact",
        "nlgov-semantic-version",
        "nlgov-servers-major-version",
        "nlgov-properties-lower-camel-case",
        "nlgov-query-parameters-lower-camel-case",
        "nlgov-api-version-header",
        "nlgov-errors-problem-json",
        "nlgov-error-responses-documented",
        "nlgov-security",
    }, sorted(fired)


@pytest.mark.parametrize(
    ("rule", "fix"),
    [
        ("nlgov-paths-no-trailing-slash", "slash"),
        ("nlgov-properties-lower-camel-case", "property"),
    ],
)
def test_a_fixed_document_no_longer_fires_the_rule(tmp_path: Path, rule: str, fix: str) -> None:
    document = _bad_document()
    if fix == "slash":
        document["paths"]["/things"] = document["paths"].pop("/things/")
    else:
        document["components"]["schemas"]["Thing"]["properties"] = {"endDate": {"type": "string"}}
    fired = {f["code"] for f in lint(document, tmp_path) if f["severity"] == ERROR}
    assert rule not in fired
