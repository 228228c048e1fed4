"""The `ozg validate` CLI and Python ``jsonschema`` give every dataset fixture the same schema verdict.

For each file in ``tests/fixtures/json/`` (good and bad datasets), the schema-level verdict of our CLI (valid unless
it reports a ``json.*`` or ``schema.*`` finding) must equal Python ``jsonschema``'s verdict against
``schemas/dataset.schema.json`` (draft 2020-12, formats asserted). Semantic findings (references, dates,
lifecycles) are beyond any JSON Schema and do not count here. Needs the ``ozg`` binary built by ``cargo test``
or ``cargo build`` (``target/debug/ozg`` or ``target/release/ozg``; ``OZG_BIN`` overrides).
"""

import json
import os
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "json").glob("*.json"))


def ozg_binary() -> Path:
    if os.environ.get("OZG_BIN"):
        return Path(os.environ["OZG_BIN"])
    for profile in ("debug", "release"):
        candidate = ROOT / "target" / profile / "ozg"
        if candidate.exists():
            return candidate
    pytest.fail("the ozg binary is not built; run `cargo build` (scripts/test.sh runs cargo test first)")


@pytest.fixture(scope="module")
def our_findings() -> dict:
    out = subprocess.run(
        [str(ozg_binary()), "validate", "--kind", "dataset", "--format", "ndjson", *map(str, FIXTURES)],
        capture_output=True,
        text=True,
        check=False,
    )
    # 1: findings; 2: besides, an input error (the fixtures include a JSON syntax error), reported as a
    # finding like the others; validate goes on through every file either way.
    assert out.returncode in (1, 2), out.stderr
    findings: dict = {str(p): [] for p in FIXTURES}
    for line in out.stdout.splitlines():
        row = json.loads(line)
        findings[row["file"]].append(row)
    return findings


SCHEMA = json.loads((ROOT / "schemas" / "dataset.schema.json").read_text(encoding="utf-8"))
PYTHON = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_there_are_fixtures_of_both_verdicts() -> None:
    verdicts = set()
    for p in FIXTURES:
        try:
            verdicts.add(PYTHON.is_valid(json.loads(p.read_text(encoding="utf-8"))))
        except json.JSONDecodeError:
            verdicts.add(False)
    assert verdicts == {True, False}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_cli_and_python_jsonschema_agree(path: Path, our_findings: dict) -> None:
    try:
        python_valid = PYTHON.is_valid(json.loads(path.read_text(encoding="utf-8")))
    except json.JSONDecodeError:
        python_valid = False
    rows = our_findings[str(path)]
    ours_valid = not any(r["code"].startswith(("schema.", "json.")) for r in rows)
    assert ours_valid == python_valid, rows
