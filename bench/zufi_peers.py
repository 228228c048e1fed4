#!/usr/bin/env python3
"""Zuständigkeit index from an XZuFi export: ozg next to the same job in Python over lxml iterparse.

Usage (from the repository root):

    cargo build --release -p ozg-xml --example zufi_index
    python3 -m venv /tmp/peers-venv && /tmp/peers-venv/bin/pip install lxml==6.1.3
    /tmp/peers-venv/bin/python bench/zufi_peers.py [--size-mb 1024] [--file F.xml]

The input is generated at bench time with scripts/gen_xzufi.py into target/bench-data/ (never
committed) unless --file is given. Each task runs in its own child process and reports its peak RSS:

- ``read``: ozg-xml's plain typed streaming read of every object (the baseline of the 0.5× bar);
- ``index``: ozg-xml's index build (``build_index``: join leistungID → LeiKa keys, Gebiete as ARS
  prefixes, signature claims decoded, postings for route queries);
- ``lxml``: the same job in Python: iterparse, per ``leistung`` its id and LeiKa keys, per
  ``zustaendigkeit`` unit id/name, leistungID, Gebiete (URN or schemeID spelling, padded keys
  normalised), rolle, the DestinationSignature's destinationId decoded; then a dict
  ``(leika, prefix) → [records]`` for route queries; elements cleared as it goes.

Bytes per Zuständigkeit = (peak RSS of ``index`` − peak RSS of ``read``) / Zuständigkeiten.
"""

import argparse
import base64
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NS = "{http://xoev.de/schemata/xzufi/2_2_0}"
RS = "urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:rs"
LEIKA = "urn:de:fim:leika:leistung:"
FIT = "urn:de:fitko:fit-connect:xzufi:destination"


def normalise(digits):
    d = digits
    for n in (2, 3, 5, 9):
        if len(d) >= n and set(d[n:]) <= {"0"}:
            return d[:n]
    return d


def lxml_index(path):
    from lxml import etree

    start = time.perf_counter()
    leistungen = {}
    records = []
    units = {}
    for _, el in etree.iterparse(path, events=("end",), tag=(NS + "leistung", NS + "organisationseinheit")):
        if el.getparent() is None or el.getparent().tag != NS + "schreibe":
            continue
        if el.tag == NS + "leistung":
            lid = el.findtext(NS + "id")
            keys = [c.findtext("code").strip() for c in el.findall(NS + "referenzLeiKa")]
            leistungen[lid] = keys
        else:
            uid = el.findtext(NS + "id")
            name = el.findtext(NS + "name/" + NS + "name")
            unit = units.setdefault((uid, name), (uid, name))
            for z in el.findall(NS + "zustaendigkeit"):
                lid = (z.findtext(NS + "leistungID") or "").strip()
                gebiete = []
                for g in z.findall(NS + "gebietID"):
                    v = (g.text or "").strip()
                    if v.startswith(RS + ":"):
                        v = v[len(RS) + 1 :]
                    elif g.get("schemeID") != RS:
                        continue
                    gebiete.append(normalise(v))
                rolle = z.findtext(NS + "rolle/code")
                dest = None
                for s in z.findall(NS + "idSekundaer"):
                    if s.get("schemeID") == FIT:
                        payload = s.text.strip().split(".")[1]
                        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
                        dest = claims.get("destinationId")
                records.append((unit, sys.intern(lid), tuple(gebiete), rolle, dest))
        el.clear()
        while el.getprevious() is not None:
            del el.getparent()[0]
    postings = {}
    for i, (unit, lid, gebiete, rolle, dest) in enumerate(records):
        keys = [lid[len(LEIKA) :]] if lid.startswith(LEIKA) else leistungen.get(lid, [])
        for k in keys:
            for g in gebiete:
                postings.setdefault((k, g), []).append(i)
    secs = time.perf_counter() - start
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"mode": "lxml", "seconds": round(secs, 3), "zustaendigkeiten": len(records), "peak_rss_kib": rss}


def run(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--file")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(lxml_index(args.child)))
        return
    path = args.file
    if not path:
        os.makedirs(os.path.join(ROOT, "target", "bench-data"), exist_ok=True)
        path = os.path.join(ROOT, "target", "bench-data", f"xzufi_{args.size_mb}mb.xml")
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_xzufi.py"), str(args.size_mb), path], check=True)
    exe = os.path.join(ROOT, "target", "release", "examples", "zufi_index")
    read = run([exe, "read", path])
    index = run([exe, "index", path])
    lx = run([sys.executable, os.path.abspath(__file__), "--child", path])
    size = os.path.getsize(path)
    for r in (read, index, lx):
        r["mib_per_s"] = round(size / 1048576 / r["seconds"], 1)
        print(json.dumps(r))
    z = index["zustaendigkeiten"]
    print(
        json.dumps(
            {
                "file_mib": round(size / 1048576, 1),
                "zustaendigkeiten": z,
                "index_vs_typed_read": round(read["seconds"] / index["seconds"], 2),
                "index_vs_lxml": round(lx["seconds"] / index["seconds"], 2),
                "bytes_per_zustaendigkeit": round((index["peak_rss_kib"] - read["peak_rss_kib"]) * 1024 / max(z, 1), 1),
                "lxml_bytes_per_zustaendigkeit": round((lx["peak_rss_kib"]) * 1024 / max(z, 1), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
