"""Identifiers, code values and the exception classes."""

from __future__ import annotations

import copy
import pickle

import pytest

import ozg_rs


def test_leika_key_parts() -> None:
    key = ozg_rs.LeikaKey("99089003034004")
    assert key.group == 89
    assert key.object == 3
    assert key.verrichtung == 34
    assert key.verrichtungsdetail == 4
    assert key.kind == ozg_rs.LeistungsTyp("lovd")
    assert key.urn == "urn:de:fim:leika:leistung:99089003034004"
    assert ozg_rs.LeikaKey.from_urn(key.urn) == key
    assert str(key.leistungsobjekt_key()) == "99089003000000"
    assert key.leistungsobjekt_key().verrichtung is None
    assert repr(key) == "LeikaKey('99089003034004')"
    assert str(key) == "99089003034004"


@pytest.mark.parametrize("bad", ["123", "99089003034004 ", "98089003034004", "９９089003034004", ""])
def test_leika_key_rejects(bad: str) -> None:
    with pytest.raises(ozg_rs.InvalidIdentifierError) as info:
        ozg_rs.LeikaKey(bad)
    err = info.value
    assert isinstance(err, ValueError)
    assert isinstance(err, ozg_rs.OzgError)
    assert err.rule and err.rule in str(err)
    assert err.kind is not None and "LeiKa" in err.kind


def test_identifier_errors_pickle() -> None:
    with pytest.raises(ozg_rs.InvalidIdentifierError) as info:
        ozg_rs.OzgId("12a45")
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is ozg_rs.InvalidIdentifierError
    assert again.rule == info.value.rule
    assert again.input == "12a45"
    assert str(again) == str(info.value)


def test_wrong_type_is_type_error() -> None:
    with pytest.raises(TypeError):
        ozg_rs.OzgId(12345)  # type: ignore[arg-type]


IDS = [
    (ozg_rs.OzgId, "10001"),
    (ozg_rs.LeikaKey, "99089003034004"),
    (ozg_rs.KreisKey, "01058"),
    (ozg_rs.Ags, "01002000"),
    (ozg_rs.Ars, "010020000000"),
    (ozg_rs.AgsPrefix, "01058"),
    (ozg_rs.ArsPrefix, "010580000"),
    (ozg_rs.GebietId, "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:01058"),
    (ozg_rs.DvdvKey, "psw:01002000"),
    (ozg_rs.DestinationId, "5c6c7a1e-2b8f-4b8e-9a51-4d9b1c0a7e11"),
    (ozg_rs.DestinationSignature, "eyJh.eyJi.c2ln"),
    (ozg_rs.ServiceRef, "10001"),
    (ozg_rs.VerwaltungId, "kiel"),
    (ozg_rs.OnlinedienstId, "wohngeld-sh"),
    (ozg_rs.ProviderId, "dataport"),
    (ozg_rs.AgreementId, "nnv-2024-01"),
    (ozg_rs.ChannelId, "kiel.fit"),
]


@pytest.mark.parametrize(("cls", "text"), IDS)
def test_identifier_value_semantics(cls: type, text: str) -> None:
    a = cls(text)
    b = cls(text)
    assert a == b and hash(a) == hash(b)
    assert not (a < b) and a <= b
    assert str(a) == text
    assert repr(a) == f"{cls.__name__}('{text}')"
    assert type(a).__module__ == "ozg_rs"
    assert pickle.loads(pickle.dumps(a)) == a
    assert copy.deepcopy(a) == a
    assert cls(a) == a  # accepts its own type
    assert {a: 1}[b] == 1
    with pytest.raises(AttributeError):
        a.foo = 1  # frozen, no __dict__
    assert isinstance(cls.PATTERN, str)


