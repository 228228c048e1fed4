"""ozg_rs.validate_xml and XML files through ozg_rs.validate: our XML format, validated by ozg-validate."""

from __future__ import annotations

from pathlib import Path

import pytest

import ozg_rs

XML = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "xml"


def test_valid_xml_files_and_bytes() -> None:
    path = XML / "own" / "dataset_example.xml"
    assert path.exists(), f"fixture missing: {path}"
    assert ozg_rs.validate_xml(path) == []
    assert ozg_rs.validate_xml(str(path)) == []
    assert ozg_rs.validate_xml(path.read_bytes()) == []
    # validate() tells XML files from JSON files
    assert ozg_rs.validate(path) == []


def test_findings_of_an_xml_document(tmp_path: Path) -> None:
    text = (XML / "own" / "dataset_example.xml").read_text(encoding="utf-8")
    bad = text.replace("<ags>01", "<ags>1", 1)
    assert bad != text
    findings = ozg_rs.validate_xml(bad.encode())
    assert any(f.pointer.endswith("/ags") and f.severity == "error" for f in findings), findings
    f = tmp_path / "bad.xml"
    f.write_text(bad, encoding="utf-8")
    assert ozg_rs.validate(f) == findings
    # From a path the dataset is read record by record: the same findings, each with its position.
    assert ozg_rs.validate_xml(f) == findings
    assert all(x.line is not None and x.line > 1 for x in findings), findings
    with pytest.raises(ozg_rs.ValidationError):
        ozg_rs.validate_xml(f, raise_on_error=True)


def test_broken_xml_and_wrong_root() -> None:
    findings = ozg_rs.validate_xml(b"<?xml version='1.0'?>\n<ozg:dataset xmlns:ozg='urn:ozg-rs:schema:ozg:1'>\n<x")
    assert [f.code for f in findings] == ["xml.syntax"]
    example = (XML / "own" / "dataset_example.xml").read_bytes()
    assert [f.code for f in ozg_rs.validate_xml(example, kind="agreement")] == ["xml.syntax"]


def test_bad_arguments_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(OSError) as e:
        ozg_rs.validate_xml(tmp_path / "nope.xml")
    assert e.value.errno == 2
    with pytest.raises((ozg_rs.ArgumentError, TypeError, ValueError)):
        ozg_rs.validate_xml(42)  # type: ignore[arg-type]


def test_findings_carry_line_and_column_in_every_form() -> None:
    import pickle

    text = (XML / "own" / "dataset_example.xml").read_text(encoding="utf-8")
    bad = text.replace("<ags>01", "<ags>1", 1)
    f = next(x for x in ozg_rs.validate_xml(bad.encode()) if x.pointer.endswith("/ags"))
    assert f.line == bad[: bad.index("<ags>1")].count("\n") + 1
    assert f.column is not None and f.column > 1
    d = f.to_dict()
    assert (d["line"], d["column"]) == (f.line, f.column)
    assert ozg_rs.Finding.from_dict(d) == f
    assert pickle.loads(pickle.dumps(f)) == f
    assert f"line={f.line}" in repr(f)
    # A finding of the rules has no position: the members are left out, not null.
    rule = ozg_rs.Finding.from_dict({"pointer": "", "code": "x.y", "severity": "error", "message": "m"})
    assert rule.line is None and "line" not in rule.to_dict()
