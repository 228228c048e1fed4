"""Pickling and copying of every public class of ``ozg_rs`` (docs/ARCHITECTURE.md, "Python conventions").

Every class the package exposes is either a value class -- it pickles with every protocol (0-5), and
``copy.copy``/``copy.deepcopy`` give an equal object -- or deliberately unpicklable with a ``TypeError`` that says
why (listed in ``UNPICKLABLE`` with the reason). ``test_every_public_class_is_decided`` fails for a new class that
is in neither list, so a class cannot be added without deciding.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import pickle
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest

import ozg_rs
import ozg_rs._errors
import ozg_rs._ozg
import ozg_rs.codelists
import ozg_rs.fitconnect
import ozg_rs.report
import ozg_rs.xta
import ozg_rs.xzufi
import ozg_rs.zufi

ROOT = Path(__file__).resolve().parents[2]
XML = ROOT / "tests" / "fixtures" / "xml"
GENERICODE = ROOT / "tests" / "fixtures" / "genericode"
PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)
MODULES = [
    ozg_rs,
    ozg_rs._ozg,
    ozg_rs._errors,
    ozg_rs.codelists,
    ozg_rs.fitconnect,
    ozg_rs.report,
    ozg_rs.xta,
    ozg_rs.xzufi,
    ozg_rs.zufi,
]


def public_classes() -> Dict[type, str]:
    """Every class defined by ozg_rs that one of its modules exposes, with where it was found."""
    found: Dict[type, str] = {}
    for module in MODULES:
        for name in dir(module):
            obj = getattr(module, name)
            if name.startswith("__") or not isinstance(obj, type):
                continue
            if not obj.__module__.startswith("ozg_rs"):
                continue  # typing helpers and the like
            found.setdefault(obj, f"{module.__name__}.{name}")
    return found


# ---------------------------------------------------------------------------------------------
# One or more instances of every value class.
# ---------------------------------------------------------------------------------------------

IDS: List[Tuple[type, str]] = [
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

CODES: List[type] = [
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


def _xzufi_objects() -> List[Any]:
    objects = list(ozg_rs.xzufi.read(XML / "xzufi_2_2_schreibe.xml"))
    kinds = {o.kind for o in objects}
    assert {"leistung", "spezialisierung", "organisationseinheit", "onlinedienst", "loesche"} <= kinds, kinds
    for export in sorted((XML / "zufi").glob("*.xml")):
        objects.extend(ozg_rs.xzufi.read(export, skip_invalid=True))
    return objects


def _search_hits() -> List[Any]:
    hits = ozg_rs.catalogue().search("Elterngeld", limit=20)
    types = {type(h.item) for h in hits}
    assert types == {ozg_rs.OzgLeistung, ozg_rs.LeikaLeistung}, types
    return hits


def _report() -> Any:
    return ozg_rs.Dataset.example().report()


def _report_parts() -> Dict[type, List[Any]]:
    r = _report()
    parts: Dict[type, List[Any]] = {ozg_rs.report.RolloutReport: [r]}
    for field in dataclasses.fields(r):
        value = getattr(r, field.name)
        for v in value if isinstance(value, list) else [value]:
            if dataclasses.is_dataclass(v):
                parts.setdefault(type(v), []).append(v)
                for inner in vars(v).values():
                    for w in inner if isinstance(inner, list) else [inner]:
                        if dataclasses.is_dataclass(w):
                            parts.setdefault(type(w), []).append(w)
    R = ozg_rs.report
    if R.Blocker not in parts:  # the example may have no blocker: build one in the report's own spelling
        parts[R.Blocker] = [R.Blocker("/rollout/0", "kiel", "wohngeld-sh", "ordered", "pilot", [R.BlockerReason("no_agreement", "x")])]
        parts[R.BlockerReason] = parts[R.Blocker][0].reasons
    if R.GemeindeverbandCoverage not in parts:
        parts[R.GemeindeverbandCoverage] = [R.GemeindeverbandCoverage("010515163", "Amt", "01051", 1, 0, 3, 1)]
    return parts


def _codelist_docs() -> List[Any]:
    own = ozg_rs.codelists.read(GENERICODE / "several_keys.xml")
    assert own.rows()  # has a row with its own Annotation, which only the XML keeps
    dvdv = ozg_rs.codelists.CodeListRegistry(builtin=True)
    return [own, dvdv.get(dvdv.list_uris()[0])]


def _registries() -> List[Any]:
    empty = ozg_rs.codelists.CodeListRegistry()
    builtin = ozg_rs.codelists.CodeListRegistry(builtin=True)
    pinned = ozg_rs.codelists.CodeListRegistry()
    text = (GENERICODE / "several_keys.xml").read_text(encoding="utf-8")
    pinned.insert(ozg_rs.codelists.read(text))
    pinned.insert(ozg_rs.codelists.read(text.replace("<Version>3</Version>", "<Version>4</Version>")))
    pinned.pin("urn:example:ozg-test:farben", "3")  # the older one: the pin must survive
    assert pinned.pinned_version("urn:example:ozg-test:farben") == "3"
    return [empty, builtin, pinned]


def _gemeinde_iterator() -> Any:
    it = iter(ozg_rs.Gemeindeverzeichnis.germany())
    next(it)
    next(it)
    return it


def _own_register() -> Any:
    return ozg_rs.Gemeindeverzeichnis.from_csv(
        'ars,name\n010020000000,"Kiel, Landeshauptstadt"\n020000000000,"Hamburg, Freie und Hansestadt"\n'
    )


def _dataset_parts() -> List[Any]:
    ds = ozg_rs.Dataset.example()
    broken = ds.to_dict()
    broken["rollout"][0]["verwaltung"] = "gibt-es-nicht"
    findings = ozg_rs.Dataset.from_dict(broken).check()
    assert findings
    return [ds, ozg_rs.Dataset(), *ds.agreements[:2], *ds.rollout[:2], *findings[:2]]


def _by_type(objects: List[Any]) -> Dict[type, List[Any]]:
    out: Dict[type, List[Any]] = {}
    for o in objects:
        out.setdefault(type(o), []).append(o)
    return out


def value_instances() -> Dict[type, List[Any]]:
    """Instances of every value class, by class."""
    cat = ozg_rs.catalogue()
    germany = ozg_rs.Gemeindeverzeichnis.germany()
    leika_without_key = [r for r in cat.leika() if r.key is None][:1]
    meta = ozg_rs.xta.read(XML / "xta_wohngeld_metadata.xml")
    kept = ozg_rs.xta.read(XML / "xta_unknown_attributes.xml")
    built = ozg_rs.xta.MessageMetaData.from_dict(
        {k: v for k, v in meta.to_dict().items() if k != "unknown"}
    )
    found: Dict[type, List[Any]] = {
        **{cls: [cls(text)] for cls, text in IDS},
        **{cls: cls.all()[:3] for cls in CODES},
        ozg_rs.Reifegrad: [ozg_rs.Reifegrad.v1(3), ozg_rs.Reifegrad.v2(7)],
        ozg_rs.Lage: cat.lagen()[:2],
        ozg_rs.OzgLeistung: cat.leistungen()[:2],
        ozg_rs.LeikaLeistung: cat.leika_of("10000")[:1] + leika_without_key,
        ozg_rs.SearchHit: _search_hits(),
        ozg_rs.Catalogue: [cat, ozg_rs.Catalogue.from_json(cat.to_json())],
        ozg_rs.Gemeinde: germany.gemeinden()[:1] + [g for g in germany.gemeinden() if g.city_district][:1],
        ozg_rs.Kreis: germany.kreise()[:2],
        ozg_rs.Gemeindeverzeichnis: [germany, _own_register()],
        ozg_rs._ozg.GemeindeIterator: [_gemeinde_iterator(), iter(_own_register())],
        **_by_type(_dataset_parts()),
        ozg_rs.xzufi.XzufiObject: _xzufi_objects(),
        ozg_rs.xta.MessageMetaData: [meta, kept, built],
        ozg_rs.codelists.CodeListDocument: _codelist_docs(),
        ozg_rs.codelists.CodeListRegistry: _registries(),
        **_report_parts(),
    }
    for cls, objs in found.items():
        assert objs, f"no instance of {cls.__name__} to test"
    return found


def _same(a: Any, b: Any) -> bool:
    """Equality for the round trip; an iterator is compared by what it would yield next (without
    consuming either)."""
    if isinstance(a, ozg_rs._ozg.GemeindeIterator):
        return type(b) is type(a) and a.__reduce__() == b.__reduce__()
    return bool(a == b)


# ---------------------------------------------------------------------------------------------
# Deliberately unpicklable classes, with the reason (the TypeError names it).
# ---------------------------------------------------------------------------------------------

UNPICKLABLE: Dict[type, Tuple[str, Callable[[], Any]]] = {
    ozg_rs.xzufi.XzufiReader: (
        "reads an open file",
        lambda: ozg_rs.xzufi.read(XML / "xzufi_2_2_schreibe.xml"),
    ),
    ozg_rs.zufi.Index: (
        "no serialised form",
        lambda: ozg_rs.zufi.Index(sorted((XML / "zufi").glob("*.xml"))),
    ),
    ozg_rs.fitconnect.MetadataBuilder: (
        "a builder has no serialised form",
        lambda: ozg_rs.fitconnect.MetadataBuilder().public_service("99089003034004", "Wohngeld"),
    ),
}

# Classes whose instances are plain dicts (TypedDicts describing results) or exceptions: tested below.
TYPED_DICTS = {cls for cls in public_classes() if issubclass(cls, dict)}
EXCEPTIONS = {cls for cls in public_classes() if issubclass(cls, BaseException)}


def test_every_public_class_is_decided() -> None:
    values = set(value_instances())
    decided = values | set(UNPICKLABLE) | TYPED_DICTS | EXCEPTIONS
    missing = {name for cls, name in public_classes().items() if cls not in decided}
    assert not missing, f"classes neither tested as picklable nor listed as unpicklable: {sorted(missing)}"
    assert not values & set(UNPICKLABLE)
    assert ozg_rs.zufi.Route in TYPED_DICTS and ozg_rs.OzgIOError in EXCEPTIONS  # the scan sees them


def _cases() -> Iterator[Any]:
    for cls, objs in value_instances().items():
        for i, obj in enumerate(objs):
            yield pytest.param(obj, id=f"{cls.__qualname__}-{i}")


@pytest.mark.parametrize("obj", list(_cases()))
def test_value_class_pickles_and_copies_equal(obj: Any) -> None:
    for protocol in PROTOCOLS:
        data = pickle.dumps(obj, protocol=protocol)
        again = pickle.loads(data)
        assert type(again) is type(obj), protocol
        assert _same(again, obj), (protocol, again, obj)
    for clone in (copy.copy(obj), copy.deepcopy(obj)):
        assert type(clone) is type(obj) and _same(clone, obj)
    text = repr(obj)
    assert " object at 0x" not in text and "Some(" not in text, text
    if hasattr(obj, "to_dict"):
        assert pickle.loads(pickle.dumps(obj)).to_dict() == obj.to_dict()


@pytest.mark.parametrize("cls", list(UNPICKLABLE), ids=lambda c: c.__qualname__)
def test_unpicklable_class_says_why(cls: type) -> None:
    reason, make = UNPICKLABLE[cls]
    obj = make()
    assert type(obj) is cls
    for protocol in PROTOCOLS:
        with pytest.raises(TypeError) as info:
            pickle.dumps(obj, protocol=protocol)
        assert cls.__name__ in str(info.value) and reason in str(info.value), str(info.value)
    if cls is ozg_rs.fitconnect.MetadataBuilder:
        return  # copies, see below
    for copier in (copy.copy, copy.deepcopy):
        with pytest.raises(TypeError, match=reason):
            copier(obj)


def test_metadata_builder_copies_are_independent() -> None:
    builder = ozg_rs.fitconnect.MetadataBuilder().public_service("99089003034004", "Wohngeld")
    builder.attachment("0b1f5f3e-6c1d-4f53-9b8e-2f9d1c0a7e11", b"%PDF", "application/pdf")
    for clone in (copy.copy(builder), copy.deepcopy(builder)):
        assert clone is not builder and clone.build() == builder.build()
        clone.attachment("7d6e2a40-1c2b-4e8f-a3d5-9b0c1d2e3f40", b"more", "text/plain")
        assert len(clone.build()["contentStructure"]["attachments"]) == 2
        assert len(builder.build()["contentStructure"]["attachments"]) == 1


def _exception_instances() -> Iterator[Any]:
    E = ozg_rs._errors
    yield E.InvalidIdentifierError("bad", kind="OzgId", input="x", rule="5 digits")
    yield E.CodeError("bad", list="urn:x", code="y")
    yield E.XmlSyntaxError("bad", line=3, column=4, path="/a/b")
    yield E.ParseError("bad", pointer="/a", line=1, column=2, path="f.json")
    yield E.ValidationError("bad", findings=[ozg_rs.Finding.from_dict({"pointer": "", "code": "c", "severity": "error", "message": "m"})])
    yield E.TransitionError("bad", from_status="draft", to_status="expired")
    yield E.OzgIOError(2, "No such file or directory", "nope.json")
    yield E.OzgIOError(13, "Permission denied", "secret.json")
    yield E.EncodingError("bad", filename="f", offset=3, line=1, column=4)
    yield E.ArgumentError("bad")
    yield E.OzgError("bad")


@pytest.mark.parametrize("error", list(_exception_instances()), ids=lambda e: type(e).__name__)
def test_exceptions_pickle_with_their_fields(error: BaseException) -> None:
    for protocol in PROTOCOLS:
        again = pickle.loads(pickle.dumps(error, protocol=protocol))
        assert type(again) is type(error)
        assert again.args == error.args and vars(again) == vars(error)
        assert str(again) == str(error)


def test_every_exception_class_is_among_the_pickled() -> None:
    tested = {type(e) for e in _exception_instances()}
    subclasses_of_io = {c for c in EXCEPTIONS if issubclass(c, ozg_rs.OzgIOError)}
    assert EXCEPTIONS - subclasses_of_io <= tested, sorted(c.__name__ for c in EXCEPTIONS - tested)
    assert ozg_rs._errors.OzgFileNotFoundError in tested and ozg_rs._errors.OzgPermissionError in tested


# ---------------------------------------------------------------------------------------------
# What the round trip keeps, and how big it is.
# ---------------------------------------------------------------------------------------------


def test_embedded_registers_pickle_as_references() -> None:
    germany = ozg_rs.Gemeindeverzeichnis.germany()
    data = pickle.dumps(germany)
    assert len(data) < 200, len(data)  # a reference, not 11,227 rows
    again = pickle.loads(data)
    assert again == germany and len(again) == len(germany)
    assert len(pickle.dumps(ozg_rs.catalogue())) < 200


def test_an_own_register_pickles_by_content_and_compares_by_content() -> None:
    own = _own_register()
    again = pickle.loads(pickle.dumps(own))
    assert again == own and again.gemeinden() == own.gemeinden()
    assert again.to_dict() == own.to_dict() and again.to_dict()["formatVersion"] == 2
    assert own != ozg_rs.Gemeindeverzeichnis.germany()
    # the Germany-wide register read back from its own file format is equal to the embedded one
    germany = ozg_rs.Gemeindeverzeichnis.germany()
    assert ozg_rs.Gemeindeverzeichnis.from_json(germany.to_json()) == germany


def test_catalogue_equality_is_by_content() -> None:
    cat = ozg_rs.catalogue()
    own = ozg_rs.Catalogue.from_json(cat.to_json())
    assert own == cat and pickle.loads(pickle.dumps(own)) == own
    data = cat.to_json().replace('"name":"Elterngeld"', '"name":"Elterngeld (geändert)"', 1)
    assert data != cat.to_json()
    assert ozg_rs.Catalogue.from_json(data) != cat


def test_gemeinde_iterator_unpickles_at_the_same_place() -> None:
    it = _gemeinde_iterator()
    clone = pickle.loads(pickle.dumps(it))
    assert next(clone) == next(it)
    assert next(copy.copy(it)) == next(it)
    rest = list(pickle.loads(pickle.dumps(iter(_own_register()))))
    assert [g.name for g in rest] == ["Kiel, Landeshauptstadt", "Hamburg, Freie und Hansestadt"]


def test_gemeinde_and_kreis_from_dict() -> None:
    kiel = ozg_rs.Gemeindeverzeichnis.germany().gemeinde("010020000000")
    assert kiel is not None
    assert ozg_rs.Gemeinde.from_dict(kiel.to_dict()) == kiel and hash(copy.deepcopy(kiel)) == hash(kiel)
    assert repr(kiel) == "Gemeinde(ars='010020000000', ags='01002000', name='Kiel, Landeshauptstadt')"
    with pytest.raises(ozg_rs.ParseError) as info:
        ozg_rs.Gemeinde.from_dict({**kiel.to_dict(), "ars": "01"})
    assert info.value.pointer == "/ars"
    kreis = ozg_rs.Gemeindeverzeichnis.germany().kreise()[0]
    assert ozg_rs.Kreis.from_dict(kreis.to_dict()) == kreis


def _outcome(f: Callable[[], Any]) -> Any:
    """The value of ``f()``, or its error's type and message (the same malformed key must raise the same)."""
    try:
        return f()
    except ozg_rs.OzgError as e:
        return (type(e), str(e))


