"""Python conventions (docs/ARCHITECTURE.md, "Python conventions"): pickling and deepcopy of every model
class, container protocols of the catalogue, readable repr, a reader shared by threads, OSError with the
real reason, encoding errors that say where."""

from __future__ import annotations

import copy
import errno
import math
import pickle
import threading
from pathlib import Path
from typing import Any, List

import pytest

import ozg_rs
import ozg_rs.xzufi

ROOT = Path(__file__).resolve().parents[2]
XML = ROOT / "tests" / "fixtures" / "xml"


def _models() -> List[Any]:
    """One instance of every model class that has a serde form."""
    cat = ozg_rs.catalogue()
    ds = ozg_rs.Dataset.example()
    broken = ds.to_dict()
    broken["rollout"][0]["verwaltung"] = "gibt-es-nicht"
    findings = ozg_rs.Dataset.from_dict(broken).check()
    assert findings, "the broken example must have findings"
    leistung = cat.leistung("10000")
    assert leistung is not None
    return [
        ds,
        ds.agreements[0],
        ds.rollout[0],
        findings[0],
        leistung,
        cat.leika_of("10000")[0],
        cat.lagen()[0],
        ozg_rs.OzgId("10000"),
        ozg_rs.LeikaKey("99041006017000"),
        ozg_rs.Ags("01002000"),
        ozg_rs.Themenfeld("familie_kind"),
        ozg_rs.Reifegrad.v1(3),
    ]


@pytest.mark.parametrize("obj", _models(), ids=lambda o: type(o).__name__)
def test_pickle_and_deepcopy_give_an_equal_object(obj: Any) -> None:
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(obj, protocol=protocol))
        assert type(again) is type(obj)
        assert again == obj
    assert copy.deepcopy(obj) == obj
    assert copy.copy(obj) == obj
    if hasattr(obj, "to_dict"):
        assert pickle.loads(pickle.dumps(obj)).to_dict() == obj.to_dict()


def test_deepcopy_of_a_mutable_model_is_independent() -> None:
    entry = ozg_rs.Dataset.example().rollout[0]
    clone = copy.deepcopy(entry)
    assert clone == entry
    status = entry.status
    target = "withdrawn" if status != "withdrawn" else "ordered"
    clone.transition(target, "2099-01-01")
    assert entry.status == status and clone.status == target


def test_catalogue_pickles_embedded_by_reference_and_others_by_content(tmp_path: Path) -> None:
    cat = ozg_rs.catalogue()
    again = pickle.loads(pickle.dumps(cat))
    assert len(again) == len(cat) and again.meta == cat.meta
    assert len(pickle.dumps(cat)) < 200  # the embedded one is a reference, not 5,000 rows
    path = tmp_path / "cat.json"
    path.write_text(cat.to_json(), encoding="utf-8")
    own = ozg_rs.Catalogue.from_path(path)
    copied = copy.deepcopy(own)
    assert copied.to_json() == own.to_json()


def test_catalogue_container_protocols() -> None:
    cat = ozg_rs.catalogue()
    assert len(cat) == 557 == len(cat.leistungen())
    items = list(cat)
    assert all(isinstance(x, ozg_rs.OzgLeistung) for x in items)
    assert [x.id for x in items] == [x.id for x in cat.leistungen()]
    assert ozg_rs.OzgId("10000") in cat
    assert "10000" in cat
    assert ozg_rs.LeikaKey("99041006017000") in cat
    assert "99041006017000" in cat
    assert ozg_rs.ServiceRef("10000") in cat
    assert ozg_rs.OzgId("99999") not in cat
    assert "not an id" not in cat
    assert 10000 not in cat


def test_repr_is_python_not_rust() -> None:
    ds = ozg_rs.Dataset.example()
    r = repr(ds)
    assert "Some(" not in r and "None(" not in r
    assert r.startswith("Dataset(title='") or r.startswith("Dataset(title=None"), r
    assert repr(ozg_rs.Dataset()).startswith("Dataset(title=None,")
    leistung = ozg_rs.catalogue().leistung("10000")
    assert repr(leistung) == "OzgLeistung(id='10000', name='Elterngeld')"
    for obj in _models():
        text = repr(obj)
        assert "Some(" not in text and '\\"' not in text, text


