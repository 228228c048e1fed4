"""ozg_rs.codelists: Genericode code lists (read, look up, write back) and the versioned registry,
on every official list in ../shared/data/genericode (the tests fail when it is missing)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import ozg_rs
import ozg_rs.codelists as codelists

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data" / "genericode"
FIXTURES = ROOT / "tests" / "fixtures" / "genericode"

LISTS = {
    "regionalschluessel_2026-04-30.xml": (11227, "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs", "2026-04-30"),
    "ags_2026-04-30.xml": (11227, "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:ags", "2026-04-30"),
    "kreis_2026-01-31.xml": (518, "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:kreis", "2026-01-31"),
    "bezirk_2019-07-31.xml": (36, "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bezirk", "2019-07-31"),
    "bundesland_2010-04-01.xml": (16, "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland", "2010-04-01"),
    "dvdv_praefixe_51.xml": (118, "urn:xoev-de:bund:bmi:bit:codeliste:dvdv.praefix", "51"),
}


def shared(name: str) -> Path:
    p = SHARED / name
    assert p.exists(), f"shared Genericode list missing: {p} (../shared/data/genericode next to the repository)"
    return p


@pytest.mark.parametrize("name", sorted(LISTS))
def test_every_shared_list_reads_and_round_trips(name: str, tmp_path: Path) -> None:
    rows, uri, version = LISTS[name]
    doc = codelists.read(shared(name))
    assert len(doc) == rows and doc.canonical_uri == uri and doc.version == version
    assert doc.key_columns is not None and len(doc.key_columns) == 1
    assert len(doc.rows()) == rows
    first = doc.rows()[0][doc.key_columns[0]]
    assert first in doc and doc.lookup(first) == doc.rows()[0]
    out = tmp_path / name
    doc.write(out)
    assert codelists.read(out) == doc
    assert codelists.read(doc.to_xml()) == doc


def test_values_metadata_and_labels() -> None:
    rs = codelists.read(str(shared("regionalschluessel_2026-04-30.xml")))
    assert rs.lookup("010020000000") == {
        "SCHLUESSEL": "010020000000",
        "Bezeichnung": "Kiel, Landeshauptstadt",
        "Hinweis": None,  # an empty Value, not a left-out one
    }
    assert rs.label("010020000000") == "Kiel, Landeshauptstadt"
    assert rs.lookup("999999999999") is None and rs.label("999999999999") is None
    assert rs.xoev_metadata["validFrom"] == "2026-04-01"
    assert rs.identification["canonicalVersionUri"].endswith("rs_2026-04-30")
    assert rs.column_ids == ["SCHLUESSEL", "Bezeichnung", "Hinweis"]
    assert rs.column_set["columns"][2]["use"] == "optional"
    assert "CodeListDocument(" in repr(rs)
    d = rs.to_dict()
    assert len(d["rows"]) == 11227 and d["identification"]["version"] == "2026-04-30"


def test_other_shape_and_errors() -> None:
    doc = codelists.read(FIXTURES / "several_keys.xml")
    assert len(doc.column_set["keys"]) == 3 and doc.key_columns == ["code"]
    assert doc.lookup("g") == {"code": "g", "name": "grün", "rgb": "00ff00", "gueltigAb": "2024-01-01"}
    with pytest.raises(ozg_rs.XmlSyntaxError) as e:
        codelists.read(FIXTURES / "error_duplicate_key.xml")
    assert e.value.line == 17 and "repeats the value" in str(e.value)
    with pytest.raises(ozg_rs.XmlSyntaxError) as e:
        codelists.read(FIXTURES / "error_unknown_column.xml")
    assert (e.value.line, e.value.column) == (16, 7)
    with pytest.raises(OSError) as io:
        codelists.read(FIXTURES / "nope.xml")
    assert io.value.errno == 2


def test_registry_versions_pinning_and_lookup() -> None:
    reg = codelists.CodeListRegistry(builtin=True)
    dvdv = "urn:xoev-de:bund:bmi:bit:codeliste:dvdv.praefix"
    assert dvdv in reg and reg.pinned_version(dvdv) == "51" and len(reg) == 1
    assert reg.lookup(dvdv, "wgb")["behoerdenkategorie"] == "Wohngeldbehörde"
    land = reg.load(shared("bundesland_2010-04-01.xml"))
    assert reg.label(land.canonical_uri, "16") == "Thüringen"
    assert reg.label(land.canonical_uri, "16", version="2010-04-01") == "Thüringen"
    with pytest.raises(KeyError):
        reg.lookup(land.canonical_uri, "17")
    with pytest.raises(KeyError):
        reg.lookup(land.canonical_uri, "01", version="1999-01-01")
    with pytest.raises(KeyError):
        reg.pin(land.canonical_uri, "1999-01-01")
    assert reg.versions(land.canonical_uri) == ["2010-04-01"]
    assert reg.list_uris() == sorted([dvdv, land.canonical_uri])
    assert reg.get(land.canonical_uri) == land
    assert codelists.CodeListRegistry().list_uris() == []


def test_registry_checks_a_dataset() -> None:
    reg = codelists.CodeListRegistry(builtin=True)
    reg.load(shared("ags_2026-04-30.xml"))
    ds = ozg_rs.Dataset.example()
    assert reg.check_dataset(ds) == []


def test_registry_is_shared_between_threads() -> None:
    reg = codelists.CodeListRegistry(builtin=True)
    doc = codelists.read(shared("kreis_2026-01-31.xml"))
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(50):
                reg.insert(doc)
                assert reg.label(doc.canonical_uri, "01002") == "Kiel, Landeshauptstadt"
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
