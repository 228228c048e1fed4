"""ozg.validate and ozg.schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ozg

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "json"


def test_schema_dicts() -> None:
    names = ozg.schema_names()
    assert "dataset" in names and "rollout-entry" in names
    for name in names:
        schema = ozg.schema(name)
        assert isinstance(schema, dict)
        assert "2020-12" in schema.get("$schema", "")
    with pytest.raises(ozg.ArgumentError):
        ozg.schema("nope")


def test_validate_objects() -> None:
    assert ozg.validate({"id": "dataport", "name": "Dataport AöR"}) == []
    findings = ozg.validate({"id": "x"}, kind="verwaltung")
    assert any(f.code == "schema.required" for f in findings)
    assert all(f.severity in {"error", "warning"} for f in findings)
    ds = ozg.Dataset.example()
    assert not [f for f in ozg.validate(ds) if f.severity == "error"]
    assert not [f for f in ozg.validate(ds.to_dict(), kind="dataset") if f.severity == "error"]


def test_validate_files(tmp_path: Path) -> None:
    bad = sorted(FIXTURES.glob("bad_*.json"))
    assert bad
    for path in bad:
        assert ozg.validate(path), path
        assert ozg.validate(str(path)) == ozg.validate(path)
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    [finding] = ozg.validate(broken)
    assert finding.code == "json.syntax"
    assert ozg.validate_json("{") == [finding]
    with pytest.raises(ozg.OzgIOError):
        ozg.validate(tmp_path / "missing.json")
    with pytest.raises(ozg.ArgumentError):
        ozg.validate(42)  # type: ignore[arg-type]


def test_same_verdict_as_jsonschema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = ozg.schema("verwaltung")
    for doc in ({"id": "x"}, {"id": "kiel", "name": "Kiel", "kind": "kreisfreie_stadt"}):
        ours = [f for f in ozg.validate(doc, kind="verwaltung") if f.code.startswith("schema.")]
        theirs = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
        assert bool(ours) == bool(theirs), (doc, ours, theirs)
    json.dumps(schema)
