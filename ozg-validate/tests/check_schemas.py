"""Cross-check of schemas/ with an independent JSON Schema implementation (Python ``jsonschema``).

Run: ``python -m pytest ozg-validate/tests/check_schemas.py`` (needs ``jsonschema>=4.23``; see
``scripts/requirements-test.txt``). Checks every ``schemas/*.schema.json`` against the draft 2020-12
meta-schema, and that Python ``jsonschema`` gives every fixture in ``tests/fixtures/`` the same
schema-only verdict as our validator (recorded in ``tests/fixtures/verdicts.json``, which the Rust test
``tests/fixtures.rs`` checks against ``ozg_validate::Validator``).

Format note: Python ``jsonschema`` asserts ``date`` and ``email`` (loosely) without extra packages, but
not ``uri``; fixtures whose verdict hinges on ``uri`` would not be comparable, so there are none.
"""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCHEMAS = ROOT / "schemas"
FIXTURES = HERE / "fixtures"
REQUIRED = {"dataset", "catalogue", "onlinedienst", "agreement", "rollout-entry", "delivery-channel"}


def schema_files():
    return sorted(SCHEMAS.glob("*.schema.json"))


def load_verdicts():
    return json.loads((FIXTURES / "verdicts.json").read_text(encoding="utf-8"))["fixtures"]


def test_every_required_document_type_has_a_schema():
    names = {p.name.removesuffix(".schema.json") for p in schema_files()}
    assert REQUIRED <= names, f"missing: {REQUIRED - names}"


@pytest.mark.parametrize("path", schema_files(), ids=lambda p: p.name)
def test_schema_passes_the_2020_12_meta_schema(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://") and schema["$id"].endswith("/" + path.name)
    assert schema["title"] and schema["description"]


def test_schema_ids_are_unique():
    ids = [json.loads(p.read_text(encoding="utf-8"))["$id"] for p in schema_files()]
    assert len(ids) == len(set(ids))


def python_verdict(fixture):
    """'valid' or 'invalid' under the JSON Schema alone, by Python jsonschema (formats asserted)."""
    try:
        document = json.loads((FIXTURES / fixture["file"]).read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return "invalid"
    kind = fixture["kind"]
    assert kind, f"{fixture['file']}: a well-formed fixture needs its kind in verdicts.json"
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return "valid" if validator.is_valid(document) else "invalid"


@pytest.mark.parametrize("fixture", load_verdicts(), ids=lambda f: f["file"])
def test_python_jsonschema_agrees_with_our_verdict(fixture):
    assert python_verdict(fixture) == fixture["schema"]


def test_every_fixture_has_a_verdict():
    listed = {f["file"] for f in load_verdicts()}
    present = {p.name for p in FIXTURES.glob("*.json")} - {"verdicts.json"}
    assert present == listed
    assert any(f["schema"] == "valid" for f in load_verdicts())
    assert any(f["schema"] == "invalid" for f in load_verdicts())
