#!/usr/bin/env python3
"""lxml and expat on the W3C XML conformance subset of ozg-xml/tests/conformance.rs.

Usage: python3 bench/conformance_peers.py   (lxml from the current interpreter; expat is pyexpat)

Applies the same selection as the Rust test: XML 1.0, 5th edition, not NAMESPACE="no",
UTF-8/US-ASCII, TYPE valid/invalid/not-wf, documents without DOCTYPE in the prolog. Namespaces 1.0
tests count as not-wf when they break namespace well-formedness, so both peers run namespace-aware
(expat with a namespace separator). Prints one JSON line per peer: documents, not-wf, false
accepts, false rejects (with the test ids).
"""

import json
import os
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from xml.parsers import expat

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ZIP = os.path.join(ROOT, "ozg-xml", "tests", "data", "xmlts20130923.zip")


def catalogue_cases(conf):
    main = open(os.path.join(conf, "xmlconf.xml"), encoding="utf-8").read()
    subset, body = main.split("<TESTSUITE", 1)
    entities = {}
    for decl in subset.split("<!ENTITY")[1:]:
        name = decl.split()[0]
        entities[name] = decl.split('"')[1]
    cases = []
    rest = body
    while "&" in rest:
        i = rest.index("&")
        j = rest.index(";", i)
        path = os.path.join(conf, entities[rest[i + 1 : j]])
        rest = rest[j + 1 :]
        # An external entity is a fragment (several TEST elements): parse it wrapped.
        text = open(path, encoding="utf-8").read()
        if text.startswith("<?xml"):
            text = text.split("?>", 1)[1]
        walk(ET.fromstring("<TESTCASES>" + text + "</TESTCASES>"), os.path.dirname(path), cases)
    return cases


def walk(elem, base, cases):
    if elem.tag == "TESTCASES":
        b = elem.get("{http://www.w3.org/XML/1998/namespace}base")
        if b:
            base = os.path.join(base, b)
        for child in elem:
            walk(child, base, cases)
    elif elem.tag == "TEST":
        rec = elem.get("RECOMMENDATION", "")
        edition = elem.get("EDITION", "")
        if elem.get("VERSION") == "1.1" or rec == "XML1.1" or rec.startswith("NS1.1"):
            return
        if edition and "5" not in edition.split():
            return
        if elem.get("NAMESPACE") == "no":
            return
        cases.append((elem.get("ID"), elem.get("TYPE"), os.path.join(base, elem.get("URI"))))


def is_utf8(doc):
    if doc[:2] in (b"\xfe\xff", b"\xff\xfe") or doc[1:2] == b"\0":
        return False
    head = doc[:200].decode("utf-8", "replace")
    head = head[1:] if head.startswith("\ufeff") else head
    if not head.startswith("<?xml"):
        return True
    decl = head[5:].split("?>")[0]
    if "encoding" not in decl:
        return True
    value = decl.split("encoding", 1)[1].lstrip(" =\t\r\n").lstrip("\"'")
    value = value.split('"')[0].split("'")[0].lower()
    return value in ("utf-8", "utf8", "us-ascii", "ascii")


def has_doctype(doc):
    rest = doc[3:] if doc.startswith(b"\xef\xbb\xbf") else doc
    while True:
        rest = rest.lstrip(b" \t\r\n")
        if rest.startswith(b"<!--"):
            close = b"-->"
        elif rest.startswith(b"<?"):
            close = b"?>"
        else:
            return rest.startswith(b"<!DOCTYPE")
        i = rest.find(close, 2)
        if i < 0:
            return False
        rest = rest[i + len(close) :]


def lxml_ok(doc):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        etree.fromstring(doc, parser)
        return True
    except etree.XMLSyntaxError:
        return False


def expat_ok(doc):
    p = expat.ParserCreate(namespace_separator=" ")
    try:
        p.Parse(doc, True)
        return True
    except expat.ExpatError:
        return False


def main():
    with tempfile.TemporaryDirectory() as tmp:
        zipfile.ZipFile(ZIP).extractall(tmp)
        conf = os.path.join(tmp, "xmlconf")
        selected = []
        for cid, kind, path in catalogue_cases(conf):
            if kind not in ("valid", "invalid", "not-wf"):
                continue
            doc = open(path, "rb").read()
            if not is_utf8(doc) or has_doctype(doc):
                continue
            selected.append((cid, kind, doc))
        peers = [("expat", expat_ok)]
        try:
            import lxml  # noqa: F401

            peers.insert(0, ("lxml", lxml_ok))
        except ImportError:
            print("lxml not installed: pip install lxml", file=sys.stderr)
        for name, ok in peers:
            fa, fr = [], []
            for cid, kind, doc in selected:
                accepted = ok(doc)
                if kind == "not-wf" and accepted:
                    fa.append(cid)
                if kind != "not-wf" and not accepted:
                    fr.append(cid)
            print(json.dumps({
                "peer": name,
                "documents": len(selected),
                "not_wf": sum(1 for c in selected if c[1] == "not-wf"),
                "false_accepts": len(fa),
                "false_rejects": len(fr),
                "false_accept_ids": fa,
                "false_reject_ids": fr,
            }))


if __name__ == "__main__":
    main()