def test_xzufi_object_keeps_what_the_model_does_not_cover() -> None:
    objects = _xzufi_objects()
    for obj in objects:
        again = pickle.loads(pickle.dumps(obj))
        assert again == obj and again.to_dict() == obj.to_dict()
        assert (again.kind, again.id, again.name) == (obj.kind, obj.id, obj.name)
        assert _outcome(lambda: again.leika_keys) == _outcome(lambda: obj.leika_keys)
        assert _outcome(lambda: again.gebiete) == _outcome(lambda: obj.gebiete)
    assert any(o.to_dict().get("unknown") for o in objects)  # kept elements travel too


def test_xzufi_object_from_dict_refuses_unknown_members() -> None:
    leistung = next(o for o in _xzufi_objects() if o.kind == "leistung")
    d = leistung.to_dict()
    with pytest.raises(ozg_rs.ParseError) as info:
        ozg_rs.xzufi.XzufiObject.from_dict({**d, "typo": 1})
    assert info.value.pointer == "/typo"
    d["id"]["extra"] = "x"
    with pytest.raises(ozg_rs.ParseError) as info:
        ozg_rs.xzufi.XzufiObject.from_dict(d)
    assert info.value.pointer == "/id/extra"
    with pytest.raises(ozg_rs.ParseError):
        ozg_rs.xzufi.XzufiObject.from_dict({"kind": "nichtDa"})


