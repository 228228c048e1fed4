#!/usr/bin/env python3
"""Python benchmark of ozg against the peers of ../shared/bench/peers (same input, same timer).

Usage:
    python ozg-py/benches/bench_py.py xml  FILE.xml [--repeat=3]   # XZuFi-shaped file from scripts/gen_xzufi.py
    python ozg-py/benches/bench_py.py json [--n=20000] [--repeat=5]

xml:  ozg.xzufi.read (typed objects, LeiKa keys parsed) vs lxml iterparse (clear as you go),
      xmltodict streaming (item_depth=3) and xsdata (hand-written dataclasses for the leistung subset).
json: ozg.validate (JSON Schema + semantic rules) and a schema-only check vs jsonschema and jsonschema-rs,
      per small object (an IT provider record), using ozg.schema("it-provider") for the peers.
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

import ozg
import ozg.xzufi

NS = "{http://xoev.de/schemata/xzufi/2_2_0}"


# xsdata models (module level: xsdata resolves the annotations by name) for the leistung subset
XS_NS = "http://xoev.de/schemata/xzufi/2_2_0"

@dataclass
class Code:
    code: Optional[str] = field(default=None, metadata={"type": "Element", "namespace": ""})

@dataclass
class Leistung:
    class Meta:
        name = "leistung"
        namespace = XS_NS

    id: Optional[str] = field(default=None, metadata={"type": "Element", "namespace": XS_NS})
    referenz_lei_ka: List[Code] = field(
        default_factory=list, metadata={"name": "referenzLeiKa", "type": "Element", "namespace": XS_NS}
    )

@dataclass
class Schreibe:
    class Meta:
        name = "schreibe"
        namespace = XS_NS

    leistung: List[Leistung] = field(default_factory=list, metadata={"type": "Element", "namespace": XS_NS})

@dataclass
class Message:
    class Meta:
        namespace = XS_NS

    schreibe: List[Schreibe] = field(default_factory=list, metadata={"type": "Element", "namespace": XS_NS})



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
        for obj in ozg.xzufi.read(path):
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
    schema = ozg.schema("it-provider")

    def t_ozg_validate() -> int:
        return sum(1 for d in docs if not ozg.validate(d, kind="it-provider"))

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
