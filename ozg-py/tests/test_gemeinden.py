"""ozg_rs.Gemeindeverzeichnis: the embedded register of Germany and registers loaded from files."""

from __future__ import annotations

from pathlib import Path

import pytest

import ozg_rs


def test_germany_register_len_iter_contains() -> None:
    g = ozg_rs.Gemeindeverzeichnis.germany()
    assert len(g) == 11_227 and len(g.kreise()) == 518
    rows = list(g)
    assert len(rows) == len(g) and rows == g.gemeinden()
    assert [str(r.ars) for r in rows[:2]] == ["010010000000", "010020000000"]
    assert sum(1 for r in g if r.city_district) == 283
    kiel = g.by_ars("010020000000")
    assert kiel is not None and kiel.name == "Kiel, Landeshauptstadt"
    assert kiel in g and "010020000000" in g and "01002000" in g and ozg_rs.Ars("010020000000") in g
    assert "010020000001" not in g and "01999999" not in g and 42 not in g
    assert kiel.to_dict() == {"ars": "010020000000", "ags": "01002000", "name": "Kiel, Landeshauptstadt"}
    meta = g.meta
    assert meta is not None and meta["territorialStatus"] == "2026-04-30"
    assert "Statistisches Bundesamt" in meta["source"]


def test_lookups_by_ars_ags_prefix_and_name() -> None:
    g = ozg_rs.Gemeindeverzeichnis.germany()
    averlak = g.gemeinde("01051003")
    assert averlak is not None and averlak == g.gemeinde("010515163003") == g.by_ags(ozg_rs.Ags("01051003"))
    assert averlak.amtsangehoerig and averlak.verband_key == ozg_rs.ArsPrefix("010515163")
    assert g.ars_for_ags("01051003") == ozg_rs.Ars("010515163003")
    assert g.ars_for_ags("01051999") is None
    amt = g.under("010515163")
    assert len(amt) == 14 and amt[0] == averlak and all(m.verband_key == averlak.verband_key for m in amt)
    dith = g.kreis("01051")
    assert dith is not None and dith.name == "Dithmarschen" and not dith.kreisfreie_stadt
    assert g.under(dith) == g.under("01051") == g.under(ozg_rs.ArsPrefix("01051"))
    assert len(g.under("01051")) == 116 and len(g.under("11")) == 13
    mitte = g.by_ars("110010001001")
    assert mitte is not None and mitte.city_district and mitte.to_dict()["cityDistrict"] is True
    kreis_mitte = g.kreis("11001")
    assert kreis_mitte is not None and kreis_mitte.city_district
    koeln = g.kreis("05315")
    assert koeln is not None and koeln.kreisfreie_stadt
    assert g.search("luebeck")[0].name == "Lübeck, Hansestadt"
    assert g.search("KOELN")[0].ags == ozg_rs.Ags("05315000")
    assert len(g.search("dorf", limit=3)) == 3 and g.search("") == []
    uder = g.by_ars("160615051097")
    assert uder is not None and uder.ags == ozg_rs.Ags("16061119")
    with pytest.raises(ozg_rs.InvalidIdentifierError):
        g.gemeinde("123")
    with pytest.raises(ozg_rs.InvalidIdentifierError):
        g.under("1234")
    with pytest.raises(TypeError):
        g.kreis(1002)  # type: ignore[arg-type]


def test_register_from_text_and_files(tmp_path: Path) -> None:
    g = ozg_rs.Gemeindeverzeichnis.from_csv("ars,name\n010020000000,Kiel\n010030000000,Lübeck\n")
    assert len(g) == 2 and g.by_ags("01003000").name == "Lübeck"  # type: ignore[union-attr]
    # An AGS-only CSV takes the ARS from the embedded register.
    g = ozg_rs.Gemeindeverzeichnis.from_csv("ags,name\n01051003,Averlak\n")
    assert [str(x.ars) for x in g] == ["010515163003"]
    path = tmp_path / "g.csv"
    path.write_text("ars,name\n010020000000,Kiel\n", encoding="utf-8")
    assert len(ozg_rs.Gemeindeverzeichnis.from_path(path)) == 1
    js = '{"formatVersion": 2, "gemeinden": [{"ars": "010020000000", "ags": "01002000", "name": "Kiel"}]}'
    assert ozg_rs.Gemeindeverzeichnis.from_json(js).gemeinde("01002000") is not None
    with pytest.raises(ozg_rs.ParseError) as info:
        ozg_rs.Gemeindeverzeichnis.from_csv("ars,name\n010020000000,Kiel\n010020000000,Kiel again\n")
    assert "duplicate" in str(info.value)
    with pytest.raises(ozg_rs.ParseError) as info:
        ozg_rs.Gemeindeverzeichnis.from_json('{"formatVersion": 2, "gemeinden": [{"ars": "x"}]}')
    assert info.value.line == 1 and info.value.pointer
    with pytest.raises(ozg_rs.ParseError, match="formatVersion"):
        ozg_rs.Gemeindeverzeichnis.from_json('{"formatVersion": 1, "gemeinden": []}')
    with pytest.raises(ozg_rs.OzgIOError):
        ozg_rs.Gemeindeverzeichnis.from_path(tmp_path / "missing.csv")
    with pytest.raises(ozg_rs.ArgumentError, match="unknown format"):
        ozg_rs.Gemeindeverzeichnis.from_path(tmp_path / "g.txt")
