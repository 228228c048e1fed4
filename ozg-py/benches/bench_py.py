#!/usr/bin/env python3
"""Python benchmark of ozg against the peers of ../shared/bench/peers (same input, same timer).

Usage:
    python ozg-py/benches/bench_py.py xml  FILE.xml [--repeat=3]   # XZuFi-shaped file from scripts/gen_xzufi.py
    python ozg-py/benches/bench_py.py json [--n=20000] [--repeat=5]

xml:  ozg_rs.xzufi.read (typed objects, LeiKa keys parsed) vs lxml iterparse (clear as you go),
      xmltodict streaming (item_depth=3) and xsdata (hand-written dataclasses covering the fields the
      typed ozg reader extracts from leistung, organisationseinheit and onlinedienst).
json: ozg_rs.validate (JSON Schema + semantic rules) per object and ozg_rs.validate_many (one call for all)
      vs jsonschema and jsonschema-rs (schema only), per small object (an IT provider record), using
      ozg_rs.schema("it-provider") for the peers.
Peers that are not installed are reported as skipped. Prints one JSON line per task.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

import ozg_rs
import ozg_rs.xzufi

NS = "{http://xoev.de/schemata/xzufi/2_2_0}"


# xsdata models (module level: xsdata resolves the annotations by name). They map every element and
# attribute the typed ozg reader extracts from the three object kinds of the generated file
# (Leistung: id, referenzLeiKa, modulText, struktur, typisierung; Organisationseinheit: id, name,
# zustaendigkeit with leistungID/gebietID/rolle/idSekundaer; Onlinedienst: id, bezeichnung, link),
# so both sides build objects for the same content. Elements ozg keeps as raw (unknown) elements,
# e.g. versionsinformation, are skipped by xsdata here (fail_on_unknown_properties=False).
XS_NS = "http://xoev.de/schemata/xzufi/2_2_0"


def _el(name: Optional[str] = None, ns: str = XS_NS, **kw: object) -> Dict[str, object]:
    md: Dict[str, object] = {"type": "Element", "namespace": ns}
    if name:
        md["name"] = name
    md.update(kw)
    return md


def _attr(name: str, ns: Optional[str] = None) -> Dict[str, object]:
    md: Dict[str, object] = {"type": "Attribute", "name": name}
    if ns:
        md["namespace"] = ns
    return md


@dataclass
class Code:
    code: Optional[str] = field(default=None, metadata=_el(ns=""))
    list_uri: Optional[str] = field(default=None, metadata=_attr("listURI"))
    list_version_id: Optional[str] = field(default=None, metadata=_attr("listVersionID"))


@dataclass
class Text:
    value: str = field(default="", metadata={"type": "Text"})
    language_code: Optional[str] = field(default=None, metadata=_attr("languageCode"))


@dataclass
class Id:
    value: str = field(default="", metadata={"type": "Text"})
    scheme_id: Optional[str] = field(default=None, metadata=_attr("schemeID"))
    scheme_agency_id: Optional[str] = field(default=None, metadata=_attr("schemeAgencyId"))


@dataclass
class ModulText:
    leika_textmodul: Optional[Code] = field(default=None, metadata=_el("leikaTextmodul"))
    inhalt: List[Text] = field(default_factory=list, metadata=_el())


@dataclass
class Verrichtung:
    verrichtung_lei_ka: Optional[Code] = field(default=None, metadata=_el("verrichtungLeiKa"))


@dataclass
class Struktur:
    type: Optional[str] = field(
        default=None, metadata=_attr("type", "http://www.w3.org/2001/XMLSchema-instance")
    )
    leistungsobjekt_id: Optional[str] = field(default=None, metadata=_el("leistungsobjektID"))
    verrichtung: Optional[Verrichtung] = field(default=None, metadata=_el())


@dataclass
class Leistung:
    id: Optional[str] = field(default=None, metadata=_el())
    referenz_lei_ka: List[Code] = field(default_factory=list, metadata=_el("referenzLeiKa"))
    modul_text: List[ModulText] = field(default_factory=list, metadata=_el("modulText"))
    struktur: Optional[Struktur] = field(default=None, metadata=_el())
    typisierung: List[Code] = field(default_factory=list, metadata=_el())


@dataclass
class Names:
    name: List[Text] = field(default_factory=list, metadata=_el())


@dataclass
class Zustaendigkeit:
    leistung_id: Optional[str] = field(default=None, metadata=_el("leistungID"))
    gebiet_id: List[str] = field(default_factory=list, metadata=_el("gebietID"))
    rolle: Optional[Code] = field(default=None, metadata=_el())
    id_sekundaer: List[Id] = field(default_factory=list, metadata=_el("idSekundaer"))


@dataclass
class Organisationseinheit:
    id: Optional[str] = field(default=None, metadata=_el())
    name: Optional[Names] = field(default=None, metadata=_el())
    zustaendigkeit: List[Zustaendigkeit] = field(default_factory=list, metadata=_el())


@dataclass
class Link:
    typ: Optional[Code] = field(default=None, metadata=_el())
    link: Optional[str] = field(default=None, metadata=_el())


@dataclass
class Onlinedienst:
    id: Optional[str] = field(default=None, metadata=_el())
    bezeichnung: List[Text] = field(default_factory=list, metadata=_el())
    link: List[Link] = field(default_factory=list, metadata=_el())


@dataclass
class Schreibe:
    leistung: List[Leistung] = field(default_factory=list, metadata=_el())
    organisationseinheit: List[Organisationseinheit] = field(default_factory=list, metadata=_el())
    onlinedienst: List[Onlinedienst] = field(default_factory=list, metadata=_el())


@dataclass
class Message:
    class Meta:
        namespace = XS_NS

    schreibe: List[Schreibe] = field(default_factory=list, metadata=_el())


def timed(fn: Callable[[], int], repeat: int) -> Dict[str, object]:
    runs = []
    count = 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = fn()
        runs.append(time.perf_counter() - start)
    return {"count": count, "runs": runs, "median": statistics.median(runs)}


def xml_tasks(path: str) -> Dict[str, Callable[[], int]]:
    def t_ozg_xzufi_read() -> int:
        n = 0
        for obj in ozg_rs.xzufi.read(path):
            if obj.kind == "leistung":
                obj.leika_keys  # typed: LeiKa keys parsed and checked
                n += 1
        return n

    def t_lxml_iterparse() -> int:
        from lxml import etree

        n = 0
        for _, el in etree.iterparse(path, events=("end",), tag=NS + "leistung"):
            n += 1
            el.clear(keep_tail=False)
            while el.getprevious() is not None:
                del el.getparent()[0]
        return n

    def t_xmltodict_stream() -> int:
        import xmltodict

        count = [0]

        def cb(_path: object, item: object) -> bool:
            count[0] += 1
            return True

        with open(path, "rb") as f:
            xmltodict.parse(f, item_depth=3, item_callback=cb)
        return count[0]

    def t_xsdata_parse() -> int:
        from xsdata.formats.dataclass.parsers import XmlParser
        from xsdata.formats.dataclass.parsers.config import ParserConfig
        from xsdata.formats.dataclass.parsers.handlers import LxmlEventHandler

        from lxml import etree

        root_name = etree.QName(next(etree.iterparse(path, events=("start",)))[1]).localname
        Message.Meta.name = root_name  # type: ignore[attr-defined]
        parser = XmlParser(config=ParserConfig(fail_on_unknown_properties=False), handler=LxmlEventHandler)
        msg = parser.parse(path, Message)
        return sum(len(s.leistung) for s in msg.schreibe)

    return {k[2:]: v for k, v in locals().items() if k.startswith("t_")}


def json_tasks(n: int) -> Dict[str, Callable[[], int]]:
    docs = [{"id": f"provider-{i}", "name": f"IT-Dienstleister {i}", "url": f"https://example.org/{i}"} for i in range(n)]
    schema = ozg_rs.schema("it-provider")

    def t_ozg_validate() -> int:
        return sum(1 for d in docs if not ozg_rs.validate(d, kind="it-provider"))

    def t_ozg_validate_many() -> int:
        return sum(1 for f in ozg_rs.validate_many(docs, kind="it-provider") if not f)

    def t_jsonschema() -> int:
        import jsonschema

        v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        return sum(1 for d in docs if v.is_valid(d))

    def t_jsonschema_rs() -> int:
        import jsonschema_rs

        v = jsonschema_rs.validator_for(schema)
        return sum(1 for d in docs if v.is_valid(d))

    return {k[2:]: v for k, v in locals().items() if k.startswith("t_")}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    mode = args[0] if args else "json"
    repeat = int(opts.get("repeat", "3"))
    if mode == "xml":
        path = args[1]
        mb = os.path.getsize(path) / 1e6
        for name, fn in xml_tasks(path).items():
            try:
                r = timed(fn, repeat)
            except Exception as e:  # a missing or failing peer must not hide the other figures
                print(json.dumps({"task": name, "skipped": f"{type(e).__name__}: {e}"}))
                continue
            print(json.dumps({"task": name, "mb": round(mb, 2), "count": r["count"], "median_s": round(r["median"], 4),
                              "mb_per_s": round(mb / r["median"], 2)}))
    else:
        n = int(opts.get("n", "20000"))
        for name, fn in json_tasks(n).items():
            try:
                r = timed(fn, repeat)
            except Exception as e:  # a missing or failing peer must not hide the other figures
                print(json.dumps({"task": name, "skipped": f"{type(e).__name__}: {e}"}))
                continue
            print(json.dumps({"task": name, "objects": n, "valid": r["count"], "median_s": round(r["median"], 4),
                              "us_per_object": round(r["median"] / n * 1e6, 3)}))


if __name__ == "__main__":
    main()
