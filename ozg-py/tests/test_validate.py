"""ozg_rs.validate and ozg_rs.schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ozg_rs

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "json"


def test_schema_dicts() -> None:
    names = ozg_rs.schema_names()
    assert "dataset" in names and "rollout-entry" in names
    for name in names:
        schema = ozg_rs.schema(name)
        assert isinstance(schema, dict)
        assert "2020-12" in schema.get("$schema", "")
    with pytest.raises(ozg_rs.ArgumentError):
        ozg_rs.schema("nope")


def test_validate_objects() -> None:
    assert ozg_rs.validate({"id": "dataport", "name": "Dataport AöR"}) == []
    findings = ozg_rs.validate({"id": "x"}, kind="verwaltung")
    assert any(f.code == "schema.required" for f in findings)
    assert all(f.severity in {"error", "warning"} for f in findings)
    ds = ozg_rs.Dataset.example()
    assert not [f for f in ozg_rs.validate(ds) if f.severity == "error"]
    assert not [f for f in ozg_rs.validate(ds.to_dict(), kind="dataset") if f.severity == "error"]


def test_validate_files(tmp_path: Path) -> None:
    bad = sorted(FIXTURES.glob("bad_*.json"))
    assert bad
    for path in bad:
        assert ozg_rs.validate(path), path
        assert ozg_rs.validate(str(path)) == ozg_rs.validate(path)
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    [finding] = ozg_rs.validate(broken)
    assert finding.code == "json.syntax"
    assert ozg_rs.validate_json("{") == [finding]
    with pytest.raises(ozg_rs.OzgIOError):
        ozg_rs.validate(tmp_path / "missing.json")
    with pytest.raises(ozg_rs.ArgumentError):
        ozg_rs.validate(42)  # type: ignore[arg-type]


def test_same_verdict_as_jsonschema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = ozg_rs.schema("verwaltung")
    for doc in ({"id": "x"}, {"id": "kiel", "name": "Kiel", "kind": "kreisfreie_stadt"}):
        ours = [f for f in ozg_rs.validate(doc, kind="verwaltung") if f.code.startswith("schema.")]
        theirs = list(jsonschema.Draft202012Validator(schema).iter_errors(doc))
        assert bool(ours) == bool(theirs), (doc, ours, theirs)
    json.dumps(schema)


# --- the Python → JSON conversion, validate_many, raise_on_error ---------------------------------

ALL_FIXTURES = sorted(FIXTURES.glob("*.json"))


def _loadable() -> list[Path]:
    out = []
    for path in ALL_FIXTURES:
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        out.append(path)
    return out


def test_object_and_text_give_identical_findings() -> None:
    # the hand-written converter must feed the validator exactly what the JSON parser does
    paths = _loadable()
    assert len(paths) > 30
    for path in paths:
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert ozg_rs.validate(doc) == ozg_rs.validate(path), path
        assert ozg_rs.validate(doc, kind="dataset") == ozg_rs.validate_json(json.dumps(doc), kind="dataset"), path


def test_scalars_and_containers_convert_like_json() -> None:
    import collections
    import enum

    class Kind(str, enum.Enum):
        STADT = "kreisfreie_stadt"

    class Frozen(collections.abc.Mapping):  # type: ignore[type-arg]
        def __init__(self, data: dict) -> None:  # type: ignore[type-arg]
            self._data = data

        def __getitem__(self, key: str) -> object:
            return self._data[key]

        def __iter__(self):  # type: ignore[no-untyped-def]
            return iter(self._data)

        def __len__(self) -> int:
            return len(self._data)

    plain = {"id": "kiel", "name": "Kiel", "kind": "kreisfreie_stadt", "gemeinden": ["01002000"]}
    expected = ozg_rs.validate(plain, kind="verwaltung")
    variants = [
        collections.OrderedDict(plain),
        Frozen(plain),
        {**plain, "kind": Kind.STADT},
        {**plain, "gemeinden": ("01002000",)},
    ]
    for doc in variants:
        assert ozg_rs.validate(doc, kind="verwaltung") == expected, doc  # type: ignore[arg-type]
    # booleans stay booleans, ints stay ints, floats stay floats, None is null
    for value in (True, 1, 1.5, None, 2**63, -(2**63), [1, "a", None]):
        doc = {"id": "x", "name": value}
        assert ozg_rs.validate(doc, kind="it-provider") == ozg_rs.validate_json(
            json.dumps(doc), kind="it-provider"
        ), value


@pytest.mark.parametrize(
    ("doc", "pointer", "words"),
    [
        ({"id": {1, 2}}, '"/id"', "set"),
        ({"a": [b"x"]}, '"/a/0"', "bytes"),
        ({"a": [1, bytearray(b"x")]}, '"/a/1"', "bytes"),
        ({1: "x"}, "top level", "key of type int"),
        ({"x": {"y": float("nan")}}, '"/x/y"', "not a JSON number"),
        ({"x": float("inf")}, '"/x"', "not a JSON number"),
        ({"x": 2**64}, '"/x"', "64 bits"),
        ({"x": -(2**63) - 1}, '"/x"', "64 bits"),
        ({"x": "\ud800"}, '"/x"', "Unicode"),
        ({"a/b": {"c~d": object()}}, '"/a~1b/c~0d"', "object"),
        ({"key": ozg_rs.OzgId("00001")}, '"/key"', "OzgId"),
    ],
)
def test_unsupported_values_raise_with_pointer(doc: dict, pointer: str, words: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ozg_rs.ArgumentError) as info:
        ozg_rs.validate(doc, kind="it-provider")
    message = str(info.value)
    assert pointer in message and words in message, message
    assert isinstance(info.value, ValueError)


def test_deep_and_recursive_values_raise_instead_of_crashing() -> None:
    def nested(n: int) -> list:  # type: ignore[type-arg]
        doc: list = []  # type: ignore[type-arg]
        for _ in range(n - 1):
            doc = [doc]
        return doc

    # 127 levels are accepted (as by the JSON parser); more are refused, however deep
    assert ozg_rs.validate(nested(127), kind="it-provider")
    assert ozg_rs.validate_json(json.dumps(nested(127)), kind="it-provider")[0].code != "json.syntax"
    assert ozg_rs.validate_json(json.dumps(nested(128)), kind="it-provider")[0].code == "json.syntax"
    for depth in (128, 100_000):
        with pytest.raises(ozg_rs.ArgumentError, match="nested deeper than 127"):
            ozg_rs.validate(nested(depth), kind="it-provider")
    loop: list = []  # type: ignore[type-arg]
    loop.append(loop)
    with pytest.raises(ozg_rs.ArgumentError, match="contains itself"):
        ozg_rs.validate(loop)
    cyclic: dict = {"id": "x"}  # type: ignore[type-arg]
    cyclic["self"] = cyclic
    with pytest.raises(ozg_rs.ArgumentError):
        ozg_rs.validate(cyclic)


def test_key_cache_is_not_fooled_by_equal_looking_objects() -> None:
    # many distinct key objects cycle through the identity cache; results must not mix up
    for i in range(2000):
        key = "".join(["n", "ame"]) if i % 2 else "".join(["na", "mex"])
        doc = {"id": f"p{i}", key: "X"}
        findings = ozg_rs.validate(doc, kind="it-provider")
        assert bool(findings) == (i % 2 == 0), (i, findings)


def test_validate_many_matches_validate() -> None:
    docs: list = [json.loads(p.read_text(encoding="utf-8")) for p in _loadable()]  # type: ignore[type-arg]
    docs += [{"id": f"provider-{i}", "name": f"P {i}"} for i in range(2500)]  # crosses chunk borders
    docs += [{"id": "bad id!"}, ozg_rs.Dataset.example(), str(ALL_FIXTURES[0]), ALL_FIXTURES[-1]]
    many = ozg_rs.validate_many(docs)
    assert many == [ozg_rs.validate(d) for d in docs]
    assert ozg_rs.validate_many(iter(docs[-10:]), kind="it-provider") == [
        ozg_rs.validate(d, kind="it-provider") for d in docs[-10:]
    ]
    assert ozg_rs.validate_many([]) == []
    assert ozg_rs.validate_many(({"id": f"p{i}", "name": "n"} for i in range(3)), kind="it-provider") == [[], [], []]


def test_validate_many_names_the_bad_item() -> None:
    with pytest.raises(ozg_rs.ArgumentError, match=r"item 2: .*\"/x\""):
        ozg_rs.validate_many([{}, {}, {"x": {1}}])
    with pytest.raises(ozg_rs.ArgumentError, match="item 1"):
        ozg_rs.validate_many([{}, 42])
    with pytest.raises(TypeError):
        ozg_rs.validate_many(42)  # type: ignore[arg-type]
    with pytest.raises(ozg_rs.ArgumentError, match="unknown document kind"):
        ozg_rs.validate_many([{}], kind="nope")
    with pytest.raises(ozg_rs.OzgIOError):
        ozg_rs.validate_many([FIXTURES / "missing.json"])


def test_raise_on_error() -> None:
    assert ozg_rs.validate({"id": "dataport", "name": "Dataport AöR"}, raise_on_error=True) == []
    # warnings alone do not raise
    warned = ozg_rs.validate({"id": "od-1", "name": "X"}, kind="onlinedienst", raise_on_error=True)
    assert [f.severity for f in warned] == ["warning"]
    bad = {"id": "x"}
    with pytest.raises(ozg_rs.ValidationError) as info:
        ozg_rs.validate(bad, kind="verwaltung", raise_on_error=True)
    err = info.value
    assert isinstance(err, ozg_rs.OzgError) and isinstance(err, ValueError)
    assert err.findings == ozg_rs.validate(bad, kind="verwaltung")
    assert "2 error(s)" in str(err) and "schema.required" in str(err)
    with pytest.raises(ozg_rs.ValidationError) as info:
        ozg_rs.validate_json("{", raise_on_error=True)
    assert [f.code for f in info.value.findings] == ["json.syntax"]
    for path in sorted(FIXTURES.glob("bad_*.json")):
        with pytest.raises(ozg_rs.ValidationError):
            ozg_rs.validate(path, raise_on_error=True)
    # the exception pickles with its findings' data intact (as plain dicts)
    import pickle

    again = pickle.loads(pickle.dumps(ozg_rs.ValidationError("m", findings=[f.to_dict() for f in err.findings])))
    assert again.findings == [f.to_dict() for f in err.findings]


def test_kind_argument_cache() -> None:
    # the parse of the last kind is cached by identity; a different kind must not reuse it
    doc = {"id": "x", "name": "X"}
    assert ozg_rs.validate(doc, kind="it-provider") == []
    assert ozg_rs.validate(doc, kind="verwaltung") != []
    assert ozg_rs.validate(doc, kind="it_provider") == []
    assert ozg_rs.validate(doc, kind="IT-Provider") == []
    with pytest.raises(ozg_rs.ArgumentError):
        ozg_rs.validate(doc, kind="itprovider")
    with pytest.raises(TypeError):
        ozg_rs.validate(doc, kind=1)  # type: ignore[arg-type]