def test_message_metadata_keeps_unknown_elements_and_attributes() -> None:
    kept = ozg_rs.xta.read(XML / "xta_unknown_attributes.xml")
    again = pickle.loads(pickle.dumps(kept))
    assert again == kept and again.to_xml() == kept.to_xml()
    assert "ext:stufe" in again.to_xml() or 'stufe="1"' in again.to_xml()
    meta = ozg_rs.xta.read(XML / "xta_wohngeld_metadata.xml")
    assert copy.deepcopy(meta).origin == meta.origin and isinstance(meta.origin, datetime.datetime)


def test_code_list_document_keeps_row_annotations() -> None:
    doc = ozg_rs.codelists.read(GENERICODE / "several_keys.xml")
    again = pickle.loads(pickle.dumps(doc))
    assert again == doc and "neu</" in again.to_xml()
    assert ozg_rs.codelists.CodeListDocument.from_xml(doc.to_xml()) == doc
    assert type(doc).__module__ == "ozg_rs.codelists"


def test_code_list_registry_keeps_versions_and_pins() -> None:
    reg = _registries()[2]
    again = pickle.loads(pickle.dumps(reg))
    assert again == reg and again is not reg
    uri = "urn:example:ozg-test:farben"
    assert again.versions(uri) == ["3", "4"] and again.pinned_version(uri) == "3"
    again.pin(uri, "4")
    assert again != reg and reg.pinned_version(uri) == "3"  # independent
    assert copy.deepcopy(ozg_rs.codelists.CodeListRegistry(builtin=True)) == ozg_rs.codelists.CodeListRegistry(builtin=True)


def test_search_hit_constructor_checks_its_arguments() -> None:
    hit = _search_hits()[0]
    assert ozg_rs.SearchHit(hit.item, hit.kind, hit.score) == hit
    assert ozg_rs.SearchHit(hit.item, hit.kind, hit.score + 1) != hit
    with pytest.raises(TypeError, match="OzgLeistung or a LeikaLeistung"):
        ozg_rs.SearchHit("Elterngeld", "exact", 1.0)
    with pytest.raises(ozg_rs.ArgumentError, match="invalid kind"):
        ozg_rs.SearchHit(hit.item, "best", 1.0)


def test_results_that_are_dicts_and_dataclasses_pickle() -> None:
    index = ozg_rs.zufi.Index(sorted((XML / "zufi").glob("*.xml")))
    z = index.zustaendigkeiten()
    assert z
    first = z[0]
    key = first["leikaKeys"][0]
    route = index.route(key, first["gebiete"][0]["ars"])
    assert route["matches"]
    results = [route, index.counts, index.findings, z]
    for r in results:
        assert pickle.loads(pickle.dumps(r)) == r
    report = _report()
    again = pickle.loads(pickle.dumps(report))
    assert again == report and again.to_html() == report.to_html()
