#!/usr/bin/env python3
"""XZuFi 2.2.0 streaming read: ozg-xml next to its peers, on ONE file, in ONE run.

Usage (from the repository root):

    python3 -m venv /tmp/peers-venv
    /tmp/peers-venv/bin/pip install lxml==6.1.3 xmltodict==1.0.4
    cargo build --release -p ozg-xml --example xzufi_count
    /tmp/peers-venv/bin/python bench/xzufi_peers.py [--size-mb 100] [--repeat 3] [--file F.xml]

The input is generated with scripts/gen_xzufi.py into target/bench-data/ (not committed) unless
--file is given. Every task runs in its own child process (so peak RSS belongs to that task), is
timed by wall clock in this process (peak RSS from GNU time, `apt-get install time`), and must report the same counts as ozg-xml's typed reader:
objects per kind plus the extracted values (LeiKa references, text modules, Zuständigkeiten,
Gebiet-IDs, FIT-Connect DestinationSignatures, Onlinedienst links). The Python tasks extract the
same fields the typed reader extracts (ids, codes, texts with language, Zuständigkeit ids with
their schemeID, links) into plain dicts, one object at a time, and discard them.

xsdata is not measured: there is no XZuFi 2.2.0 XSD in this repository or in ../shared, and
xsdata needs one to generate its models.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NS = "{http://xoev.de/schemata/xzufi/2_2_0}"
OBJECTS = ("leistung", "spezialisierung", "organisationseinheit", "onlinedienst")
FIT = "urn:de:fitko:fit-connect:xzufi:destination"
COUNT_KEYS = (
    "leistung",
    "organisationseinheit",
    "onlinedienst",
    "leika_refs",
    "texte",
    "zustaendigkeiten",
    "gebiete",
    "signatures",
    "links",
)


# ------------------------------------------------------------------------------------------------
# field extraction on ElementTree-like elements (lxml and stdlib share the API)
# ------------------------------------------------------------------------------------------------


def _kids(el, name):
    # XZuFi children may be qualified or unqualified; code/name of code values are unqualified.
    return [c for c in el if c.tag == NS + name or c.tag == name]


def _kid(el, name):
    k = _kids(el, name)
    return k[0] if k else None


def _text(el):
    return "".join(el.itertext()) if el is not None else None


def _code(el):
    if el is None:
        return None
    return {"listURI": el.get("listURI"), "code": (_text(_kid(el, "code")) or "").strip()}


def _id(el):
    return {"value": (_text(el) or "").strip(), "attrs": dict(el.attrib)}


def extract_et(el, counts):
    local = el.tag[len(NS):] if el.tag.startswith(NS) else el.tag
    if local == "leistung":
        refs = [_code(c) for c in _kids(el, "referenzLeiKa")]
        texte = [
            {
                "modul": _code(_kid(m, "leikaTextmodul")),
                "inhalt": [(i.get("languageCode"), _text(i)) for i in _kids(m, "inhalt")],
            }
            for m in _kids(el, "modulText")
        ]
        struktur = _kid(el, "struktur")
        obj = {
            "id": _id(_kid(el, "id")),
            "referenzLeiKa": refs,
            "texte": texte,
            "typisierung": [_code(c) for c in _kids(el, "typisierung")],
        }
        if struktur is not None:
            v = _kid(struktur, "verrichtung")
            obj["struktur"] = {
                "leistungsobjektID": _id(_kid(struktur, "leistungsobjektID")),
                "verrichtung": _code(_kid(v, "verrichtungLeiKa")) if v is not None else None,
            }
        counts["leistung"] += 1
        counts["leika_refs"] += len(refs)
        counts["texte"] += len(texte)
    elif local == "organisationseinheit":
        name = _kid(el, "name")
        zs = []
        for z in _kids(el, "zustaendigkeit"):
            sek = [_id(i) for i in _kids(z, "idSekundaer")]
            zs.append(
                {
                    "leistungID": _id(_kid(z, "leistungID")),
                    "gebietID": [_id(g) for g in _kids(z, "gebietID")],
                    "rolle": _code(_kid(z, "rolle")),
                    "idSekundaer": sek,
                }
            )
            counts["gebiete"] += len(zs[-1]["gebietID"])
            counts["signatures"] += sum(1 for i in sek if i["attrs"].get("schemeID") == FIT)
        obj = {
            "id": _id(_kid(el, "id")),
            "name": [(n.get("languageCode"), _text(n)) for n in _kids(name, "name")] if name is not None else [],
            "zustaendigkeit": zs,
        }
        counts["organisationseinheit"] += 1
        counts["zustaendigkeiten"] += len(zs)
    elif local == "onlinedienst":
        links = []
        for li in _kids(el, "link"):
            url = _kid(li, "link")
            links.append({"typ": _code(_kid(li, "typ")), "link": _text(url).strip() if url is not None else None})
        obj = {
            "id": _id(_kid(el, "id")),
            "bezeichnung": [(b.get("languageCode"), _text(b)) for b in _kids(el, "bezeichnung")],
            "link": links,
        }
        counts["onlinedienst"] += 1
        counts["links"] += sum(1 for li in links if li["link"] is not None)
    else:
        obj = None
    return obj


def new_counts():
    return {k: 0 for k in COUNT_KEYS}


def t_lxml_iterparse(path):
    from lxml import etree

    counts = new_counts()
    tags = [NS + o for o in OBJECTS]
    for _, el in etree.iterparse(path, events=("end",), tag=tags, resolve_entities=False, no_network=True):
        extract_et(el, counts)
        el.clear(keep_tail=False)
        while el.getprevious() is not None:
            del el.getparent()[0]
    return counts


def t_stdlib_iterparse(path):
    import xml.etree.ElementTree as ET

    counts = new_counts()
    wanted = {NS + o for o in OBJECTS}
    depth = 0
    parent = None
    for ev, el in ET.iterparse(path, events=("start", "end")):
        if ev == "start":
            depth += 1
            if depth == 2:
                parent = el  # schreibe/loesche: its finished children are removed
            continue
        depth -= 1
        if depth == 2 and el.tag in wanted:
            extract_et(el, counts)
            if parent is not None:
                parent.remove(el)
    return counts


def t_xmltodict_stream(path):
    import xmltodict

    counts = new_counts()

    def as_list(v):
        if v is None:
            return []
        return v if isinstance(v, list) else [v]

    def text(v):
        if v is None:
            return None
        if isinstance(v, dict):
            return v.get("#text")
        return v

    def get(d, name):
        if not isinstance(d, dict):
            return None
        return d.get("xzufi:" + name, d.get(name))

    def cb(path_, item):
        local = path_[-1][0].split(":")[-1]
        if local == "leistung":
            refs = [text(get(c, "code")) for c in as_list(get(item, "referenzLeiKa"))]
            texte = [
                {"modul": text(get(get(m, "leikaTextmodul"), "code")), "inhalt": [text(i) for i in as_list(get(m, "inhalt"))]}
                for m in as_list(get(item, "modulText"))
            ]
            _ = {"id": text(get(item, "id")), "refs": refs, "texte": texte}
            counts["leistung"] += 1
            counts["leika_refs"] += len(refs)
            counts["texte"] += len(texte)
        elif local == "organisationseinheit":
            zs = as_list(get(item, "zustaendigkeit"))
            for z in zs:
                counts["gebiete"] += len(as_list(get(z, "gebietID")))
                counts["signatures"] += sum(
                    1 for i in as_list(get(z, "idSekundaer")) if isinstance(i, dict) and i.get("@schemeID") == FIT
                )
            counts["organisationseinheit"] += 1
            counts["zustaendigkeiten"] += len(zs)
        elif local == "onlinedienst":
            links = [get(li, "link") for li in as_list(get(item, "link"))]
            counts["onlinedienst"] += 1
            counts["links"] += sum(1 for li in links if li is not None)
        return True

    with open(path, "rb") as f:
        xmltodict.parse(f, item_depth=3, item_callback=cb, disable_entities=True)
    return counts


PY_TASKS = {
    "lxml_iterparse": t_lxml_iterparse,
    "stdlib_iterparse": t_stdlib_iterparse,
    "xmltodict_stream": t_xmltodict_stream,
}


# ------------------------------------------------------------------------------------------------
# driver
# ------------------------------------------------------------------------------------------------


def run_child(cmd):
    """Runs cmd under /usr/bin/time, returns (wall seconds, peak RSS MiB, stdout).

    The peak RSS comes from /usr/bin/time (GNU time) rather than from wait4 here: a child forked
    from this Python process would report Python's own RSS as its peak when the task is smaller.
    """
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "RSSKB %M", *cmd], capture_output=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"task failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode()}")
    rss_kb = [int(line.split()[1]) for line in p.stderr.decode().splitlines() if line.startswith("RSSKB ")]
    return wall, rss_kb[-1] / 1024, p.stdout.decode()


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--child":
        counts = PY_TASKS[sys.argv[2]](sys.argv[3])
        print(json.dumps(counts))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size-mb", type=float, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--file")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/examples/xzufi_count"))
    ap.add_argument("--skip", default="", help="comma-separated task names to leave out")
    args = ap.parse_args()
    path = args.file
    if path is None:
        path = os.path.join(ROOT, "target/bench-data", f"xzufi_{args.size_mb:g}mb.xml")
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts/gen_xzufi.py"), str(args.size_mb), path], check=True)
    if not os.path.exists(args.bin):
        sys.exit(f"{args.bin} missing: cargo build --release -p ozg-xml --example xzufi_count")
    mb = os.path.getsize(path) / 1e6
    skip = set(filter(None, args.skip.split(",")))
    tasks = [
        ("quick-xml raw events (Rust, ceiling)", "raw", [args.bin, "--raw", path]),
        ("ozg-xml typed streaming (Rust)", "rust", [args.bin, path]),
    ] + [(f"{name} (Python)", name, [sys.executable, __file__, "--child", name, path]) for name in PY_TASKS]
    rows = []
    reference = None
    for label, name, cmd in tasks:
        if name in skip:
            continue
        walls, rss, counts = [], 0.0, None
        for _ in range(args.repeat):
            wall, peak, out = run_child(cmd)
            walls.append(wall)
            rss = max(rss, peak)
            line = json.loads(out.strip().splitlines()[-1])
            counts = {k: line[k] for k in COUNT_KEYS} if name != "raw" else None
        if name == "rust":
            reference = counts
        elif counts is not None and reference is not None and counts != reference:
            sys.exit(f"{name} counted {counts}, ozg-xml counted {reference}")
        med = statistics.median(walls)
        rows.append((label, name, med, mb / med, rss))
        print(json.dumps({"task": name, "file_MB": round(mb, 1), "runs_s": [round(w, 3) for w in walls],
                          "median_s": round(med, 3), "MB_per_s": round(mb / med, 1), "peak_rss_MiB": round(rss, 1)}),
              file=sys.stderr)
    ours = next((r for r in rows if r[1] == "rust"), None)
    print(f"\nXZuFi streaming read of {path} ({mb:.1f} MB), median of {args.repeat} runs, wall clock incl. start-up\n")
    print(f"| {'reader':<40} | {'s':>7} | {'MB/s':>7} | {'peak RSS MiB':>12} | {'ozg-xml is ×':>12} |")
    print(f"|{'-' * 42}|{'-' * 9}|{'-' * 9}|{'-' * 14}|{'-' * 14}|")
    for label, name, med, rate, rss in rows:
        ratio = f"{med / ours[2]:.2f}" if ours else "-"
        print(f"| {label:<40} | {med:7.3f} | {rate:7.1f} | {rss:12.1f} | {ratio:>12} |")
    if reference:
        print("\ncounts (identical for every typed task):", json.dumps(reference))


if __name__ == "__main__":
    main()