def test_a_reader_shared_by_8_threads_returns_every_object_once(tmp_path: Path) -> None:
    message = (XML / "xzufi_2_2_schreibe.xml").read_text(encoding="utf-8")
    start = message.index("<xzufi:leistung>")
    end = message.index("</xzufi:leistung>", start) + len("</xzufi:leistung>")
    big = message[:start] + message[start:end] * 3000 + message[end:]
    path = tmp_path / "big.xml"
    path.write_text(big, encoding="utf-8")
    expected = sum(1 for _ in ozg_rs.xzufi.read(path))
    assert expected > 3000

    reader = ozg_rs.xzufi.read(path)
    counts = [0] * 8
    errors: List[BaseException] = []

    def work(i: int) -> None:
        try:
            for _ in reader:
                counts[i] += 1
        except BaseException as e:  # noqa: BLE001 - the test reports any error
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(counts) == expected


def test_missing_file_is_file_not_found_with_errno_and_filename(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(FileNotFoundError) as info:
        ozg_rs.load(missing)
    e = info.value
    assert isinstance(e, ozg_rs.OzgIOError) and isinstance(e, ozg_rs.OzgError)
    assert e.errno == errno.ENOENT
    assert e.strerror and "No such file" in e.strerror
    assert e.filename == str(missing)
    assert str(e) == f"[Errno {errno.ENOENT}] {e.strerror}: {str(missing)!r}"
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is type(e) and (again.errno, again.filename) == (e.errno, e.filename)
    for call in (ozg_rs.Catalogue.from_path, lambda p: ozg_rs.xzufi.read(p)):
        with pytest.raises(FileNotFoundError) as other:
            call(missing)
        assert other.value.errno == errno.ENOENT and other.value.filename == str(missing)


def test_directory_is_an_oserror_with_its_reason(tmp_path: Path) -> None:
    with pytest.raises(OSError) as info:
        ozg_rs.load(tmp_path)
    e = info.value
    assert isinstance(e, ozg_rs.OzgIOError)
    assert e.errno == errno.EISDIR and isinstance(e, IsADirectoryError)
    assert e.filename == str(tmp_path) and e.strerror


def test_non_utf8_file_says_where(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{\n  "title": "Gro\u00df"\n}\n'.encode("latin-1"))
    for call in (ozg_rs.load, ozg_rs.Catalogue.from_path):
        with pytest.raises(ozg_rs.EncodingError) as info:
            call(path)
        e = info.value
        assert isinstance(e, UnicodeError) and isinstance(e, ValueError)
        assert (e.line, e.column, e.offset) == (2, 16, 17)
        assert e.filename == str(path)
        assert str(path) in str(e) and "line 2, column 16" in str(e) and "0xdf" in str(e)
        again = pickle.loads(pickle.dumps(e))
        assert (again.line, again.column, str(again)) == (e.line, e.column, str(e))


def test_from_dict_refuses_nan_like_validate() -> None:
    d = ozg_rs.Dataset.example().to_dict()
    d["title"] = math.nan
    with pytest.raises(ozg_rs.ArgumentError) as from_dict:
        ozg_rs.Dataset.from_dict(d)
    with pytest.raises(ozg_rs.ArgumentError) as validate:
        ozg_rs.validate(d, kind="dataset")
    assert str(from_dict.value) == str(validate.value)
    assert '"/title"' in str(from_dict.value)


def test_from_dict_error_names_the_pointer_not_a_json_text_position() -> None:
    d = ozg_rs.Dataset.example().to_dict()
    d["rollout"][1]["status"] = "bogus"
    with pytest.raises(ozg_rs.ParseError) as info:
        ozg_rs.Dataset.from_dict(d)
    assert info.value.pointer == "/rollout/1/status"
    assert "line 1 column" not in str(info.value)
    assert info.value.line is None
