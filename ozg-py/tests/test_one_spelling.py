"""One spelling: for each object type, the CLI's JSON, Python's ``to_dict()`` and the JSON Schema agree.

Each test takes one object, gets its JSON from the ``ozg`` binary (``ozg example``, ``ozg convert`` through
our XML and back, ``ozg catalogue show``, ``ozg check``), compares it with the Python ``to_dict()`` of the same
object, validates it with the object's JSON Schema (``schemas/``, draft 2020-12) and reads it back with
``from_dict``. Needs the ``ozg`` binary built by ``cargo test`` or ``cargo build`` (``target/debug/ozg`` or
``target/release/ozg``; ``OZG_BIN`` overrides).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest
from jsonschema import Draft202012Validator

import ozg_rs

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "schemas"


def ozg_binary() -> Path:
    if os.environ.get("OZG_BIN"):
        return Path(os.environ["OZG_BIN"])
    for profile in ("debug", "release"):
        candidate = ROOT / "target" / profile / "ozg"
        if candidate.exists():
            return candidate
    pytest.fail("the ozg binary is not built; run `cargo build` (scripts/test.sh runs cargo test first)")


def cli(*args: str, ok: tuple = (0,)) -> str:
    out = subprocess.run([str(ozg_binary()), *args], capture_output=True, text=True, check=False)
    assert out.returncode in ok, f"ozg {' '.join(args)}: exit {out.returncode}\n{out.stderr}"
    return out.stdout


def cli_json(*args: str, ok: tuple = (0,)) -> Any:
    return json.loads(cli(*args, ok=ok))


def through_cli(tmp_path: Path, kind: str, value: Dict[str, Any]) -> Any:
    """The CLI's JSON of a document: JSON → our XML → JSON with ``ozg convert``."""
    src = tmp_path / f"{kind}.json"
    src.write_text(json.dumps(value), encoding="utf-8")
    xml = tmp_path / f"{kind}.xml"
    back = tmp_path / f"{kind}.back.json"
    cli("convert", str(src), str(xml))
    cli("convert", str(xml), str(back))
    return json.loads(back.read_text(encoding="utf-8"))


def schema_validator(name: str, definition: str = "") -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    if definition:
        schema = {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_valid(validator: Draft202012Validator, value: Any) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(value)]
    assert errors == []


@pytest.fixture(scope="module")
def example() -> ozg_rs.Dataset:
    return ozg_rs.Dataset.example()


def test_dataset(example: ozg_rs.Dataset) -> None:
    from_cli = cli_json("example")
    assert from_cli == example.to_dict()
    assert_valid(schema_validator("dataset"), from_cli)
    assert ozg_rs.Dataset.from_dict(from_cli) == example
    assert ozg_rs.dumps(example) == cli("example")


def test_agreement(tmp_path: Path, example: ozg_rs.Dataset) -> None:
    agreement = example.agreements[0]
    from_cli = through_cli(tmp_path, "agreement", agreement.to_dict())
    assert from_cli == agreement.to_dict()
    assert_valid(schema_validator("agreement"), from_cli)
    assert ozg_rs.Agreement.from_dict(from_cli) == agreement


def test_rollout_entry(tmp_path: Path, example: ozg_rs.Dataset) -> None:
    entry = example.rollout[0]
    from_cli = through_cli(tmp_path, "rollout-entry", entry.to_dict())
    assert from_cli == entry.to_dict()
    assert_valid(schema_validator("rollout-entry"), from_cli)
    assert ozg_rs.RolloutEntry.from_dict(from_cli) == entry


@pytest.mark.parametrize(
    "attribute, member, schema, convertible",
    [
        ("verwaltungen", "verwaltungen", "verwaltung", False),
        ("onlinedienste", "onlinedienste", "onlinedienst", True),
        ("channels", "channels", "delivery-channel", True),
        ("it_providers", "itProviders", "it-provider", False),
    ],
)
def test_dataset_members(
    tmp_path: Path, example: ozg_rs.Dataset, attribute: str, member: str, schema: str, convertible: bool
) -> None:
    python: List[Dict[str, Any]] = getattr(example, attribute)
    assert python, attribute
    assert cli_json("example")[member] == python
    validator = schema_validator(schema)
    for i, value in enumerate(python):
        assert_valid(validator, value)
        # the kinds our XML format has as documents of their own also go through `ozg convert`
        if convertible:
            assert through_cli(tmp_path, f"{schema}-{i}", value) == value


def test_xoev_code_values_use_the_xoev_attribute_names(example: ozg_rs.Dataset) -> None:
    for cls in (ozg_rs.Themenfeld, ozg_rs.Bundesland, ozg_rs.Vertrauensniveau):
        for value in cls.all():
            xoev = value.to_xoev()
            assert set(xoev) <= {"listURI", "listVersionID", "code", "name"}
            assert xoev["listURI"] == cls.list_uri and xoev["code"] == value.code
            assert xoev.get("listVersionID") == cls.list_version_id
    text = cli("example")
    assert "listUri" not in text and "listVersionId" not in text


def test_catalogue_entries() -> None:
    cat = ozg_rs.catalogue()
    shown = cli_json("catalogue", "show", "10000", "--json")
    leistung = cat.leistung("10000")
    assert leistung is not None
    assert shown["leistung"] == leistung.to_dict()
    assert_valid(schema_validator("catalogue", "OzgLeistung"), shown["leistung"])
    assert ozg_rs.OzgLeistung.from_dict(shown["leistung"]) == leistung

    lagen = [lage for lage in cat.lagen() if lage.id == leistung.lage]
    assert shown["lage"] == lagen[0].to_dict()
    assert_valid(schema_validator("catalogue", "Lage"), shown["lage"])
    assert ozg_rs.Lage.from_dict(shown["lage"]) == lagen[0]

    rows = cat.leika_of("10000")
    assert shown["leika"] == [r.to_dict() for r in rows]
    leika = schema_validator("catalogue", "LeikaLeistung")
    for row in shown["leika"]:
        assert_valid(leika, row)
    assert [ozg_rs.LeikaLeistung.from_dict(r) for r in shown["leika"]] == rows

    by_key = cli_json("catalogue", "show", "99041006017000", "--json")
    row = cat.leika_by_key("99041006017000")
    assert row is not None and by_key["leika"] == row.to_dict()
    assert by_key["leistung"] == leistung.to_dict()


def test_findings(tmp_path: Path, example: ozg_rs.Dataset) -> None:
    broken = example.to_dict()
    broken["rollout"][0]["verwaltung"] = "gibt-es-nicht"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    from_cli = cli_json("check", str(path), "--json", ok=(1,))
    assert all(f.pop("file") == str(path) for f in from_cli)
    python = [f.to_dict() for f in ozg_rs.Dataset.from_dict(broken).check()]
    assert from_cli == python
    assert [ozg_rs.Finding.from_dict(f).to_dict() for f in from_cli] == python
