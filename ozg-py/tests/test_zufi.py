"""ozg_rs.zufi: the Zuständigkeit index, route and coverage, on the exports written for the tests;
the XZuFi objects' one JSON spelling shared with the CLI."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import ozg_rs
import ozg_rs.xzufi
import ozg_rs.zufi

ROOT = Path(__file__).resolve().parents[2]
ZUFI = ROOT / "tests" / "fixtures" / "xml" / "zufi"
A = ZUFI / "export_a_dithmarschen.xml"
B = ZUFI / "export_b_oberbayern.xml"


def test_index_route_from_gemeinde_to_land() -> None:
    index = ozg_rs.zufi.Index([A, B])
    assert len(index) == 7
    assert index.counts["objectsSkipped"] == 1
    codes = sorted(f["code"] for f in index.findings)
    assert codes == [
        "zufi.invalid_object",
        "zufi.signature_services_mismatch",
        "zufi.unknown_leistung",
    ]
    assert all(f["source"]["file"].endswith("export_a_dithmarschen.xml") for f in index.findings)
    route = index.route("99107023017000", "010515163003")
    assert [(m["zustaendigkeit"]["organisationseinheit"]["id"], m["level"]) for m in route["matches"]] == [
        ("O-GEM", "Gemeinde"),
        ("O-KREIS", "Kreis"),
        ("O-LAND", "Land"),
    ]
    assert route["matches"][1]["zustaendigkeit"]["channels"] == [
        {"kind": "fitConnect", "destinationId": "0b1ae5a0-3c2f-4b5e-9d6a-7f8e9a0b1c2d"}
    ]
    assert route["matches"][1]["reason"] == "containingArea"


def test_route_by_ozg_and_ags_and_empty_answer() -> None:
    index = ozg_rs.zufi.Index([str(A), str(B)])
    route = index.route(ozg="10092", ags="01051003")
    assert route["query"]["ars"] == "010515163003"
    assert route["query"]["ozgId"] == "10092"
    assert route["matches"][0]["zustaendigkeit"]["organisationseinheit"]["name"] == "Gemeinde Averlak"
    empty = index.route("99001001002000", "09162")
    assert empty["matches"] == []
    assert empty["query"]["searched"] == ["09162", "091", "09"]
    with pytest.raises(ozg_rs.ArgumentError):
        index.route("99107023017000")
    with pytest.raises(ozg_rs.InvalidIdentifierError):
        index.route("991", "01")


def test_route_json_equals_cli() -> None:
    index = ozg_rs.zufi.Index([A, B])
    cli = _ozg(["route", str(A), str(B), "--leika", "99107023017000", "--ars", "010515163003", "--format", "json"])
    assert cli["matches"] == index.route("99107023017000", "010515163003")["matches"]
    assert cli["findings"] == index.findings


def test_coverage() -> None:
    index = ozg_rs.zufi.Index(A)
    cov = index.coverage(kreis="01051")
    rows = {r["ozgId"]: r for r in cov["rows"]}
    assert rows["10092"]["responsibility"] == "full" and rows["10092"]["digitalChannel"]
    assert rows["10110"]["blocker"] == "noDigitalChannel"
    assert cov["responsible"] == 2 and cov["digital"] == 1
    with pytest.raises(ozg_rs.ArgumentError, match="names a Gemeindeverband, not a Kreis"):
        index.coverage(kreis="010515163")


def test_index_errors() -> None:
    with pytest.raises(ozg_rs.OzgIOError) as e:
        ozg_rs.zufi.Index(["/nonexistent/export.xml"])
    assert e.value.filename == "/nonexistent/export.xml"
    assert isinstance(e.value, OSError)


def test_signature_claims() -> None:
    org = next(o for o in ozg_rs.xzufi.read(A, skip_invalid=True) if o.id == "O-KREIS")
    jws = org.to_dict()["zustaendigkeit"][0]["idSekundaer"][0]["value"]
    claims = ozg_rs.zufi.signature_claims(jws)
    assert claims["destinationId"] == "0b1ae5a0-3c2f-4b5e-9d6a-7f8e9a0b1c2d"
    assert claims["services"][0]["leistungIDs"] == ["urn:de:fim:leika:leistung:99107023017000"]
    assert claims["submissionHost"] == "submission-api-testing.fit-connect.fitko.dev"
    assert org.destination_claims() == [claims]
    with pytest.raises(ozg_rs.InvalidIdentifierError):
        ozg_rs.zufi.signature_claims("not-a-jws")


def test_read_keeps_signature_unknowns_header_and_recovers() -> None:
    reader = ozg_rs.xzufi.read(A, skip_invalid=True)
    assert reader.header["nachrichtenkopf"]["children"][0]["element"]["name"] == "nachrichtUUID"
    objects = list(reader)
    assert reader.counts == {"read": 8, "skipped": 1}
    assert len(reader.skipped) == 1 and reader.skipped[0][1] == 70
    amt = next(o for o in objects if o.id == "O-AMT").to_dict()
    z = amt["zustaendigkeit"][0]
    assert z["gebietID"][0] == {
        "value": "010515163",
        "attributes": [
            {"namespace": None, "name": "schemeID", "value": "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs"}
        ],
    }
    assert {"namespace": None, "name": "pruefstatus", "value": "geprueft"} in z["otherAttributes"]
    assert z["unknown"][0]["name"] == "hinweis"
    # Objects after the broken one are read (the stream goes on).
    assert [o.id for o in objects if o.kind == "organisationseinheit"] == [
        "O-KREIS",
        "O-AMT",
        "O-GEM",
        "O-LAND",
        "O-LOST",
    ]
    # Without skip_invalid the broken object raises and the next one follows.
    strict = ozg_rs.xzufi.read(A)
    seen = []
    with pytest.raises(ozg_rs.XmlSyntaxError) as e:
        for o in strict:
            seen.append(o.id)
    assert e.value.line == 70
    assert [o.id for o in strict][0] == "O-AMT"


def test_to_dict_equals_cli_ndjson() -> None:
    for path in [ROOT / "tests" / "fixtures" / "xml" / "xzufi_2_2_schreibe.xml", B]:
        dicts = [o.to_dict() for o in ozg_rs.xzufi.read(path)]
        out = subprocess.run([_bin(), "xzufi", str(path)], capture_output=True, text=True, check=True).stdout
        assert [json.loads(line) for line in out.splitlines()] == dicts
    leistung = next(o for o in ozg_rs.xzufi.read(ROOT / "tests" / "fixtures" / "xml" / "xzufi_2_2_schreibe.xml"))
    d = leistung.to_dict()
    assert d["kind"] == "leistung" and "referenzLeiKa" in d and "modulText" in d


def _bin() -> str:
    exe = os.environ.get("OZG_BIN") or str(ROOT / "target" / "debug" / "ozg")
    if not Path(exe).exists():
        pytest.fail(f"the ozg binary is needed at {exe} (cargo build -p ozg-cli, or set OZG_BIN)")
    return exe


def _ozg(args: list[str]) -> dict:  # type: ignore[type-arg]
    out = subprocess.run([_bin(), *args], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)  # type: ignore[no-any-return]
