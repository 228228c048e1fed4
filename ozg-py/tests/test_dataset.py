"""Datasets, lifecycles, check, report, load/dump."""

from __future__ import annotations

import datetime
import pickle
from pathlib import Path

import pytest

import ozg_rs

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "json"


def test_example_roundtrip(tmp_path: Path) -> None:
    ds = ozg_rs.Dataset.example()
    assert ds.example_data
    assert ds.verwaltungen and ds.rollout and ds.agreements
    text = ozg_rs.dumps(ds)
    assert ozg_rs.loads(text) == ds
    path = tmp_path / "ds.json"
    ozg_rs.dump(ds, path)
    assert ozg_rs.load(path) == ds
    assert ozg_rs.load(str(path)).to_dict() == ds.to_dict()
    assert ozg_rs.Dataset.from_dict(ds.to_dict()) == ds
    assert "Dataset(" in repr(ds)


def test_check_and_report() -> None:
    ds = ozg_rs.Dataset.example()
    findings = ds.check()
    assert all(f.severity in {"error", "warning"} for f in findings)
    assert not [f for f in findings if f.severity == "error"], findings
    report = ds.report()
    assert report.to_dict() and report.entries > 0
    assert ds.report(ozg_rs.catalogue()).to_dict() == report.to_dict()
    assert isinstance(ds.report_text(), str)


def test_check_finds_problems() -> None:
    path = FIXTURES / "bad_live_without_agreement.json"
    if not path.exists():
        pytest.skip("fixture missing")
    findings = ozg_rs.load(path).check()
    assert any(f.code == "rollout.live_without_agreement" for f in findings)
    f = findings[0]
    assert f.pointer.startswith("/")
    assert set(f.to_dict()) == {"pointer", "code", "severity", "message"}


def test_parse_errors_carry_location() -> None:
    with pytest.raises(ozg_rs.ParseError) as info:
        ozg_rs.loads('{"schemaVersion":"1.0","rollout":[{"status":"x"}]}')
    err = info.value
    assert err.pointer == "/rollout/0/status"
    assert err.line == 1
    assert isinstance(err, ValueError)
    again = pickle.loads(pickle.dumps(err))
    assert again.pointer == err.pointer and str(again) == str(err)
    with pytest.raises(ozg_rs.ParseError):
        ozg_rs.loads("not json")
    with pytest.raises(ozg_rs.ArgumentError):
        ozg_rs.loads("{}", format="yaml")
    with pytest.raises(ozg_rs.OzgIOError):
        ozg_rs.load("/nonexistent/ozg.json")


def test_rollout_lifecycle() -> None:
    entry = ozg_rs.RolloutEntry.from_dict(
        {"verwaltung": "kiel", "onlinedienst": "wohngeld", "phase": "area_wide", "status": "ordered",
         "history": [{"date": "2022-05-02", "status": "ordered"}]}
    )
    with pytest.raises(ozg_rs.TransitionError) as info:
        entry.transition("live", "2022-06-01")
    assert info.value.from_status == "ordered" and info.value.to_status == "live"
    assert entry.status == "ordered"
    entry.transition("agreed", datetime.date(2022, 5, 20))
    with pytest.raises(ozg_rs.TransitionError):
        entry.transition("configured", "2022-05-19")  # before the last history entry
    entry.transition("configured", "2022-06-01", note="FIT-Connect")
    entry.transition("live", "2022-07-01")
    assert entry.is_live and entry.go_live == datetime.date(2022, 7, 1)
    assert entry.history[-1]["status"] == "live"
    with pytest.raises(ozg_rs.ArgumentError):
        entry.transition("nonsense", "2022-08-01")
    with pytest.raises(ozg_rs.ArgumentError):
        entry.transition("withdrawn", "2022-13-01")


def test_agreement_lifecycle_and_put() -> None:
    ds = ozg_rs.Dataset.example()
    agreement = ds.agreements[0]
    before = agreement.status
    legal = {"draft": "sent_for_signature", "sent_for_signature": "signed", "signed": "in_force",
             "in_force": "terminated"}
    if before in legal:
        agreement.transition(legal[before], "2099-01-01")
        assert agreement.status == legal[before]
        assert ds.agreements[0].status == before  # a copy until stored back
        ds.put(agreement)
        assert ds.agreements[0].status == legal[before]
    with pytest.raises(ozg_rs.TransitionError):
        agreement.transition("draft", "2099-02-01") if agreement.status != "sent_for_signature" else agreement.transition("in_force", "2099-02-01")
    with pytest.raises(TypeError):
        ds.put("x")  # type: ignore[arg-type]


def test_new_dataset() -> None:
    ds = ozg_rs.Dataset()
    assert ds.schema_version == "1.0"
    assert ds.check() == []


def test_xml_roundtrip_file_and_text(tmp_path: Path) -> None:
    ds = ozg_rs.Dataset.example()
    text = ozg_rs.dumps(ds, format="xml")
    assert text.startswith("<?xml")
    assert "urn:ozg-rs:schema:ozg:1" in text
    assert ozg_rs.loads(text, format="xml").to_dict() == ds.to_dict()

    path = tmp_path / "bestand.xml"
    ozg_rs.dump(ds, path)  # format from the extension
    assert path.read_text(encoding="utf-8").startswith("<?xml")
    assert ozg_rs.load(path).to_dict() == ds.to_dict()


def test_xml_errors_carry_line_and_column() -> None:
    bad = '<?xml version="1.0"?>\n<ozg:dataset xmlns:ozg="urn:ozg-rs:schema:ozg:1">\n  <title>x</titel>\n</ozg:dataset>\n'
    with pytest.raises(ozg_rs.XmlSyntaxError) as err:
        ozg_rs.loads(bad, format="xml")
    assert err.value.line == 3
    assert isinstance(err.value, ozg_rs.OzgError)

    doctype = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<ozg:dataset xmlns:ozg="urn:ozg-rs:schema:ozg:1"/>'
    with pytest.raises(ozg_rs.XmlSyntaxError):
        ozg_rs.loads(doctype, format="xml")
