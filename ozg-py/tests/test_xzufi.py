"""ozg_rs.xzufi.read: streaming XZuFi 2.2.0 from Python."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

import ozg_rs
import ozg_rs.xzufi

XML = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "xml"


def test_read_fixture() -> None:
    path = XML / "xzufi_2_2_schreibe.xml"
    reader = ozg_rs.xzufi.read(path)
    assert reader.xzufi_version == "2.2.0"
    objects = list(reader)
    leistungen = [o for o in objects if o.kind == "leistung"]
    assert len(leistungen) >= 2
    for l in leistungen:
        assert l.leika_keys and all(isinstance(k, ozg_rs.LeikaKey) for k in l.leika_keys)
        d = l.to_dict()
        assert d["kind"] == "leistung" and d["id"]["value"] == l.id
    assert list(reader) == []  # exhausted
    assert "XzufiObject(kind=" in repr(objects[0])


def test_not_well_formed(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text(
        '<?xml version="1.0"?>\n<x:m xmlns:x="http://xoev.de/schemata/xzufi/2_2_0" xzufiVersion="2.2.0">\n<x:schreibe><x:leistung></x:schreibe>',
        encoding="utf-8",
    )
    with pytest.raises(ozg_rs.XmlSyntaxError) as info:
        list(ozg_rs.xzufi.read(bad))
    assert info.value.line is not None and info.value.line >= 3
    assert info.value.column is not None


def test_doctype_rejected(tmp_path: Path) -> None:
    evil = tmp_path / "evil.xml"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', encoding="utf-8")
    with pytest.raises(ozg_rs.XmlSyntaxError) as info:
        ozg_rs.xzufi.read(evil)
    assert (info.value.line, info.value.column) == (1, 22)


def test_wrong_root_and_io(tmp_path: Path) -> None:
    other = tmp_path / "other.xml"
    other.write_text("<root/>", encoding="utf-8")
    with pytest.raises(ozg_rs.XmlSyntaxError):
        ozg_rs.xzufi.read(other)
    with pytest.raises(ozg_rs.OzgIOError):
        ozg_rs.xzufi.read(tmp_path / "missing.xml")


@pytest.mark.parametrize("data", [b"", b"\x00\xff\xfe", b"<", b"<?xml version='1.0'?><a", b"\xef\xbb\xbf" * 3])
def test_garbage_never_crashes(tmp_path: Path, data: bytes) -> None:
    p = tmp_path / "g.xml"
    p.write_bytes(data)
    with pytest.raises(ozg_rs.OzgError):
        list(ozg_rs.xzufi.read(p))


def test_other_threads_run_while_parsing() -> None:
    path = XML / "xzufi_2_2_schreibe.xml"
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(len(list(ozg_rs.xzufi.read(path))))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and results[0] > 0