def test_ags_ars_parts() -> None:
    kiel = ozg_rs.Ags("01002000")
    assert kiel.land == ozg_rs.Bundesland("01")
    assert kiel.land.name == "Schleswig-Holstein"
    assert kiel.kreis_key == ozg_rs.KreisKey("01002")
    assert kiel.gemeinde == 0
    ars = ozg_rs.Ars("120600181181")
    assert ars.gemeindeverband == 181
    assert ars.verband_kind == "amtsfrei_oder_verbandsfrei"
    assert ars.ags == ozg_rs.Ags("12060181")
    assert ars.gebiet_urn.endswith(":120600181181")
    assert ozg_rs.AgsPrefix("01").matches(kiel)
    assert ozg_rs.AgsPrefix("01").matches("01002000")
    assert not ozg_rs.AgsPrefix("02").matches(kiel)
    assert ozg_rs.ArsPrefix("01058").level == "kreis"
    assert len(ozg_rs.ArsPrefix("010580000")) == 9
    gebiet = ozg_rs.GebietId("urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs:01058")
    assert gebiet.ars_prefix == ozg_rs.ArsPrefix("01058")
    assert ozg_rs.DvdvKey("psw:01002000").prefix == "psw"
    # From the official DVDV prefix list (version 51), not guessed.
    wgb = ozg_rs.DvdvKey("wgb:051110000000")
    assert wgb.behoerdenkategorie == "Wohngeldbehörde"
    assert wgb.vergebende_stelle == "IT-Dienstleistungszentrum des Freistaats Bayern"
    unknown = ozg_rs.DvdvKey("zzq:01002000")
    assert unknown.behoerdenkategorie is None and unknown.vergebende_stelle is None
    assert ozg_rs.ServiceRef("99089003034004").leika_key == ozg_rs.LeikaKey("99089003034004")
    assert ozg_rs.ServiceRef("10001").ozg_id == ozg_rs.OzgId("10001")
    assert ozg_rs.ServiceRef("10001").leika_key is None
    upper = ozg_rs.DestinationId("5C6C7A1E-2B8F-4B8E-9A51-4D9B1C0A7E11")
    assert str(upper) == "5c6c7a1e-2b8f-4b8e-9a51-4d9b1c0a7e11"


CODE_CLASSES = [
    ozg_rs.Themenfeld,
    ozg_rs.ReifegradModell,
    ozg_rs.Vertrauensniveau,
    ozg_rs.VertrauensniveauFim,
    ozg_rs.Typisierung,
    ozg_rs.LeistungsTyp,
    ozg_rs.Basiskomponente,
    ozg_rs.Bundesland,
    ozg_rs.EfaModell,
    ozg_rs.AgreementDocumentKind,
]


@pytest.mark.parametrize("cls", CODE_CLASSES)
def test_code_lists(cls: type) -> None:
    values = cls.all()
    assert values, cls
    assert len({v.code for v in values}) == len(values)
    assert isinstance(cls.list_uri, str) and cls.list_uri.startswith("urn:")
    for v in values:
        assert cls(v.code) == v
        assert cls.from_code(v.code) == v
        assert str(v) == v.code
        assert pickle.loads(pickle.dumps(v)) == v
        xoev = v.to_xoev()
        assert xoev["listURI"] == cls.list_uri
        assert xoev["code"] == v.code
    assert sorted(values) == sorted(values, key=lambda v: values.index(v))
    with pytest.raises(ozg_rs.CodeError) as info:
        cls("no such code")
    assert info.value.code == "no such code"
    assert values[0].code in str(info.value)  # lists what was expected


def test_known_code_values() -> None:
    assert len(ozg_rs.Themenfeld.all()) == 14
    assert len(ozg_rs.Bundesland.all()) == 16
    assert ozg_rs.Themenfeld("familie_kind").label == "Familie & Kind"
    assert ozg_rs.Bundesland.list_uri == "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:bundesland"
    assert ozg_rs.Bundesland.list_version_id == "2010-04-01"
    assert ozg_rs.Typisierung("2/3").is_municipal
    assert ozg_rs.Vertrauensniveau("hoch").english


def test_reifegrad() -> None:
    r = ozg_rs.Reifegrad.v1(3)
    assert r.model == ozg_rs.ReifegradModell("1.x")
    assert r.level == 3
    assert r.label == "Online-Leistung"
    assert r.is_ozg_compliant() is True
    assert ozg_rs.Reifegrad.v2(6).is_ozg_compliant() is None
    assert ozg_rs.Reifegrad.v2(6).label is None
    assert ozg_rs.Reifegrad("2.0", 6) == ozg_rs.Reifegrad.v2(6)
    assert r.to_dict() == {"model": "1.x", "level": 3}
    assert pickle.loads(pickle.dumps(r)) == r
    assert ozg_rs.Reifegrad.overall([ozg_rs.Reifegrad.v1(4), r]) == r
    assert ozg_rs.Reifegrad.overall([]) is None
    with pytest.raises(ozg_rs.CodeError):
        ozg_rs.Reifegrad.v1(5)
    with pytest.raises(ozg_rs.CodeError):
        ozg_rs.Reifegrad.overall([r, ozg_rs.Reifegrad.v2(1)])
