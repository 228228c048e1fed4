"""ozg_rs.xzufi: what the model does not cover is kept and visible in the dict form (issue 13)."""

from __future__ import annotations

from pathlib import Path

import ozg_rs.xzufi

XML = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "xml"


def test_code_and_wrapper_attributes_are_in_the_dict_form() -> None:
    objects = list(ozg_rs.xzufi.read(XML / "xzufi_unknown_attributes.xml"))
    kinds = [o.kind for o in objects]
    # The first schreibe carries an attribute and the second loesche follows a loesche: those
    # boundaries are objects of kind "operation" (the writer would merge or strip them).
    assert kinds[0] == "operation" and kinds.count("operation") == 2
    first = objects[0].to_dict()
    assert first == {
        "kind": "operation",
        "operation": "schreibe",
        "otherAttributes": [
            {"namespace": "urn:example:ozg-test-extension", "name": "operation", "value": "1"}
        ],
    }
    leistung = objects[1].to_dict()
    ref = leistung["referenzLeiKa"][0]
    assert ref["code"] == "99107023017000" and ref["listURI"] == "urn:de:fim:leika:leistung"
    assert ref["codeAttributes"] == [
        {"namespace": "urn:example:ozg-test-extension", "name": "geprueft", "value": "ja"}
    ]
    wrapper = leistung["struktur"]["verrichtungWrapper"]
    assert wrapper["unknown"][0]["name"] == "verrichtungHinweis"
    assert leistung["struktur"]["verrichtung"]["code"] == "017"


def test_plain_code_values_keep_the_xoev_code_spelling() -> None:
    objects = list(ozg_rs.xzufi.read(XML / "xzufi_2_2_schreibe.xml"))
    assert "operation" not in [o.kind for o in objects]
    typ = objects[0].to_dict()["typisierung"][0]
    assert typ == {"listURI": "urn:de:fim:leika:typisierung", "code": "2/3"}


def test_objects_with_kept_extras_pickle_to_equal_objects() -> None:
    import pickle

    objects = list(ozg_rs.xzufi.read(XML / "xzufi_unknown_attributes.xml"))
    for o in objects:
        again = pickle.loads(pickle.dumps(o))
        assert again == o and again.to_dict() == o.to_dict()
