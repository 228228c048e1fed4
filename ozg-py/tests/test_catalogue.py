"""The embedded OZG-Umsetzungskatalog from Python."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

import ozg_rs


@pytest.fixture(scope="module")
def cat() -> ozg_rs.Catalogue:
    return ozg_rs.Catalogue.embedded()


def test_meta(cat: ozg_rs.Catalogue) -> None:
    meta = cat.meta
    assert meta["as_of"] == datetime.date(2019, 10, 5)
    assert meta["official_ozg_leistungen"] == 575
    assert meta["counts"]["themenfelder"] == 14
    assert meta["counts"]["leistungen"] == len(cat.leistungen())
    assert meta["counts"]["leika"] == len(cat.leika())
    assert isinstance(meta["known_gaps"], list)
    assert ozg_rs.catalogue().meta == meta
    assert "Catalogue(as_of='2019-10-05'" in repr(cat)


def test_lookups(cat: ozg_rs.Catalogue) -> None:
    elterngeld = next(l for l in cat.by_lage("Geburt") if l.name == "Elterngeld")
    assert cat.leistung(elterngeld.id) == elterngeld
    assert cat.leistung(str(elterngeld.id)) == elterngeld
    assert elterngeld.themenfeld == ozg_rs.Themenfeld("familie_kind")
    assert cat.lage(elterngeld.lage) is not None
    lage = cat.lage("Geburt")
    assert lage is not None and lage.name == "Geburt"
    assert cat.by_lage(lage.id) == cat.by_lage("Geburt")
    assert elterngeld.to_dict()["id"] == str(elterngeld.id)
    assert repr(elterngeld).startswith("OzgLeistung(id=")
    rows = cat.leika_of(elterngeld.id)
    keyed = [r for r in rows if r.key is not None]
    if keyed:
        row = keyed[0]
        assert cat.leika_by_key(row.key) == row  # type: ignore[arg-type]
        assert cat.ozg_for_leika(row.key) == elterngeld  # type: ignore[arg-type]
        assert cat.resolve(row.key)  # type: ignore[arg-type]
        assert cat.name_of(str(row.key)) == row.name
    assert cat.leistung("99999") is None
    with pytest.raises(ozg_rs.InvalidIdentifierError):
        cat.leistung("abc")


def test_filters(cat: ozg_rs.Catalogue) -> None:
    family = cat.by_themenfeld("familie_kind")
    assert family and all(l.themenfeld == ozg_rs.Themenfeld("familie_kind") for l in family)
    assert cat.by_themenfeld(ozg_rs.Themenfeld("familie_kind")) == family
    total = sum(len(cat.by_themenfeld(t)) for t in cat.themenfelder())
    assert total == len(cat.leistungen())
    municipal = cat.municipal_leistungen()
    assert municipal and all(r.is_municipal for r in municipal)
    typ4 = cat.by_typisierung("4")
    assert all(ozg_rs.Typisierung("4") in r.typisierung for r in typ4)
    with pytest.raises(ozg_rs.CodeError):
        cat.by_typisierung("99")


def test_search(cat: ozg_rs.Catalogue) -> None:
    hits = cat.search("Fuehrerschein", limit=5)
    assert 0 < len(hits) <= 5
    assert any("Führerschein" in h.name for h in hits)
    assert hits[0].kind in {"exact", "word", "prefix", "substring", "fuzzy"}
    assert isinstance(hits[0].item, (ozg_rs.OzgLeistung, ozg_rs.LeikaLeistung))
    assert cat.search("xyzzyqwv") == []


def test_from_path_and_errors(tmp_path: Path, cat: ozg_rs.Catalogue) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(cat.to_json(), encoding="utf-8")
    again = ozg_rs.Catalogue.from_path(path)
    assert again.meta["counts"] == cat.meta["counts"]
    with pytest.raises(ozg_rs.OzgIOError) as io_err:
        ozg_rs.Catalogue.from_path(tmp_path / "missing.json")
    assert isinstance(io_err.value, OSError)
    doc = json.loads(cat.to_json())
    doc["leistungen"][0]["id"] = "12"
    with pytest.raises(ozg_rs.ParseError) as parse_err:
        ozg_rs.Catalogue.from_json(json.dumps(doc))
    assert parse_err.value.pointer == "/leistungen/0/id"
    with pytest.raises(ozg_rs.ParseError):
        ozg_rs.Catalogue.from_json("{")
